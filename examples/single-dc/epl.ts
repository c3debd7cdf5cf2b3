/**
 * The single-datacenter example platform: one region (us-west), one datacenter (dc1) of local
 * test VMs, four servers sharing the control-plane roles.
 *
 *   npx epl synth examples/single-dc/epl.ts --out out
 */
import {
  App,
  Datacenter,
  DatacenterImplementation,
  DiskKind,
  DiskMedium,
  Network,
  Region,
  Server,
  ServerKind,
  Size,
  Tld,
  VdevType,
  VersionedType,
  PgSchema,
  PgDeployment,
  BackendApplication,
  BackendDeployment,
  StreamRole,
  DockerImagePin,
  DockerRegistry,
  LokiCluster,
  Grafana,
  MinioCluster,
  MonitoringCluster,
  NatsCluster,
  TempoCluster,
  XfsVolume,
  AlertGroup,
  baseAlerts,
  TelegramBot,
  TelegramChannel,
  arg,
  sql,
  t,
} from 'epl-platform';

const ADMIN_KEY =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC3AkuDzzPrMaDav0kN7PIoaBU1Vtw1TfkHxWzPMrleocCltYl8TljwCqEJtmizx5DGKbXFQg31mRVswzuAq2vP2RFdPHQxfl5nJnWsQkelvpPO/Q3LUdtrm19zAgbbDL+AtIg3/lif6/2qNiWCSTfaUpjM7WOPszBNmMRGz/UBZTYc7COTt+I3lK8f6sBn5YyD796LBw6tsNpqfqF9NTAsLT8/PqrXeTpdxFe375gMxeIpNWeE5exMGJKgqnZCcOMOoKMJy61+wdEAYzDFNgIX7ZFvpBYQPf/rTs7LWgtyTSw3fqvMDnfwAf7oIF8rZRwYdVnqTGCWA2h3f4lOf6BERIPkKEK7/DGjmekKnXJrRiLSfcgRjri3VuGBxrJ+Va/Dn6e7o7CdzdJ+fkw7KxTFKuf17Z2r3ZFi1xOduIxXW8/QY6zhq2A11e+HsMe/oaBh3bRcpdMFmW5mqQjGm05xvxArSCAARBKkHjywGs6mRLN2PjNPYdzlI2J8nF6bmSk= henlo';

const app = new App({
  projectName: 'single-dc',
  adminEmail: 'admin@epl-infra.net',
  adminSshKeys: [ADMIN_KEY],
  serverLabels: ['loki_reader', 'loki_writer'],
});

new Tld(app, 'epl-infra.net', { automaticCertificates: false });

const usWest = new Region(app, 'us-west', { isDnsMaster: true });

const dc1 = new Datacenter(usWest, 'dc1', {
  networkCidr: '10.17.0.0/16',
  implementation: DatacenterImplementation.TEST_VMS,
  defaultServerKind: ServerKind.testVm(app, { cores: 2, memoryMiB: 8192 }),
  defaultDiskKind: new DiskKind(app, 'default-ssd', { medium: DiskMedium.SSD, capacity: Size.gibibytes(20) }),
});

const serverA = new Server(dc1, 'server-a', {
  kind: ServerKind.testVm(app, { cores: 8, memoryMiB: 8192 }),
  interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.10/24' }],
  roles: { consulMaster: true, nomadMaster: true },
  labels: { loki_reader: 'true' },
});

const serverB = new Server(dc1, 'server-b', {
  interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.11/24' }],
  roles: { consulMaster: true, vaultInstance: true },
  labels: { loki_reader: 'true', loki_writer: 'true' },
});

const serverC = new Server(dc1, 'server-c', {
  interfaces: [
    { name: 'eth0', network: Network.LAN, address: '10.17.0.12/24' },
    { name: 'eth1', network: Network.INTERNET, address: '77.77.77.12/24' },
    { name: 'wg0', network: Network.VPN, address: '172.21.7.10/16' },
  ],
  roles: { consulMaster: true, nomadMaster: true, vaultInstance: true, dnsSlave: true, ingress: true, vpnGateway: true },
  labels: { loki_writer: 'true' },
});

