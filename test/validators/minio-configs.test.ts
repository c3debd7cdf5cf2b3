import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import app, { globalMinio } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { minioInstances, planMinioCluster } from '../../synth/components/minio';
import { asRoot, hasTool, runTool } from '../helpers/tools';

/**
 * The MinIO job of examples/single-dc's `global` cluster, checked by real tools: every
 * instance's nginx.conf by `nginx -t` (Debian's nginx), the `mc` provisioning script by
 * shellcheck. Both are taken from the planned job, as Nomad would render them.
 */

const model = buildModel(app);
const job = planMinioCluster(model, globalMinio).jobs[0]!.job;
const instances = minioInstances(model, globalMinio);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-minio-configs-'));

/** A template of a task of a group of the job. */
function template(group: number, task: string, destination: string): string {
  const t = job.groups[group]!.tasks.find((x) => x.name === task)!.templates.find((x) => x.destination === destination);
  if (!t) throw new Error(`no template ${destination} in task ${task} of group ${group}`);
  return t.data;
}

describe('MinIO configs of examples/single-dc', () => {
  it('nginx -t accepts every load balancer config', () => {
    if (!hasTool('nginx') || !hasTool('unshare') || !hasTool('ip')) return;
    expect(instances.map((i) => i.name)).toEqual(['minio-1', 'minio-2', 'minio-3', 'minio-4']);
    for (const i of instances) {
      const generated = template(i.index, 'nginx', 'local/nginx.conf');
      // Rendered as is: it holds no consul-template action.
      expect(generated).not.toContain('{{');
      // Adapted from the generated file: only where nginx keeps its state (pid file, temp
      // directories), which default to the image's paths, moved into a scratch prefix.
      // Everything else is as generated.
      const prefix = fs.mkdtempSync(path.join(dir, `${i.name}-`));
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${prefix}/${k};`).join('\n');
      const text = generated.replace(/^daemon off;$/m, `daemon off;\npid ${prefix}/nginx.pid;`).replace(/^http \{$/m, `http {\n${temp}`);
      expect(text.split('\n').length).toBe(generated.split('\n').length + 6);
      const file = path.join(prefix, 'nginx.conf');
      fs.writeFileSync(file, text);
      // nginx -t binds the listen addresses: run it in a fresh network namespace that owns the
      // instance's LAN address, as its server does. `-e stderr` keeps it from opening the
      // package's own error log before it reads the config.
      const [cmd, ...args] = asRoot(['unshare', '--net', 'sh', '-c', `ip link set lo up && ip addr add ${i.address}/32 dev lo && nginx -t -e stderr -p "$0" -c "$1"`, prefix, file]);
      const r = runTool(cmd!, args);
      const out = r.stdout + r.stderr;
      expect(out, file).toMatch(/configuration file .* test is successful/);
      expect(r.status, out).toBe(0);
      // Warnings are problems too: a config nginx has to second-guess is not what we meant.
      expect(out.split('\n').filter((l) => /\[(warn|emerg|alert|crit|error)\]/.test(l)), file).toEqual([]);
    }
  });

  it('the nginx check can fail: a listen address the server does not own is refused', () => {
    if (!hasTool('nginx') || !hasTool('unshare') || !hasTool('ip')) return;
    const i = instances[0]!;
    const prefix = fs.mkdtempSync(path.join(dir, 'foreign-'));
    const file = path.join(prefix, 'nginx.conf');
    fs.writeFileSync(file, template(0, 'nginx', 'local/nginx.conf').replace(/^daemon off;$/m, `daemon off;\npid ${prefix}/nginx.pid;`).replace(/^http \{$/m, `http {\n  client_body_temp_path ${prefix}/b;\n  proxy_temp_path ${prefix}/p;`));
    const [cmd, ...args] = asRoot(['unshare', '--net', 'sh', '-c', 'ip link set lo up && nginx -t -e stderr -p "$0" -c "$1"', prefix, file]);
    const r = runTool(cmd!, args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`bind() to ${i.address}:9002 failed`);
  });

  it('the mc provisioning script passes shellcheck', () => {
    if (!hasTool('shellcheck')) return;
    const script = template(0, 'mc', 'local/provision-buckets.sh');
    expect(script).not.toContain('{{');
    expect(script).toContain('mc mb --ignore-existing --with-lock local/docker');
    const file = path.join(dir, 'provision-buckets.sh');
    fs.writeFileSync(file, script);
    const r = runTool('shellcheck', ['--severity=style', '--shell=sh', file]);
    expect(r.stdout, file).toBe('');
    expect(r.status).toBe(0);
  });
});
