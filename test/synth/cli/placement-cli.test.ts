import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE, projectWith } from '../../helpers/cli';

/**
 * The four placement mistakes of issue 8, made in a copy of the example the way a user would make
 * them, reach the user as diagnostics at their own lines — through the real CLI, never as an
 * exception, and with nothing written.
 */
describe('placement mistakes through epl synth', () => {
  it('reports a port clash, memory over a server, too few servers and two instances on one server at their lines', async () => {
    const example = fs.readFileSync(EXAMPLE, 'utf8').replace(/^export default app;\n?/m, '');
    const lines = example.split('\n').length;
    const added = [
      // The wiring every deployment of hello-world needs, so only the placement mistakes remain.
      'const wiring = { pgShards: { default: testdbA }, buckets: { storage: buckets.app1 }, streams: { some_test_stream_producer: streams.someOutputStream, some_test_stream_consumer: streams.someTestStream, simple_msg_stream: streams.chdbASink } };',
      "new BackendDeployment(usWest, 'clash', {", // +2
      '  application: helloWorld,',
      '  ...wiring,',
      '  httpPort: 5432,', // +5: the port testdb's Postgres holds on server-a..c
      '});',
      "new BackendDeployment(usWest, 'crowd', {", // +7
      '  application: helloWorld,',
      '  ...wiring,',
      '  httpPort: 7400,',
      '  count: 5,', // +11: four servers
      '});',
      "new BackendDeployment(usWest, 'heavy', {", // +13
      '  application: helloWorld,',
      '  ...wiring,',
      '  httpPort: 7401,',
      '  memoryMb: 9000,', // +17: more than a server of 8192 MiB
      '});',
      "new PgDeployment(usWest, 'twice', {", // +19
      '  instancePgPort: 6432,',
      "  instances: [serverA.rootVolume('tw1'), serverA.rootVolume('tw2')],", // +21
      '});',
      'export default app;',
    ];
    const p = projectWith(`${example}\n${added.join('\n')}\n`);
    const run = await cli(['synth', '--json', '--no-typecheck', '--out', 'out'], p.dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(`${p.dir}/out`)).toBe(false);
    const found = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; severity: string; message: string; location?: { file: string; line: number } }> }).diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code}@${(d.location?.line ?? 0) - lines}`);
    expect(found.sort()).toEqual(
      ['placement/port-used-twice@5', 'placement/not-enough-servers@11', 'placement/stateless-memory-exceeded@17', 'placement/server-locked-twice@21'].sort(),
    );
  }, 120_000);
});
