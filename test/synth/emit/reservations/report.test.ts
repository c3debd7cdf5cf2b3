import { describe, expect, it } from 'vitest';
import singleDc from '../../../../examples/single-dc/epl';
import { renderRegionReservations } from '../../../../synth/emit/reservations';
import { buildModel } from '../../../../synth/model/build-model';
import { planPlatform } from '../../../../synth/plan/platform';
import { platform } from '../../../helpers/platform';
import { deployment, planWith } from '../../plan/reservations/plans';

describe('reservations/<region>.md', () => {
  it('lists every server of single-dc with its kind, memory, ports and locks, deterministically', () => {
    const model = buildModel(singleDc);
    const region = model.regions.find((r) => r.regionName === 'us-west')!;
    const text = renderRegionReservations(model, planPlatform(model), region);
    expect(text).toBe(renderRegionReservations(buildModel(singleDc), planPlatform(buildModel(singleDc)), region));
    for (const s of model.serversInRegion(region)) expect(text).toContain(`## ${s.hostname}\n`);
    expect(text).toContain('- kind: testvm.cpu8ram8192, 8192 MiB\n- reserved: 4160 MiB\n- free: 4032 MiB');
    expect(text).toContain('| 3010 | loki main writer http | us-west/main (region-wide) |');
    expect(text).toContain('| 8500 | consul http | L1 service |');
    // Ports sorted numerically within a server.
    const a = text.slice(text.indexOf('## server-a'), text.indexOf('## server-b'));
    const portsTable = a.slice(a.indexOf('### Ports'), a.indexOf('### Locks'));
    const ports = [...portsTable.matchAll(/^\| (\d+) \| /gm)].map((m) => Number(m[1]));
    expect(ports).toEqual([...ports].sort((x, y) => x - y));
  });

  it('shows pinned workloads, stateless instances where they were packed, region-wide ports and locks', () => {
    const p = platform({ servers: { 'server-d': (s) => ({ ...s, runUnassignedWorkloads: false }) } });
    const [pg, web] = [deployment(p.app, p.region, 'pg'), deployment(p.app, p.region, 'web', 3)];
    const a = p.servers['server-a']!;
    const { model, plan } = planWith(p.app, {
      memory: [
        { on: { server: a }, mib: 2048, owner: 'pg main', origin: { construct: pg } },
        { on: { region: p.region, instances: 3 }, mib: 512, owner: 'web | api', origin: { construct: web } },
      ],
      ports: [
        { on: { server: a }, port: 5432, owner: 'pg main', origin: { construct: pg } },
        { on: { region: p.region }, port: 7000, owner: 'web | api', origin: { construct: web } },
      ],
      locks: [{ server: a, lock: 'pg-main', origin: { construct: pg } }],
    });
    const text = renderRegionReservations(model, plan, p.region);
    const section = (h: string) => text.slice(text.indexOf(`## ${h}`)).split(/\n## /)[0]!;
    expect(section('server-a')).toContain('| 2048 | pg main | pinned (us-west/pg) |');
    expect(section('server-a')).toContain('- reserved: 3712 MiB\n- free: 4480 MiB');
    expect(section('server-a')).toContain('| 512 | web \\| api | stateless instance 3 (us-west/web) |');
    // Instances 1 and 2 went to the servers with more memory left.
    expect(section('server-b')).toContain('stateless instance 1 (us-west/web)');
    expect(section('server-c')).toContain('stateless instance 2 (us-west/web)');
    expect(section('server-a')).toContain('| 5432 | pg main | us-west/pg |');
    expect(section('server-a')).toContain('| 7000 | web \\| api | us-west/web (region-wide) |');
    expect(section('server-a')).toContain('- `pg-main` (us-west/pg)');
    expect(section('server-d')).toContain('- runs unassigned workloads: no');
    expect(section('server-d')).not.toContain('7000');
    expect(section('server-d')).not.toContain('stateless');
  });
});
