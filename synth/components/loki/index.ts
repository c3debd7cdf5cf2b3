import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import { LokiCluster } from '../../../constructs/services/loki-cluster';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type MemoryReservation, type PortReservation } from '../component';
import { lokiJob, lokiRoles } from './job';
import { LOKI_ROLES, lokiPorts } from './names';
import { lokiRules } from './rules';
import { lokiConsulToken, lokiVaultSecrets } from './secrets';
import { withLogLabel } from './names';
import { telemetryUse } from '../telemetry';

export { lokiConfigYml, lokiConfigData } from './config';
export { lokiClusterOf, lokiClustersIn, lokiPushEndpoint, lokiQueryEndpoint, lokiServiceName, LOKI_CLUSTER_LABEL } from './names';

/** A count the rules accept; placing another would only repeat loki/instance-count as placement findings. */
const validCount = (n: number) => Number.isInteger(n) && n >= 1;

/** What one cluster asks of the platform. */
export function planLokiCluster(model: Model, c: LokiCluster): Contributions {
  const origin = { construct: c };
  const ports: PortReservation[] = LOKI_ROLES.flatMap((role) => {
    const p = lokiPorts(c)[role];
    const prop = { construct: c, prop: ['writerHttpPort'] };
    return [
      { on: { region: c.region }, port: p.http, owner: `loki ${c.clusterName} ${role} http`, origin: prop },
      { on: { region: c.region }, port: p.grpc, owner: `loki ${c.clusterName} ${role} grpc`, origin: prop },
    ];
  });
  const memory: MemoryReservation[] = lokiRoles(c)
    .filter((r) => validCount(r.count))
    .map((r) => ({
      // Where too few servers match, the count or the labels are what to change.
      on: { region: c.region, instances: r.count, instancesProp: [r.placement ? r.placementProp : (r.countProp ?? r.placementProp)], ...(r.placement ? { labels: r.placement } : {}) },
      mib: r.memoryMb,
      owner: `loki ${c.clusterName} ${r.role}`,
      origin: { construct: c, prop: [r.memoryProp] },
    }));
  return {
    jobs: [{ job: withLogLabel(model, lokiJob(model, c), c.region, c.lokiCluster), stage: 'system', origin }],
    telemetry: [telemetryUse(c)],
    ports,
    memory,
    images: [{ pin: c.image, set: DockerImageSet.LOKI, architecture: c.workloadArchitecture, origin: { construct: c, prop: ['image'] } }],
    vaultSecrets: lokiVaultSecrets(c),
    consulTokens: [lokiConsulToken(c)],
  };
}

/**
 * Loki clusters in simple scalable mode: per cluster a Nomad job with writer, reader and backend
 * groups (stateless, placed by labels), their six ports on every server of the region, their
 * memory per instance, the image, a copy of the bucket user's password and a Consul token for the
 * rings in Vault. Every server's vector ships to the region's default cluster (emit/nixos).
 */
export const component: Component = {
  name: 'loki',
  rules: lokiRules,
  plan(model) {
    return mergeContributions(model.ofType(LokiCluster).map((c) => planLokiCluster(model, c)));
  },
};
