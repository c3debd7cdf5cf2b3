import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileTree } from '../../lib/files/file-tree';
import type { EmitContext } from '../../synth/emit/context';
import { emitNomadJobs } from '../../synth/emit/nomad';
import { nomadText, renderNomadJob } from '../../synth/emit/nomad/job-hcl';
import { synthExample } from '../helpers/cli';
import { decodeHclJson, parseHcl } from '../helpers/hcl';
import { walkConfig } from './hashicorp/walk';
import { nomadJobFileKeys } from './nomad/jobspec-schema';
import { SAMPLE_JOB, SAMPLE_JOB_PARSED } from './nomad/sample-job';

// Nomad is not packaged on Debian, so CI cannot `nomad job validate` epl's jobs: each file is
// parsed with HCL's own parser (hcl2json) and every block and attribute is checked against the
// job specification's documented parameters (nomad/jobspec-schema.ts).

/** Every problem of a job file: the schema's findings, or the parse error. */
async function jobFileProblems(text: string, file: string): Promise<string[]> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await parseHcl(text, file);
  } catch (e) {
    return [`${file}: does not parse: ${String(e)}`];
  }
  return walkConfig(nomadJobFileKeys, parsed, { product: 'nomad job', server: file });
}

describe('Nomad job files', () => {
  const text = renderNomadJob(SAMPLE_JOB);

  it('render every field of the job model so that HCL reads back exactly the model (round trip)', async () => {
    expect(decodeHclJson(await parseHcl(text))).toEqual(SAMPLE_JOB_PARSED);
  });

  it('render the hand-built job as documented: every block and attribute is in the job specification', async () => {
    expect(await jobFileProblems(text, 'epl_pg-main.hcl')).toEqual([]);
    expect(text).toMatchSnapshot();
  });

  it('escape user text for HCL: a literal ${…} is written $${…}, never evaluated', () => {
    expect(text).toContain('EXPR = "$${upper(\\"x\\")}"');
    expect(text).toContain('"literal $${var.x}"');
    expect(text).toContain('shell: echo "$${HOME}" and $$${x} %%{ if true }x%%{ endif } \\n \\');
    // Nomad's own references read as in its documentation.
    expect(text).toContain('attribute = "${attr.kernel.arch}"');
    expect(text).toContain('address = "${meta.private_ip}"');
    expect(nomadText('${NOMAD_ALLOC_DIR}/x')).toEqual({ text: '${NOMAD_ALLOC_DIR}/x' });
    expect(nomadText('${meta.a} ${file("/etc/passwd")}')).toBe('${meta.a} ${file("/etc/passwd")}');
  });

  it('fail the schema check on an undocumented attribute, block or value (the check can fail)', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['max_parallel', 'max_paralel', /job\.pg-main\.update\.max_paralel is not a documented key/],
      ['volume_mount {', 'volume_mnt {', /task\.patroni\.volume_mnt is not a documented key/],
      ['network_mode = "host"', 'network_mode = "host"\n        netwrk_mode = "host"', /config\.netwrk_mode is not a documented key/],
      ['count = 2', 'count = "2"', /group\.pg-1\.count should be an int/],
      ['interval = "10s"', 'interval = "10 seconds"', /check\[0\]\.interval should be a duration/],
      ['hook = "prestart"', 'hook = "prestarted"', /lifecycle\.hook should be one of/],
      ['epl_loki_cluster = "main"', 'epl_loki_cluster = ["main"]', /config\.labels\[0\]\.epl_loki_cluster should be a string/],
    ];
    for (const [from, to, problem] of cases) {
      expect(text, from).toContain(from);
      const problems = await jobFileProblems(text.replace(from, to), 'patched.hcl');
      expect(problems.join('\n'), `${from} → ${to}`).toMatch(problem);
    }
    expect(await jobFileProblems(text.replace('job "pg-main" {', 'job "pg-main" {{'), 'broken.hcl')).toEqual([expect.stringMatching(/broken\.hcl: does not parse/)]);
  });

  it('are written to l2-provisioning/<region>/nomad-jobs/<namespace>_<job>.hcl', () => {
    const out = new FileTree();
    const ctx = { plan: { jobs: [{ job: SAMPLE_JOB, stage: 'system', origin: {} }] } } as unknown as EmitContext;
    emitNomadJobs(ctx, out);
    expect(out.get('l2-provisioning/us-west/nomad-jobs/epl_pg-main.hcl')?.content).toBe(text);
  });
});

describe('Nomad job files of the single-dc example', () => {
  let out: string;
  let jobs: string[];
  beforeAll(async () => {
    out = await synthExample();
    const l2 = path.join(out, 'l2-provisioning');
    const regions = fs.existsSync(l2) ? fs.readdirSync(l2) : [];
    jobs = regions.flatMap((r) => {
      const dir = path.join(l2, r, 'nomad-jobs');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.hcl')).map((f) => `l2-provisioning/${r}/nomad-jobs/${f}`) : [];
    });
  });

  it('parse and use only documented job specification parameters', async () => {
    // Every component of the example has its job here, so none escapes the checks.
    expect(jobs.map((f) => path.basename(f)).sort()).toEqual([
      'apps_app-test-hello-world.hcl',
      'epl_docker-registry.hcl',
      'system_grafana-main.hcl',
      'system_loki-main.hcl',
      'system_minio-global.hcl',
      'system_mon-default.hcl',
      'system_nats-main-nats.hcl',
      'system_pg-testdb.hcl',
      'system_tempo-us-west.hcl',
    ]);
    for (const file of jobs) expect(await jobFileProblems(fs.readFileSync(path.join(out, file), 'utf8'), file), file).toEqual([]);
  });
});
