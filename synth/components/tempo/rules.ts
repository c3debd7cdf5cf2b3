import { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { Model } from '../../model/model';
import { defineRule } from '../../rules/rule';
import { TEMPO_LAST_PORT_OFFSET } from './names';
import { kebabNameRule, regionDefaultRule } from '../../rules/cluster-rules';

const clusters = (model: Model) => model.ofType(TempoCluster);

/** The least memory a Tempo instance runs in, in MiB (model.md §6.9). */
export const MIN_TEMPO_MEMORY_MB = 64;
/** The most days traces may be kept (model.md §6.9). */
export const MAX_TEMPO_RETENTION_DAYS = 10000;

const isWhole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

export const clusterName = kebabNameRule({
  code: 'tempo/cluster-name',
  kind: 'Tempo cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: 'The name becomes the Nomad job (`tempo-<name>`), the Consul services (`epl-tempo-<name>`, `-otlp`, `-memberlist`) and the bucket user (`tempo-<name>`).',
  reference: ['tempo_cluster CHECK tempo_instances >= 2 (model.md §6.9)'],
});

export const instanceCount = defineRule({
  code: 'tempo/instance-count',
  severity: 'error',
  title: 'A Tempo cluster has at least 2 instances',
  doc: 'Every instance receives traces, answers queries and compacts blocks: with one, a restart stops all three. Use at least 2 (with 3 or more each trace is kept by three ingesters until it is flushed to the bucket).',
  reference: ['tempo_cluster CHECK tempo_instances >= 2 (model.md §6.9)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.instances, 2, Number.MAX_SAFE_INTEGER)) report(c, `Tempo cluster '${c.clusterName}' has ${c.instances} instances, it needs a whole number of at least 2`, { prop: ['instances'] });
    }
  },
});

export const portRange = defineRule({
  code: 'tempo/ports',
  severity: 'error',
  title: "A Tempo cluster's five consecutive ports are valid ports",
  doc: `The HTTP port is the first of five consecutive ports (HTTP, gRPC, memberlist, OTLP HTTP, OTLP gRPC): it is a whole number from 1 to ${65535 - TEMPO_LAST_PORT_OFFSET}.`,
  reference: ['tempo_cluster CHECK valid ports, all five consecutive (model.md §6.9)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.httpPort, 1, 65535 - TEMPO_LAST_PORT_OFFSET)) {
        report(c, `httpPort is ${c.httpPort}, it must be a whole number from 1 to ${65535 - TEMPO_LAST_PORT_OFFSET} (the next four ports are the cluster's too)`, { prop: ['httpPort'] });
      }
    }
  },
});

export const retention = defineRule({
  code: 'tempo/retention',
  severity: 'error',
  title: 'A Tempo cluster keeps traces for 1 to 10000 days',
  doc: "The compactor deletes blocks older than the retention period (its `block_retention`); 0 would keep nothing, and the reference caps it at 10000 days.",
  reference: ['tempo_cluster CHECK trace_retention_days 1..10000 (model.md §6.9)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.retentionDays, 1, MAX_TEMPO_RETENTION_DAYS)) report(c, `retentionDays is ${c.retentionDays}, it must be a whole number from 1 to ${MAX_TEMPO_RETENTION_DAYS}`, { prop: ['retentionDays'] });
    }
  },
});

export const memory = defineRule({
  code: 'tempo/memory',
  severity: 'error',
  title: `A Tempo instance reserves at least ${MIN_TEMPO_MEMORY_MB} MiB`,
  doc: `An instance runs every Tempo component; with less than ${MIN_TEMPO_MEMORY_MB} MiB reserved it is killed as soon as traces arrive.`,
  reference: ['tempo_cluster CHECK memory_mb >= 64 (model.md §6.9)'],
  check(model, report) {
    for (const c of clusters(model)) {
      if (!isWhole(c.memoryMb, MIN_TEMPO_MEMORY_MB, Number.MAX_SAFE_INTEGER)) report(c, `memoryMb is ${c.memoryMb}, it must be a whole number of MiB, at least ${MIN_TEMPO_MEMORY_MB}`, { prop: ['memoryMb'] });
    }
  },
});

export const regionDefault = regionDefaultRule({
  code: 'tempo/region-default',
  kind: 'Tempo cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: "Every backend application that names no `tracingCluster` sends its traces to the region's default Tempo cluster: a region's only cluster is its default; with several, set `regionDefault: true` on exactly one.",
  reference: ['NoRegionDefaultTempoClusterSpecified', 'MoreThanOneDefaultTempoClusterFoundInRegion'],
});

/**
 * The rules of Tempo clusters. A bucket in another region is minio/bucket-region's finding, a
 * bucket shared with another user minio/exclusive-bucket's, placement labels not declared
 * placement/undeclared-label's: those hold for every bucket consumer and stateless workload.
 */
export const tempoRules = [clusterName, instanceCount, portRange, retention, memory, regionDefault];
