import type { Grafana } from '../../../constructs/services/grafana';
import type { Model } from '../../model/model';
import type { NomadJob } from '../../plan/nomad/job';
import { archConstraint, datacentersOf, DISTINCT_HOSTS, labelConstraints, ROLLING_UPDATE, UNASSIGNED_CONSTRAINT } from '../../plan/nomad/common';
import { scrapedBy } from '../monitoring/names';
import {
  GRAFANA_DATASOURCES_FILE,
  GRAFANA_SECRET_ENV_FILE,
  grafanaDatasourcesYml,
  grafanaEnv,
  grafanaSecretEnv,
  PROMXY_CONFIG_FILE,
  promxyArgs,
  promxyConfigYml,
} from './config';
import { grafanaJobName, grafanaPorts, grafanaServiceNames } from './names';

/** Port labels of the group, as tasks see them (`NOMAD_PORT_<label>`). */
const HTTP = 'http';
const PROMXY = 'promxy';

/** The most memory an instance may use when its server has room, as a multiple of what it reserves: big dashboards' queries burst. */
export const GRAFANA_MEMORY_MAX_FACTOR = 2;

/**
 * The deployment's job: one group of `instances` allocations, each a Grafana and its Promxy on one
 * server. One group rather than two: both share the count, the placement and the servers, and
 * the memory reserved per server is their sum (a Promxy without its Grafana serves nobody). Grafana
 * reaches Promxy through Promxy's Consul service, so a stopped Promxy costs no Grafana its metrics.
 * Both register a Consul service with a readiness check, marked for scraping.
 */
export function grafanaJob(model: Model, g: Grafana): NomadJob {
  const ports = grafanaPorts(g);
  const services = grafanaServiceNames(g);
  const scrape = scrapedBy(model, g.region, '/metrics', g.monitoringCluster);
  return {
    name: grafanaJobName(g),
    namespace: g.namespace,
    region: g.region.regionName,
    datacenters: datacentersOf(model, g.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: [
      {
        name: 'grafana',
        count: g.instances,
        constraints: [archConstraint(g.workloadArchitecture), ...(g.placement ? labelConstraints(g.placement) : [UNASSIGNED_CONSTRAINT]), DISTINCT_HOSTS],
        ports: [
          { label: HTTP, static: ports.grafana },
          { label: PROMXY, static: ports.promxy },
        ],
        volumes: [],
        services: [
          { name: services.grafana, port: HTTP, ...scrape, checks: [{ type: 'http', port: HTTP, path: '/api/health' }] },
          { name: services.promxy, port: PROMXY, ...scrape, checks: [{ type: 'http', port: PROMXY, path: '/-/ready' }] },
        ],
        shutdownDelay: '5s',
        tasks: [
          {
            name: 'grafana',
            image: g.grafanaImage.imageFor(g.workloadArchitecture) ?? '',
            env: grafanaEnv(g),
            memoryMb: g.memoryMb,
            memoryMaxMb: g.memoryMb * GRAFANA_MEMORY_MAX_FACTOR,
            templates: [
              { destination: GRAFANA_SECRET_ENV_FILE, data: grafanaSecretEnv(g), env: true, perms: '0600' },
              { destination: GRAFANA_DATASOURCES_FILE, data: grafanaDatasourcesYml(model, g) },
            ],
            volumeMounts: [],
            vault: true,
          },
          {
            name: 'promxy',
            image: g.promxyImage.imageFor(g.workloadArchitecture) ?? '',
            args: promxyArgs(g),
            memoryMb: g.promxyMemoryMb,
            memoryMaxMb: g.promxyMemoryMb * GRAFANA_MEMORY_MAX_FACTOR,
            // Promxy rereads its file on SIGHUP (cmd/promxy/main.go: the reloader on syscall.SIGHUP).
            templates: [{ destination: PROMXY_CONFIG_FILE, data: promxyConfigYml(model, g), changeMode: 'signal', changeSignal: 'SIGHUP' }],
            volumeMounts: [],
            lifecycle: { hook: 'prestart', sidecar: true },
          },
        ],
      },
    ],
  };
}
