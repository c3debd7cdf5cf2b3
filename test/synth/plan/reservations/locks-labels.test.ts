import { describe, expect, it } from 'vitest';
import { findLockClashes, findUndeclaredPlacementLabels } from '../../../../synth/plan/reservations';
import { platform } from '../../../helpers/platform';
import { deployment, planWith } from './plans';

describe('findLockClashes', () => {
  it('finds a lock taken twice on one server, at the second holder', () => {
    const p = platform();
    const pg = deployment(p.app, p.region, 'pg');
    const server = p.servers['server-a']!;
    const { plan } = planWith(p.app, {
      locks: [
        { server, lock: 'pg-main', origin: { construct: pg, prop: ['instances', 0] } },
        { server, lock: 'pg-main', origin: { construct: pg, prop: ['instances', 1] } },
      ],
    });
    const found = findLockClashes(plan);
    expect(found.map((f) => [f.construct, f.prop])).toEqual([[pg, ['instances', 1]]]);
    expect(found[0]!.related?.[0]?.prop).toEqual(['instances', 0]);
    expect(found[0]!.message).toContain("server 'server-a' is already locked with 'pg-main'");
  });

  it('passes one lock on different servers, and different locks on one server', () => {
    const p = platform();
    const pg = deployment(p.app, p.region, 'pg');
    const [a, b] = [p.servers['server-a']!, p.servers['server-b']!];
    const { plan } = planWith(p.app, {
      locks: [
        { server: a, lock: 'pg-main', origin: { construct: pg } },
        { server: b, lock: 'pg-main', origin: { construct: pg } },
        { server: a, lock: 'pg-other', origin: { construct: pg } },
      ],
    });
    expect(findLockClashes(plan)).toEqual([]);
  });
});

describe('findUndeclaredPlacementLabels', () => {
  it('finds a label key the App does not declare', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 1, labels: { loki_writer: 'true', lokiwriter: 'true' } }, mib: 64, owner: 'web', origin: { construct: web, prop: ['placement'] } }] });
    const found = findUndeclaredPlacementLabels(model, plan);
    expect(found.map((f) => [f.construct, f.prop])).toEqual([[web, ['placement']]]);
    expect(found[0]!.message).toContain("label 'lokiwriter', which is not declared");
    expect(found[0]!.related?.[0]?.construct).toBe(p.app);
  });

  it('passes declared keys', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 1, labels: { loki_writer: 'true' } }, mib: 64, owner: 'web', origin: { construct: web } }] });
    expect(findUndeclaredPlacementLabels(model, plan)).toEqual([]);
  });
});
