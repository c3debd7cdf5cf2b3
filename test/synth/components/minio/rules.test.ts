import { describe, expect, it, vi } from 'vitest';
import {
  BucketAccess,
  DiskKind,
  DiskMedium,
  DockerRegistry,
  MinioCluster,
  Region,
  Size,
  VdevType,
  ZfsRecordSize,
  type App,
  type MinioClusterProps,
  type Server,
  type ServerVolume,
} from '../../../../constructs';
import { EplConstruct } from '../../../../constructs/core/epl-construct';
import { expectDiagnostics, findings, type Expected } from '../../../helpers/diagnostics';
import { platform, type Platform } from '../../../helpers/platform';

/** A bucket consumer standing in for an app deployment: a construct with a region. */
class Consumer extends EplConstruct {
  constructor(
    readonly region: Region,
    id: string,
  ) {
    super(region, id);
  }
}

const HOSTS = ['server-a', 'server-b', 'server-c', 'server-d'];
const xfsOf = (p: Platform, n: number): ServerVolume[] => HOSTS.slice(0, n).map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume);

/** A platform whose only construct beyond the standard ones is cluster `m` (and what `more` adds). */
function withCluster(props: (p: Platform) => Partial<MinioClusterProps> = () => ({}), more?: (c: MinioCluster, p: Platform) => void, name = 'm'): App {
  return platform({
    extend: (p) => {
      const c = new MinioCluster(p.region, name, { instances: xfsOf(p, 4), ...props(p) });
      more?.(c, p);
    },
  }).app;
}

/** The diagnostics of one code, as code, path and prop. */
function only(app: App, code: string): Expected[] {
  return findings(app)
    .filter((d) => d.code === code)
    .map((d) => ({ code: d.code, path: d.path, ...(d.prop ? { prop: d.prop } : {}) }));
}

