import { LokiCluster } from '../../../constructs/services/loki-cluster';
import type { Model } from '../../model/model';
import { defineRule } from '../../rules/rule';
import { LOKI_LAST_PORT_OFFSET } from './names';
import { kebabNameRule, regionDefaultRule } from '../../rules/cluster-rules';

const clusters = (model: Model) => model.ofType(LokiCluster);

/** The least memory a Loki instance of any role runs in, in MiB: the binary alone idles near 50 MiB. */
export const MIN_LOKI_MEMORY_MB = 64;
/** The most days logs may be kept (model.md §6.8). */
export const MAX_RETENTION_DAYS = 10000;

const isWhole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

export const clusterName = kebabNameRule({
  code: 'loki/cluster-name',
  kind: 'Loki cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: 'The name becomes the Nomad job (`loki-<name>`), the Consul services (`epl-loki-<name>-writer`, ...), the bucket user (`loki-<name>`) and the Consul KV prefix of its rings.',
  reference: ['loki_cluster CHECK loki_writers >= 2, loki_readers >= 2 (model.md §6.8)'],
});

export const instanceCounts = defineRule({
  code: 'loki/instance-count',
  severity: 'error',
  title: 'A Loki cluster has at least 2 writers and 2 readers',
  doc: 'Writers hold the newest logs in memory, replicated to up to three of them, until they flush to the bucket: one writer loses what it holds when it stops. Readers run the query frontend and queriers: with one, a restart stops every query. Use at least 2 of each (3 writers keep a quorum of the replicas when one is down).',
  reference: ['loki_cluster CHECK loki_writers >= 2, loki_readers >= 2 (model.md §6.8)'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const prop of ['writers', 'readers'] as const) {
        const n = c[prop];
        if (!isWhole(n, 2, Number.MAX_SAFE_INTEGER)) report(c, `Loki cluster '${c.clusterName}' has ${n} ${prop}, it needs a whole number of at least 2`, { prop: [prop] });
      }
    }
  },
});

export const portRange = defineRule({
  code: 'loki/ports',
  severity: 'error',
  title: "A Loki cluster's six consecutive ports are valid ports",
  doc: `The writers' HTTP port is the first of six consecutive ports (writer HTTP and gRPC, reader HTTP and gRPC, backend HTTP and gRPC): it is a whole number from 1 to ${65535 - LOKI_LAST_PORT_OFFSET}.`,
  reference: ['loki_cluster CHECK valid ports, all six consecutive (model.md §6.8)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.writerHttpPort, 1, 65535 - LOKI_LAST_PORT_OFFSET)) {
        report(c, `writerHttpPort is ${c.writerHttpPort}, it must be a whole number from 1 to ${65535 - LOKI_LAST_PORT_OFFSET} (the next five ports are the cluster's too)`, { prop: ['writerHttpPort'] });
      }
    }
  },
});

export const retention = defineRule({
  code: 'loki/retention',
  severity: 'error',
  title: 'A Loki cluster keeps logs for 1 to 10000 days',
  doc: 'The compactor deletes logs older than the retention period; 0 would keep nothing (Loki reads it as "forever"), and the reference caps it at 10000 days.',
  reference: ['loki_cluster CHECK retention_period_days 1..10000 (model.md §6.8)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.retentionDays, 1, MAX_RETENTION_DAYS)) report(c, `retentionDays is ${c.retentionDays}, it must be a whole number from 1 to ${MAX_RETENTION_DAYS}`, { prop: ['retentionDays'] });
    }
  },
});

export const memory = defineRule({
  code: 'loki/memory',
  severity: 'error',
  title: `Each Loki role reserves at least ${MIN_LOKI_MEMORY_MB} MiB`,
  doc: `A writer, reader or backend instance idles near 50 MiB before it holds a stream or runs a query; with less than ${MIN_LOKI_MEMORY_MB} MiB reserved it is killed as soon as logs arrive.`,
  check(model, report) {
    for (const c of clusters(model)) {
      for (const prop of ['writerMemoryMb', 'readerMemoryMb', 'backendMemoryMb'] as const) {
        const v = c[prop];
        if (!isWhole(v, MIN_LOKI_MEMORY_MB, Number.MAX_SAFE_INTEGER)) report(c, `${prop} is ${v}, it must be a whole number of MiB, at least ${MIN_LOKI_MEMORY_MB}`, { prop: [prop] });
      }
    }
  },
});

export const regionDefault = regionDefaultRule({
  code: 'loki/region-default',
  kind: 'Loki cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: "Every server's vector ships its logs, and every container without an `epl_loki_cluster` label its logs, to the region's default Loki cluster: a region's only cluster is its default; with several, set `regionDefault: true` on exactly one.",
  reference: ['NoRegionDefaultLoggingClusterSpecified', 'MoreThanOneDefaultLoggingClusterFoundInRegion'],
});

/**
 * The rules of Loki clusters. A bucket in another region is minio/bucket-region's finding, a bucket
 * shared with another user minio/exclusive-bucket's, placement labels not declared
 * placement/undeclared-label's: those hold for every bucket consumer and stateless workload.
 */
export const lokiRules = [clusterName, instanceCounts, portRange, retention, memory, regionDefault];