const serverD = new Server(dc1, 'server-d', {
  interfaces: [
    { name: 'eth0', network: Network.LAN, address: '10.17.0.13/24' },
    { name: 'eth1', network: Network.INTERNET, address: '77.77.77.13/24' },
    { name: 'wg0', network: Network.VPN, address: '172.21.7.11/16' },
  ],
  roles: { nomadMaster: true, vaultInstance: true, dnsMaster: true, ingress: true, vpnGateway: true },
  labels: { loki_writer: 'true' },
});

// Every server: the root disk vda (root pool rpool) and an XFS disk vdb for MinIO.
const minioVolumes = new Map<Server, XfsVolume>();
for (const server of [serverA, serverB, serverC, serverD]) {
  server.addDisk('vda');
  minioVolumes.set(server, server.xfsVolume('minio-docker', { disk: server.addDisk('vdb', { xfsFormat: true }) }));
}

// server-a has eight more disks: a pool of two mirrors with a spare, a cache and a mirrored log.
const [vdc, vdd, vde, vdf, vdg, vdh, vdi, vdj] = ['vdc', 'vdd', 'vde', 'vdf', 'vdg', 'vdh', 'vdi', 'vdj'].map((id) => serverA.addDisk(id));
const extra = serverA.addZpool('extra', {
  vdevs: [
    { type: VdevType.MIRROR, disks: [vdc!, vdd!] },
    { type: VdevType.MIRROR, disks: [vde!, vdf!] },
  ],
  spares: [vdg!],
  cache: [vdh!],
  log: [vdi!, vdj!],
});
extra.addDataset('bigone');

// Volumes for the stateful services placed in later parts of this platform.
export const volumes = {
  pgtest1: [serverA, serverB, serverC].map((s) => s.rootVolume('pgtest1')),
  nats1: [serverB, serverC, serverD].map((s) => s.rootVolume('nats1')),
  monDefault: [serverA, serverC].map((s) => s.rootVolume('mon-default')),
  monAm: [serverA, serverC, serverD].map((s) => s.rootVolume('mon-am')),
  chKeeper: [serverA, serverB, serverD].map((s) => s.rootVolume('ch-keeper')),
  clickhouse: [serverB, serverC, serverD].map((s) => s.rootVolume('clickhouse')),
  moonbeamDev: serverD.rootVolume('moonbeam-dev'),
};

// Versioned message types: each version after the first is a migration from the one before;
// snapshots state the shape a version must have.
export const testVtype = new VersionedType(app, 'test_vtype');
testVtype.snapshot(1, { some_field: t.i64().at(0) });
testVtype.migration(2, (m) => m.add('other_field', t.f64().at(1).default(1.23)));
testVtype.migration(3, (m) => m.add('coordinates?.x', t.f64().at(0).default(0.0)).add('coordinates.y', t.f64().at(1).default(0.0)));
testVtype.migration(4, (m) => m.add('is_good', t.bool().at(3).default(true)).add('nickname', t.string().at(4).default('who knows')));
testVtype.migration(5, (m) => m.rename('is_good', 'is_nice').drop('nickname'));
testVtype.snapshot(5, {
  some_field: t.i64().at(0),
  other_field: t.f64().at(1).default(1.23),
  coordinates: t.struct({ x: t.f64().at(0).default(0.0), y: t.f64().at(1).default(0.0) }).optional().at(2),
  is_nice: t.bool().at(3).default(true),
});

export const testOutputType = new VersionedType(app, 'test_output_type');
testOutputType.snapshot(1, { output_field: t.i64().at(0) });

export const simple = new VersionedType(app, 'simple');
simple.snapshot(1, { some_field: t.i64().at(0), some_text: t.string().at(1) });

