import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import type { Architecture } from '../../../constructs/core/enums';
import type { DockerImagePin } from '../../../constructs/core/docker-image-pin';
import type { Model } from '../../model/model';
import type { NomadGroup, NomadJob, NomadTask } from '../../plan/nomad/job';
import { ROLLING_UPDATE, datacentersOf } from '../../plan/nomad/common';
import { pinnedInstanceConstraints, staticPorts } from '../../plan/nomad/pinned';
import { haproxyCfg } from './haproxy';
import { SIDECAR_MEMORY, patroniTaskMemory, pgInstances, pgLock, type PgInstancePlan } from './instances';
import { pgAdminSecretPath, pgJobName, pgPorts, pgServiceName } from './names';
import { PG_DATA_MOUNT, patroniYml } from './patroni';
import { PG_ADMIN_FIELDS, PG_ROLES } from './secrets';
import { scrapedBy, type Scrape } from '../monitoring/names';

/** Port labels of a group, as tasks see them (`NOMAD_PORT_<label>`). */
export const PG_PORT_LABELS = { pg: 'pg', master: 'pg_master', replica: 'pg_replica', patroni: 'patroni', haproxyMetrics: 'haproxy_metrics', exporter: 'pg_exporter' } as const;

/** The image of a pin for the workload's architecture; a pin without one is reported by the image rule. */
function image(pin: DockerImagePin, arch: Architecture): string {
  return pin.imageFor(arch) ?? '';
}

/**
 * The exporter's connection string, as an env-file template: the password is URL-encoded
 * (`urlquery`) so any character survives the URL.
 */
function exporterEnv(d: PgDeployment, instance: PgInstancePlan): string {
  const path = JSON.stringify(`epl/data/${pgAdminSecretPath(d)}`);
  const pw = `{{ with secret ${path} }}{{ .Data.data.${PG_ADMIN_FIELDS.exporter} | urlquery }}{{ end }}`;
  return `DATA_SOURCE_NAME=postgresql://${PG_ROLES.exporter}:${pw}@${instance.address}:${pgPorts(d).pg}/postgres?sslmode=disable\n`;
}

function tasks(d: PgDeployment, instance: PgInstancePlan, all: readonly PgInstancePlan[]): NomadTask[] {
  const arch = d.workloadArchitecture;
  const ports = pgPorts(d);
  return [
    {
      name: 'patroni',
      image: image(d.image, arch),
      entrypoint: ['patroni'],
      args: ['/secrets/patroni.yml'],
      ...patroniTaskMemory(d),
      // Patroni reloads its configuration on SIGHUP; a restart would cost a failover.
      templates: [{ destination: 'secrets/patroni.yml', data: patroniYml(d, instance), changeMode: 'signal', changeSignal: 'SIGHUP' }],
      volumeMounts: [{ volume: 'data', destination: PG_DATA_MOUNT }],
      vault: true,
    },
    {
      name: 'haproxy',
      image: image(d.haproxyImage, arch),
      // Master-worker mode in the foreground: SIGUSR2 reloads the configuration without dropping connections.
      args: ['-W', '-db', '-f', '/local/haproxy.cfg'],
      ...SIDECAR_MEMORY,
      templates: [{ destination: 'local/haproxy.cfg', data: haproxyCfg(d, instance, all), changeMode: 'signal', changeSignal: 'SIGUSR2' }],
      volumeMounts: [],
    },
    {
      name: 'postgres-exporter',
      image: image(d.exporterImage, arch),
      args: [`--web.listen-address=${instance.address}:${ports.exporter}`],
      ...SIDECAR_MEMORY,
      templates: [{ destination: 'secrets/exporter.env', data: exporterEnv(d, instance), env: true }],
      volumeMounts: [],
      vault: true,
    },
  ];
}

function group(d: PgDeployment, instance: PgInstancePlan, all: readonly PgInstancePlan[], metrics: Scrape): NomadGroup {
  const ports = pgPorts(d);
  const service = pgServiceName(d);
  const L = PG_PORT_LABELS;
  return {
    name: instance.name,
    count: 1,
    constraints: pinnedInstanceConstraints(d.workloadArchitecture, pgLock(d), instance.server),
    ports: staticPorts(L, ports),
    volumes: [{ name: 'data', source: instance.volume.volumeName, readOnly: false }],
    services: [
      { name: `${service}-hap-exp`, port: L.haproxyMetrics, ...metrics, checks: [{ type: 'http', port: L.haproxyMetrics, path: '/metrics' }] },
      { name: `${service}-pg-exp`, port: L.exporter, ...metrics, checks: [{ type: 'http', port: L.exporter, path: '/metrics' }] },
    ],
    tasks: tasks(d, instance, all),
    // Instances stop one delay apart on an update, so a replica has caught up before the next stops.
    shutdownDelay: `${instance.index * d.replicaRollingUpdateDelaySeconds}s`,
  };
}

/** The deployment's job: a group per instance, each pinned to its volume's server. */
export function pgJob(model: Model, d: PgDeployment): NomadJob {
  const all = pgInstances(model, d);
  return {
    name: pgJobName(d),
    namespace: d.namespace,
    region: d.region.regionName,
    datacenters: datacentersOf(model, d.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: all.map((i) => group(d, i, all, scrapedBy(model, d.region, '/metrics', d.monitoringCluster))),
  };
}
