import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleProject } from '../../helpers/cli';

/** Each server's provisioning id, as its provision.sh carries it. */
function ids(out: string): Record<string, number> {
  const dir = path.join(out, 'l1-provisioning');
  return Object.fromEntries(
    fs.readdirSync(dir).map((host) => [host, Number(/^PROVISIONING_ID=(\d+)$/m.exec(fs.readFileSync(path.join(dir, host, 'provision.sh'), 'utf8'))![1])]),
  );
}

async function synth(dir: string): Promise<void> {
  const run = await cli(['synth', 'epl.ts', '--out', 'out'], dir);
  if (run.code !== 0) throw new Error(run.stderr + run.stdout);
}

describe('provisioning ids', () => {
  it('stay while a server\'s files stay, go up when they change, and outlive a deleted output', async () => {
    const project = exampleProject();
    const out = path.join(project.dir, 'out');
    await synth(project.dir);
    expect(ids(out)).toEqual({ 'server-a': 1, 'server-b': 1, 'server-c': 1, 'server-d': 1 });
    await synth(project.dir);
    expect(ids(out)).toEqual({ 'server-a': 1, 'server-b': 1, 'server-c': 1, 'server-d': 1 });

    // A change to server-a alone.
    const source = fs.readFileSync(project.file, 'utf8');
    fs.writeFileSync(project.file, source.replace("labels: { loki_reader: 'true' },", "labels: { loki_reader: 'true', loki_writer: 'false' },"));
    await synth(project.dir);
    expect(ids(out)).toEqual({ 'server-a': 2, 'server-b': 1, 'server-c': 1, 'server-d': 1 });
    expect(fs.readFileSync(path.join(project.dir, 'epl.secrets.yml'), 'utf8')).toMatch(/^provisioning:\n {2}server-a:\n {4}id: 2\n/m);

    // Back to what it was: still a newer provisioning than the one that ran last.
    fs.writeFileSync(project.file, source);
    fs.rmSync(out, { recursive: true });
    await synth(project.dir);
    expect(ids(out)).toEqual({ 'server-a': 3, 'server-b': 1, 'server-c': 1, 'server-d': 1 });
  });

  it('are kept when secrets are set or rotated', async () => {
    const project = exampleProject();
    await synth(project.dir);
    const before = fs.readFileSync(path.join(project.dir, 'epl.secrets.yml'), 'utf8').match(/^provisioning:[\s\S]*?(?=^\S|^#)/m)![0];
    const set = await cli(['secrets', 'set', 'custom/token'], project.dir, 'abc\n');
    expect(set.code, set.stderr).toBe(0);
    const rotate = await cli(['secrets', 'rotate', 'server/server-c/wireguard-key'], project.dir);
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(fs.readFileSync(path.join(project.dir, 'epl.secrets.yml'), 'utf8')).toContain(before);
    await synth(project.dir);
    // A new WireGuard key for server-c: its files change.
    expect(ids(path.join(project.dir, 'out'))['server-c']).toBe(2);
  });
});
