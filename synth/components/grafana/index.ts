import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import { Grafana } from '../../../constructs/services/grafana';
import type { Model } from '../../model/model';
import { mergeContributions, type Component, type Contributions, type L2Step } from '../component';
import { grafanaJob } from './job';
import { grafanaPorts } from './names';
import { grafanaDashboardFiles, grafanaProvisionStep } from './provision';
import { grafanaRules } from './rules';
import { grafanaVaultSecrets, hasDatabase } from './secrets';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { grafanaDashboards } from './dashboards';
export { grafanaDatasources, promxyConfigData } from './config';
export { grafanaJobName, grafanaServiceNames } from './names';

/** What one deployment asks of the platform. */
export function planGrafana(model: Model, g: Grafana): Contributions {
  const origin = { construct: g };
  const p = grafanaPorts(g);
  const portOrigin = { construct: g, prop: ['port'] };
  const count = Number.isInteger(g.instances) && g.instances >= 1 ? g.instances : undefined;
  return {
    // Without a database there is nothing to connect Grafana to (a props finding); the rest still plans.
    jobs: hasDatabase(g) ? [{ job: withLogLabel(model, grafanaJob(model, g), g.region, g.lokiCluster), stage: 'system', origin }] : [],
    telemetry: [telemetryUse(g)],
    ports: [
      { on: { region: g.region }, port: p.grafana, owner: `grafana ${g.deploymentName}`, origin: portOrigin },
      { on: { region: g.region }, port: p.promxy, owner: `grafana ${g.deploymentName} promxy`, origin: portOrigin },
    ],
    memory: count
      ? [
          {
            on: { region: g.region, instances: count, instancesProp: [g.placement ? 'placement' : 'instances'], ...(g.placement ? { labels: g.placement } : {}) },
            mib: g.memoryMb + g.promxyMemoryMb,
            owner: `grafana ${g.deploymentName} (with promxy)`,
            origin: { construct: g, prop: ['memoryMb'] },
          },
        ]
      : [],
    images: [
      { pin: g.grafanaImage, set: DockerImageSet.GRAFANA, architecture: g.workloadArchitecture, origin: { construct: g, prop: ['grafanaImage'] } },
      { pin: g.promxyImage, set: DockerImageSet.PROMXY, architecture: g.workloadArchitecture, origin: { construct: g, prop: ['promxyImage'] } },
    ],
    vaultSecrets: grafanaVaultSecrets(g),
    l2Files: grafanaDashboardFiles(model, g),
  };
}

/**
 * Grafana deployments: per deployment a Nomad job of Grafana + Promxy instances (stateless, placed
 * by labels), their two ports on every server of the region, their memory per instance, the
 * images, the admin password and a copy of the database password in Vault, and the generated
 * dashboards, written through Grafana's API by the region's stage-70 L2 step.
 */
export const component: Component = {
  name: 'grafana',
  rules: grafanaRules,
  plan(model) {
    const all = model.ofType(Grafana);
    const steps: L2Step[] = [...new Set(all.map((g) => g.region))].flatMap((r) => grafanaProvisionStep(model, r) ?? []);
    return mergeContributions([...all.map((g) => planGrafana(model, g)), { l2Steps: steps }]);
  },
};
