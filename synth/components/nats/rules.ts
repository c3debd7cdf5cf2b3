import { NatsCluster, type NatsStream } from '../../../constructs/services/nats-cluster';
import type { Server } from '../../../constructs/core/server';
import { isRedefinition } from '../../../constructs/storage/containers';
import { ONE_GIB } from '../../../constructs/core/size';
import { plural } from '../../../lib/text/plural';
import type { Model } from '../../model/model';
import { SNAKE_CASE } from '../../rules/patterns';
import { spreadProblem } from '../../rules/regions/spread';
import { defineRule } from '../../rules/rule';
import { MAX_PAYLOAD_LIMIT } from './instances';
import { natsPorts } from './names';
import { kebabNameRule } from '../../rules/cluster-rules';

const clusters = (model: Model) => model.ofType(NatsCluster);
const MIB = 1024 * 1024;

export const clusterName = kebabNameRule({
  code: 'nats/cluster-name',
  kind: 'NATS cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: 'The name becomes the Nomad job (`nats-<name>`), the Consul service (`epl-nats-<name>`) and the NATS cluster name the routes agree on.',
  reference: ['NatsClusterInstancesCountMustBeThreeOrFive'],
});

export const instanceCount = defineRule({
  code: 'nats/cluster-instance-count',
  severity: 'error',
  title: 'A NATS cluster has exactly 3 or 5 instances',
  doc: "JetStream's meta group and every stream replicate by Raft, which needs a majority: 3 instances survive the loss of one, 5 of two. 1 cannot fail over, 2 or 4 survive no more losses than one fewer, and streams have at most 5 replicas.",
  reference: ['NatsClusterInstancesCountMustBeThreeOrFive'],
  check(model, report) {
    for (const c of clusters(model)) {
      const n = c.instances.length;
      if (n !== 3 && n !== 5) report(c, `NATS cluster '${c.clusterName}' has ${plural(n, 'instance')}, it needs 3 or 5`, { prop: ['instances'] });
    }
  },
});

export const instancePlacement = defineRule({
  code: 'nats/cluster-instance-placement',
  severity: 'error',
  title: "A NATS cluster's instances are on servers of its region, one per server",
  doc: 'A regional cluster keeps its peers in its region, where its clients and its routes are. Two instances on one server fail together, so the cluster would lose its majority with one server; put each instance on a volume of a different server.',
  reference: ['NatsClusterInstanceIsOutsideSpecifiedRegion', 'UNIQUE(nats_server, cluster_name)'],
  check(model, report) {
    for (const c of clusters(model)) {
      const seen = new Map<Server, number>();
      c.instances.forEach((v, i) => {
        const server = model.serverOf(v);
        const first = seen.get(server);
        if (server.datacenter.region !== c.region) {
          report(c, `instance ${i + 1} is on '${server.hostname}' in region '${server.datacenter.region.regionName}', not '${c.region.regionName}'`, { prop: ['instances', i] });
        } else if (first !== undefined) {
          report(c, `instances ${first + 1} and ${i + 1} are both on server '${server.hostname}'`, { prop: ['instances', i] });
        }
        if (first === undefined) seen.set(server, i);
      });
    }
  },
});

/** A numeric setting of a cluster and the range it must be in (inclusive). */
interface Setting {
  readonly prop: 'clientsPort' | 'instanceMemoryMb' | 'maxFileStore';
  readonly value: (c: NatsCluster) => number;
  readonly min: number;
  readonly max: number;
  readonly says: string;
}

const LAST_PORT_OFFSET = natsPorts({ clientsPort: 0 } as NatsCluster).exporter;

const SETTINGS: readonly Setting[] = [
  // The client port and the three after it (cluster, monitor, exporter) must all be ports.
  { prop: 'clientsPort', value: (c) => c.clientsPort, min: 1, max: 65535 - LAST_PORT_OFFSET, says: `a whole number from 1 to ${65535 - LAST_PORT_OFFSET} (the next three ports are the cluster's too)` },
  { prop: 'instanceMemoryMb', value: (c) => c.instanceMemoryMb, min: 32, max: Number.MAX_SAFE_INTEGER, says: 'a whole number of MiB, at least 32' },
  { prop: 'maxFileStore', value: (c) => c.maxFileStore.bytes, min: ONE_GIB, max: Number.MAX_SAFE_INTEGER, says: 'a whole number of bytes, at least 1 GiB' },
];