describe('MinIO rules', () => {
  it('pass the standard cluster with buckets, the registry and shared app buckets', () => {
    expectDiagnostics(withCluster(), []);
    expectDiagnostics(
      withCluster(undefined, (c, p) => {
        new DockerRegistry(p.region, 'registry', { bucket: c.bucket('docker') });
        const shared = c.bucket('shared-bucket', { lockingEnabled: false });
        for (const n of ['a', 'b']) shared.addGrant({ consumer: new Consumer(p.region, n), prop: ['buckets', 0], user: `app-${n}`, access: BucketAccess.READ_WRITE, exclusive: false });
        c.bucket('x'.repeat(63));
      }),
      [],
    );
  });

  it('minio/cluster-name: kebab-case, at most 53 characters', () => {
    expectDiagnostics(withCluster(undefined, undefined, 'Global_1'), [{ code: 'minio/cluster-name', path: 'us-west/Global_1' }]);
    expectDiagnostics(withCluster(undefined, undefined, 'g'.repeat(54)), [{ code: 'minio/cluster-name', path: `us-west/${'g'.repeat(54)}` }]);
    expectDiagnostics(withCluster(undefined, undefined, 'g'.repeat(53)), []);
  });

  it('minio/instance-count: at least two instances', () => {
    expectDiagnostics(withCluster((p) => ({ instances: xfsOf(p, 1) })), [{ code: 'minio/instance-count', path: 'us-west/m', prop: ['instances'] }]);
    expectDiagnostics(withCluster((p) => ({ instances: xfsOf(p, 2) })), []);
  });

  it("minio/instance-region: every instance on a server of the cluster's region", () => {
    const app = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu-west');
        new MinioCluster(eu, 'm', { instances: xfsOf(p, 2) });
      },
    }).app;
    expect(only(app, 'minio/instance-region')).toEqual([
      { code: 'minio/instance-region', path: 'eu-west/m', prop: ['instances', 0] },
      { code: 'minio/instance-region', path: 'eu-west/m', prop: ['instances', 1] },
    ]);
    expect(only(withCluster(), 'minio/instance-region')).toEqual([]);
  });

  it('minio/single-filesystem: not ZFS and XFS in one cluster', () => {
    const zfs = (p: Platform, h: string) => p.servers[h]!.rootVolume('minio', { recordSize: ZfsRecordSize.M1 });
    expectDiagnostics(withCluster((p) => ({ instances: [...xfsOf(p, 2), zfs(p, 'server-c')] })), [{ code: 'minio/single-filesystem', path: 'us-west/m', prop: ['instances'] }]);
    expectDiagnostics(withCluster((p) => ({ instances: HOSTS.map((h) => zfs(p, h)) })), []);
  });

  it('minio/single-disk-medium: one medium (XFS disks, pools, root disks) unless allowed', () => {
    const hdd = (p: Platform) => new DiskKind(p.app, 'hdd', { medium: DiskMedium.HDD, capacity: Size.gibibytes(100) });
    const hddXfs = (p: Platform, s: Server) => s.xfsVolume('minio-hdd', { disk: s.addDisk('vdk', { xfsFormat: true, kind: hdd(p) }) });
    const mixed = (ok: boolean) => withCluster((p) => ({ instances: [...xfsOf(p, 2), hddXfs(p, p.servers['server-c']!)], multipleDiskMediumsOk: ok }));
    expectDiagnostics(mixed(false), [{ code: 'minio/single-disk-medium', path: 'us-west/m', prop: ['instances'] }]);
    expectDiagnostics(mixed(true), []);
    // ZFS: a dataset on a pool of HDDs beside root volumes on the SSD root disk.
    const zfsMixed = withCluster((p) => {
      const b = p.servers['server-b']!;
      const kind = hdd(p);
      const pool = b.addZpool('slow', { vdevs: [{ type: VdevType.MIRROR, disks: [b.addDisk('vdk', { kind }), b.addDisk('vdl', { kind })] }] });
      return { instances: [p.servers['server-a']!.rootVolume('minio', { recordSize: ZfsRecordSize.M1 }), pool.addDataset('minio', { recordSize: ZfsRecordSize.M1 })] };
    });
    expectDiagnostics(zfsMixed, [{ code: 'minio/single-disk-medium', path: 'us-west/m', prop: ['instances'] }]);
  });

  it("minio/zfs-recordsize: ZFS instance volumes have the cluster's recordsize", () => {
    const roots = (p: Platform, size?: ZfsRecordSize) => HOSTS.slice(0, 2).map((h) => p.servers[h]!.rootVolume('minio', { recordSize: size }));
    expectDiagnostics(withCluster((p) => ({ instances: roots(p) })), [
      { code: 'minio/zfs-recordsize', path: 'us-west/m', prop: ['instances', 0] },
      { code: 'minio/zfs-recordsize', path: 'us-west/m', prop: ['instances', 1] },
    ]);
    expectDiagnostics(withCluster((p) => ({ instances: roots(p, ZfsRecordSize.K128), expectedZfsRecordSize: ZfsRecordSize.K128 })), []);
  });

  it('minio/setting-range: three consecutive ports, memories above 16 MiB', () => {
    expectDiagnostics(withCluster(() => ({ apiPort: 65533, instanceMemoryMb: 17, lbMemoryMb: 17 })), []);
    const cases: Array<[Partial<MinioClusterProps>, string]> = [
      [{ apiPort: 65534 }, 'apiPort'],
      [{ apiPort: 0 }, 'apiPort'],
      [{ instanceMemoryMb: 16 }, 'instanceMemoryMb'],
      [{ lbMemoryMb: 16.5 }, 'lbMemoryMb'],
    ];
    for (const [props, prop] of cases) expectDiagnostics(withCluster(() => props), [{ code: 'minio/setting-range', path: 'us-west/m', prop: [prop] }]);
  });

  it('minio/bucket-name: kebab-case, 3 to 63 characters, unique in the cluster', () => {
    const app = withCluster(undefined, (c) => {
      for (const n of ['ab', 'Upper', 'x'.repeat(64), 'dup', 'dup']) c.bucket(n);
    });
    expectDiagnostics(app, [
      { code: 'minio/bucket-name', path: 'us-west/m/ab' },
      { code: 'minio/bucket-name', path: 'us-west/m/Upper' },
      { code: 'minio/bucket-name', path: `us-west/m/${'x'.repeat(64)}` },
      { code: 'minio/bucket-name', path: 'us-west/m/dup#2' },
    ]);
  });

  it('minio/exclusive-bucket: the registry has its bucket to itself', () => {
    const app = withCluster(undefined, (c, p) => {
      const docker = c.bucket('docker');
      new DockerRegistry(p.region, 'registry', { bucket: docker });
      docker.addGrant({ consumer: new Consumer(p.region, 'app'), prop: ['buckets', 0], user: 'app', access: BucketAccess.READ_ONLY, exclusive: false });
    });
    expectDiagnostics(app, [{ code: 'minio/exclusive-bucket', path: 'us-west/app', prop: ['buckets', 0] }]);
  });

  it("minio/bucket-region: a bucket's consumers are in its cluster's region", () => {
    const app = withCluster(undefined, (c, p) => {
      new DockerRegistry(new Region(p.app, 'eu-west'), 'registry', { bucket: c.bucket('docker') });
    });
    expect(only(app, 'minio/bucket-region')).toEqual([{ code: 'minio/bucket-region', path: 'eu-west/registry', prop: ['bucket'] }]);
  });

  it('minio/bucket-users: one consumer per user name, valid names, never the root user', () => {
    const app = withCluster(undefined, (c, p) => {
      const b = c.bucket('shared');
      const grant = (consumer: string, user: string) => b.addGrant({ consumer: new Consumer(p.region, consumer), prop: ['buckets', 0], user, access: BucketAccess.READ_WRITE, exclusive: false });
      grant('one', 'same-user');
      grant('two', 'same-user');
      grant('three', 'ab');
      grant('four', 'epl-minio-root');
    });
    expectDiagnostics(app, [
      { code: 'minio/bucket-users', path: 'us-west/two', prop: ['buckets', 0] },
      { code: 'minio/bucket-users', path: 'us-west/three', prop: ['buckets', 0] },
      { code: 'minio/bucket-users', path: 'us-west/four', prop: ['buckets', 0] },
    ]);
  });
});