// A Postgres schema, verified at synth against an embedded Postgres: migrations up and down,
// every query and mutator on its test data, and that they use indexes.
export const testdb = new PgSchema(app, 'testdb');
testdb.migration(1, {
  upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );',
  downgrade: 'DROP TABLE foo;',
});
const defaultData = testdb.dataset('default', { rows: { foo: [{ id: 1 }, { id: 2 }, { id: 3 }] } });
export const maxIdFromFoo = testdb.query('max_id_from_foo', {
  sql: sql`SELECT max(id) AS max_id FROM foo WHERE ${arg.int('test_arg')} > 0`,
  optionalFields: ['max_id'],
  tests: [{ dataset: defaultData, arguments: { test_arg: 3 }, outputs: [{ max_id: 3 }] }],
});
export const insertIdReturning = testdb.query('insert_id_returning', {
  sql: sql`INSERT INTO foo(id) VALUES(${arg.int('test_arg')}) RETURNING id`,
  mutating: true,
  tests: [{ dataset: defaultData, arguments: { test_arg: 7 }, outputs: [{ id: 7 }] }],
});
export const insertId = testdb.mutator('insert_id', {
  sql: sql`INSERT INTO foo(id) VALUES(${arg.int('test_arg')})`,
  tests: [{ dataset: defaultData, arguments: { test_arg: 4 }, resultingData: { foo: [{ id: 4 }] } }],
});
export const allAtOnce = testdb.transaction('all_at_once', {
  steps: [{ statement: insertIdReturning }, { statement: maxIdFromFoo, many: true }, { statement: insertId, many: true }],
});

// The testdb Postgres cluster: three replicas with synchronous replication, on the Postgres 15
// image epl pins (a deployment names its Postgres version; HAProxy and the exporter default).
export const testdbDeployment = new PgDeployment(usWest, 'testdb', {
  image: DockerImagePin.builtin(app, 'pg_15.1'),
  namespace: 'system',
  synchronousReplication: true,
  instances: volumes.pgtest1,
});
export const testdbA = testdbDeployment.database('testdb_a', testdb);
export const grafanaDb = testdbDeployment.unmanagedDatabase('grafana');
testdbDeployment.unmanagedDatabase('bbtest');

// The region's object store: MinIO erasure-coded over the XFS disk of every server, behind an
// nginx load balancer on each; its buckets are created by the cluster's job.
export const globalMinio = new MinioCluster(usWest, 'global', {
  namespace: 'system',
  instances: [serverA, serverB, serverC, serverD].map((s) => minioVolumes.get(s)!),
});
export const buckets = {
  docker: globalMinio.bucket('docker'),
  loki: globalMinio.bucket('loki'),
  loki2: globalMinio.bucket('loki2'),
  tempo: globalMinio.bucket('tempo'),
  app1: globalMinio.bucket('app1'),
  bbApp1: globalMinio.bucket('bb-app1'),
};

// The region's Docker registry keeps its images in the `docker` bucket; L2 provisioning pushes
// the applications' images to it.
new DockerRegistry(usWest, 'registry', { bucket: buckets.docker });

// The region's log store: writers on the servers labelled loki_writer, readers on those labelled
// loki_reader, chunks and indexes in the `loki` bucket; every server's vector ships to it.
export const mainLoki = new LokiCluster(usWest, 'main', {
  namespace: 'system',
  regionDefault: true,
  bucket: buckets.loki,
  writerPlacement: { loki_writer: 'true' },
  readerPlacement: { loki_reader: 'true' },
});

// The region's trace store: two Tempo instances receiving the applications' OTLP traces, blocks in
// the `tempo` bucket, span metrics and service graphs written to the monitoring cluster.
export const mainTempo = new TempoCluster(usWest, 'us-west', { namespace: 'system', bucket: buckets.tempo });

// A JetStream cluster of three; its streams carry versioned types.
export const mainNats = new NatsCluster(usWest, 'main-nats', {
  namespace: 'system',
  instances: volumes.nats1,
});
export const streams = {
  someTestStream: mainNats.stream('some_test_stream', { type: testVtype, enableSubjects: true }),
  someOutputStream: mainNats.stream('some_output_stream', { type: testVtype, enableSubjects: true }),
  chdbASink: mainNats.stream('chdb_a_sink', { type: simple }),
};

