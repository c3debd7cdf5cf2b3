/** The names the region's Docker registry is known by: every server's Docker daemon pulls through it. */

/** The Consul service, in every region (each has its own Consul datacenter). */
export const REGISTRY_SERVICE = 'epl-docker-registry';

/** The registry's port. */
export const REGISTRY_PORT = 5000;

/** Where Docker daemons and L2 provisioning reach the region's registry. */
export const REGISTRY_ADDRESS = `${REGISTRY_SERVICE}.service.consul:${REGISTRY_PORT}`;

/** The Nomad job. */
export const REGISTRY_JOB = 'docker-registry';
