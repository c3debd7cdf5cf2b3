import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Model } from '../../model/model';
import type { NomadGroup, NomadJob, NomadTask } from '../../plan/nomad/job';
import { ROLLING_UPDATE, datacentersOf, vaultField } from '../../plan/nomad/common';
import { pinnedInstanceConstraints, staticPorts, type PinnedInstance } from '../../plan/nomad/pinned';
import { ALERTMANAGER_CONFIG_FILE, alertmanagerReadsVault, alertmanagerYml } from './alertmanager';
import { alertRulesFile } from './alerts';
import { alertmanagerInstances, monitoringInstances } from './instances';
import { monitoringJobName, monitoringLocks, monitoringPorts, monitoringServiceNames, monitoringTag } from './names';
import { PROMETHEUS_FILES, PROMETHEUS_RETENTION, prometheusYml } from './prometheus';
import { MONITORING_SECRET_FIELDS, monitoringSecretPaths } from './secrets';

/** Port labels, as tasks see them (`NOMAD_PORT_<label>`). */
export const MONITORING_PORT_LABELS = { prometheus: 'prometheus', victoriaMetrics: 'victoriametrics' } as const;
export const ALERTMANAGER_PORT_LABELS = { alertmanager: 'alertmanager', alertmanagerCluster: 'alertmanager_cluster' } as const;

/** Where the instance's volume is mounted; Prometheus and VictoriaMetrics each keep a directory below it. */
export const DATA_MOUNT = '/data';

/** Seconds between the stateful groups' stops on an update, so one replica is always up. */
export const MONITORING_UPDATE_STAGGER_SECONDS = 30;

/** Task files as Nomad renders them (relative to the task directory, mounted at `/local`, `/secrets`). */
const rel = (p: string) => p.slice(1);

/** The flags of VictoriaMetrics on an instance (https://docs.victoriametrics.com/single-server-victoriametrics/). */
export function victoriaMetricsArgs(c: MonitoringCluster, i: PinnedInstance): string[] {
  return [
    `-httpListenAddr=${i.address}:${monitoringPorts(c).victoriaMetrics}`,
    `-storageDataPath=${DATA_MOUNT}/victoriametrics`,
    // A bare number is months.
    `-retentionPeriod=${c.retentionMonths}`,
    // Its caches stay within the task's memory, leaving room for ingestion and queries.
    `-memory.allowedBytes=${Math.floor(c.victoriaMetricsMemoryMb * 0.6)}MiB`,
  ];
}

/** The flags of Prometheus on an instance. */
export function prometheusArgs(c: MonitoringCluster, i: PinnedInstance): string[] {
  return [
    `--config.file=${PROMETHEUS_FILES.config}`,
    `--storage.tsdb.path=${DATA_MOUNT}/prometheus`,
    `--storage.tsdb.retention.time=${PROMETHEUS_RETENTION}`,
    `--web.listen-address=${i.address}:${monitoringPorts(c).prometheus}`,
  ];
}

/** The flags of an Alertmanager: its gossip peers are the other instances. */
export function alertmanagerArgs(c: MonitoringCluster, i: PinnedInstance, all: readonly PinnedInstance[]): string[] {
  const ports = monitoringPorts(c);
  return [
    `--config.file=${ALERTMANAGER_CONFIG_FILE}`,
    `--storage.path=${DATA_MOUNT}`,
    `--web.listen-address=${i.address}:${ports.alertmanager}`,
    `--cluster.listen-address=${i.address}:${ports.alertmanagerCluster}`,
    `--cluster.advertise-address=${i.address}:${ports.alertmanagerCluster}`,
    ...all.filter((o) => o !== i).map((o) => `--cluster.peer=${o.address}:${ports.alertmanagerCluster}`),
  ];
}

function secretFile(path: string, field: string, destination: string) {
  return { destination: rel(destination), data: vaultField(path, field), perms: '0400' as const };
}

