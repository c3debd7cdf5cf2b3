import { DockerRegistry } from '../../../constructs/services/docker-registry';
import { defineRule } from '../../rules/rule';

/** The least memory the registry runs in, in MiB (model.md §6.1). */
export const MIN_REGISTRY_MEMORY_MB = 32;

/** The bucket's cluster, or undefined when the bucket prop is not a MinIO bucket (a props finding). */
function clusterOf(r: DockerRegistry) {
  return typeof r.bucket?.grants === 'object' ? r.bucket.cluster : undefined;
}

export const registryRequired = defineRule({
  code: 'registry/region-missing',
  severity: 'error',
  title: 'A region that runs backend applications has a Docker registry',
  doc:
    "L2 provisioning builds every backend application's image and pushes it to its region's registry, from which the servers' Docker daemons pull it; " +
    'without a registry the application jobs are never scheduled. Add `new DockerRegistry(region, ..., { bucket })` with a bucket of a MinIO cluster in the region. ' +
    'Regions without applications may go without one while they run only platform services, whose images come from public registries.',
  reference: ['RegionDoesntHaveDockerRegistryInstanceSpecified'],
  check(model, report) {
    const withRegistry = new Set(model.ofType(DockerRegistry).map((r) => r.region));
    for (const region of model.regions) {
      if (withRegistry.has(region) || model.serversInRegion(region).length === 0) continue;
      const apps = model.backendDeployments.filter((d) => d.region === region);
      if (apps.length === 0) continue;
      report(region, `region '${region.regionName}' runs backend deployments (${apps.map((d) => d.deploymentName).join(', ')}) but has no DockerRegistry to push their images to`, {
        related: apps.slice(0, 3).map((d) => ({ construct: d, message: 'its image is pushed to the region registry' })),
      });
    }
  },
});

export const registryOnePerRegion = defineRule({
  code: 'registry/one-per-region',
  severity: 'error',
  title: 'A region has at most one Docker registry',
  doc: 'Every server of a region reaches its registry by one name, `epl-docker-registry.service.consul:5000`; a second registry would register the same Consul service with other contents. Remove all but one.',
  check(model, report) {
    const first = new Map<unknown, DockerRegistry>();
    for (const r of model.ofType(DockerRegistry)) {
      const had = first.get(r.region);
      if (!had) first.set(r.region, r);
      else report(r, `region '${r.region.regionName}' already has the Docker registry '${had.node.path}'`, { related: [{ construct: had, message: 'the first registry of the region' }] });
    }
  },
});

export const registryBucketRegion = defineRule({
  code: 'registry/bucket-region',
  severity: 'error',
  title: "A Docker registry's bucket belongs to a MinIO cluster in the registry's region",
  doc: "Pushes and pulls go through the registry to its bucket: a bucket in another region would carry every image across the regions' link, and the registry's job could not read the bucket user's password, which is in the other region's Vault. Use a bucket of a MinIO cluster in the registry's region.",
  reference: ['DockerRegistryAndMinioClusterAreInDifferentRegions'],
  check(model, report) {
    for (const r of model.ofType(DockerRegistry)) {
      const cluster = clusterOf(r);
      if (cluster && cluster.region !== r.region) {
        report(r, `the registry of region '${r.region.regionName}' uses bucket '${r.bucket.bucketName}' of MinIO cluster '${cluster.clusterName}' in region '${cluster.region.regionName}'`, {
          prop: ['bucket'],
          related: [{ construct: cluster, message: 'the bucket\'s cluster' }],
        });
      }
    }
  },
});

export const registryMemory = defineRule({
  code: 'registry/memory',
  severity: 'error',
  title: 'A Docker registry reserves at least 32 MiB',
  doc: 'The registry buffers layer chunks on their way to the bucket; with less than 32 MiB the kernel kills it during the first push.',
  reference: ['docker_registry_instance memory_mb ≥ 32 (model.md §6.1)'],
  check(model, report) {
    for (const r of model.ofType(DockerRegistry)) {
      if (!Number.isInteger(r.memoryMb) || r.memoryMb < MIN_REGISTRY_MEMORY_MB) report(r, `the registry reserves ${r.memoryMb} MiB, expected a whole number of at least ${MIN_REGISTRY_MEMORY_MB}`, { prop: ['memoryMb'] });
    }
  },
});

export const registryRules = [registryRequired, registryOnePerRegion, registryBucketRegion, registryMemory];