/**
 * A fresh examples/multi-dc (three datacenters in region eu-central) with a cluster on these
 * servers (see the Postgres spread test for why the module graph is fresh per case).
 */
async function expectSpread(hosts: readonly string[], expected: Expected[]): Promise<void> {
  vi.resetModules();
  const app = (await import('../../../../examples/multi-dc/epl')).default as App;
  const c = await import('../../../../constructs');
  const { expectDiagnostics: expectFresh } = await import('../../../helpers/diagnostics');
  const region = app.node.findChild('eu-central') as Region;
  const server = (h: string) => app.node.findAll().find((x) => (x as Server).hostname === h) as Server;
  new c.MinioCluster(region, 'store', { instances: hosts.map((h) => server(h).rootVolume('minio', { recordSize: c.ZfsRecordSize.M1 })) });
  // examples/multi-dc runs no workload, so it has no monitoring or Loki cluster: this one's metrics and logs are the region's first.
  expectFresh(app, [...expected, { code: 'monitoring/region-missing', path: 'eu-central' }, { code: 'loki/region-missing', path: 'eu-central' }]);
}

describe('minio/datacenter-spread', () => {
  it('passes instances in every datacenter of a multi-datacenter region', async () => {
    await expectSpread(['dc1-s1', 'dc2-s1', 'dc3-s1'], []);
    await expectSpread(['dc1-s1', 'dc2-s1'], []);
  });

  it('fails instances in too few datacenters, or spread unevenly', async () => {
    const at = [{ code: 'minio/datacenter-spread', path: 'eu-central/store', prop: ['instances'] }];
    await expectSpread(['dc3-s1', 'dc3-s2'], at);
    await expectSpread(['dc1-s1', 'dc3-s1', 'dc3-s2', 'dc3-rtr1'], at);
  });
});
