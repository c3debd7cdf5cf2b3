import type { NatsCluster } from '../../../constructs/services/nats-cluster';
import type { Model } from '../../model/model';
import type { NomadGroup, NomadJob, NomadTask } from '../../plan/nomad/job';
import { ROLLING_UPDATE, datacentersOf } from '../../plan/nomad/common';
import { pinnedInstanceConstraints, staticPorts } from '../../plan/nomad/pinned';
import { NATS_DATA_MOUNT, natsServerConf } from './config';
import { EXPORTER_MEMORY, natsInstances, type NatsInstancePlan } from './instances';
import { natsExporterServiceName, natsJobName, natsLock, natsPorts, natsServiceName } from './names';
import { scrapedBy, type Scrape } from '../monitoring/names';

/** Port labels of a group, as tasks see them (`NOMAD_PORT_<label>`). */
export const NATS_PORT_LABELS = { client: 'nats', cluster: 'nats_cluster', monitor: 'nats_monitor', exporter: 'nats_exporter' } as const;

/** Seconds between the instances' stops on an update (see `group`). */
export const NATS_UPDATE_STAGGER_SECONDS = 60;

function tasks(c: NatsCluster, instance: NatsInstancePlan, all: readonly NatsInstancePlan[]): NomadTask[] {
  const arch = c.workloadArchitecture;
  const ports = natsPorts(c);
  return [
    {
      name: 'nats',
      image: c.image.imageFor(arch) ?? '',
      args: ['--config', '/local/nats-server.conf'],
      // The Go runtime collects garbage harder near the limit instead of growing past the reservation.
      env: { GOMEMLIMIT: `${Math.floor(c.instanceMemoryMb * 0.9)}MiB` },
      memoryMb: c.instanceMemoryMb,
      templates: [{ destination: 'local/nats-server.conf', data: natsServerConf(c, instance, all) }],
      volumeMounts: [{ volume: 'data', destination: NATS_DATA_MOUNT }],
    },
    {
      name: 'nats-exporter',
      image: c.exporterImage.imageFor(arch) ?? '',
      // Server, JetStream (streams and consumers), connection, route, subscription and health metrics
      // from this instance's monitor, labelled with its server name.
      args: [
        '-addr',
        instance.address,
        '-port',
        String(ports.exporter),
        '-varz',
        '-connz',
        '-routez',
        '-subz',
        '-healthz',
        '-jsz=all',
        '-use_internal_server_name',
        `http://${instance.address}:${ports.monitor}`,
      ],
      ...EXPORTER_MEMORY,
      templates: [],
      volumeMounts: [],
    },
  ];
}

function group(c: NatsCluster, instance: NatsInstancePlan, all: readonly NatsInstancePlan[], metrics: Scrape): NomadGroup {
  const ports = natsPorts(c);
  const L = NATS_PORT_LABELS;
  return {
    name: instance.name,
    count: 1,
    constraints: pinnedInstanceConstraints(c.workloadArchitecture, natsLock(c), instance.server),
    ports: staticPorts(L, ports),
    volumes: [{ name: 'data', source: instance.volume.volumeName, readOnly: false }],
    services: [
      // Clients find the cluster by this name; an instance counts as healthy once JetStream is current.
      { name: natsServiceName(c), port: L.client, tags: [], checks: [{ type: 'http', port: L.monitor, path: '/healthz' }] },
      { name: natsExporterServiceName(c), port: L.exporter, ...metrics, checks: [{ type: 'http', port: L.exporter, path: '/metrics' }] },
    ],
    tasks: tasks(c, instance, all),
    // Every group updates at once (the update block counts per group), so the instances stop a
    // minute apart: a restarted server has rejoined and caught up before the next leaves, and
    // JetStream keeps its quorum.
    shutdownDelay: `${instance.index * NATS_UPDATE_STAGGER_SECONDS}s`,
  };
}

/** The cluster's job: a group per instance, each pinned to its volume's server. */
export function natsJob(model: Model, c: NatsCluster): NomadJob {
  const all = natsInstances(model, c);
  return {
    name: natsJobName(c),
    namespace: c.namespace,
    region: c.region.regionName,
    datacenters: datacentersOf(model, c.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: all.map((i) => group(c, i, all, scrapedBy(model, c.region, '/metrics', c.monitoringCluster))),
  };
}
