import { beforeAll, describe, expect, it } from 'vitest';
import type { EmitContext } from '../../../../synth/emit/context';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { emitContext } from '../../../helpers/emit';
import { platform, type Platform } from '../../../helpers/platform';

/** The Nomad client meta stateless and stateful groups are constrained to, and the scheduler. */
describe('Nomad placement settings', () => {
  let p: Platform;
  let ctx: EmitContext;
  const config = (host: string) => renderServerConfiguration(ctx, p.servers[host]!);

  beforeAll(async () => {
    p = platform({ servers: { 'server-b': (s) => ({ ...s, runUnassignedWorkloads: false }) } });
    const base = await emitContext(p.app);
    const origin = { construct: p.region };
    const a = p.servers['server-a']!;
    // The same lock twice (two groups of one deployment) is one meta entry.
    ctx = { ...base, plan: { ...base.plan, locks: [{ server: a, lock: 'pg-main', origin }, { server: a, lock: 'epl-ingress-us-west', origin }, { server: a, lock: 'pg-main', origin }] } };
  });

  it('marks servers that take unassigned workloads, and those that do not', () => {
    expect(config('server-a')).toContain('run_unassigned_workloads = "1";');
    expect(config('server-b')).toContain('run_unassigned_workloads = "0";');
  });

  it('gives a server one lock meta per lock it holds, in order', () => {
    expect(config('server-a')).toMatch(/run_unassigned_workloads = "1";\n\s+lock_epl-ingress-us-west = "1";\n\s+lock_pg-main = "1";\n/);
    expect(config('server-c')).not.toContain('lock_');
  });

  it('has Nomad servers bin-pack with memory oversubscription', () => {
    expect(config('server-a')).toMatch(/default_scheduler_config = \{\n\s+memory_oversubscription_enabled = true;\n\s+scheduler_algorithm = "binpack";/);
    expect(config('server-b')).not.toContain('default_scheduler_config');
  });
});
