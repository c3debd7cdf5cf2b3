import { Architecture } from '../../../constructs/core/enums';
import type { DockerRegistry } from '../../../constructs/services/docker-registry';
import type { Model } from '../../model/model';
import type { NomadJob } from '../../plan/nomad/job';
import { archConstraint, datacentersOf, PRIVATE_IP, ROLLING_UPDATE, UNASSIGNED_CONSTRAINT } from '../../plan/nomad/common';
import { scrapedBy } from '../monitoring/names';
import { registryConfigYml, REGISTRY_CONFIG_FILE } from './config';
import { REGISTRY_JOB, REGISTRY_METRICS_PORT, REGISTRY_NAMESPACE, REGISTRY_PORT, REGISTRY_SERVICE } from './names';
import { registrySecretPath, REGISTRY_SECRET_FIELDS } from './secrets';

/** The architecture the registry runs on: the built-in image is x86_64 only, as are the app images it serves. */
export const REGISTRY_ARCHITECTURE = Architecture.X86_64;

/** Port labels of the group. */
const HTTP = 'http';
const METRICS = 'metrics';

/** The most memory the registry may use when its server has room, as a multiple of what it reserves (pushes buffer layer chunks). */
const MEMORY_MAX_FACTOR = 2;

/**
 * The region's registry: one stateless instance on any server that runs unassigned workloads
 * (its state is in the MinIO bucket), serving the Docker registry API on port 5000 of the
 * server's LAN address, registered in Consul as `epl-docker-registry` with an HTTP check, and
 * Prometheus metrics on the debug port.
 */
export function registryJob(model: Model, r: DockerRegistry): NomadJob {
  const secret = JSON.stringify(`epl/data/${registrySecretPath()}`);
  return {
    name: REGISTRY_JOB,
    namespace: REGISTRY_NAMESPACE,
    region: r.region.regionName,
    datacenters: datacentersOf(model, r.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: [
      {
        name: 'registry',
        count: 1,
        constraints: [archConstraint(REGISTRY_ARCHITECTURE), UNASSIGNED_CONSTRAINT],
        ports: [
          { label: HTTP, static: REGISTRY_PORT },
          { label: METRICS, static: REGISTRY_METRICS_PORT },
        ],
        volumes: [],
        services: [
          { name: REGISTRY_SERVICE, port: HTTP, tags: [], checks: [{ type: 'http', port: HTTP, path: '/' }] },
          { name: `${REGISTRY_SERVICE}-metrics`, port: METRICS, ...scrapedBy(model, r.region, '/metrics', r.monitoringCluster), checks: [{ type: 'http', port: METRICS, path: '/metrics' }] },
        ],
        tasks: [
          {
            name: 'registry',
            image: r.image.imageFor(REGISTRY_ARCHITECTURE) ?? '',
            // The image's entrypoint serves the config file it is given.
            args: [`/${REGISTRY_CONFIG_FILE}`],
            env: { REGISTRY_HTTP_ADDR: `${PRIVATE_IP}:${REGISTRY_PORT}`, REGISTRY_HTTP_DEBUG_ADDR: `${PRIVATE_IP}:${REGISTRY_METRICS_PORT}` },
            memoryMb: r.memoryMb,
            memoryMaxMb: r.memoryMb * MEMORY_MAX_FACTOR,
            templates: [
              { destination: REGISTRY_CONFIG_FILE, data: registryConfigYml(r), perms: '0600' },
              {
                destination: 'secrets/registry.env',
                data: `REGISTRY_HTTP_SECRET={{ with secret ${secret} }}{{ .Data.data.${REGISTRY_SECRET_FIELDS.httpSecret} }}{{ end }}\n`,
                env: true,
                perms: '0600',
              },
            ],
            volumeMounts: [],
            vault: true,
          },
        ],
      },
    ],
  };
}
