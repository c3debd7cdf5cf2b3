import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTree } from '../../../../lib/files/file-tree';
import { emitL2, regionL2, renderRunner, stepsOf } from '../../../../synth/emit/l2';
import { emitMakefile } from '../../../../synth/emit/makefile';
import { Region } from '../../../../constructs';
import { tempDir } from '../../../helpers/cli';
import { hasTool } from '../../../helpers/tools';
import { fixture, writeFiles } from './fixture';

describe('emitL2', () => {
  const emitted = (f = fixture()) => {
    const tree = new FileTree();
    emitL2(f.ctx, tree);
    return Object.fromEntries(tree.list().map((x) => [x.path, x]));
  };

  it('writes the runner, the generic scripts, the components\' steps and files of each region with a control plane', () => {
    const files = emitted();
    expect(Object.keys(files)).toEqual([
      'l2-provisioning/us-west/pg-migrations/up_main.sh',
      'l2-provisioning/us-west/provision.sh',
      'l2-provisioning/us-west/scripts/provision-nomad-namespaces.sh',
      'l2-provisioning/us-west/scripts/provision-pg-main.sh',
      'l2-provisioning/us-west/scripts/provision-vault-secrets.sh',
      'l2-provisioning/us-west/scripts/schedule-nomad-app-jobs.sh',
      'l2-provisioning/us-west/scripts/schedule-nomad-system-jobs.sh',
    ]);
    for (const f of Object.values(files)) expect(f.mode, f.path).toBe(0o755);
    expect(files['l2-provisioning/us-west/scripts/provision-pg-main.sh']!.content).toBe('#!/bin/sh\necho "databases of pg-main"\n');
    const runner = files['l2-provisioning/us-west/provision.sh']!.content;
    expect(runner.split('\n').filter((l) => l.startsWith('stage '))).toEqual([
      'stage 10 provision-nomad-namespaces provision-vault-secrets',
      'stage 20 schedule-nomad-system-jobs',
      'stage 30 provision-pg-main',
      'stage 60 schedule-nomad-app-jobs',
    ]);
  });

  it('takes only the region\'s own part of the plan, and nothing for a region without Consul servers', () => {
    const f = fixture((plan, p) => {
      const other = new Region(p.app, 'eu-central', {});
      return { ...plan, l2Steps: [...plan.l2Steps, { region: other, stage: 30, name: 'elsewhere', script: '#!/bin/sh\n' }], jobs: [...plan.jobs, { ...plan.jobs[0]!, job: { ...plan.jobs[0]!.job, region: 'eu-central', namespace: 'far' } }] };
    });
    const l2 = regionL2(f.ctx.plan, f.p.region);
    expect(l2.namespaces).toEqual(['apps', 'epl']);
    expect(stepsOf(l2).map((s) => s.name)).not.toContain('elsewhere');
    expect(Object.keys(emitted(f)).filter((p) => p.includes('eu-central'))).toEqual([]);
  });

  it('treats a component\'s step or file that cannot be placed as a bug in epl', () => {
    const step = (name: string) => fixture((plan, p) => ({ ...plan, l2Steps: [...plan.l2Steps, { region: p.region, stage: 40, name, script: '' }] }));
    expect(() => emitted(step('provision-vault-secrets'))).toThrow('epl bug: two L2 steps of region us-west are named provision-vault-secrets');
    expect(() => emitted(step('../x'))).toThrow('epl bug: L2 step "../x"');
    const file = fixture((plan, p) => ({ ...plan, l2Files: [{ region: p.region, path: '../escape', content: '' }] }));
    expect(() => emitted(file)).toThrow('is not a free path under l2-provisioning/us-west/');
    const cycle = fixture((plan, p) => ({ ...plan, vaultSecrets: [{ region: p.region, path: 'a/b/c', fields: { x: { copy: { path: 'a/b/c', field: 'y' } }, y: { compose: [{ path: 'a/b/c', field: 'x' }] } } }] }));
    expect(() => emitted(cycle)).toThrow('is derived from itself');
  });
});

