import { MinioCluster } from '../../../constructs/services/minio-cluster';
import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { Region } from '../../../constructs/core/region';
import type { DiskMedium } from '../../../constructs/storage/enums';
import { RootVolume, XfsVolume, ZfsDataset, ZfsVolume, type ServerVolume } from '../../../constructs/storage/volumes';
import type { Model } from '../../model/model';
import { defineRule } from '../../rules/rule';
import { KEBAB_CASE } from '../../rules/patterns';
import { spreadProblem } from '../../rules/regions/spread';
import { minioPorts } from './names';
import { MINIO_ROOT_USER, minioUsers } from './users';

const clusters = (model: Model) => model.ofType(MinioCluster);

/** `epl-minio-<name>` is a DNS label in `<service>.service.consul`: at most 63 characters. */
const MAX_CLUSTER_NAME = 63 - 'epl-minio-'.length;

export const clusterName = defineRule({
  code: 'minio/cluster-name',
  severity: 'error',
  title: `MinIO cluster names are kebab-case with at most ${MAX_CLUSTER_NAME} characters`,
  doc: `The name becomes the Nomad job \`minio-<name>\` and the Consul service \`epl-minio-<name>\`, a DNS label of at most 63 characters.`,
  reference: ['minio_cluster kebab-case check (model.md §6.3)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!KEBAB_CASE.test(c.clusterName) || c.clusterName.length > MAX_CLUSTER_NAME) report(c, `MinIO cluster name '${c.clusterName}' must be kebab-case (a-z, 0-9, -) with at most ${MAX_CLUSTER_NAME} characters`);
    }
  },
});

export const instanceCount = defineRule({
  code: 'minio/instance-count',
  severity: 'error',
  title: 'A MinIO cluster has at least two instances',
  doc: 'MinIO erasure-codes every object across the instances; with one instance there is no redundancy and losing its volume loses every object. Add an instance on a volume of another server.',
  reference: ['MinIOMustHaveAtLeastTwoInstances'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (c.instances.length < 2) report(c, `MinIO cluster '${c.clusterName}' has ${c.instances.length} instance(s), it needs at least 2`, { prop: ['instances'] });
    }
  },
});

export const instanceRegion = defineRule({
  code: 'minio/instance-region',
  severity: 'error',
  title: "A MinIO cluster's instances are on servers of its region",
  doc: "The cluster's job runs in its region's Nomad and its peers talk over the region's LAN. Put the instance on a volume of a server in the cluster's region, or define the cluster in the volume's region.",
  reference: ['MinIOClusterInstanceIsOutsideSpecifiedRegion'],
  check(model, report) {
    for (const c of clusters(model)) {
      c.instances.forEach((v, i) => {
        const server = model.serverOf(v);
        if (server.datacenter.region !== c.region) {
          report(c, `instance ${i + 1} is volume '${v.volumeName}' of server '${server.hostname}' in region '${server.datacenter.region.regionName}', not in the cluster's region '${c.region.regionName}'`, { prop: ['instances', i] });
        }
      });
    }
  },
});

const filesystemOf = (v: ServerVolume) => (v instanceof ZfsVolume ? 'ZFS' : 'XFS');

export const singleFilesystem = defineRule({
  code: 'minio/single-filesystem',
  severity: 'error',
  title: "A MinIO cluster's instance volumes are all on ZFS or all on XFS",
  doc: 'Erasure coding spreads every object over all instances, so the cluster behaves like its slowest and least predictable instance; mixing filesystems with different caching and write behaviour makes its performance hard to reason about. Put every instance on the same filesystem.',
  reference: ['MinIOMultipleFilesystemsDetectedInCluster'],
  check(model, report) {
    for (const c of clusters(model)) {
      const kinds = [...new Set(c.instances.map(filesystemOf))];
      if (kinds.length > 1) {
        const list = c.instances.map((v, i) => `${i + 1}: ${filesystemOf(v)}`).join(', ');
        report(c, `MinIO cluster '${c.clusterName}' mixes filesystems across its instances (${list})`, { prop: ['instances'] });
      }
    }
  },
});

/** The media of the disks a volume is on (none known when a disk has no kind). */
export function volumeMedia(model: Model, v: ServerVolume): DiskMedium[] {
  let disks;
  if (v instanceof XfsVolume) disks = [v.disk];
  else if (v instanceof ZfsDataset) disks = v.zpool.vdevs.flatMap((d) => d.disks);
  else if (v instanceof RootVolume) disks = model.rootDisksOf(model.serverOf(v));
  else disks = [];
  return [...new Set(disks.map((d) => model.diskKindOf(d)?.medium).filter((m): m is DiskMedium => m !== undefined))];
}

