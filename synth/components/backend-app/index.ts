import type { Component, Contributions } from '../component';
import { appJob } from './job';
import { appPgSecrets, appS3Secrets } from './secrets';
import { backendAppRules, MAX_COUNT } from './rules';
import type { BackendDeployment } from '../../../constructs/apps/backend-application';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

/**
 * Backend applications running in their regions: one stateless Nomad job per deployment, its
 * HTTP port on every server that may run it, its memory per instance, and the Vault secrets
 * holding its databases' connection strings and its buckets' passwords. The image is built by
 * L2 provisioning, so there is no pin to check; apps/deployment-architecture keeps deployments
 * on x86_64, the only build.
 */
function validCount(d: BackendDeployment): boolean {
  return Number.isInteger(d.count) && d.count >= 1 && d.count <= MAX_COUNT;
}

export const component: Component = {
  name: 'backend-app',
  rules: backendAppRules,
  plan(model): Contributions {
    const ds = model.backendDeployments;
    return {
      jobs: ds.map((d) => ({ job: withLogLabel(model, appJob(model, d), d.region, d.lokiCluster), stage: 'app' as const, origin: { construct: d } })),
      telemetry: ds.map((d) => telemetryUse(d, { traces: true })),
      ports: ds.map((d) => ({ on: { region: d.region }, port: d.httpPort, owner: `app ${d.deploymentName} http`, origin: { construct: d, prop: ['httpPort'] } })),
      // A count out of range is apps/deployment-count's finding; placing it would only repeat it.
      memory: ds.filter(validCount).map((d) => ({
        // Where too few servers match, the count or the labels are what to change.
        on: { region: d.region, instances: d.count, instancesProp: [d.placement ? 'placement' : 'count'], ...(d.placement ? { labels: d.placement } : {}) },
        mib: d.memoryMb,
        owner: `app ${d.deploymentName}`,
        origin: { construct: d, prop: ['memoryMb'] },
      })),
      vaultSecrets: ds.flatMap((d) => [...appPgSecrets(d), ...appS3Secrets(d)]),
    };
  },
};
