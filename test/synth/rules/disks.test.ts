import { describe, it } from 'vitest';
import { DatacenterImplementation, DiskIdsPolicy, DiskKind, DiskMedium, ServerKind, Size, VdevType, type Disk, type Server } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform, type Platform } from '../../helpers/platform';

const B = 'us-west/dc1/server-b';
const withB = (fn: (b: Server, p: Platform) => void) => platform({ extend: (p) => fn(p.servers['server-b']!, p) }).app;
const disks = (s: Server, ids: string[], props: Parameters<Server['addDisk']>[1] = {}): Disk[] => ids.map((id) => s.addDisk(id, props));

describe('disk kind rules', () => {
  const kind = (props: ConstructorParameters<typeof DiskKind>[2]) => platform({ extend: ({ app }) => new DiskKind(app, 'k', props) }).app;

  it('passes fixed and elastic kinds', () => {
    expectDiagnostics(kind({ capacity: Size.gibibytes(1) }), []);
    expectDiagnostics(kind({ elastic: true, minCapacity: Size.gibibytes(1), maxCapacity: Size.tebibytes(16) }), []);
  });

  it('fails a fixed kind without capacity', () => {
    expectDiagnostics(kind({}), [{ code: 'disks/fixed-kind-without-capacity', path: 'k' }]);
  });

  it('fails a kind below 1 GiB', () => {
    expectDiagnostics(kind({ capacity: Size.mebibytes(512) }), [{ code: 'disks/kind-capacity-too-small', path: 'k', prop: ['capacity'] }]);
  });

  it('fails an elastic kind with a fixed capacity or without a maximum', () => {
    expectDiagnostics(kind({ elastic: true, capacity: Size.gibibytes(10) }), [
      { code: 'disks/elastic-kind-with-capacity', path: 'k', prop: ['capacity'] },
      { code: 'disks/elastic-kind-without-max-capacity', path: 'k' },
    ]);
  });

  it('fails a fixed kind with bounds', () => {
    expectDiagnostics(kind({ capacity: Size.gibibytes(10), minCapacity: Size.gibibytes(1), maxCapacity: Size.gibibytes(20) }), [
      { code: 'disks/fixed-kind-with-capacity-bounds', path: 'k', prop: ['minCapacity'] },
      { code: 'disks/fixed-kind-with-capacity-bounds', path: 'k', prop: ['maxCapacity'] },
    ]);
  });

  it('fails an elastic kind whose minimum exceeds its maximum', () => {
    expectDiagnostics(kind({ elastic: true, minCapacity: Size.gibibytes(20), maxCapacity: Size.gibibytes(10) }), [
      { code: 'disks/elastic-kind-min-above-max', path: 'k', prop: ['minCapacity'] },
    ]);
  });
});