export const singleDiskMedium = defineRule({
  code: 'minio/single-disk-medium',
  severity: 'error',
  title: "A MinIO cluster's instance volumes are on one disk medium, unless allowed",
  doc: 'Every write waits for all instances, so a cluster with one HDD instance among NVMe ones runs at HDD speed. Put the instances on the same medium, or set `multipleDiskMediumsOk: true` when that is intended.',
  reference: ['MinIOMultipleDiskMediumsDetectedInCluster'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (c.multipleDiskMediumsOk) continue;
      const media = c.instances.map((v) => volumeMedia(model, v));
      const all = [...new Set(media.flat())];
      if (all.length > 1) {
        const list = media.map((m, i) => `${i + 1}: ${m.join('+') || 'unknown'}`).join(', ');
        report(c, `MinIO cluster '${c.clusterName}' has instances on disk media ${all.join(' and ')} (${list})`, { prop: ['instances'] });
      }
    }
  },
});

export const zfsRecordSize = defineRule({
  code: 'minio/zfs-recordsize',
  severity: 'error',
  title: "A MinIO instance's ZFS volume has the cluster's expected recordsize",
  doc: 'MinIO stores objects as large erasure-coded parts; small ZFS records (the default 4k) fragment them and cost throughput and space. Set the volume\'s `recordSize` to the cluster\'s `expectedZfsRecordSize` (1M by default), or change the expectation.',
  reference: ['MinIOUnexpectedZfsRecordsizeOnVolume'],
  check(model, report) {
    for (const c of clusters(model)) {
      c.instances.forEach((v, i) => {
        if (v instanceof ZfsVolume && v.recordSize !== c.expectedZfsRecordSize) {
          report(c, `instance ${i + 1} is ZFS volume '${v.volumeName}' with recordsize ${v.recordSize}, the cluster expects ${c.expectedZfsRecordSize}`, {
            prop: ['instances', i],
            related: [{ construct: v, message: 'the volume' }],
          });
        }
      });
    }
  },
});

const LAST_PORT_OFFSET = minioPorts({ apiPort: 0 } as MinioCluster).lb;

export const settingRange = defineRule({
  code: 'minio/setting-range',
  severity: 'error',
  title: "A MinIO cluster's ports and memories are in range",
  doc: `The API port leaves room for the console and load balancer ports after it (at most ${65535 - LAST_PORT_OFFSET}); the MinIO and load balancer memories are whole MiB above 16.`,
  reference: ['minio_cluster port sequence and memory checks (model.md §6.3)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!Number.isInteger(c.apiPort) || c.apiPort < 1 || c.apiPort > 65535 - LAST_PORT_OFFSET) {
        report(c, `apiPort is ${c.apiPort}, it must be a whole number from 1 to ${65535 - LAST_PORT_OFFSET} (the console and load balancer take the next two ports)`, { prop: ['apiPort'] });
      }
      for (const prop of ['instanceMemoryMb', 'lbMemoryMb'] as const) {
        const v = c[prop];
        if (!Number.isInteger(v) || v <= 16) report(c, `${prop} is ${v} MiB, it must be a whole number above 16`, { prop: [prop] });
      }
    }
  },
});

export const bucketName = defineRule({
  code: 'minio/bucket-name',
  severity: 'error',
  title: 'MinIO bucket names are kebab-case, 3 to 63 characters, unique in their cluster',
  doc: 'S3 bucket names are DNS-compatible, 3 to 63 characters; epl allows kebab-case (a-z, 0-9, -). A cluster has one bucket of each name: rename one of the two.',
  reference: ['minio_bucket kebab-case and length checks (model.md §6.3)'],
  check(model, report) {
    for (const c of clusters(model)) {
      const seen = new Set<string>();
      for (const b of c.buckets) {
        const n = b.bucketName;
        if (!KEBAB_CASE.test(n) || n.length < 3 || n.length > 63) report(b, `bucket name '${n}' must be kebab-case (a-z, 0-9, -) with 3 to 63 characters`);
        else if (seen.has(n)) report(b, `MinIO cluster '${c.clusterName}' already has a bucket '${n}'`);
        seen.add(n);
      }
    }
  },
});

