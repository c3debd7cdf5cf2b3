import { NatsCluster } from '../../../constructs/services/nats-cluster';
import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import type { Server } from '../../../constructs/core/server';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type ImageUse, type MemoryReservation, type PortReservation, type ServerLock, type VolumeUse } from '../component';
import { natsJob } from './job';
import { natsInstanceMemory, natsInstances } from './instances';
import { natsLock, natsPorts } from './names';
import { natsComponentRules } from './rules';
import { natsProvisionStep } from './provision';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { natsServerConf } from './config';
export { natsInstances, type NatsInstancePlan } from './instances';
export { natsStreamConfig } from './streams';
export { natsProvisionStep, NATS_PROVISION_STEP } from './provision';

/** Who holds each port of an instance, as the reservation report says it. */
const PORT_OWNERS: Record<keyof ReturnType<typeof natsPorts>, string> = {
  client: 'clients',
  cluster: 'cluster routes',
  monitor: 'http monitor',
  exporter: 'prometheus exporter',
};

/** What one cluster asks of the platform (its streams are the region's L2 step). */
export function planNatsCluster(model: Model, c: NatsCluster): Required<Pick<Contributions, 'jobs' | 'ports' | 'memory' | 'locks' | 'images' | 'volumeUses' | 'telemetry'>> {
  const ports = natsPorts(c);
  const portReservations: PortReservation[] = [];
  const memory: MemoryReservation[] = [];
  const locks: ServerLock[] = [];
  const volumeUses: VolumeUse[] = [];
  const seen = new Set<Server>();
  for (const i of natsInstances(model, c)) {
    volumeUses.push({ volume: i.volume, writes: true, label: `NATS cluster '${c.clusterName}' (instance ${i.index + 1})`, origin: { construct: c, prop: ['instances', i.index] } });
    // A second instance on a server is nats/cluster-instance-placement's finding; reserving its
    // ports and lock again would only repeat it as a port clash and a double lock.
    if (seen.has(i.server)) continue;
    seen.add(i.server);
    const origin = { construct: c, prop: ['instances', i.index] };
    for (const k of Object.keys(PORT_OWNERS) as (keyof typeof PORT_OWNERS)[]) {
      portReservations.push({ on: { server: i.server }, port: ports[k], owner: `nats ${c.clusterName} ${PORT_OWNERS[k]}`, origin });
    }
    memory.push({ on: { server: i.server }, mib: natsInstanceMemory(c), owner: `nats ${c.clusterName} ${i.name}`, origin });
    locks.push({ server: i.server, lock: natsLock(c), origin });
  }
  const arch = c.workloadArchitecture;
  const images: ImageUse[] = [
    { pin: c.image, set: DockerImageSet.NATS, architecture: arch, origin: { construct: c, prop: ['image'] } },
    { pin: c.exporterImage, set: DockerImageSet.NATS_EXPORTER, architecture: arch, origin: { construct: c, prop: ['exporterImage'] } },
  ];
  return {
    jobs: [{ job: withLogLabel(model, natsJob(model, c), c.region, c.lokiCluster), stage: 'system', origin: { construct: c } }],
    ports: portReservations,
    memory,
    locks,
    images,
    volumeUses,
    telemetry: [telemetryUse(c)],
  };
}

/**
 * NATS JetStream clusters: per cluster a Nomad job with one group per instance (the NATS server
 * with JetStream on the instance's volume, routes to every peer, and its Prometheus exporter), the
 * ports, memory and lock on each instance's server and the images; the streams are created and
 * kept up to date by the region's L2 step (provision.ts).
 */
export const component: Component = {
  name: 'nats',
  rules: natsComponentRules,
  plan(model) {
    return mergeContributions([
      ...model.ofType(NatsCluster).map((c) => planNatsCluster(model, c)),
      { l2Steps: model.regions.flatMap((r) => natsProvisionStep(model, r) ?? []) },
    ]);
  },
};
