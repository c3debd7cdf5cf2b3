/** The names the region's Docker registry is known by: every server's Docker daemon pulls through it. */

/** The Consul service, in every region (each has its own Consul datacenter). */
export const REGISTRY_SERVICE = 'epl-docker-registry';

/** The registry's port. */
export const REGISTRY_PORT = 5000;

/** Where Docker daemons and L2 provisioning reach the region's registry. */
export const REGISTRY_ADDRESS = `${REGISTRY_SERVICE}.service.consul:${REGISTRY_PORT}`;

/** The Nomad job. */
export const REGISTRY_JOB = 'docker-registry';

/** The Nomad namespace of the job, as the reference platform runs it (outputs.md §4.2). */
export const REGISTRY_NAMESPACE = 'epl';

/**
 * The registry's debug listener: Prometheus metrics at `/metrics` and `/debug/health`. Reserved
 * beside the registry's port on every server that may run it.
 */
export const REGISTRY_METRICS_PORT = REGISTRY_PORT + 1;

/** The repository of an application's image in the registry (`epl-app/<app>`). */
export function appImageRepository(app: string): string {
  return `epl-app/${app}`;
}
