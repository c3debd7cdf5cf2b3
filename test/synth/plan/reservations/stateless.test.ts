import { describe, expect, it } from 'vitest';
import type { Server } from '../../../../constructs';
import { placeStateless } from '../../../../synth/plan/reservations';
import { platform } from '../../../helpers/platform';
import { deployment, planWith } from './plans';

const hosts = (servers: Iterable<Server>) => [...servers].map((s) => s.hostname).sort();

describe('placeStateless', () => {
  it('puts the instances of one workload on distinct servers', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web', 4);
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 4 }, mib: 512, owner: 'web', origin: { construct: web } }] });
    const placed = placeStateless(model, plan);
    expect(placed.tooFewServers).toEqual([]);
    expect(placed.overMemory).toEqual([]);
    expect(hosts(placed.byServer.keys())).toEqual(['server-a', 'server-b', 'server-c', 'server-d']);
  });

  it('finds a workload with more instances than servers that take unassigned workloads', () => {
    const p = platform({ servers: { 'server-a': (s) => ({ ...s, runUnassignedWorkloads: false }) } });
    const web = deployment(p.app, p.region, 'web', 4);
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 4 }, mib: 512, owner: 'web', origin: { construct: web, prop: ['count'] } }] });
    const placed = placeStateless(model, plan);
    expect(placed.tooFewServers.map((f) => [f.construct, f.prop])).toEqual([[web, ['count']]]);
    expect(placed.tooFewServers[0]!.message).toContain('3 servers that run unassigned workloads (server-b, server-c, server-d)');
    expect(hosts(placed.byServer.keys())).toEqual(['server-b', 'server-c', 'server-d']);
  });

  it('places by labels on the matching servers only, whether or not they take unassigned workloads', () => {
    const p = platform({ servers: { 'server-b': (s) => ({ ...s, runUnassignedWorkloads: false }) } });
    const loki = deployment(p.app, p.region, 'loki', 3);
    const labels = { loki_writer: 'true' };
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 3, labels }, mib: 128, owner: 'loki writer', origin: { construct: loki } }] });
    const placed = placeStateless(model, plan);
    expect(placed.tooFewServers).toEqual([]);
    expect(hosts(placed.byServer.keys())).toEqual(['server-b', 'server-c', 'server-d']);
  });

  it('finds too few servers matching the labels', () => {
    const p = platform();
    const loki = deployment(p.app, p.region, 'loki', 3);
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 3, labels: { loki_reader: 'true' } }, mib: 128, owner: 'loki reader', origin: { construct: loki } }] });
    const found = placeStateless(model, plan).tooFewServers;
    expect(found.map((f) => f.construct)).toEqual([loki]);
    expect(found[0]!.message).toContain('2 servers with labels loki_reader=true (server-a, server-b)');
  });

  it('finds an instance that does not fit where the most memory is left', () => {
    const p = platform();
    const big = deployment(p.app, p.region, 'big', 2);
    // server-a and server-b have 8192 - 1152 = 7040 MiB left, server-c and server-d less.
    const fits = planWith(p.app, { memory: [{ on: { region: p.region, instances: 2 }, mib: 7039, owner: 'big', origin: { construct: big } }] });
    expect(placeStateless(fits.model, fits.plan).overMemory).toEqual([]);
    const over = planWith(p.app, { memory: [{ on: { region: p.region, instances: 2 }, mib: 7040, owner: 'big', origin: { construct: big, prop: ['count'] } }] });
    const found = placeStateless(over.model, over.plan).overMemory;
    expect(found.map((f) => [f.construct, f.prop])).toEqual([[big, ['count']]]);
    expect(found[0]!.message).toContain("instance 1 of 'big' (us-west/big) (7040 MiB) does not fit on 'server-a'");
  });

  it('packs largest first onto the server with the most memory left, and counts pinned memory', () => {
    const p = platform();
    const [pg, a, b] = [deployment(p.app, p.region, 'pg'), deployment(p.app, p.region, 'a'), deployment(p.app, p.region, 'b')];
    const { model, plan } = planWith(p.app, {
      memory: [
        { on: { server: p.servers['server-a']! }, mib: 4000, owner: 'pg', origin: { construct: pg } },
        { on: { region: p.region, instances: 1 }, mib: 1000, owner: 'small', origin: { construct: a } },
        { on: { region: p.region, instances: 1 }, mib: 3000, owner: 'large', origin: { construct: b } },
      ],
    });
    const placed = placeStateless(model, plan);
    // Free before: a 7040 - 4000 = 3040, b 7040, c 6720 (vault, bind), d 6816 (vault, bind, a
    // consul client). large goes to b (4040 left), then small to d, which now has the most.
    const where = Object.fromEntries([...placed.byServer].flatMap(([s, list]) => list.map((i) => [i.owner, s.hostname])));
    expect(where).toEqual({ large: 'server-b', small: 'server-d' });
  });

  it('finds an instance larger than any server', () => {
    const p = platform();
    const web = deployment(p.app, p.region, 'web', 1);
    const { model, plan } = planWith(p.app, { memory: [{ on: { region: p.region, instances: 1 }, mib: 1_000_000, owner: 'web', origin: { construct: web } }] });
    expect(placeStateless(model, plan).overMemory).toHaveLength(1);
  });
});