describe('server disk rules', () => {
  it('passes the standard disks', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fails disk ids with other characters', () => {
    const app = platform({
      dc: { diskIdsPolicy: DiskIdsPolicy.REQUIRE_SERIAL },
      storage: false,
      extend: ({ servers }) => Object.values(servers).forEach((s, i) => s.addDisk(i === 0 ? 'WD 1234' : `SERIAL-${i}`, { root: true })),
    }).app;
    expectDiagnostics(app, [{ code: 'disks/invalid-disk-id', path: 'us-west/dc1/server-a/disks/WD 1234' }]);
  });

  it('fails a disk defined twice', () => {
    expectDiagnostics(withB((b) => b.addDisk('vdb')), [{ code: 'disks/duplicate-disk-id', path: `${B}/disks/vdb#2` }]);
  });

  it('fails a server without a root disk, and two root disks', () => {
    const app = platform({
      storage: false,
      extend: ({ servers }) => {
        servers['server-a']!.addDisk('vdx');
        for (const h of ['server-b', 'server-c']) servers[h]!.addDisk('vda');
        servers['server-d']!.addDisk('vda', { root: true });
        servers['server-d']!.addDisk('vdb', { root: true });
      },
    }).app;
    expectDiagnostics(app, [
      { code: 'disks/root-disk-count', path: 'us-west/dc1/server-a' },
      { code: 'disks/root-disk-count', path: 'us-west/dc1/server-d/disks/vdb', prop: ['root'] },
    ]);
  });

  it('passes a root disk marked explicitly', () => {
    const app = platform({
      storage: false,
      extend: ({ servers }) => Object.values(servers).forEach((s) => s.addDisk('sda', { root: true })),
    }).app;
    expectDiagnostics(app, []);
  });

  it('fails an XFS-formatted root disk', () => {
    const app = platform({
      storage: false,
      extend: ({ servers }) => Object.values(servers).forEach((s) => s.addDisk('vda', { xfsFormat: s.hostname === 'server-b' })),
    }).app;
    expectDiagnostics(app, [{ code: 'disks/root-disk-xfs', path: `${B}/disks/vda`, prop: ['xfsFormat'] }]);
  });

  it('fails a root disk below 5 GiB', () => {
    const app = platform({
      storage: false,
      extend: ({ app: a, servers }) => {
        const small = new DiskKind(a, 'small', { capacity: Size.gibibytes(4) });
        Object.values(servers).forEach((s) => s.addDisk('vda', { kind: s.hostname === 'server-b' ? small : undefined }));
      },
    }).app;
    expectDiagnostics(app, [{ code: 'disks/root-disk-too-small', path: `${B}/disks/vda` }]);
  });

  it('fails a disk without a kind', () => {
    const app = platform({ dc: { defaultDiskKind: undefined }, storage: false, extend: ({ servers }) => servers['server-a']!.addDisk('vda') });
    expectDiagnostics(app.app, [
      { code: 'disks/no-disk-kind', path: 'us-west/dc1/server-a/disks/vda', prop: ['kind'] },
      ...['b', 'c', 'd'].map((x) => ({ code: 'disks/root-disk-count', path: `us-west/dc1/server-${x}` })),
    ]);
  });

  it('fails a disk of a kind marked not eligible', () => {
    const app = withB((b, { app: a }) => b.addDisk('vdc', { kind: new DiskKind(a, 'hyperdisk', { capacity: Size.gibibytes(10), nonEligibleReason: 'not supported' }) }));
    expectDiagnostics(app, [{ code: 'disks/disk-kind-not-eligible', path: `${B}/disks/vdc`, prop: ['kind'] }]);
  });

  it('checks capacities of elastic and fixed disks', () => {
    const app = withB((b, { app: a }) => {
      const gp3 = new DiskKind(a, 'gp3', { elastic: true, minCapacity: Size.gibibytes(2), maxCapacity: Size.gibibytes(100) });
      b.addDisk('vdc', { kind: gp3 });
      b.addDisk('vdd', { kind: gp3, capacity: Size.gibibytes(1) });
      b.addDisk('vde', { kind: gp3, capacity: Size.gibibytes(101) });
      b.addDisk('vdf', { kind: gp3, capacity: Size.gibibytes(50) });
      b.addDisk('vdg', { capacity: Size.gibibytes(50) });
    });
    expectDiagnostics(app, [
      { code: 'disks/elastic-disk-without-capacity', path: `${B}/disks/vdc` },
      { code: 'disks/elastic-disk-capacity-out-of-bounds', path: `${B}/disks/vdd`, prop: ['capacity'] },
      { code: 'disks/elastic-disk-capacity-out-of-bounds', path: `${B}/disks/vde`, prop: ['capacity'] },
      { code: 'disks/fixed-disk-with-capacity', path: `${B}/disks/vdg`, prop: ['capacity'] },
    ]);
  });

  it('fails extra config on a kind without it, and passes it on a kind with it', () => {
    const app = withB((b, { app: a }) => {
      b.addDisk('vdc', { provisionedIops: 3000 });
      b.addDisk('vdd', { kind: new DiskKind(a, 'io2', { capacity: Size.gibibytes(10), hasExtraConfig: true }), provisionedIops: 3000 });
    });
    expectDiagnostics(app, [{ code: 'disks/extra-config-not-allowed', path: `${B}/disks/vdc` }]);
  });

  it("fails an 'nvme' disk whose kind is not NVMe", () => {
    const app = withB((b, { app: a }) => {
      b.addDisk('nvme0n1');
      b.addDisk('nvme1n1', { kind: new DiskKind(a, 'nvme', { medium: DiskMedium.NVME, capacity: Size.gibibytes(100) }) });
    });
    expectDiagnostics(app, [{ code: 'disks/nvme-disk-not-nvme-kind', path: `${B}/disks/nvme0n1`, prop: ['kind'] }]);
  });

  it('fails device names in a serial datacenter and serials in a device-name datacenter', () => {
    expectDiagnostics(withB((b) => b.addDisk('S3Z1NB0K123456')), [{ code: 'disks/disk-id-policy', path: `${B}/disks/S3Z1NB0K123456` }]);
    const app = platform({
      dc: { implementation: DatacenterImplementation.BARE_METAL },
      storage: false,
      extend: ({ servers }) => {
        Object.values(servers).forEach((s, i) => s.addDisk(i === 0 ? 'sda' : `WD-WCC4N${i}`, { root: true }));
      },
      servers: Object.fromEntries(['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, (p, a) => ({ ...p, kind: ServerKind.testVm(a, { cores: 2, memoryMiB: 4096 }) })])),
    }).app;
    expectDiagnostics(app, [{ code: 'disks/disk-id-policy', path: 'us-west/dc1/server-a/disks/sda' }]);
  });

  it('fails the same serial on two servers', () => {
    const app = platform({
      dc: { diskIdsPolicy: DiskIdsPolicy.REQUIRE_SERIAL },
      storage: false,
      extend: ({ servers }) => Object.values(servers).forEach((s, i) => s.addDisk(i < 2 ? 'WD-SAME' : `WD-${i}`, { root: true })),
    }).app;
    expectDiagnostics(app, [{ code: 'disks/duplicate-disk-serial', path: `${B}/disks/WD-SAME` }]);
  });
});

describe('zpool rules', () => {
  const pool = (fn: (b: Server, p: Platform) => Parameters<Server['addZpool']>[1], name = 'tank') =>
    withB((b, p) => {
      b.addZpool(name, fn(b, p));
    });
  const P = `${B}/zpools/tank`;

  it('passes a pool of two mirrors with a spare, cache and log', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fails a disk used twice', () => {
    const app = pool((b) => {
      const [c, d] = disks(b, ['vdc', 'vdd']);
      return { vdevs: [{ type: VdevType.MIRROR, disks: [c!, d!] }], spares: [c!] };
    });
    expectDiagnostics(app, [{ code: 'disks/disk-used-twice', path: `${B}/disks/vdc` }]);
  });

  it("fails a pool using another server's disk", () => {
    const app = pool((b, p) => ({ vdevs: [{ type: VdevType.MIRROR, disks: [b.addDisk('vdc'), p.servers['server-c']!.addDisk('vdc')] }] }));
    expectDiagnostics(app, [{ code: 'disks/pool-disk-of-other-server', path: P }]);
  });

  it('fails bad pool names and the reserved rpool', () => {
    const mirror = (b: Server, ids: string[]) => ({ vdevs: [{ type: VdevType.MIRROR, disks: disks(b, ids) }] });
    const app = withB((b) => {
      b.addZpool('Tank', mirror(b, ['vdc', 'vdd']));
      b.addZpool('rpool', mirror(b, ['vde', 'vdf']));
      b.addZpool('data', mirror(b, ['vdg', 'vdh']));
      b.addZpool('data', mirror(b, ['vdi', 'vdj']));
    });
    expectDiagnostics(app, [
      { code: 'disks/invalid-zpool-name', path: `${B}/zpools/Tank` },
      { code: 'disks/zpool-name-reserved', path: `${B}/zpools/rpool` },
      { code: 'disks/invalid-zpool-name', path: `${B}/zpools/data#2` },
    ]);
  });

  it('fails a pool without vdevs and a vdev without disks', () => {
    expectDiagnostics(pool(() => ({ vdevs: [] })), [{ code: 'disks/zpool-without-vdevs', path: P, prop: ['vdevs'] }]);
    expectDiagnostics(pool(() => ({ vdevs: [{ type: VdevType.MIRROR, disks: [] }] })), [{ code: 'disks/zpool-without-vdevs', path: P, prop: ['vdevs', 0, 'disks'] }]);
  });

  it('fails single-disk vdevs in a redundant pool and passes them in a non-redundant one', () => {
    expectDiagnostics(pool((b) => ({ vdevs: [{ type: VdevType.MIRROR, disks: disks(b, ['vdc']) }] })), [
      { code: 'disks/redundant-pool-single-disk-vdev', path: P, prop: ['vdevs', 0, 'disks'] },
    ]);
    expectDiagnostics(pool((b) => ({ redundant: false, vdevs: [{ type: VdevType.MIRROR, disks: disks(b, ['vdc']) }] })), []);
  });

  it('fails mixed vdev types and widths', () => {
    const app = pool((b) => ({
      vdevs: [
        { type: VdevType.MIRROR, disks: disks(b, ['vdc', 'vdd']) },
        { type: VdevType.RAIDZ1, disks: disks(b, ['vde', 'vdf', 'vdg']) },
      ],
    }));
    expectDiagnostics(app, [
      { code: 'disks/zpool-mixed-vdev-types', path: P, prop: ['vdevs', 1, 'type'] },
      { code: 'disks/zpool-unequal-vdev-widths', path: P, prop: ['vdevs', 1, 'disks'] },
    ]);
  });

  it('fails mirrors wider than 3 and raidz vdevs too narrow or too wide', () => {
    const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `sd${String.fromCharCode(97 + from + i)}`);
    expectDiagnostics(pool((b) => ({ vdevs: [{ type: VdevType.MIRROR, disks: disks(b, ids(4)) }] })), [{ code: 'disks/vdev-width', path: P, prop: ['vdevs', 0, 'disks'] }]);
    expectDiagnostics(pool((b) => ({ vdevs: [{ type: VdevType.RAIDZ2, disks: disks(b, ids(3)) }] })), [{ code: 'disks/vdev-width', path: P, prop: ['vdevs', 0, 'disks'] }]);
    expectDiagnostics(pool((b) => ({ vdevs: [{ type: VdevType.RAIDZ1, disks: disks(b, ids(25)) }] })), [{ code: 'disks/vdev-width', path: P, prop: ['vdevs', 0, 'disks'] }]);
    expectDiagnostics(pool((b) => ({ vdevs: [{ type: VdevType.RAIDZ2, disks: disks(b, ids(4)) }] })), []);
  });

  it('fails data disks of different sizes or media', () => {
    const app = pool((b, { app: a }) => {
      const big = new DiskKind(a, 'big-hdd', { medium: DiskMedium.HDD, capacity: Size.gibibytes(40) });
      return { vdevs: [{ type: VdevType.MIRROR, disks: [b.addDisk('vdc'), b.addDisk('vdd', { kind: big })] }] };
    });
    expectDiagnostics(app, [
      { code: 'disks/zpool-mixed-disks', path: P },
      { code: 'disks/zpool-mixed-disks', path: P },
    ]);
  });

  it('fails more than two log disks', () => {
    const app = pool((b) => ({ vdevs: [{ type: VdevType.MIRROR, disks: disks(b, ['vdc', 'vdd']) }], log: disks(b, ['vde', 'vdf', 'vdg']) }));
    expectDiagnostics(app, [{ code: 'disks/zpool-log-disks', path: P, prop: ['log'] }]);
  });

  it('fails a cache disk slower than the data disks', () => {
    const app = pool((b, { app: a }) => {
      const nvme = new DiskKind(a, 'nvme', { medium: DiskMedium.NVME, capacity: Size.gibibytes(100) });
      const hdd = new DiskKind(a, 'hdd', { medium: DiskMedium.HDD, capacity: Size.gibibytes(100) });
      return { vdevs: [{ type: VdevType.MIRROR, disks: [b.addDisk('vdc', { kind: nvme }), b.addDisk('vdd', { kind: nvme })] }], cache: [b.addDisk('vde', { kind: hdd })] };
    });
    expectDiagnostics(app, [{ code: 'disks/zpool-cache-slower-than-data', path: P, prop: ['cache'] }]);
  });

  it('fails several vdevs of elastic disks', () => {
    const app = pool((b, { app: a }) => {
      const gp3 = new DiskKind(a, 'gp3', { elastic: true, maxCapacity: Size.tebibytes(16) });
      const d = (id: string) => b.addDisk(id, { kind: gp3, capacity: Size.gibibytes(100) });
      return { vdevs: [{ type: VdevType.MIRROR, disks: [d('vdc'), d('vdd')] }, { type: VdevType.MIRROR, disks: [d('vde'), d('vdf')] }] };
    });
    expectDiagnostics(app, [{ code: 'disks/elastic-zpool-multiple-vdevs', path: P, prop: ['vdevs'] }]);
  });
});

describe('volume rules', () => {
  it('fails names that are not kebab-case and names used twice', () => {
    const app = withB((b) => {
      b.rootVolume('Pg_Data');
      b.rootVolume('minio-docker');
    });
    expectDiagnostics(app, [
      { code: 'disks/invalid-volume-name', path: `${B}/volumes/Pg_Data` },
      { code: 'disks/duplicate-volume-name', path: `${B}/volumes/minio-docker#2` },
    ]);
  });

  it('fails an XFS volume on a disk that is not XFS-formatted or belongs to another server', () => {
    const app = withB((b, p) => {
      b.xfsVolume('logs', { disk: b.addDisk('vdc') });
      b.xfsVolume('other', { disk: p.servers['server-c']!.addDisk('vdc', { xfsFormat: true }) });
    });
    expectDiagnostics(app, [
      { code: 'disks/xfs-volume-not-on-xfs-disk', path: `${B}/volumes/logs`, prop: ['disk'] },
      { code: 'disks/xfs-volume-not-on-xfs-disk', path: `${B}/volumes/other`, prop: ['disk'] },
    ]);
  });
});
