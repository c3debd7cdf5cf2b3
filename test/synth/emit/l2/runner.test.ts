import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRunner } from '../../../../synth/emit/l2/runner';
import { tempDir } from '../../../helpers/cli';
import { hasTool, runTool } from '../../../helpers/tools';

/**
 * provision.sh run by real bash over fake scripts in a scratch directory: the order of stages,
 * the scripts of a stage at the same time, the stop after a failing stage, the logs with their
 * timestamps, `_combined.log`, the pruning of old runs and the tokens read from files.
 */
describe('the L2 runner (provision.sh)', () => {
  const TOKENS = { VAULT_TOKEN: 'hvs.test', NOMAD_TOKEN: 'nomad-test', CONSUL_HTTP_TOKEN: 'consul-test' };

  /** A region folder with the runner and `scripts` (name → shell body, stage in the name's list). */
  function setup(steps: ReadonlyArray<{ stage: number; name: string; body: string }>, envDefaults: Record<string, string> = {}) {
    const dir = tempDir();
    const logs = path.join(tempDir(), 'logs');
    fs.writeFileSync(path.join(dir, 'provision.sh'), renderRunner('us-west', steps, envDefaults), { mode: 0o755 });
    fs.mkdirSync(path.join(dir, 'scripts'));
    const trace = path.join(dir, 'trace');
    fs.writeFileSync(trace, '');
    for (const s of steps) fs.writeFileSync(path.join(dir, 'scripts', `${s.name}.sh`), `#!/bin/sh\nset -e\ntrace=${trace}\n${s.body}\n`, { mode: 0o755 });
    const run = (env: Record<string, string> = TOKENS, args: string[] = []) =>
      spawnSync('bash', [path.join(dir, 'provision.sh'), ...args], { encoding: 'utf8', cwd: '/', env: { PATH: process.env.PATH!, EPL_L2_LOG_DIR: logs, ...env } });
    const runs = () => (fs.existsSync(logs) ? fs.readdirSync(logs).filter((d) => !d.startsWith('.')).sort() : []);
    return { dir, logs, trace: () => fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean), run, runs };
  }

  it('passes shellcheck', () => {
    if (!hasTool('shellcheck')) return;
    const r = runTool('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: renderRunner("it's us", [{ stage: 10, name: 'a' }, { stage: 20, name: 'b' }]) });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it("gives every step the APIs' addresses and CA files, unless the environment has its own", () => {
    const t = setup([{ stage: 30, name: 'component-step', body: 'echo "$VAULT_ADDR $VAULT_CACERT $EPL_PROVISIONING_DIR" >> "$trace"' }], {
      VAULT_ADDR: 'https://10.17.0.11:8200',
      VAULT_CACERT: "/var/lib/it's/vault-ca.crt",
    });
    expect(t.run().status).toBe(0);
    expect(t.trace()).toEqual([`https://10.17.0.11:8200 /var/lib/it's/vault-ca.crt ${t.dir}`]);
    expect(t.run({ ...TOKENS, VAULT_ADDR: 'https://vault.service.consul:8200' }).status).toBe(0);
    expect(t.trace()[1]).toBe(`https://vault.service.consul:8200 /var/lib/it's/vault-ca.crt ${t.dir}`);
  });

  it('runs the stages in ascending order and the scripts of a stage in parallel, from its own directory', () => {
    // a and b each wait for the other's mark: they can only finish if they run at the same time.
    const meet = (me: string, other: string) =>
      `echo "start ${me} $(pwd)" >> "$trace"; touch "${me}.mark"; i=0; while [ ! -f "${other}.mark" ]; do i=$((i+1)); [ $i -lt 100 ] || exit 9; sleep 0.05; done; echo "end ${me}" >> "$trace"`;
    const t = setup([
      { stage: 10, name: 'a', body: meet('a', 'b') },
      { stage: 10, name: 'b', body: meet('b', 'a') },
      { stage: 20, name: 'c', body: 'echo "c" >> "$trace"; echo "output of c"; echo "error of c" >&2' },
      { stage: 5, name: 'first', body: 'echo first >> "$trace"' },
    ]);
    const r = t.run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const trace = t.trace();
    expect(trace[0]).toBe('first');
    expect(trace.slice(1, 5).sort()).toEqual(['end a', 'end b', `start a ${t.dir}`, `start b ${t.dir}`]);
    expect(trace[5]).toBe('c');
    expect(r.stdout).toMatch(/^L2 provisioning of region us-west, logs in .*\n== stage 5: first\n== stage 10: a b\n== stage 20: c\n/);
    expect(r.stdout).toMatch(/\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[20_c\] output of c\n/);
    expect(r.stdout).toContain('L2 provisioning of region us-west done.');
  });

  it('writes each script\'s output, timestamped per line, to <stage>_<name>.log, and all of it to _combined.log', () => {
    const t = setup([
      { stage: 10, name: 'one', body: 'echo "line 1"; sleep 1.1; echo "line 2" >&2; printf "no newline"' },
      { stage: 20, name: 'two', body: 'echo "from two"' },
    ]);
    const before = Date.now();
    expect(t.run().status).toBe(0);
    const [run] = t.runs();
    expect(run).toMatch(/^\d{8}-\d{6}$/);
    const dir = path.join(t.logs, run!);
    expect(fs.readdirSync(dir).sort()).toEqual(['10_one.log', '20_two.log', '_combined.log']);
    const one = fs.readFileSync(path.join(dir, '10_one.log'), 'utf8').split('\n').filter(Boolean);
    const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (.*)$/;
    expect(one.map((l) => STAMP.exec(l)?.[2])).toEqual(['line 1', 'line 2', 'no newline']);
    const times = one.map((l) => Date.parse(STAMP.exec(l)![1]!));
    // UTC, now, and the clock read per line (not once per script).
    expect(Math.abs(times[0]! - before)).toBeLessThan(5000);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    const combined = fs.readFileSync(path.join(dir, '_combined.log'), 'utf8').split('\n').filter(Boolean);
    expect(combined.map((l) => l.replace(/^\S+ /, ''))).toEqual(['[10_one] line 1', '[10_one] line 2', '[10_one] no newline', '[20_two] from two']);
  });

  it('stops after the stage in which a script failed, naming the failed scripts, with the logs written', () => {
    const t = setup([
      { stage: 10, name: 'ok', body: 'sleep 0.3; echo ok >> "$trace"' },
      { stage: 10, name: 'broken', body: 'echo "cannot reach vault"; exit 3' },
      { stage: 10, name: 'also-broken', body: 'exit 1' },
      { stage: 20, name: 'later', body: 'echo later >> "$trace"' },
    ]);
    const r = t.run();
    expect(r.status).toBe(1);
    // The other scripts of the stage finish; the next stage never starts.
    expect(t.trace()).toEqual(['ok']);
    expect(r.stderr).toMatch(/^provision.sh: stage 10 failed: broken also-broken; later stages not run\. Logs: .*\n$/);
    const dir = path.join(t.logs, t.runs()[0]!);
    expect(fs.readFileSync(path.join(dir, '10_broken.log'), 'utf8')).toMatch(/Z cannot reach vault\n$/);
    expect(fs.readFileSync(path.join(dir, '_combined.log'), 'utf8')).toContain('[10_broken] cannot reach vault');
    expect(fs.existsSync(path.join(dir, '20_later.log'))).toBe(false);
  });

  it('prunes runs older than 7 days and keeps the others', () => {
    const t = setup([{ stage: 10, name: 'a', body: 'true' }]);
    fs.mkdirSync(t.logs, { recursive: true });
    const age = (name: string, days: number) => {
      const d = path.join(t.logs, name);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, '10_a.log'), '');
      const when = new Date(Date.now() - days * 86_400_000);
      fs.utimesSync(d, when, when);
    };
    age('20200101-000000', 8);
    age('20200102-000000', 7.1);
    age('20200103-000000', 6.9);
    age('keep-me', 30);
    expect(t.run().status).toBe(0);
    const left = t.runs();
    // Only run directories (named by their time) are pruned: another directory there is not epl's.
    expect(left).toEqual(['20200103-000000', expect.stringMatching(/^\d{8}-\d{6}$/), 'keep-me']);
  });

  it('reads the tokens left unset from the token directory, and refuses to start without them', () => {
    const t = setup([{ stage: 10, name: 'show', body: 'echo "$VAULT_TOKEN $NOMAD_TOKEN $CONSUL_HTTP_TOKEN" >> "$trace"' }]);
    const tokens = tempDir();
    fs.writeFileSync(path.join(tokens, 'vault-root-token'), 'hvs.from-file\n');
    fs.writeFileSync(path.join(tokens, 'nomad-bootstrap-token'), 'nomad-from-file\n');
    fs.writeFileSync(path.join(tokens, 'consul-management-token'), 'consul-from-file\n');
    expect(t.run({ NOMAD_TOKEN: 'nomad-from-env' }, [tokens]).status).toBe(0);
    expect(t.trace()).toEqual(['hvs.from-file nomad-from-env consul-from-file']);
    fs.rmSync(path.join(tokens, 'vault-root-token'));
    const r = t.run({}, [tokens]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`VAULT_TOKEN is not set and ${tokens}/vault-root-token does not exist (run make l2-us-west after make bootstrap-us-west and epl synth)`);
    expect(t.runs()).toHaveLength(1);
  });

  it('refuses a second run while one holds the lock', () => {
    const t = setup([{ stage: 10, name: 'a', body: 'true' }]);
    fs.mkdirSync(t.logs, { recursive: true });
    const holder = spawnSync('sh', ['-c', `exec 9>"${t.logs}/.lock"; flock 9; cd / && EPL_L2_LOG_DIR=${t.logs} VAULT_TOKEN=x NOMAD_TOKEN=x CONSUL_HTTP_TOKEN=x bash ${t.dir}/provision.sh 9>&- 2>&1; echo "status $?"`], { encoding: 'utf8' });
    expect(holder.stdout).toBe(`provision.sh: another L2 provisioning run holds ${t.logs}/.lock\nstatus 1\n`);
    expect(t.runs()).toEqual([]);
  });
});
