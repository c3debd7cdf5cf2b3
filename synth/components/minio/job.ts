import type { MinioCluster } from '../../../constructs/services/minio-cluster';
import type { Architecture } from '../../../constructs/core/enums';
import type { DockerImagePin } from '../../../constructs/core/docker-image-pin';
import type { Model } from '../../model/model';
import type { NomadGroup, NomadJob, NomadTask } from '../../plan/nomad/job';
import { ALL_AT_ONCE_UPDATE, datacentersOf } from '../../plan/nomad/common';
import { pinnedInstanceConstraints, staticPorts } from '../../plan/nomad/pinned';
import { MC_TASK_MEMORY_MB, MINIO_DATA_MOUNT, minioInstances, type MinioInstancePlan } from './instances';
import { minioJobName, minioLock, minioPorts, minioRootSecretPath, minioServiceName } from './names';
import { minioNginxConf } from './nginx';
import { MC_SCRIPT_PATH, mcTemplates, templateLiteral } from './provision';
import { MINIO_ROOT_FIELDS } from './secrets';
import { scrapedBy, type Scrape } from '../monitoring/names';

/** Port labels of a group, as tasks see them (`NOMAD_PORT_<label>`). */
export const MINIO_PORT_LABELS = { api: 'api', console: 'console', lb: 'lb' } as const;

/** MinIO's liveness endpoint (answers 200 while the process serves requests). */
export const MINIO_LIVE_PATH = '/minio/health/live';
/** MinIO's cluster metrics in Prometheus format (public: MINIO_PROMETHEUS_AUTH_TYPE). */
export const MINIO_METRICS_PATH = '/minio/v2/metrics/cluster';

/** The image of a pin for the workload's architecture; a pin without one is reported by the image rule. */
function image(pin: DockerImagePin, arch: Architecture): string {
  return pin.imageFor(arch) ?? '';
}

/**
 * The MinIO daemon's environment from Vault: the root credentials. Generated values are letters
 * and digits (see secrets.ts), so the env file needs no quoting.
 */
function rootEnv(c: MinioCluster): string {
  const path = JSON.stringify(`epl/data/${minioRootSecretPath(c)}`);
  const field = (name: string, f: string) => `${name}={{ with secret ${path} }}{{ .Data.data.${f} }}{{ end }}\n`;
  return field('MINIO_ROOT_USER', MINIO_ROOT_FIELDS.user) + field('MINIO_ROOT_PASSWORD', MINIO_ROOT_FIELDS.password);
}

/**
 * The MinIO daemon in distributed mode: every instance runs `minio server` with the same list of
 * all instances' endpoints (`http://<lan address>:<api port>/data`), and finds itself in it by
 * its own address. Flags and variables as documented for the pinned server
 * (https://min.io/docs/minio/linux/reference/minio-server/minio-server.html, checked against
 * its source at RELEASE.2024-07-04T14-25-45Z): `--address` and `--console-address` bind the API
 * and the console to the server's LAN address; MINIO_ROOT_USER/MINIO_ROOT_PASSWORD;
 * MINIO_PROMETHEUS_AUTH_TYPE=public lets Prometheus scrape without a bearer token;
 * MINIO_UPDATE=off refuses `mc admin update`, which would replace the pinned binary in place.
 */
function minioTask(c: MinioCluster, instance: MinioInstancePlan, all: readonly MinioInstancePlan[]): NomadTask {
  const ports = minioPorts(c);
  return {
    name: 'minio',
    image: image(c.image, c.workloadArchitecture),
    args: [
      'server',
      '--address',
      `${instance.address}:${ports.api}`,
      '--console-address',
      `${instance.address}:${ports.console}`,
      ...all.map((m) => `http://${m.address}:${ports.api}${MINIO_DATA_MOUNT}`),
    ],
    env: { MINIO_PROMETHEUS_AUTH_TYPE: 'public', MINIO_UPDATE: 'off' },
    memoryMb: c.instanceMemoryMb,
    templates: [{ destination: 'secrets/minio.env', data: rootEnv(c), env: true }],
    volumeMounts: [{ volume: 'data', destination: MINIO_DATA_MOUNT }],
    vault: true,
  };
}

function nginxTask(c: MinioCluster, instance: MinioInstancePlan, all: readonly MinioInstancePlan[]): NomadTask {
  return {
    name: 'nginx',
    image: image(c.nginxImage, c.workloadArchitecture),
    // nginx itself, not the image's entrypoint script (which would add its own config snippets).
    entrypoint: ['nginx'],
    args: ['-c', '/local/nginx.conf'],
    memoryMb: c.lbMemoryMb,
    // SIGHUP reloads the configuration without dropping connections.
    templates: [{ destination: 'local/nginx.conf', data: templateLiteral(minioNginxConf(c, instance, all)), changeMode: 'signal', changeSignal: 'SIGHUP' }],
    volumeMounts: [],
  };
}

/** The bucket provisioner, on the first instance only (see provision.ts). */
function mcTask(c: MinioCluster, instance: MinioInstancePlan): NomadTask {
  return {
    name: 'mc',
    image: image(c.mcImage, c.workloadArchitecture),
    entrypoint: ['/bin/sh'],
    args: [MC_SCRIPT_PATH],
    memoryMb: MC_TASK_MEMORY_MB,
    templates: mcTemplates(c, instance),
    volumeMounts: [],
    vault: true,
    // Runs to completion once the daemons have started; not restarted while they run.
    lifecycle: { hook: 'poststart', sidecar: false },
  };
}

function group(c: MinioCluster, instance: MinioInstancePlan, all: readonly MinioInstancePlan[], metrics: Scrape): NomadGroup {
  const ports = minioPorts(c);
  const L = MINIO_PORT_LABELS;
  const service = minioServiceName(c);
  return {
    name: instance.name,
    count: 1,
    constraints: pinnedInstanceConstraints(c.workloadArchitecture, minioLock(c), instance.server),
    ports: staticPorts(L, ports),
    volumes: [{ name: 'data', source: instance.volume.volumeName, readOnly: false }],
    services: [
      // What consumers connect to: healthy while this balancer reaches a live MinIO.
      { name: service, port: L.lb, tags: [], checks: [{ type: 'http', port: L.lb, path: MINIO_LIVE_PATH }] },
      // Each daemon's own API, for metrics.
      { name: `${service}-api`, port: L.api, ...metrics, checks: [{ type: 'http', port: L.api, path: MINIO_LIVE_PATH }] },
    ],
    tasks: [minioTask(c, instance, all), nginxTask(c, instance, all), ...(instance.index === 0 ? [mcTask(c, instance)] : [])],
  };
}

/**
 * The cluster's job: a group per instance, each pinned to its volume's server. Updated all at
 * once (outputs.md §4.2): at startup MinIO peers compare their binaries' checksums, endpoint
 * lists and MINIO_* variables and refuse to join a peer that differs, so a rolling update
 * would leave the cluster without quorum until the last instance is replaced.
 */
export function minioJob(model: Model, c: MinioCluster): NomadJob {
  const all = minioInstances(model, c);
  return {
    name: minioJobName(c),
    namespace: c.namespace,
    region: c.region.regionName,
    datacenters: datacentersOf(model, c.region),
    type: 'service',
    update: ALL_AT_ONCE_UPDATE,
    groups: all.map((i) => group(c, i, all, scrapedBy(model, c.region, MINIO_METRICS_PATH, c.monitoringCluster))),
  };
}
