import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import app, { testdbDeployment } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { haproxyCfg, patroniYml, pgInstances } from '../../synth/components/postgres';
import { asRoot, hasTool, runTool } from '../helpers/tools';

/**
 * The Postgres instances' config files of examples/single-dc's `testdb` deployment, checked by the
 * real tools: `haproxy -c` and `patroni --validate-config` (Debian's haproxy and patroni).
 */

const model = buildModel(app);
const instances = pgInstances(model, testdbDeployment);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-pg-configs-'));

/**
 * Renders a consul-template template as Nomad would, for the reads these files make: every
 * `{{ with secret "P" }}{{ .Data.data.F | FN }}{{ end }}` becomes a test value for field F put
 * through FN (`toJSON` quotes it as JSON, `urlquery` URL-encodes it). Any other `{{ ... }}` is
 * left in place, so an unexpected expression fails the validators instead of passing unseen.
 * The test values hold the characters that break naive quoting.
 */
function renderTemplate(text: string): string {
  return text.replace(/\{\{ with secret "([^"]+)" \}\}\{\{ \.Data\.data\.([a-z_]+)(?: \| (toJSON|urlquery))? \}\}\{\{ end \}\}/g, (_, p: string, field: string, fn?: string) => {
    const value = `test-${field}-"quoted"\\:#{}`;
    expect(p).toMatch(/^epl\/data\/system\/pg-testdb\//);
    return fn === 'toJSON' ? JSON.stringify(value) : fn === 'urlquery' ? encodeURIComponent(value) : value;
  });
}

describe('Postgres instance configs of examples/single-dc', () => {
  it('renders a config per instance with every Vault read replaced', () => {
    expect(instances.map((i) => i.name)).toEqual(['pg-1', 'pg-2', 'pg-3']);
    for (const i of instances) {
      const rendered = renderTemplate(patroniYml(testdbDeployment, i));
      expect(rendered).not.toContain('{{');
      const config = parse(rendered, { version: '1.1' });
      expect(config.postgresql.authentication.superuser.password).toBe('test-superuser_password-"quoted"\\:#{}');
      expect(config.restapi.authentication.password).toBe('test-patroni_api_password-"quoted"\\:#{}');
      expect(config.consul.token).toBe('test-consul_token-"quoted"\\:#{}');
      expect(config.postgresql.connect_address).toBe(`${i.address}:5432`);
      expect(config.watchdog.mode).toBe('off');
    }
  });

  it('haproxy -c accepts every haproxy.cfg', () => {
    if (!hasTool('haproxy')) return;
    for (const i of instances) {
      const file = path.join(dir, `haproxy-${i.name}.cfg`);
      fs.writeFileSync(file, renderTemplate(haproxyCfg(testdbDeployment, i, instances)));
      const r = runTool('haproxy', ['-c', '-f', file]);
      expect(r.stdout + r.stderr, file).toMatch(/Configuration file is valid/);
      expect(r.status).toBe(0);
      // Warnings are problems too: a config HAProxy has to second-guess is not what we meant.
      expect((r.stdout + r.stderr).split('\n').filter((l) => /\[WARNING\]|\[ALERT\]/.test(l))).toEqual([]);
    }
  });

  it('patroni --validate-config accepts every patroni.yml', () => {
    if (!hasTool('patroni') || !hasTool('unshare') || !hasTool('ip')) return;
    for (const i of instances) {
      const file = path.join(dir, `patroni-${i.name}.yml`);
      // Adapted from the generated file: only postgresql.data_dir, which points at a scratch
      // directory (the validator reads an existing data directory's PG_VERSION; /data is the
      // container's mount). Everything else is as generated.
      const scratch = fs.mkdtempSync(path.join(dir, `data-${i.name}-`));
      const text = renderTemplate(patroniYml(testdbDeployment, i)).replace(/^( {2}data_dir: ).*$/m, `$1${scratch}`);
      expect(text).toContain(`data_dir: ${scratch}`);
      fs.writeFileSync(file, text);
      // The validator connects to every listen address to see that the port is free and needs
      // the addresses to be local: run it in a fresh network namespace that owns the instance's
      // LAN address, as its server does.
      const [cmd, ...args] = asRoot(['unshare', '--net', 'sh', '-c', `ip link set lo up && ip addr add ${i.address}/32 dev lo && patroni --validate-config "$0"`, file]);
      const r = runTool(cmd!, args);
      expect(`${r.status} ${r.stdout}${r.stderr}`, file).toBe('0 ');
    }
  });
});
