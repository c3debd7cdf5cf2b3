import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type ImageUse, type MemoryReservation, type PortReservation, type ServerLock, type VolumeUse } from '../component';
import { pgJob } from './job';
import { pgInstanceMemory, pgInstances, pgLock } from './instances';
import { pgPorts } from './names';
import { pgComponentRules } from './rules';
import { pgConsulToken, pgVaultSecrets } from './secrets';
import { pgMigrationFiles, pgProvisionStep } from './provision';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { patroniYml } from './patroni';
export { haproxyCfg } from './haproxy';
export { pgInstances, type PgInstancePlan } from './instances';

/** Who holds each port of an instance, as the reservation report says it. */
const PORT_OWNERS: Record<keyof ReturnType<typeof pgPorts>, string> = {
  pg: 'postgres',
  master: 'haproxy to the master',
  replica: 'haproxy to the replicas',
  patroni: 'patroni api',
  haproxyMetrics: 'haproxy metrics',
  exporter: 'postgres_exporter',
};

/** What one deployment asks of the platform. */
export function planPgDeployment(model: Model, d: PgDeployment): Required<Omit<Contributions, 'l2Steps' | 'l2Files'>> {
  const instances = pgInstances(model, d);
  const ports = pgPorts(d);
  const portReservations: PortReservation[] = [];
  const memory: MemoryReservation[] = [];
  const locks: ServerLock[] = [];
  const volumeUses: VolumeUse[] = [];
  for (const i of instances) {
    const origin = { construct: d, prop: ['instances', i.index] };
    volumeUses.push({ volume: i.volume, writes: true, label: `Postgres deployment '${d.deploymentName}' (instance ${i.index + 1})`, origin });
    for (const k of Object.keys(PORT_OWNERS) as (keyof typeof PORT_OWNERS)[]) {
      portReservations.push({ on: { server: i.server }, port: ports[k], owner: `pg ${d.deploymentName} ${PORT_OWNERS[k]}`, origin });
    }
    memory.push({ on: { server: i.server }, mib: pgInstanceMemory(d), owner: `pg ${d.deploymentName} ${i.name}`, origin });
    locks.push({ server: i.server, lock: pgLock(d), origin });
  }
  const arch = d.workloadArchitecture;
  const images: ImageUse[] = [
    { pin: d.image, set: DockerImageSet.POSTGRES, architecture: arch, origin: { construct: d, prop: ['image'] } },
    { pin: d.haproxyImage, set: DockerImageSet.HAPROXY, architecture: arch, origin: { construct: d, prop: ['haproxyImage'] } },
    { pin: d.exporterImage, set: DockerImageSet.POSTGRES_EXPORTER, architecture: arch, origin: { construct: d, prop: ['exporterImage'] } },
  ];
  return {
    jobs: [{ job: withLogLabel(model, pgJob(model, d), d.region, d.lokiCluster), stage: 'system', origin: { construct: d } }],
    ports: portReservations,
    memory,
    locks,
    images,
    volumeUses,
    vaultSecrets: pgVaultSecrets(d),
    consulTokens: [pgConsulToken(d)],
    telemetry: [telemetryUse(d)],
  };
}

/**
 * Postgres clusters: per deployment a Nomad job with one group per instance (Patroni with
 * Postgres, HAProxy to the leader and the replicas, postgres_exporter), the ports, memory and lock
 * on each instance's server, the images, the passwords in Vault and Patroni's Consul token.
 * Databases, users and migrations are provisioned by L2 steps (provision.ts, migrations.ts).
 */
export const component: Component = {
  name: 'postgres',
  rules: pgComponentRules,
  plan(model) {
    return mergeContributions([
      ...model.pgDeployments.map((d) => planPgDeployment(model, d)),
      {
      l2Steps: model.regions.flatMap((r) => pgProvisionStep(model, r) ?? []),
      l2Files: model.regions.flatMap((r) => pgMigrationFiles(model, r)),
      },
    ]);
  },
};
