import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type PortReservation } from '../component';
import { tempoJob } from './job';
import { tempoPorts } from './names';
import { tempoRules } from './rules';
import { tempoVaultSecrets } from './secrets';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { tempoConfigData, tempoConfigYml } from './config';
export { tempoClusterOf, tempoClustersIn, tempoOtlpHttpEndpoint, tempoQueryEndpoint, tempoServiceName } from './names';

/** A count the rules accept; placing another would only repeat tempo/instance-count as placement findings. */
const validCount = (n: number) => Number.isInteger(n) && n >= 1;

/** What one cluster asks of the platform. */
export function planTempoCluster(model: Model, c: TempoCluster): Contributions {
  const origin = { construct: c };
  const prop = { construct: c, prop: ['httpPort'] };
  const p = tempoPorts(c);
  const named: [string, number][] = [['http', p.http], ['grpc', p.grpc], ['memberlist', p.memberlist], ['otlp http', p.otlpHttp], ['otlp grpc', p.otlpGrpc]];
  const ports: PortReservation[] = named.map(([name, port]) => ({ on: { region: c.region }, port, owner: `tempo ${c.clusterName} ${name}`, origin: prop }));
  return {
    jobs: [{ job: withLogLabel(model, tempoJob(model, c), c.region, c.lokiCluster), stage: 'system', origin }],
    telemetry: [telemetryUse(c)],
    ports,
    memory: validCount(c.instances)
      ? [
          {
            // Where too few servers match, the count or the labels are what to change.
            on: { region: c.region, instances: c.instances, instancesProp: [c.placement ? 'placement' : 'instances'], ...(c.placement ? { labels: c.placement } : {}) },
            mib: c.memoryMb,
            owner: `tempo ${c.clusterName}`,
            origin: { construct: c, prop: ['memoryMb'] },
          },
        ]
      : [],
    images: [{ pin: c.image, set: DockerImageSet.TEMPO, architecture: c.workloadArchitecture, origin: { construct: c, prop: ['image'] } }],
    vaultSecrets: tempoVaultSecrets(c),
  };
}

/**
 * Tempo clusters: per cluster a Nomad job of `instances` scalable single-binary Tempo instances
 * (placed by labels), their five ports on every server of the region, their memory, the image and
 * a copy of the bucket user's password in Vault. Applications find the region's default cluster
 * through `tempoClusterOf` (the backend-app component's OTEL_EXPORTER_OTLP_ENDPOINT).
 */
export const component: Component = {
  name: 'tempo',
  rules: tempoRules,
  plan(model) {
    return mergeContributions(model.ofType(TempoCluster).map((c) => planTempoCluster(model, c)));
  },
};
