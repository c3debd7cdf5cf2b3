import { describe, it } from 'vitest';
import { arg, BackendApplication, BackendDeployment, Datacenter, DatacenterImplementation, Network, PgDeployment, PgSchema, Region, sql, VolumeUsage, type App, type ServerVolume } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { addServer, platform, type Platform } from '../../helpers/platform';
import { addRegistry } from '../../helpers/registry';

/** A schema with one tested query, in the app. */
function schema(app: App, name = 'testdb') {
  const s = new PgSchema(app, name);
  s.migration(1, { upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE foo;' });
  const data = s.dataset('default', { rows: { foo: [{ id: 1 }] } });
  const q = s.query('by_id', { sql: sql`SELECT id FROM foo WHERE id = ${arg.int('id')}`, tests: [{ dataset: data, arguments: { id: 1 }, outputs: [{ id: 1 }] }] });
  return { s, q };
}

const volumesOf = (p: Platform, n: number): ServerVolume[] =>
  ['server-a', 'server-b', 'server-c', 'server-d'].slice(0, n).map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume);

describe('Postgres deployment rules', () => {
  it('passes three instances with synchronous replication and named databases', () => {
    const p = platform({
      extend: (p) => {
        const { s } = schema(p.app);
        const d = new PgDeployment(p.region, 'testdb', { instances: volumesOf(p, 3), synchronousReplication: true });
        d.database('testdb_a', s);
        d.unmanagedDatabase('grafana');
      },
    });
    expectDiagnostics(p.app, []);
  });

  it('fails too few or too many instances', () => {
    const one = platform({ extend: (p) => new PgDeployment(p.region, 'one', { instances: volumesOf(p, 1) }) });
    expectDiagnostics(one.app, [{ code: 'pg/deployment-instance-count', path: 'us-west/one', prop: ['instances'] }]);
    const sync = platform({ extend: (p) => new PgDeployment(p.region, 'sync', { instances: volumesOf(p, 2), synchronousReplication: true }) });
    expectDiagnostics(sync.app, [{ code: 'pg/deployment-instance-count', path: 'us-west/sync', prop: ['instances'] }]);
  });

  it('fails two instances on one server and an instance in another region', () => {
    const p = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const far = addServer(dc, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] }).rootVolume('pg');
        const a = volumesOf(p, 1)[0]!;
        new PgDeployment(p.region, 'bad', { instances: [a, p.servers['server-a']!.rootVolume('pg2'), far] });
      },
    });
    expectPaths(p.app, 'pg/deployment-instance-placement', ['us-west/bad']);
    expectPaths(p.app, 'placement/server-locked-twice', ['us-west/bad']);
  });

  it('fails bad and repeated database names', () => {
    const p = platform({
      extend: (p) => {
        const d = new PgDeployment(p.region, 'testdb', { instances: volumesOf(p, 2) });
        d.unmanagedDatabase('postgres');
        d.unmanagedDatabase('grafana');
        d.unmanagedDatabase('grafana');
      },
    });
    expectDiagnostics(p.app, [
      { code: 'pg/deployment-database-names', path: 'us-west/testdb/postgres' },
      { code: 'pg/deployment-database-names', path: 'us-west/testdb/grafana#2' },
    ]);
  });

  it('fails two deployments writing one exclusive volume, and passes them on a shared-writers volume', () => {
    const p = platform({
      extend: (p) => {
        new PgDeployment(p.region, 'first', { instances: volumesOf(p, 2) });
        // Its own ports, so the volume is the only thing the two share.
        new PgDeployment(p.region, 'second', { instances: volumesOf(p, 2).reverse(), instancePgPort: 5442 });
      },
    });
    expectDiagnostics(p.app, [
      { code: 'disks/volume-usage-contract', path: 'us-west/second', prop: ['instances', 1] },
      { code: 'disks/volume-usage-contract', path: 'us-west/second', prop: ['instances', 0] },
    ]);
    const shared = platform({
      extend: (p) => {
        const vols = ['server-a', 'server-b'].map((h) => p.servers[h]!.rootVolume('shared', { usage: VolumeUsage.MULTIPLE_WRITERS }));
        new PgDeployment(p.region, 'first', { instances: vols });
        new PgDeployment(p.region, 'second', { instances: vols, instancePgPort: 5442 });
      },
    });
    expectDiagnostics(shared.app, []);
    const readOnly = platform({
      extend: (p) => {
        const vols = ['server-a', 'server-b'].map((h) => p.servers[h]!.rootVolume('ro', { usage: VolumeUsage.READ_ONLY }));
        new PgDeployment(p.region, 'writer', { instances: vols });
      },
    });
    expectDiagnostics(readOnly.app, [
      { code: 'disks/volume-usage-contract', path: 'us-west/writer', prop: ['instances', 0] },
      { code: 'disks/volume-usage-contract', path: 'us-west/writer', prop: ['instances', 1] },
    ]);
  });

  it('fails a deployment name that is not kebab-case', () => {
    const p = platform({ extend: (p) => new PgDeployment(p.region, 'Test_DB', { instances: volumesOf(p, 2) }) });
    expectDiagnostics(p.app, [{ code: 'pg/deployment-name', path: 'us-west/Test_DB' }]);
  });
});

