import type { NatsCluster, NatsStream } from '../../../constructs/services/nats-cluster';

/** The names a NATS cluster is known by outside its job: by apps, L2 provisioning and monitoring. */

/** The Nomad job. */
export function natsJobName(c: NatsCluster): string {
  return `nats-${c.clusterName}`;
}

/** The Consul service of the client port. */
export function natsServiceName(c: NatsCluster): string {
  return `epl-nats-${c.clusterName}`;
}

/** The Consul service of each instance's Prometheus exporter (metrics at `/metrics`). */
export function natsExporterServiceName(c: NatsCluster): string {
  return `${natsServiceName(c)}-exp`;
}

/** Ports of an instance, consecutive from the client port (model.md §6.2). */
export function natsPorts(c: NatsCluster) {
  const client = c.clientsPort;
  return { client, cluster: client + 1, monitor: client + 2, exporter: client + 3 };
}

/** The URL clients connect to: any instance, through Consul DNS. NATS has no auth: it is reachable on the LAN and VPN only. */
export function natsClientUrl(c: NatsCluster): string {
  return `nats://${natsServiceName(c)}.service.consul:${natsPorts(c).client}`;
}

/** The lock pinning the cluster's instance groups to their servers. */
export function natsLock(c: NatsCluster): string {
  return `epl-nats-${c.clusterName}`;
}

/**
 * The subjects a stream holds: its name, or every subject below it when subjects are enabled.
 * `>` (one or more tokens) rather than `*` (exactly one): an app's subject may itself have dots
 * (`orders.eu.paid`), and a message published to a subject no stream holds is lost with no
 * acknowledgement; consumers can still filter on any level. Stream names are unique per cluster
 * and a name is one token, so the streams' subjects never overlap.
 */
export function natsStreamSubjects(s: NatsStream): string[] {
  return [s.enableSubjects ? `${s.streamName}.>` : s.streamName];
}
