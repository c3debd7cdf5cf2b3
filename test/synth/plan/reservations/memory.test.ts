import { describe, expect, it } from 'vitest';
import { ServerKind } from '../../../../constructs';
import { findMemoryOverruns } from '../../../../synth/plan/reservations';
import { platform } from '../../../helpers/platform';
import { deployment, planWith } from './plans';

// server-a of the standard platform: 8192 MiB, 1152 MiB for its L1 services (os, docker,
// consul server, nomad client and server, node_exporter, cadvisor, vector).
const L1_A = 1152;

describe('findMemoryOverruns', () => {
  it('finds none on the standard platform', () => {
    const { model, plan } = planWith(platform().app);
    expect(findMemoryOverruns(model, plan)).toEqual([]);
  });

  it('passes pinned workloads that leave a MiB free', () => {
    const p = platform();
    const pg = deployment(p.app, p.region, 'pg');
    const { model, plan } = planWith(p.app, { memory: [{ on: { server: p.servers['server-a']! }, mib: 8192 - L1_A - 1, owner: 'pg', origin: { construct: pg } }] });
    expect(findMemoryOverruns(model, plan)).toEqual([]);
  });

  it('finds the workload that fills the server, at its origin, with the kind related', () => {
    const p = platform();
    const [small, big] = [deployment(p.app, p.region, 'small'), deployment(p.app, p.region, 'big')];
    const on = { server: p.servers['server-a']! };
    const { model, plan } = planWith(p.app, {
      memory: [
        { on, mib: 1000, owner: 'small', origin: { construct: small } },
        { on, mib: 8192 - L1_A - 1000, owner: 'big', origin: { construct: big, prop: ['count'] } },
      ],
    });
    const found = findMemoryOverruns(model, plan);
    expect(found.map((f) => [f.construct, f.prop])).toEqual([[big, ['count']]]);
    expect(found[0]!.message).toContain(`8192 MiB would be reserved (built-in services ${L1_A} MiB, workloads ${8192 - L1_A} MiB)`);
    expect(found[0]!.related?.map((r) => r.construct)).toEqual([p.servers['server-a']!.effectiveKind, small]);
  });

  it('finds the server itself (its kind) when the built-ins alone do not fit, unless below the floor', () => {
    const p = platform({ servers: { 'server-a': (s, a) => ({ ...s, kind: new ServerKind(a, 'tight', { cores: 1, memoryMiB: L1_A }) }) } });
    const { model, plan } = planWith(p.app);
    const found = findMemoryOverruns(model, plan);
    expect(found.map((f) => [f.construct, f.prop])).toEqual([[p.servers['server-a'], ['kind']]]);
    expect(findMemoryOverruns(model, plan, L1_A + 1)).toEqual([]);
  });
});
