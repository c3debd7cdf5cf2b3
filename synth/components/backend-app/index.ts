import type { Component, Contributions } from '../component';
import { appJob } from './job';
import { appPgSecrets } from './secrets';
import { backendAppRules } from './rules';

/**
 * Backend applications running in their regions: one stateless Nomad job per deployment, its
 * HTTP port on every server that may run it, its memory per instance, and the Vault secrets
 * holding its databases' connection strings. The image is built by L2 provisioning, so there is
 * no pin to check; apps/deployment-architecture keeps deployments on x86_64, the only build.
 */
export const component: Component = {
  name: 'backend-app',
  rules: backendAppRules,
  plan(model): Contributions {
    const ds = model.backendDeployments;
    return {
      jobs: ds.map((d) => ({ job: appJob(model, d), stage: 'app' as const, origin: { construct: d } })),
      ports: ds.map((d) => ({ on: { region: d.region }, port: d.httpPort, owner: `app ${d.deploymentName} http`, origin: { construct: d, prop: ['httpPort'] } })),
      memory: ds.map((d) => ({
        on: { region: d.region, instances: d.count, ...(d.placement ? { labels: d.placement } : {}) },
        mib: d.memoryMb,
        owner: `app ${d.deploymentName}`,
        origin: { construct: d, prop: ['memoryMb'] },
      })),
      vaultSecrets: ds.flatMap(appPgSecrets),
    };
  },
};