export const exclusiveBucket = defineRule({
  code: 'minio/exclusive-bucket',
  severity: 'error',
  title: 'A bucket used by infrastructure (registry, Loki, Tempo) is used by nothing else',
  doc: 'The registry, Loki and Tempo own the layout of their bucket and delete what they consider garbage; another user of the same bucket would lose objects or corrupt theirs. Give each of them its own bucket.',
  reference: ['MinIODoubleUseOfExclusiveBucketDetected'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const b of c.buckets) {
        const consumers = [...new Set(b.grants.map((g) => g.consumer))];
        if (consumers.length < 2 || !b.grants.some((g) => g.exclusive)) continue;
        const owner = b.grants.find((g) => g.exclusive)!;
        for (const g of b.grants) {
          if (g.consumer === owner.consumer) continue;
          report(g.consumer, `bucket '${b.bucketName}' of MinIO cluster '${c.clusterName}' is used exclusively by ${owner.consumer.node.path}; use another bucket`, {
            prop: g.prop,
            related: [
              { construct: owner.consumer, prop: owner.prop, message: 'the exclusive user' },
              { construct: b, message: 'the bucket' },
            ],
          });
        }
      }
    }
  },
});

/** A consumer's region, for constructs that have one. */
function regionOf(consumer: EplConstruct): Region | undefined {
  return (consumer as { region?: Region }).region;
}

export const grantRegion = defineRule({
  code: 'minio/bucket-region',
  severity: 'error',
  title: "A bucket's users are in its cluster's region",
  doc: "S3 traffic stays inside a region: consumers reach the cluster through the region's Consul DNS and read their credentials from the region's Vault. Use a bucket of a MinIO cluster in the consumer's region.",
  reference: ['DockerRegistryAndMinioClusterAreInDifferentRegions', 'ApplicationS3BucketWiringIsInDifferentRegion', 'LokiClusterMinIOBucketIsOutsideSpecifiedRegion', 'TempoClusterMinIOBucketIsOutsideSpecifiedRegion'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const b of c.buckets) {
        for (const g of b.grants) {
          const region = regionOf(g.consumer);
          if (region && region !== c.region) {
            report(g.consumer, `bucket '${b.bucketName}' is on MinIO cluster '${c.clusterName}' in region '${c.region.regionName}', not in this region '${region.regionName}'`, {
              prop: g.prop,
              related: [{ construct: b, message: 'the bucket' }],
            });
          }
        }
      }
    }
  },
});

export const bucketUsers = defineRule({
  code: 'minio/bucket-users',
  severity: 'error',
  title: 'Each MinIO user of a cluster belongs to one consumer and is a valid access key',
  doc: `A user's password lives in Vault for its consumer's job; two consumers under one user name would share credentials and overwrite each other's policy. User names are kebab-case with at least 3 characters (MinIO's minimum access key length) and never \`${MINIO_ROOT_USER}\`, the root user. Users are named after their consumers: rename a consumer.`,
  check(model, report) {
    for (const c of clusters(model)) {
      for (const u of minioUsers(c)) {
        const first = u.grants[0]!;
        if (!KEBAB_CASE.test(u.user) || u.user.length < 3 || u.user === MINIO_ROOT_USER) {
          report(first.consumer, `MinIO user '${u.user}' of cluster '${c.clusterName}' must be kebab-case with at least 3 characters and not '${MINIO_ROOT_USER}'`, { prop: first.prop });
        }
        const other = u.grants.find((g) => g.consumer !== first.consumer);
        if (other) {
          report(other.consumer, `MinIO user '${u.user}' of cluster '${c.clusterName}' is already ${first.consumer.node.path}'s`, { prop: other.prop, related: [{ construct: first.consumer, prop: first.prop, message: 'the first user of that name' }] });
        }
      }
    }
  },
});

export const datacenterSpread = defineRule({
  code: 'minio/datacenter-spread',
  severity: 'error',
  title: "In a multi-datacenter region, a MinIO cluster's instances span its datacenters evenly",
  doc:
    'A multi-datacenter region promises to survive the loss of a datacenter: two instances must be in two datacenters, more in at least three, ' +
    'and no datacenter may hold two more instances than another. Move an instance to a volume of a server in another datacenter.',
  reference: ['ApplicationInsideMultiDcRegionIsNotDistributedAcrossEnoughDatacenters', 'ApplicationInsideMultiDcRegionIsDistributedDistributedNonEqually'],
  check(model, report) {
    for (const c of clusters(model)) {
      const servers = c.instances.map((v) => model.serverOf(v)).filter((s) => s.datacenter.region === c.region);
      const problem = spreadProblem(c.region, servers);
      if (problem) report(c, `MinIO cluster '${c.clusterName}': ${problem}`, { prop: ['instances'] });
    }
  },
});

export const minioComponentRules = [
  clusterName,
  instanceCount,
  instanceRegion,
  singleFilesystem,
  singleDiskMedium,
  zfsRecordSize,
  settingRange,
  bucketName,
  exclusiveBucket,
  grantRegion,
  bucketUsers,
  datacenterSpread,
];
