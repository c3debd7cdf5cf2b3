import { MinioCluster } from '../../../constructs/services/minio-cluster';
import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type ImageUse, type MemoryReservation, type PortReservation, type ServerLock, type VolumeUse } from '../component';
import { minioInstanceMemory, minioInstances } from './instances';
import { minioJob } from './job';
import { minioLock, minioPorts } from './names';
import { minioComponentRules } from './rules';
import { minioVaultSecrets } from './secrets';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { minioInstances, type MinioInstancePlan } from './instances';
export { minioNginxConf } from './nginx';
export { mcProvisionScript } from './provision';
export { minioUsers, minioUserPolicy, type MinioUser } from './users';

/** Who holds each port of an instance, as the reservation report says it. */
const PORT_OWNERS: Record<keyof ReturnType<typeof minioPorts>, string> = {
  api: 'api',
  console: 'console',
  lb: 'nginx load balancer',
};

type ClusterContributions = Required<Pick<Contributions, 'jobs' | 'ports' | 'memory' | 'locks' | 'images' | 'vaultSecrets' | 'volumeUses' | 'telemetry'>>;

/** What one cluster asks of the platform. */
export function planMinioCluster(model: Model, c: MinioCluster): ClusterContributions {
  const ports = minioPorts(c);
  const portReservations: PortReservation[] = [];
  const memory: MemoryReservation[] = [];
  const locks: ServerLock[] = [];
  const volumeUses: VolumeUse[] = [];
  for (const i of minioInstances(model, c)) {
    const origin = { construct: c, prop: ['instances', i.index] };
    volumeUses.push({ volume: i.volume, writes: true, label: `MinIO cluster '${c.clusterName}' (instance ${i.index + 1})`, origin });
    for (const k of Object.keys(PORT_OWNERS) as (keyof typeof PORT_OWNERS)[]) {
      portReservations.push({ on: { server: i.server }, port: ports[k], owner: `minio ${c.clusterName} ${PORT_OWNERS[k]}`, origin });
    }
    memory.push({ on: { server: i.server }, mib: minioInstanceMemory(c, i), owner: `minio ${c.clusterName} ${i.name}`, origin });
    locks.push({ server: i.server, lock: minioLock(c), origin });
  }
  const arch = c.workloadArchitecture;
  const images: ImageUse[] = [
    { pin: c.image, set: DockerImageSet.MINIO, architecture: arch, origin: { construct: c, prop: ['image'] } },
    { pin: c.mcImage, set: DockerImageSet.MINIO_MC, architecture: arch, origin: { construct: c, prop: ['mcImage'] } },
    { pin: c.nginxImage, set: DockerImageSet.NGINX, architecture: arch, origin: { construct: c, prop: ['nginxImage'] } },
  ];
  return {
    jobs: [{ job: withLogLabel(model, minioJob(model, c), c.region, c.lokiCluster), stage: 'system', origin: { construct: c } }],
    telemetry: [telemetryUse(c)],
    ports: portReservations,
    memory,
    locks,
    images,
    volumeUses,
    vaultSecrets: minioVaultSecrets(c),
  };
}

/**
 * MinIO clusters: per cluster a Nomad job with one group per instance (the MinIO daemon in
 * distributed mode over all instances, an nginx load balancer over all of them, and on the first
 * a poststart `mc` task that provisions the buckets and their users), the ports, memory and lock
 * on each instance's server, the images, and the root and bucket users' passwords in Vault.
 */
export const component: Component = {
  name: 'minio',
  rules: minioComponentRules,
  plan(model) {
    return mergeContributions(model.ofType(MinioCluster).map((c) => planMinioCluster(model, c)));
  },
};
