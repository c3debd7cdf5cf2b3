import { DockerImageSet } from '../../../constructs/core/docker-image-pin';
import { DockerRegistry } from '../../../constructs/services/docker-registry';
import type { Component, Contributions } from '../component';
import { buildStep, imageNixFile } from './build';
import { registryJob, REGISTRY_ARCHITECTURE } from './job';
import { REGISTRY_METRICS_PORT, REGISTRY_PORT } from './names';
import { pushStep } from './push';
import { registryRules } from './rules';
import { registryVaultSecrets } from './secrets';
import { withLogLabel } from '../loki/names';
import { telemetryUse } from '../telemetry';

export { registryConfigYml } from './config';
export { IMAGE_NIX, BUILD_STEP } from './build';
export { PUSH_STEP } from './push';
export { appImagesOf } from './apps';

/**
 * The region's Docker registry: one stateless instance storing in its MinIO bucket, with ports
 * 5000 (API) and 5001 (metrics) reserved on every server that may run it, its memory, its image,
 * the HTTP secret and the bucket user's password in Vault. In every region that deploys backend
 * applications, L2 stage 40 builds their images with Nix and stage 50 pushes them to the registry
 * and puts the digests into their job files.
 */
export const component: Component = {
  name: 'docker-registry',
  rules: registryRules,
  plan(model): Contributions {
    // A second registry of a region is registry/one-per-region's finding; planning it too would
    // only repeat it as port clashes (and two jobs of one name).
    const registries = model.ofType(DockerRegistry).filter((r, i, all) => all.findIndex((o) => o.region === r.region) === i);
    // A region with its images built but no registry is registry/region-missing's finding; the
    // steps are planned anyway, so the plan shows what L2 would do.
    return {
      jobs: registries.map((r) => ({ job: withLogLabel(model, registryJob(model, r), r.region, r.lokiCluster), stage: 'system' as const, origin: { construct: r } })),
      telemetry: registries.map((r) => telemetryUse(r)),
      ports: registries.flatMap((r) => [
        { on: { region: r.region }, port: REGISTRY_PORT, owner: 'docker registry', origin: { construct: r } },
        { on: { region: r.region }, port: REGISTRY_METRICS_PORT, owner: 'docker registry metrics', origin: { construct: r } },
      ]),
      memory: registries.map((r) => ({ on: { region: r.region, instances: 1 }, mib: r.memoryMb, owner: 'docker registry', origin: { construct: r, prop: ['memoryMb'] } })),
      images: registries.map((r) => ({ pin: r.image, set: DockerImageSet.DOCKER_REGISTRY, architecture: REGISTRY_ARCHITECTURE, origin: { construct: r, prop: ['image'] } })),
      vaultSecrets: registries.flatMap(registryVaultSecrets),
      l2Steps: model.regions.flatMap((region) => [buildStep(model, region), pushStep(model, region)].filter((s) => s !== undefined)),
      l2Files: model.regions.flatMap((region) => imageNixFile(model, region) ?? []),
    };
  },
};