function monitoringTasks(model: Model, c: MonitoringCluster, i: PinnedInstance): NomadTask[] {
  const arch = c.workloadArchitecture;
  const paths = monitoringSecretPaths(c);
  const f = MONITORING_SECRET_FIELDS;
  return [
    {
      name: 'prometheus',
      // bitnami's image runs as 1001, which can neither write the root-owned host volume nor read the 0400 secrets.
      user: 'root',
      image: c.prometheusImage.imageFor(arch) ?? '',
      args: prometheusArgs(c, i),
      memoryMb: c.prometheusMemoryMb,
      templates: [
        // Prometheus rereads its configuration and rules on SIGHUP, without losing what it holds.
        { destination: rel(PROMETHEUS_FILES.config), data: prometheusYml(model, c, i), changeMode: 'signal', changeSignal: 'SIGHUP' },
        { destination: rel(PROMETHEUS_FILES.alertRules), data: alertRulesFile(model, c), changeMode: 'signal', changeSignal: 'SIGHUP' },
        secretFile(paths.consul, f.consulToken, PROMETHEUS_FILES.consulToken),
        secretFile(paths.tlsCa, f.nomadCa, PROMETHEUS_FILES.nomadCa),
        secretFile(paths.tlsCa, f.vaultCa, PROMETHEUS_FILES.vaultCa),
      ],
      volumeMounts: [{ volume: 'data', destination: DATA_MOUNT }],
      vault: true,
    },
    {
      name: 'victoriametrics',
      image: c.victoriaMetricsImage.imageFor(arch) ?? '',
      args: victoriaMetricsArgs(c, i),
      memoryMb: c.victoriaMetricsMemoryMb,
      templates: [],
      volumeMounts: [{ volume: 'data', destination: DATA_MOUNT }],
    },
  ];
}

function monitoringGroup(model: Model, c: MonitoringCluster, i: PinnedInstance): NomadGroup {
  const L = MONITORING_PORT_LABELS;
  const names = monitoringServiceNames(c);
  const ports = monitoringPorts(c);
  // The cluster's own daemons carry its own tag: it scrapes itself.
  const tags = [monitoringTag(c)];
  return {
    name: i.name,
    count: 1,
    constraints: pinnedInstanceConstraints(c.workloadArchitecture, monitoringLocks(c).instance, i.server),
    ports: staticPorts(L, { prometheus: ports.prometheus, victoriaMetrics: ports.victoriaMetrics }),
    volumes: [{ name: 'data', source: i.volume.volumeName, readOnly: false }],
    services: [
      { name: names.prometheus, port: L.prometheus, tags, meta: { metrics_path: '/metrics' }, checks: [{ type: 'http', port: L.prometheus, path: '/-/healthy' }] },
      { name: names.victoriaMetrics, port: L.victoriaMetrics, tags, meta: { metrics_path: '/metrics' }, checks: [{ type: 'http', port: L.victoriaMetrics, path: '/health' }] },
    ],
    tasks: monitoringTasks(model, c, i),
    shutdownDelay: `${i.index * MONITORING_UPDATE_STAGGER_SECONDS}s`,
  };
}

function alertmanagerGroup(c: MonitoringCluster, i: PinnedInstance, all: readonly PinnedInstance[]): NomadGroup {
  const L = ALERTMANAGER_PORT_LABELS;
  const ports = monitoringPorts(c);
  return {
    name: i.name,
    count: 1,
    constraints: pinnedInstanceConstraints(c.workloadArchitecture, monitoringLocks(c).alertmanager, i.server),
    ports: staticPorts(L, { alertmanager: ports.alertmanager, alertmanagerCluster: ports.alertmanagerCluster }),
    volumes: [{ name: 'data', source: i.volume.volumeName, readOnly: false }],
    services: [
      {
        name: monitoringServiceNames(c).alertmanager,
        port: L.alertmanager,
        tags: [monitoringTag(c)],
        meta: { metrics_path: '/metrics' },
        checks: [{ type: 'http', port: L.alertmanager, path: '/-/healthy' }],
      },
    ],
    tasks: [
      {
        name: 'alertmanager',
        // As Prometheus: its data on the root-owned host volume, its config 0600.
        user: 'root',
        image: c.alertmanagerImage.imageFor(c.workloadArchitecture) ?? '',
        args: alertmanagerArgs(c, i, all),
        memoryMb: c.alertmanagerMemoryMb,
        // Owner-only: it may hold bot tokens and webhook URLs read from Vault.
        templates: [{ destination: rel(ALERTMANAGER_CONFIG_FILE), data: alertmanagerYml(c), changeMode: 'signal', changeSignal: 'SIGHUP', perms: '0600' }],
        volumeMounts: [{ volume: 'data', destination: DATA_MOUNT }],
        ...(alertmanagerReadsVault(c) ? { vault: true } : {}),
      },
    ],
    shutdownDelay: `${i.index * MONITORING_UPDATE_STAGGER_SECONDS}s`,
  };
}

/** The cluster's job: a group per monitoring instance and per Alertmanager, each pinned to its volume's server. */
export function monitoringJob(model: Model, c: MonitoringCluster): NomadJob {
  const am = alertmanagerInstances(model, c);
  return {
    name: monitoringJobName(c),
    namespace: c.namespace,
    region: c.region.regionName,
    datacenters: datacentersOf(model, c.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: [...monitoringInstances(model, c).map((i) => monitoringGroup(model, c, i)), ...am.map((i) => alertmanagerGroup(c, i, am))],
  };
}