describe('backend application rules', () => {
  function withApp(build: (p: Platform, ctx: { s: PgSchema; q: ReturnType<typeof schema>['q']; app: BackendApplication; db: ReturnType<PgDeployment['database']> }) => void): App {
    return platform({
      extend: (p) => {
        const { s, q } = schema(p.app);
        const d = new PgDeployment(p.region, 'testdb', { instances: volumesOf(p, 2) });
        const db = d.database('testdb_a', s);
        const app = new BackendApplication(p.app, 'hello-world');
        addRegistry(p);
        build(p, { s, q, app, db });
      },
    }).app;
  }

  it('passes a shard wired to a database of its schema', () => {
    expectDiagnostics(
      withApp((p, { s, q, app, db }) => {
        app.pgShard('default', { schema: s, queries: [q] });
        new BackendDeployment(p.region, 'hello', { application: app, pgShards: { default: db } });
      }),
      [],
    );
  });

  it('fails bad names', () => {
    expectDiagnostics(
      withApp((p, { s, app }) => {
        app.pgShard('Default', { schema: s });
        new BackendApplication(p.app, 'Hello_World');
      }),
      [
        { code: 'apps/invalid-name', path: 'hello-world/pg-Default' },
        { code: 'apps/invalid-name', path: 'Hello_World' },
      ],
    );
  });

  it("fails a shard listing statements of another schema, or one twice", () => {
    expectDiagnostics(
      withApp((p, { s, q, app }) => {
        const other = schema(p.app, 'other');
        app.pgShard('default', { schema: s, queries: [q, q, other.q] });
      }),
      [
        { code: 'apps/shard-statement-of-other-schema', path: 'hello-world/pg-default', prop: ['queries', 1] },
        { code: 'apps/shard-statement-of-other-schema', path: 'hello-world/pg-default', prop: ['queries', 2] },
      ],
    );
  });

  it('fails missing, unknown and mismatched wiring', () => {
    expectDiagnostics(
      withApp((p, { s, app, db }) => {
        app.pgShard('default', { schema: s });
        app.pgShard('second', { schema: s });
        const unmanaged = (db.node.scope as PgDeployment).unmanagedDatabase('raw');
        new BackendDeployment(p.region, 'hello', { application: app, pgShards: { default: unmanaged, typo: db } });
      }),
      [
        { code: 'apps/pg-shard-wiring', path: 'us-west/hello', prop: ['pgShards'] },
        { code: 'apps/pg-shard-wiring', path: 'us-west/hello', prop: ['pgShards', 'default'] },
        { code: 'apps/pg-shard-wiring', path: 'us-west/hello', prop: ['pgShards', 'typo'] },
      ],
    );
  });

  it('fails application deployments in a region with fewer than 4 servers', () => {
    const app = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        addServer(dc, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
        new BackendDeployment(eu, 'small', { application: new BackendApplication(p.app, 'tiny') });
      },
    }).app;
    expectPaths(app, 'apps/region-with-deployments-min-servers', ['eu/small']);
  });
});