// The region's monitoring cluster: Prometheus + VictoriaMetrics on server-a and server-c, three
// Alertmanagers; every component of the region registers its metrics with it.
export const monDefault = new MonitoringCluster(usWest, 'default', {
  namespace: 'system',
  instances: volumes.monDefault,
  alertmanagerInstances: volumes.monAm,
  regionDefault: true,
});

// The region's Grafana: two instances, each with a Promxy over the monitoring clusters; its state in
// testdb's unmanaged `grafana` database; datasources and dashboards generated from what runs here.
export const mainGrafana = new Grafana(usWest, 'main', { namespace: 'system', database: grafanaDb });

// The hello-world backend: its Postgres shard and the statements it calls; the Rust crate with
// typed access to them is generated into out/apps/hello-world.
export const helloWorld = new BackendApplication(app, 'hello-world');
helloWorld.pgShard('default', {
  schema: testdb,
  queries: [maxIdFromFoo, insertIdReturning],
  mutators: [insertId],
  transactions: [allAtOnce],
});
// Its streams and its bucket, each wired by the deployment to a NATS stream of the same type or
// a MinIO bucket of the region.
helloWorld.bucket('storage');
helloWorld.stream('some_test_stream_producer', { type: testVtype, role: StreamRole.PRODUCER, enableSubjects: true });
helloWorld.stream('some_test_stream_consumer', { type: testVtype, role: StreamRole.CONSUMER, enableSubjects: true });
helloWorld.stream('simple_msg_stream', { type: simple, role: StreamRole.PRODUCER });
new BackendDeployment(usWest, 'test-hello-world', {
  application: helloWorld,
  namespace: 'apps',
  count: 2,
  pgShards: { default: testdbA },
  buckets: { storage: buckets.app1 },
  streams: {
    some_test_stream_producer: streams.someOutputStream,
    some_test_stream_consumer: streams.someTestStream,
    simple_msg_stream: streams.chdbASink,
  },
});

// Alerts, each with a trigger test promtool runs at synth: the reference's `Default` group, and
// the alerts epl ships for what it runs (disk, memory, down targets, Vault, Patroni, certificates).
export const defaultAlerts = new AlertGroup(app, 'Default');
defaultAlerts.alert('FilesystemSpaceLow', {
  expr: `round((node_filesystem_free_bytes{fstype=~"(btrfs|zfs|xfs|ext4)"} * 100
    / node_filesystem_size_bytes{fstype=~"(btrfs|zfs|xfs|ext4)"}), 0.1) < 20`,
  description: 'Filesystem {{ $labels.device }} at {{ $labels.instance }} has less than 20% disk space remaining',
  tests: [
    {
      inputSeries: [
        { series: 'node_filesystem_free_bytes{device="/mookie",instance="some-server:9090",fstype="zfs"}', values: '1 1 1 1 1 1 1 1 1 1' },
        { series: 'node_filesystem_size_bytes{device="/mookie",instance="some-server:9090",fstype="zfs"}', values: '10 10 10 10 10 10 10 10 10 10' },
      ],
      evalTime: '10m',
      expectedMessage: 'Filesystem /mookie at some-server:9090 has less than 20% disk space remaining',
    },
  ],
});
export const eplAlerts = baseAlerts(app);

// Where the alerts go, as the reference routes them: cluster `default` evaluates both groups and
// posts them to Telegram chat 12345 through bot `default`, whose token is your secret
// custom/telegram-default (`epl secrets set custom/telegram-default`; the test fixture holds a dummy).
export const telegramBot = new TelegramBot(app, 'default', { tokenSecret: 'telegram-default' });
export const telegramChannel = new TelegramChannel(app, 'default', { chatId: 12345 });
for (const group of [defaultAlerts, eplAlerts]) monDefault.routeAlerts({ group, telegram: { bot: telegramBot, channel: telegramChannel } });

export default app;
