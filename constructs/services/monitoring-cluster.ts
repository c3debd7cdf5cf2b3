import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import type { ServerVolume } from '../storage/volumes';
import type { LokiCluster } from './loki-cluster';
import type { AlertRouting } from './notifications';

export interface MonitoringClusterProps {
  /**
   * The volume of each monitoring instance (2 or 3), in order: each runs Prometheus and
   * VictoriaMetrics, which keep their data on it.
   */
  readonly instances: readonly ServerVolume[];
  /** The volume of each Alertmanager instance (3 or 5, for its gossip cluster), in order. */
  readonly alertmanagerInstances: readonly ServerVolume[];
  /**
   * The cluster that scrapes every component of the region that names no other. A region with
   * one monitoring cluster needs no default; with several, exactly one is.
   * @default false
   */
  readonly regionDefault?: boolean;
  /** Nomad namespace of the cluster's job. @default 'epl' */
  readonly namespace?: string;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /**
   * Prometheus's port on every instance; VictoriaMetrics listens on the next, Alertmanager on the
   * one after and Alertmanager's cluster gossip on the fourth.
   * @default 9090
   */
  readonly prometheusPort?: number;
  /** Memory of each Prometheus, in MiB. @default 768 */
  readonly prometheusMemoryMb?: number;
  /** Memory of each VictoriaMetrics, in MiB. @default 256 */
  readonly victoriaMetricsMemoryMb?: number;
  /** Memory of each Alertmanager, in MiB. @default 64 */
  readonly alertmanagerMemoryMb?: number;
  /** How long VictoriaMetrics keeps the metrics, in months (1 to 9999). @default 24 */
  readonly retentionMonths?: number;
  /** The Prometheus image (set `prometheus`). @default DockerImagePin.builtin(this, 'prometheus_default') */
  readonly prometheusImage?: DockerImagePin;
  /** The VictoriaMetrics image (set `victoria_metrics`). @default DockerImagePin.builtin(this, 'victoriametrics_default') */
  readonly victoriaMetricsImage?: DockerImagePin;
  /** The Alertmanager image (set `alertmanager`). @default DockerImagePin.builtin(this, 'alertmanager_default') */
  readonly alertmanagerImage?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
  /**
   * The alert groups the cluster evaluates, each with where its alerts are sent (Telegram,
   * webhooks); more with `routeAlerts`. A cluster that routes no group evaluates every group of
   * the app and notifies nobody (its alerts show in Alertmanager's UI).
   * @default - every alert group, notifying nobody
   */
  readonly alertGroups?: readonly AlertRouting[];
}

/**
 * A monitoring cluster in a region: Prometheus instances that scrape every component registered
 * with it (Consul services tagged `epl-mon-<name>`) and the servers' daemons, remote-write to
 * every VictoriaMetrics instance (the long-term store) and alert through an Alertmanager cluster.
 * The id is its kebab-case name.
 */
export class MonitoringCluster extends EplConstruct {
  readonly clusterName: string;
  readonly region: Region;
  readonly instances: readonly ServerVolume[];
  readonly alertmanagerInstances: readonly ServerVolume[];
  readonly regionDefault: boolean;
  readonly namespace: string;
  readonly lokiCluster: LokiCluster | undefined;
  readonly prometheusPort: number;
  readonly prometheusMemoryMb: number;
  readonly victoriaMetricsMemoryMb: number;
  readonly alertmanagerMemoryMb: number;
  readonly retentionMonths: number;
  readonly prometheusImage: DockerImagePin;
  readonly victoriaMetricsImage: DockerImagePin;
  readonly alertmanagerImage: DockerImagePin;
  readonly workloadArchitecture: Architecture;
  private readonly routings: AlertRouting[];

  constructor(scope: Construct, name: string, props: MonitoringClusterProps) {
    super(scope, name);
    props = checkProps(this, 'MonitoringClusterProps', props);
    this.clusterName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.instances = [...(props.instances ?? [])];
    this.alertmanagerInstances = [...(props.alertmanagerInstances ?? [])];
    this.regionDefault = props.regionDefault ?? false;
    this.namespace = props.namespace ?? 'epl';
    this.lokiCluster = props.lokiCluster;
    this.prometheusPort = props.prometheusPort ?? 9090;
    this.prometheusMemoryMb = props.prometheusMemoryMb ?? 768;
    this.victoriaMetricsMemoryMb = props.victoriaMetricsMemoryMb ?? 256;
    this.alertmanagerMemoryMb = props.alertmanagerMemoryMb ?? 64;
    this.retentionMonths = props.retentionMonths ?? 24;
    this.prometheusImage = props.prometheusImage ?? DockerImagePin.builtin(this, 'prometheus_default');
    this.victoriaMetricsImage = props.victoriaMetricsImage ?? DockerImagePin.builtin(this, 'victoriametrics_default');
    this.alertmanagerImage = props.alertmanagerImage ?? DockerImagePin.builtin(this, 'alertmanager_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
    this.routings = [...(props.alertGroups ?? [])];
  }

  /** Evaluates an alert group on this cluster and sends its alerts where `routing` says. */
  routeAlerts(routing: AlertRouting): this {
    this.routings.push(checkProps(this, 'AlertRouting', routing, ['alertGroups', this.routings.length]));
    return this;
  }

  /** The groups the cluster evaluates with their destinations; empty: every group, notifying nobody. */
  get alertGroups(): readonly AlertRouting[] {
    return this.routings;
  }
}
