import type { LokiCluster } from '../../../constructs/services/loki-cluster';
import type { Model } from '../../model/model';
import type { NomadConstraint, NomadGroup, NomadJob } from '../../plan/nomad/job';
import { archConstraint, datacentersOf, DISTINCT_HOSTS, labelConstraints, PRIVATE_IP, ROLLING_UPDATE, UNASSIGNED_CONSTRAINT } from '../../plan/nomad/common';
import { scrapedBy, type Scrape } from '../monitoring/names';
import { LOKI_CONFIG_FILE, lokiConfigYml } from './config';
import { LOKI_ROLES, LOKI_TARGET, lokiJobName, lokiPorts, lokiServiceName, type LokiRole } from './names';

/** Backend instances (query scheduler, compactor, index gateway, ruler): two, so queries survive the loss of one; the compactor runs on one of them at a time (its ring elects it). */
export const LOKI_BACKENDS = 2;

/** The most memory an instance may use when its server has room, as a multiple of what it reserves: queries and flushes burst far above the steady state. */
export const LOKI_MEMORY_MAX_FACTOR = 4;

/** The user grafana/loki's image runs as. */
const IMAGE_USER = 10001;

/** Port labels of a group, as tasks see them (`NOMAD_PORT_<label>`). */
const HTTP = 'http';
const GRPC = 'grpc';

/** A role's instances, placement and memory, as the cluster's props give them. */
export interface LokiRolePlan {
  readonly role: LokiRole;
  readonly count: number;
  /** The prop that sets the count (for "too few servers"), when there is one. */
  readonly countProp: string | undefined;
  readonly placement: Readonly<Record<string, string>> | undefined;
  readonly placementProp: string;
  readonly memoryMb: number;
  readonly memoryProp: string;
}

/** The three roles of the cluster. */
export function lokiRoles(c: LokiCluster): LokiRolePlan[] {
  return [
    { role: 'writer', count: c.writers, countProp: 'writers', placement: c.writerPlacement, placementProp: 'writerPlacement', memoryMb: c.writerMemoryMb, memoryProp: 'writerMemoryMb' },
    { role: 'reader', count: c.readers, countProp: 'readers', placement: c.readerPlacement, placementProp: 'readerPlacement', memoryMb: c.readerMemoryMb, memoryProp: 'readerMemoryMb' },
    { role: 'backend', count: LOKI_BACKENDS, countProp: undefined, placement: c.backendPlacement, placementProp: 'backendPlacement', memoryMb: c.backendMemoryMb, memoryProp: 'backendMemoryMb' },
  ];
}

/** Where a role's stateless instances may run: its labels, or the servers for unassigned workloads; never two on one server (they share static ports). */
function constraints(c: LokiCluster, r: LokiRolePlan): NomadConstraint[] {
  return [archConstraint(c.workloadArchitecture), ...(r.placement ? labelConstraints(r.placement) : [UNASSIGNED_CONSTRAINT]), DISTINCT_HOSTS];
}

/** Loki's command line for a role: the shared file, the role's target and its listen addresses. */
export function lokiArgs(c: LokiCluster, role: LokiRole): string[] {
  const p = lokiPorts(c)[role];
  return [
    `-config.file=/${LOKI_CONFIG_FILE}`,
    `-target=${LOKI_TARGET[role]}`,
    // Loki 2.9 runs the backend's components inside `read` unless told to use the three-target topology.
    '-legacy-read-mode=false',
    `-server.http-listen-address=${PRIVATE_IP}`,
    `-server.http-listen-port=${p.http}`,
    `-server.grpc-listen-address=${PRIVATE_IP}`,
    `-server.grpc-listen-port=${p.grpc}`,
  ];
}

function group(c: LokiCluster, r: LokiRolePlan, config: string, scrape: Scrape): NomadGroup {
  const p = lokiPorts(c)[r.role];
  return {
    name: r.role,
    count: r.count,
    constraints: constraints(c, r),
    ports: [
      { label: HTTP, static: p.http },
      { label: GRPC, static: p.grpc },
    ],
    volumes: [],
    services: [
      {
        name: lokiServiceName(c, r.role),
        port: HTTP,
        ...scrape,
        // Ready once the instance has joined its rings (a writer: its ingester is ACTIVE).
        checks: [{ type: 'http', port: HTTP, path: '/ready' }],
      },
    ],
    // Consul drops the instance before it stops, so pushes and queries go elsewhere first.
    shutdownDelay: '5s',
    tasks: [
      {
        name: 'loki',
        image: c.image.imageFor(c.workloadArchitecture) ?? '',
        args: lokiArgs(c, r.role),
        memoryMb: r.memoryMb,
        memoryMaxMb: r.memoryMb * LOKI_MEMORY_MAX_FACTOR,
        // The image runs as 10001, which must read its private config (the bucket password).
        templates: [{ destination: LOKI_CONFIG_FILE, data: config, perms: '0600', uid: IMAGE_USER, gid: IMAGE_USER }],
        volumeMounts: [],
        vault: true,
      },
    ],
  };
}

/**
 * The cluster's job: a stateless group per role (writers, readers, backend), each instance on its
 * own server, its state in the MinIO bucket and its rings in Consul. Every role registers its
 * Consul service with a readiness check and is marked for scraping.
 */
export function lokiJob(model: Model, c: LokiCluster): NomadJob {
  const config = lokiConfigYml(c);
  const roles = lokiRoles(c);
  return {
    name: lokiJobName(c),
    namespace: c.namespace,
    region: c.region.regionName,
    datacenters: datacentersOf(model, c.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: LOKI_ROLES.map((role) => group(c, roles.find((r) => r.role === role)!, config, scrapedBy(model, c.region, '/metrics', c.monitoringCluster))),
  };
}