export const settingRange = defineRule({
  code: 'nats/cluster-setting-range',
  severity: 'error',
  title: "A NATS cluster's ports, memory and file store are in their ranges",
  doc: 'The client port leaves room for the three consecutive ports after it (cluster routes, HTTP monitor, Prometheus exporter); an instance has at least 32 MiB of memory; JetStream may store at least 1 GiB on each volume.',
  reference: ['nats_cluster column checks (model.md §6.2)'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const s of SETTINGS) {
        const v = s.value(c);
        if (!Number.isInteger(v) || v < s.min || v > s.max) report(c, `${s.prop} is ${v}, it must be ${s.says}`, { prop: [s.prop] });
      }
    }
  },
});

export const datacenterSpread = defineRule({
  code: 'nats/cluster-datacenter-spread',
  severity: 'error',
  title: "In a multi-datacenter region, a NATS cluster's instances span its datacenters evenly",
  doc: 'A multi-datacenter region promises to survive the loss of a datacenter: the instances must be in at least three datacenters, and no datacenter may hold two more instances than another. Move an instance to a volume of a server in another datacenter.',
  reference: ['ApplicationInsideMultiDcRegionIsNotDistributedAcrossEnoughDatacenters', 'ApplicationInsideMultiDcRegionIsDistributedDistributedNonEqually'],
  check(model, report) {
    for (const c of clusters(model)) {
      const servers = c.instances.map((v) => model.serverOf(v)).filter((s) => s.datacenter.region === c.region);
      const problem = spreadProblem(c.region, servers);
      if (problem) report(c, `NATS cluster '${c.clusterName}': ${problem}`, { prop: ['instances'] });
    }
  },
});

export const streamName = defineRule({
  code: 'nats/stream-name',
  severity: 'error',
  title: "A NATS stream's name is snake_case and unique in its cluster",
  doc: 'The name is the JetStream stream name and its subject (or the first token of its subjects), and names the generated bindings; two streams of one name would be one stream.',
  check(model, report) {
    for (const c of clusters(model)) {
      for (const s of c.streams) {
        if (!SNAKE_CASE.test(s.streamName)) report(s, `stream name '${s.streamName}' is not snake_case (a-z, 0-9, _)`);
        else if (isRedefinition(s)) report(s, `stream '${s.streamName}' is declared twice in NATS cluster '${c.clusterName}'`);
      }
    }
  },
});

/** What a stream's limits must be; each finding names the prop. */
function streamLimitProblems(s: NatsStream): Array<{ prop: string; message: string }> {
  const out: Array<{ prop: string; message: string }> = [];
  const bytes = s.maxBytes.bytes;
  const msg = s.maxMessageSize.bytes;
  const window = s.duplicateWindowSeconds;
  if (!Number.isInteger(bytes) || bytes < 16 * MIB) out.push({ prop: 'maxBytes', message: `maxBytes is ${s.maxBytes}, it must be at least 16 MiB` });
  if (!Number.isInteger(msg) || msg < 1024 || msg > MAX_PAYLOAD_LIMIT) {
    out.push({ prop: 'maxMessageSize', message: `maxMessageSize is ${s.maxMessageSize}, it must be from 1 KiB to 64 MiB (the most a NATS server accepts in one message)` });
  } else if (msg > bytes) {
    out.push({ prop: 'maxMessageSize', message: `maxMessageSize ${s.maxMessageSize} is more than the stream's maxBytes ${s.maxBytes}: no such message would fit` });
  }
  if (!Number.isInteger(window) || window < 1 || window > 7 * 3600) out.push({ prop: 'duplicateWindowSeconds', message: `duplicateWindowSeconds is ${window}, it must be a whole number from 1 to 25200 (7 hours)` });
  return out;
}

export const streamLimits = defineRule({
  code: 'nats/stream-limits',
  severity: 'error',
  title: "A NATS stream's limits are in their ranges",
  doc:
    'A stream keeps at least 16 MiB; it accepts messages of 1 KiB to 64 MiB (the NATS server limit), and no larger than the stream itself; ' +
    'message ids are remembered 1 second to 7 hours (a longer window holds every id in memory for longer).',
  reference: ['nats_jetstream_stream column checks (model.md §6.2)'],
  check(model, report) {
    for (const c of clusters(model)) for (const s of c.streams) for (const p of streamLimitProblems(s)) report(s, p.message, { prop: [p.prop] });
  },
});

export const natsComponentRules = [clusterName, instanceCount, instancePlacement, settingRange, datacenterSpread, streamName, streamLimits];
