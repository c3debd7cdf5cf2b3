import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import type { Server } from '../../../constructs/core/server';
import type { Model } from '../../model/model';
import type { PinnedInstance } from '../../plan/nomad/pinned';
import { mergeContributions, type Component, type Contributions, type ImageUse, type MemoryReservation, type PortReservation, type ServerLock, type VolumeUse } from '../component';
import { alertmanagerInstances, monitoringInstances } from './instances';
import { monitoringJob } from './job';
import { monitoringLocks, monitoringPorts } from './names';
import { monitoringComponentRules } from './rules';
import { monitoringCaStep, monitoringConsulToken } from './secrets';
import { withLogLabel } from '../loki/names';
import { notificationVaultSecrets } from './notifications';

export { monitoringClusterOf, monitoringTag, scrapedBy } from './names';
export { monitoringAlertRules } from './alerts';
export { prometheusYml } from './prometheus';
export { alertmanagerYml, ALERTMANAGER_CONFIG_FILE } from './alertmanager';
export { evaluatedGroups } from './alerts';
export { notificationSecretPath, notificationVaultSecrets } from './notifications';

/** One kind of instance of a cluster: what it holds on its server. */
interface InstanceKind {
  readonly instances: readonly PinnedInstance[];
  readonly prop: 'instances' | 'alertmanagerInstances';
  readonly label: string;
  readonly lock: string;
  readonly mib: number;
  readonly ports: ReadonlyArray<readonly [number, string]>;
}

function kinds(model: Model, c: MonitoringCluster): InstanceKind[] {
  const ports = monitoringPorts(c);
  const locks = monitoringLocks(c);
  return [
    {
      instances: monitoringInstances(model, c),
      prop: 'instances',
      label: 'prometheus',
      lock: locks.instance,
      mib: c.prometheusMemoryMb + c.victoriaMetricsMemoryMb,
      ports: [
        [ports.prometheus, 'prometheus'],
        [ports.victoriaMetrics, 'victoriametrics'],
      ],
    },
    {
      instances: alertmanagerInstances(model, c),
      prop: 'alertmanagerInstances',
      label: 'alertmanager',
      lock: locks.alertmanager,
      mib: c.alertmanagerMemoryMb,
      ports: [
        [ports.alertmanager, 'alertmanager'],
        [ports.alertmanagerCluster, 'alertmanager cluster'],
      ],
    },
  ];
}

/** What one cluster asks of the platform. */
export function planMonitoringCluster(model: Model, c: MonitoringCluster): Required<Pick<Contributions, 'jobs' | 'ports' | 'memory' | 'locks' | 'images' | 'volumeUses' | 'consulTokens' | 'vaultSecrets' | 'telemetry'>> {
  const ports: PortReservation[] = [];
  const memory: MemoryReservation[] = [];
  const locks: ServerLock[] = [];
  const volumeUses: VolumeUse[] = [];
  for (const k of kinds(model, c)) {
    const seen = new Set<Server>();
    for (const i of k.instances) {
      const origin = { construct: c, prop: [k.prop, i.index] };
      volumeUses.push({ volume: i.volume, writes: true, label: `monitoring cluster '${c.clusterName}' (${k.label} ${i.index + 1})`, origin });
      // A second instance of a kind on one server is monitoring/instance-placement's finding.
      if (seen.has(i.server)) continue;
      seen.add(i.server);
      for (const [port, what] of k.ports) ports.push({ on: { server: i.server }, port, owner: `monitoring ${c.clusterName} ${what}`, origin });
      memory.push({ on: { server: i.server }, mib: k.mib, owner: `monitoring ${c.clusterName} ${i.name}`, origin });
      locks.push({ server: i.server, lock: k.lock, origin });
    }
  }
  const arch = c.workloadArchitecture;
  const images: ImageUse[] = [
    { pin: c.prometheusImage, set: DockerImageSet.PROMETHEUS, architecture: arch, origin: { construct: c, prop: ['prometheusImage'] } },
    { pin: c.victoriaMetricsImage, set: DockerImageSet.VICTORIA_METRICS, architecture: arch, origin: { construct: c, prop: ['victoriaMetricsImage'] } },
    { pin: c.alertmanagerImage, set: DockerImageSet.ALERTMANAGER, architecture: arch, origin: { construct: c, prop: ['alertmanagerImage'] } },
  ];
  return {
    jobs: [{ job: withLogLabel(model, monitoringJob(model, c), c.region, c.lokiCluster), stage: 'system', origin: { construct: c } }],
    // It scrapes itself: its metrics name no other cluster.
    telemetry: [{ origin: { construct: c }, region: c.region, metrics: { cluster: c }, logs: { cluster: c.lokiCluster } }],
    ports,
    memory,
    locks,
    images,
    volumeUses,
    consulTokens: [monitoringConsulToken(c)],
    vaultSecrets: notificationVaultSecrets(c),
  };
}

/**
 * Monitoring clusters: per cluster a Nomad job with a group per Prometheus + VictoriaMetrics
 * instance and per Alertmanager, their ports, memory, locks and images, Prometheus's Consul token,
 * and per region the L2 step that gives Prometheus the CAs of Nomad and Vault.
 */
export const component: Component = {
  name: 'monitoring',
  rules: monitoringComponentRules,
  plan(model) {
    const clusters = model.ofType(MonitoringCluster);
    return mergeContributions([
      ...clusters.map((c) => planMonitoringCluster(model, c)),
      { l2Steps: model.regions.flatMap((r) => monitoringCaStep(model, clusters.filter((c) => c.region === r)) ?? []) },
    ]);
  },
};
