import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import type { PgDatabase } from '../apps/pg-deployment';
import type { MonitoringCluster } from './monitoring-cluster';
import type { LokiCluster } from './loki-cluster';

export interface GrafanaProps {
  /**
   * Where Grafana keeps its users, dashboards' versions and sessions: an unmanaged database
   * (`deployment.unmanagedDatabase(name)`) of a Postgres deployment in the same region. Grafana
   * migrates its own schema, so a database epl migrates cannot be it.
   */
  readonly database: PgDatabase;
  /** Nomad namespace of the job. @default 'epl' */
  readonly namespace?: string;
  /** Grafana instances (each with its Promxy), each on its own server; at least 2. @default 2 */
  readonly instances?: number;
  /**
   * Runs the instances only on servers with all these labels (declared in the App's `serverLabels`).
   * @default - servers that run unassigned workloads
   */
  readonly placement?: Readonly<Record<string, string>>;
  /** Grafana's HTTP port; Promxy listens on the next one. @default 3000 */
  readonly port?: number;
  /** Memory of each Grafana instance, in MiB (at least 64). @default 256 */
  readonly memoryMb?: number;
  /** Memory of each Promxy instance, in MiB (at least 32). @default 128 */
  readonly promxyMemoryMb?: number;
  /** The Grafana image (set `grafana`). @default DockerImagePin.builtin(this, 'grafana_default') */
  readonly grafanaImage?: DockerImagePin;
  /** The Promxy image (set `promxy`). @default DockerImagePin.builtin(this, 'promxy_default') */
  readonly promxyImage?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
  /** The monitoring cluster that scrapes Grafana and Promxy. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster Grafana's and Promxy's logs go to. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
}

/**
 * Grafana in a region, each instance with a Promxy beside it that merges the region's monitoring
 * clusters into one Prometheus datasource. Datasources (monitoring, Loki, Tempo) and dashboards are
 * generated from the platform; its state lives in a Postgres database. `name` is its kebab-case
 * deployment name; the construct's id is `grafana-<name>`.
 */
export class Grafana extends EplConstruct {
  readonly deploymentName: string;
  readonly region: Region;
  readonly database: PgDatabase;
  readonly namespace: string;
  readonly instances: number;
  readonly placement: Readonly<Record<string, string>> | undefined;
  readonly port: number;
  readonly memoryMb: number;
  readonly promxyMemoryMb: number;
  readonly grafanaImage: DockerImagePin;
  readonly promxyImage: DockerImagePin;
  readonly workloadArchitecture: Architecture;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;

  constructor(scope: Construct, name: string, props: GrafanaProps) {
    // Grafana names are their own (the reference keeps them in a table of their own): the `main`
    // Grafana sits beside the `main` Loki cluster in one region.
    super(scope, grafanaConstructId(name));
    props = checkProps(this, 'GrafanaProps', props);
    this.deploymentName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.database = props.database;
    this.namespace = props.namespace ?? 'epl';
    this.instances = props.instances ?? 2;
    // An empty placement would match every server, unassigned or not: it is no placement.
    this.placement = props.placement && Object.keys(props.placement).length > 0 ? { ...props.placement } : undefined;
    this.port = props.port ?? 3000;
    this.memoryMb = props.memoryMb ?? 256;
    this.promxyMemoryMb = props.promxyMemoryMb ?? 128;
    this.grafanaImage = props.grafanaImage ?? DockerImagePin.builtin(this, 'grafana_default');
    this.promxyImage = props.promxyImage ?? DockerImagePin.builtin(this, 'promxy_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
  }
}

/** The construct id of the Grafana deployment `name` in its region. */
export function grafanaConstructId(name: string): string {
  return `grafana-${name}`;
}
