import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlannedJob } from '../../../../synth/components/component';
import type { EmitContext } from '../../../../synth/emit/context';
import { buildModel } from '../../../../synth/model/build-model';
import type { NomadJob } from '../../../../synth/plan/nomad/job';
import type { PlatformPlan } from '../../../../synth/plan/platform';
import { platform, type Platform } from '../../../helpers/platform';

export const PATRONI_RULES = 'key_prefix "epl-patroni/main/" {\n  policy = "write"\n}\nsession_prefix "" {\n  policy = "write"\n}\n';

function job(p: Platform, namespace: string, name: string): NomadJob {
  return { name, namespace, region: p.region.regionName, datacenters: [p.dc.dcName], type: 'service', groups: [] };
}

/**
 * A hand-made plan for the single-dc platform's region: secrets generated and derived (a
 * connection string from a password, a copy of that), a Consul token for Patroni, a system job,
 * two app jobs (one still waiting for its image), a component step and file.
 */
export function fixture(change: (plan: PlatformPlan, p: Platform) => PlatformPlan = (x) => x): { ctx: EmitContext; p: Platform } {
  const p = platform();
  const region = p.region;
  const origin = { construct: region };
  const planned = (namespace: string, name: string, stage: PlannedJob['stage']): PlannedJob => ({ job: job(p, namespace, name), stage, origin });
  const plan: PlatformPlan = {
    jobs: [planned('epl', 'pg-main', 'system'), planned('apps', 'hello', 'app'), planned('apps', 'pending', 'app'), planned('default', 'plain', 'system')],
    ports: [],
    volumeUses: [],
    telemetry: [],
    memory: [],
    locks: [],
    vaultSecrets: [
      { region, path: 'epl/pg-main/superuser', fields: { username: { compose: ['postgres'] }, password: { generate: 'password' } } },
      {
        region,
        path: 'apps/hello/db',
        fields: {
          password: { copy: { path: 'epl/pg-main/superuser', field: 'password' } },
          url: { compose: ["postgres://it's:", { path: 'apps/hello/db', field: 'password' }, '@master.epl-pg-main.service.consul:5433/$db'] },
        },
      },
      { region, path: 'apps/hello/env', fields: { DATABASE_URL: { copy: { path: 'apps/hello/db', field: 'url' } }, instance: { generate: 'uuid' } } },
    ],
    consulTokens: [{ region, name: 'epl-patroni-main', rules: PATRONI_RULES, vaultPath: 'epl/pg-main/consul', field: 'token' }],
    l2Steps: [{ region, stage: 30, name: 'provision-pg-main', script: '#!/bin/sh\necho "databases of pg-main"\n' }],
    l2Files: [{ region, path: 'pg-migrations/up_main.sh', content: '#!/bin/sh\necho migrate\n', mode: 0o755 }],
    images: [],
  };
  const model = buildModel(p.app);
  return { ctx: { model, zones: [], plan: change(plan, p), secretRequests: [], secrets: {}, pg: new Map() }, p };
}

/** Writes a file tree's files under `dir` with their modes. */
export function writeFiles(dir: string, files: ReadonlyArray<{ readonly path: string; readonly content: string; readonly mode: number }>): void {
  for (const f of files) {
    const to = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, f.content, { mode: f.mode });
  }
}
