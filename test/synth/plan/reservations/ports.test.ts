import { describe, expect, it } from 'vitest';
import { findPortClashes } from '../../../../synth/plan/reservations';
import { platform } from '../../../helpers/platform';
import { deployment, planWith } from './plans';

describe('findPortClashes', () => {
  it('finds none among the L1 services of the standard platform', () => {
    const { app } = platform();
    const { model, plan } = planWith(app);
    expect(findPortClashes(model, plan)).toEqual([]);
  });

  it('finds a workload on a port an L1 service holds, at the workload, naming the service', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web');
    const { model, plan } = planWith(p.app, { ports: [{ on: { server: p.servers['server-a']! }, port: 8500, owner: 'web http', origin: { construct: web, prop: ['count'] } }] });
    const [f, ...rest] = findPortClashes(model, plan);
    expect(rest).toEqual([]);
    expect(f!.construct).toBe(web);
    expect(f!.prop).toEqual(['count']);
    expect(f!.message).toContain("'consul http' (built-in)");
    expect(f!.message).toContain("'server-a'");
    expect(f!.related?.[0]?.construct).toBe(p.servers['server-a']);
  });

  it('finds two workloads on one port of one server, at the second, related to the first', () => {
    const p = platform();
    const [a, b] = [deployment(p.app, p.region, 'a'), deployment(p.app, p.region, 'b')];
    const on = { server: p.servers['server-b']! };
    const { model, plan } = planWith(p.app, {
      ports: [
        { on, port: 5432, owner: 'pg a', origin: { construct: a } },
        { on, port: 5432, owner: 'pg b', origin: { construct: b } },
      ],
    });
    const found = findPortClashes(model, plan);
    expect(found.map((f) => f.construct)).toEqual([b]);
    expect(found[0]!.related?.[0]?.construct).toBe(a);
  });

  it('lets one holder reserve its port again, and two holders use one port on different servers', () => {
    const p = platform();
    const a = deployment(p.app, p.region, 'a');
    const b = deployment(p.app, p.region, 'b');
    const { model, plan } = planWith(p.app, {
      ports: [
        { on: { server: p.servers['server-a']! }, port: 5432, owner: 'pg a', origin: { construct: a } },
        { on: { server: p.servers['server-a']! }, port: 5432, owner: 'pg a', origin: { construct: a } },
        { on: { server: p.servers['server-b']! }, port: 5432, owner: 'pg b', origin: { construct: b } },
      ],
    });
    expect(findPortClashes(model, plan)).toEqual([]);
  });

  it('holds a region-wide port on every server that runs unassigned workloads: one finding naming them', () => {
    const p = platform({ servers: { 'server-d': (s) => ({ ...s, runUnassignedWorkloads: false }) } });
    const web = deployment(p.app, p.region, 'web');
    const { model, plan } = planWith(p.app, { ports: [{ on: { region: p.region }, port: 9100, owner: 'web metrics', origin: { construct: web } }] });
    const found = findPortClashes(model, plan);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("'node_exporter metrics' (built-in) on servers 'server-a', 'server-b', 'server-c'");
    expect(found[0]!.message).not.toContain('server-d');
  });

  it('does not hold a region-wide port on servers that take no unassigned workloads', () => {
    const off = (s: object) => ({ ...s, runUnassignedWorkloads: false }) as never;
    const p = platform({ servers: { 'server-a': off, 'server-b': off, 'server-c': off, 'server-d': off } });
    const web = deployment(p.app, p.region, 'web');
    const { model, plan } = planWith(p.app, { ports: [{ on: { region: p.region }, port: 9100, owner: 'web metrics', origin: { construct: web } }] });
    expect(findPortClashes(model, plan)).toEqual([]);
  });

  it('finds two region-wide reservations of one port even where no server could take them', () => {
    const off = (s: object) => ({ ...s, runUnassignedWorkloads: false }) as never;
    const p = platform({ servers: { 'server-a': off, 'server-b': off, 'server-c': off, 'server-d': off } });
    const [a, b] = [deployment(p.app, p.region, 'a'), deployment(p.app, p.region, 'b')];
    const { model, plan } = planWith(p.app, {
      ports: [
        { on: { region: p.region }, port: 7000, owner: 'a http', origin: { construct: a } },
        { on: { region: p.region }, port: 7000, owner: 'b http', origin: { construct: b } },
      ],
    });
    const found = findPortClashes(model, plan);
    expect(found.map((f) => f.construct)).toEqual([b]);
    expect(found[0]!.message).toContain("already reserved in region 'us-west'");
  });

  it('finds a server-bound workload on a region-wide port, once', () => {
    const p = platform();
    const [a, b] = [deployment(p.app, p.region, 'a'), deployment(p.app, p.region, 'b')];
    const { model, plan } = planWith(p.app, {
      ports: [
        { on: { region: p.region }, port: 7000, owner: 'a http', origin: { construct: a } },
        { on: { server: p.servers['server-c']! }, port: 7000, owner: 'b http', origin: { construct: b } },
      ],
    });
    const found = findPortClashes(model, plan);
    expect(found.map((f) => f.construct)).toEqual([a]);
    expect(found[0]!.message).toContain("'b http'");
  });
});
