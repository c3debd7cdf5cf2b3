import { describe, expect, it } from 'vitest';
import type { App } from '../../../constructs';
import type { PlatformPlan } from '../../../synth/plan/platform';
import { placementRules } from '../../../synth/rules/placement/reservations';
import { validate } from '../../../synth/synth';
import { expectDiagnostics, type Expected } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';
import { deployment, planWith, type Extra } from '../plan/reservations/plans';

/**
 * The placement rules over a hand-made plan (the L1 services' real reservations plus `extra`):
 * no component contributes these workloads yet, and the checks must hold for whatever they will.
 */
function expectPlacement(app: App, extra: Extra, expected: readonly Expected[]): void {
  const { plan } = planWith(app, extra);
  const found = validate(app, placementRules((): PlatformPlan => plan)).filter((d) => d.code.startsWith('placement/'));
  const key = (d: Expected) => `${d.code} @ ${d.path}${d.prop ? ' ' + JSON.stringify(d.prop) : ''}`;
  expect(found.map((d) => key({ code: d.code, path: d.path, ...(d.prop ? { prop: d.prop } : {}) })).sort()).toEqual(expected.map(key).sort());
}

describe('placement rules', () => {
  it('pass the standard platform with every component', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fail a workload on a port an L1 service holds', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    expectPlacement(p.app, { ports: [{ on: { region: p.region }, port: 8200, owner: 'web http', origin: { construct: web, prop: ['count'] } }] }, [
      { code: 'placement/port-used-twice', path: 'us-west/web', prop: ['count'] },
    ]);
  });

  it('pass a workload on a free port', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    expectPlacement(p.app, { ports: [{ on: { region: p.region }, port: 7000, owner: 'web http', origin: { construct: web } }] }, []);
  });

  it('fail pinned memory that fills a server, and pass what fits', () => {
    const p = platform();
    const pg = deployment(p.app, p.region, 'pg');
    const server = p.servers['server-b']!;
    expectPlacement(p.app, { memory: [{ on: { server }, mib: 8192 - 1152, owner: 'pg', origin: { construct: pg, prop: ['instances', 0] } }] }, [
      { code: 'placement/server-memory-exceeded', path: 'us-west/pg', prop: ['instances', 0] },
    ]);
    const q = platform();
    const pg2 = deployment(q.app, q.region, 'pg');
    expectPlacement(q.app, { memory: [{ on: { server: q.servers['server-b']! }, mib: 4096, owner: 'pg', origin: { construct: pg2 } }] }, []);
  });

  it('fail a stateless workload with more instances than servers', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web', 5);
    expectPlacement(p.app, { memory: [{ on: { region: p.region, instances: 5 }, mib: 256, owner: 'web', origin: { construct: web, prop: ['count'] } }] }, [
      { code: 'placement/not-enough-servers', path: 'us-west/web', prop: ['count'] },
    ]);
  });

  it('fail a stateless workload too big for its servers', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web', 2);
    expectPlacement(p.app, { memory: [{ on: { region: p.region, instances: 2, labels: { loki_reader: 'true' } }, mib: 7040, owner: 'web', origin: { construct: web } }] }, [
      { code: 'placement/stateless-memory-exceeded', path: 'us-west/web' },
    ]);
  });

  it('pass stateless workloads that fit', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web', 4);
    expectPlacement(p.app, { memory: [{ on: { region: p.region, instances: 4 }, mib: 2048, owner: 'web', origin: { construct: web } }] }, []);
  });

  it('fail a lock taken twice on one server', () => {
    const p = platform();
    const pg = deployment(p.app, p.region, 'pg');
    const server = p.servers['server-c']!;
    expectPlacement(
      p.app,
      {
        locks: [
          { server, lock: 'pg-main', origin: { construct: pg, prop: ['instances', 0] } },
          { server, lock: 'pg-main', origin: { construct: pg, prop: ['instances', 1] } },
        ],
      },
      [{ code: 'placement/server-locked-twice', path: 'us-west/pg', prop: ['instances', 1] }],
    );
  });

  it('fail a placement by an undeclared label, and pass a declared one', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    expectPlacement(p.app, { memory: [{ on: { region: p.region, instances: 1, labels: { gpu: 'true' } }, mib: 64, owner: 'web', origin: { construct: web, prop: ['placement'] } }] }, [
      // Only this: that no server carries the label follows from it.
      { code: 'placement/undeclared-label', path: 'us-west/web', prop: ['placement'] },
    ]);
    const q = platform();
    const web2 = deployment(q.app, q.region, 'web');
    expectPlacement(q.app, { memory: [{ on: { region: q.region, instances: 1, labels: { loki_writer: 'true' } }, mib: 64, owner: 'web', origin: { construct: web2 } }] }, []);
  });
});