describe('make l2-<region>', () => {
  /**
   * The Makefile's target with ssh replaced by a script running the remote command here (its /run
   * moved into a scratch directory), and a runner whose only step reports what it got.
   */
  function setup() {
    const { ctx } = fixture();
    const tree = new FileTree();
    emitMakefile(ctx, tree);
    const out = tempDir();
    const scratch = tempDir();
    writeFiles(out, tree.list());
    writeFiles(out, [
      { path: 'l2-provisioning/us-west/provision.sh', content: renderRunner('us-west', [{ stage: 10, name: 'probe' }]), mode: 0o755 },
      {
        path: 'l2-provisioning/us-west/scripts/probe.sh',
        content: `#!/bin/sh\necho "tokens $VAULT_TOKEN $NOMAD_TOKEN $CONSUL_HTTP_TOKEN"\necho "apps $(cat "$EPL_APPS_DIR/hello/Cargo.toml")"\necho "tmp $TMPDIR"\n`,
        mode: 0o755,
      },
      { path: 'apps/hello/Cargo.toml', content: '[package]\n', mode: 0o644 },
      { path: 'secrets/bootstrap/us-west/vault-root-token', content: 'hvs.root-token\n', mode: 0o600 },
      { path: 'secrets/bootstrap/us-west/nomad-bootstrap-token', content: 'nomad-token\n', mode: 0o600 },
      { path: 'secrets/bootstrap/us-west/consul-management-token', content: 'consul-token\n', mode: 0o600 },
      { path: 'secrets/bootstrap/us-west/consul-agent-token', content: 'agent-token\n', mode: 0o600 },
    ]);
    const argvLog = path.join(scratch, 'ssh-argv');
    const ssh = path.join(scratch, 'fake-ssh');
    const run = path.join(scratch, 'run');
    fs.mkdirSync(run);
    // $1 is root@address; $2 the remote command, run by sh as ssh would, /run moved to the scratch one.
    fs.writeFileSync(ssh, `#!/bin/sh\nprintf '%s\\n' "$@" > ${argvLog}\ncmd="$(printf '%s' "$2" | sed 's#/run/#${run}/#g')"\nexec sh -c "$cmd"\n`, { mode: 0o755 });
    const make = () => spawnSync('make', ['-s', '-C', out, 'l2-us-west', `SSH=${ssh}`], { encoding: 'utf8', env: { ...process.env, EPL_L2_LOG_DIR: path.join(scratch, 'logs') } });
    return { out, run, argvLog, make };
  }

  it('sends the region\'s folder, the apps and three tokens through ssh\'s stdin, runs provision.sh, and leaves nothing behind', () => {
    if (!hasTool('make')) return;
    const t = setup();
    const r = t.make();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[10_probe] tokens hvs.root-token nomad-token consul-token\n');
    expect(r.stdout).toContain('[10_probe] apps [package]\n');
    expect(r.stdout).toMatch(new RegExp(`\\[10_probe\\] tmp ${t.run}/epl-l2\\.\\w+\\n`));
    const argv = fs.readFileSync(t.argvLog, 'utf8');
    expect(argv.split('\n')[0]).toBe('root@10.17.0.10');
    for (const token of ['hvs.root-token', 'nomad-token', 'consul-token']) expect(argv).not.toContain(token);
    expect(fs.readdirSync(t.run)).toEqual([]);
  });

  it('only the tokens the flow needs travel, and not before Vault\'s root token was captured', () => {
    if (!hasTool('make')) return;
    const t = setup();
    const makefile = fs.readFileSync(path.join(t.out, 'Makefile'), 'utf8');
    const target = makefile.slice(makefile.indexOf('\nl2-us-west:'));
    expect(target).not.toContain('consul-agent-token');
    fs.rmSync(path.join(t.out, 'secrets/bootstrap/us-west/vault-root-token'));
    const r = t.make();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no Vault root token of us-west in');
    expect(r.stderr).toContain('run make bootstrap-us-west, then epl synth');
  });
});
