import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Grafana, PgDeployment, PgSchema, Region, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, expectPaths } from '../../../helpers/diagnostics';
import { addGrafana } from '../../../helpers/grafana';
import { addLoki } from '../../../helpers/loki';
import { platform } from '../../../helpers/platform';

describe('grafana rules', () => {
  it('pass a Grafana on an unmanaged database of its region, and the bounds of every setting', () => {
    expectDiagnostics(platform({ extend: (p) => addGrafana(p) }).app, []);
    expectDiagnostics(platform({ extend: (p) => addGrafana(p, { instances: 2, port: 65534, memoryMb: 64, promxyMemoryMb: 32, placement: { loki_reader: 'true' } }) }).app, []);
  });

  it('fail a name that is not kebab-case (grafana/deployment-name)', () => {
    expectDiagnostics(platform({ extend: (p) => addGrafana(p, {}, 'Main_1') }).app, [{ code: 'grafana/deployment-name', path: 'us-west/grafana-Main_1' }]);
  });

  it('fail fewer than 2 instances (grafana/instance-count)', () => {
    for (const instances of [1, 2.5]) {
      expectDiagnostics(platform({ extend: (p) => addGrafana(p, { instances }) }).app, [{ code: 'grafana/instance-count', path: 'us-west/grafana-main', prop: ['instances'] }]);
    }
  });

  it('fail a port that leaves no room for Promxy (grafana/ports)', () => {
    for (const port of [0, 65535, 3000.5]) {
      expectDiagnostics(platform({ extend: (p) => addGrafana(p, { port }) }).app, [{ code: 'grafana/ports', path: 'us-west/grafana-main', prop: ['port'] }]);
    }
  });

  it('fail too little memory for Grafana or Promxy (grafana/memory)', () => {
    expectDiagnostics(platform({ extend: (p) => addGrafana(p, { memoryMb: 63 }) }).app, [{ code: 'grafana/memory', path: 'us-west/grafana-main', prop: ['memoryMb'] }]);
    expectDiagnostics(platform({ extend: (p) => addGrafana(p, { promxyMemoryMb: 31 }) }).app, [{ code: 'grafana/memory', path: 'us-west/grafana-main', prop: ['promxyMemoryMb'] }]);
  });

  it('fail a managed database (grafana/database-unmanaged)', () => {
    const { app } = platform({
      extend: (p) => {
        const schema = new PgSchema(p.app, 'gschema');
        schema.migration(1, { upgrade: 'CREATE TABLE t (id INT)', downgrade: 'DROP TABLE t' });
        const pg = new PgDeployment(p.region, 'testdb', { instances: ['server-a', 'server-b'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume) });
        new Grafana(p.region, 'main', { database: pg.database('grafana', schema) });
      },
    });
    expectDiagnostics(app, [{ code: 'grafana/database-unmanaged', path: 'us-west/grafana-main', prop: ['database'] }]);
  });

  it("fail a database of another region's Postgres (grafana/database-region)", () => {
    const { app } = platform({
      extend: (p) => {
        const pg = addGrafana(p).database.deployment;
        const eu = new Region(p.app, 'eu-west');
        new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        new Grafana(eu, 'eu', { database: pg.unmanagedDatabase('grafana_eu') });
      },
    });
    expectPaths(app, 'grafana/database-region', ['eu-west/grafana-eu']);
  });

  it("fail a Loki cluster of another region (regions/telemetry-cluster-region, for Grafana too)", () => {
    const { app } = platform({
      extend: (p) => {
        const loki = addLoki(p);
        const eu = new Region(p.app, 'eu-west');
        new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const pg = addGrafana(p).database.deployment;
        new Grafana(eu, 'eu', { database: pg.unmanagedDatabase('grafana_eu'), lokiCluster: loki });
      },
    });
    expectPaths(app, 'regions/telemetry-cluster-region', ['eu-west/grafana-eu']);
  });
});
