import { describe, it } from 'vitest';
import { Architecture, BackendApplication, BackendDeployment, Datacenter, DatacenterImplementation, Network, PgDeployment, PgSchema, Region, type App, type BackendDeploymentProps, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, expectPaths } from '../../../helpers/diagnostics';
import { addServer, platform, type Platform } from '../../../helpers/platform';
import { addRegistry } from '../../../helpers/registry';

function schema(app: App, name: string) {
  const s = new PgSchema(app, name);
  s.migration(1, { upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE foo;' });
  return s;
}

const volumes = (p: Platform): ServerVolume[] => ['server-a', 'server-b'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume);

/** The single-dc platform with an application of one shard and a deployment `web` with these props. */
function withDeployment(props: Partial<BackendDeploymentProps> = {}): App {
  return platform({
    extend: (p) => {
      const s = schema(p.app, 'testdb');
      const pg = new PgDeployment(p.region, 'testdb', { instances: volumes(p) });
      const a = pg.database('db_a', s);
      const app = new BackendApplication(p.app, 'web');
      app.pgShard('main', { schema: s });
      new BackendDeployment(p.region, 'web', { application: app, pgShards: { main: a }, ...props });
      addRegistry(p);
    },
  }).app;
}

describe('backend-app rules', () => {
  it('pass a deployment with every prop in range', () => {
    expectDiagnostics(withDeployment({ count: 2, httpPort: 8080, memoryMb: 32, placement: { loki_reader: 'true' }, workloadArchitecture: Architecture.X86_64 }), []);
    expectDiagnostics(withDeployment({ count: 4, httpPort: 65535 }), []);
    // In range, but one instance per server: the platform's four servers take four at most.
    expectDiagnostics(withDeployment({ count: 1024 }), [{ code: 'placement/not-enough-servers', path: 'us-west/web', prop: ['count'] }]);
  });

  it('fail a count outside 1 to 1024', () => {
    for (const count of [0, 1025, 1.5]) expectDiagnostics(withDeployment({ count }), [{ code: 'apps/deployment-count', path: 'us-west/web', prop: ['count'] }]);
  });

  it('fail a privileged or impossible HTTP port', () => {
    for (const httpPort of [80, 1023, 65536]) expectDiagnostics(withDeployment({ httpPort }), [{ code: 'apps/deployment-http-port', path: 'us-west/web', prop: ['httpPort'] }]);
  });

  it('fail less than 32 MiB per instance', () => {
    for (const memoryMb of [31, 0, 40.5]) expectDiagnostics(withDeployment({ memoryMb }), [{ code: 'apps/deployment-memory', path: 'us-west/web', prop: ['memoryMb'] }]);
  });

  it('fail an arm64 deployment', () => {
    expectDiagnostics(withDeployment({ workloadArchitecture: Architecture.ARM64 }), [{ code: 'apps/deployment-architecture', path: 'us-west/web', prop: ['workloadArchitecture'] }]);
  });

  it('fail placement by a label the App does not declare', () => {
    expectDiagnostics(withDeployment({ placement: { loki_reader: 'true', gpu: 'true' } }), [{ code: 'placement/undeclared-label', path: 'us-west/web', prop: ['placement'] }]);
  });

  it('fail two shards wired to one database', () => {
    const app = platform({
      extend: (p) => {
        const s = schema(p.app, 'testdb');
        const db = new PgDeployment(p.region, 'testdb', { instances: volumes(p) }).database('db_a', s);
        const web = new BackendApplication(p.app, 'web');
        web.pgShard('main', { schema: s });
        web.pgShard('other', { schema: s });
        new BackendDeployment(p.region, 'web', { application: web, pgShards: { main: db, other: db } });
        addRegistry(p);
      },
    }).app;
    expectDiagnostics(app, [{ code: 'apps/pg-shards-share-database', path: 'us-west/web', prop: ['pgShards', 'other'] }]);
  });

  it('report wiring to a database in another region (apps/pg-shard-wiring, ApplicationPgWiringDatabaseIsInDifferentRegion)', () => {
    const app = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const far = ['eu-a', 'eu-b'].map((h, i) => addServer(dc, h, { interfaces: [{ name: 'eth0', network: Network.LAN, address: `10.18.0.${10 + i}/24` }] }).rootVolume('pg'));
        const s = schema(p.app, 'testdb');
        const db = new PgDeployment(eu, 'eudb', { instances: far }).database('db_a', s);
        const web = new BackendApplication(p.app, 'web');
        web.pgShard('main', { schema: s });
        new BackendDeployment(p.region, 'web', { application: web, pgShards: { main: db } });
      },
    }).app;
    expectPaths(app, 'apps/pg-shard-wiring', ['us-west/web']);
  });
});
