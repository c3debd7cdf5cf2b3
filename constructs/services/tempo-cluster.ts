import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import { BucketAccess, type MinioBucket } from './minio-cluster';
import type { MonitoringCluster } from './monitoring-cluster';
import type { LokiCluster } from './loki-cluster';

export interface TempoClusterProps {
  /** Where Tempo keeps its traces: a bucket of a MinIO cluster in the same region, used by nothing else. */
  readonly bucket: MinioBucket;
  /**
   * The cluster the applications of the region send their traces to, when the region has several
   * Tempo clusters (exactly one of them is the default).
   * @default false
   */
  readonly regionDefault?: boolean;
  /** Nomad namespace of the cluster's job. @default 'epl' */
  readonly namespace?: string;
  /** Tempo instances, each on its own server; at least 2. @default 2 */
  readonly instances?: number;
  /**
   * Runs the instances only on servers with all these labels (declared in the App's `serverLabels`).
   * @default - servers that run unassigned workloads
   */
  readonly placement?: Readonly<Record<string, string>>;
  /**
   * Tempo's HTTP port (API, queries, metrics); its gRPC port, its memberlist port and the OTLP
   * HTTP and gRPC receivers are the next four.
   * @default 4310
   */
  readonly httpPort?: number;
  /** Memory of each instance, in MiB (at least 64). @default 128 */
  readonly memoryMb?: number;
  /** How long traces are kept, in days (1 to 10000); the compactor deletes older ones. @default 30 */
  readonly retentionDays?: number;
  /** The Tempo image (set `grafana_tempo`). @default DockerImagePin.builtin(this, 'tempo_default') */
  readonly image?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
  /**
   * The monitoring cluster (in the same region) that scrapes the instances and receives the span
   * metrics and service graphs Tempo generates.
   * @default - the region's default monitoring cluster
   */
  readonly monitoringCluster?: MonitoringCluster;
  /**
   * The Loki cluster (in the same region) the instances' logs go to.
   * @default - the region's default Loki cluster
   */
  readonly lokiCluster?: LokiCluster;
}

/**
 * A Tempo trace store in a region: instances receiving OTLP traces from the region's
 * applications, keeping them in a MinIO bucket, and generating span metrics into the region's
 * monitoring cluster. The id is its kebab-case name.
 */
export class TempoCluster extends EplConstruct {
  readonly clusterName: string;
  readonly region: Region;
  readonly bucket: MinioBucket;
  readonly regionDefault: boolean;
  readonly namespace: string;
  readonly instances: number;
  readonly placement: Readonly<Record<string, string>> | undefined;
  readonly httpPort: number;
  readonly memoryMb: number;
  readonly retentionDays: number;
  readonly image: DockerImagePin;
  readonly workloadArchitecture: Architecture;
  /** Undefined: the region's default. */
  readonly monitoringCluster: MonitoringCluster | undefined;
  /** Undefined: the region's default. */
  readonly lokiCluster: LokiCluster | undefined;

  constructor(scope: Construct, name: string, props: TempoClusterProps) {
    super(scope, name);
    props = checkProps(this, 'TempoClusterProps', props);
    this.clusterName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.bucket = props.bucket;
    this.regionDefault = props.regionDefault ?? false;
    this.namespace = props.namespace ?? 'epl';
    this.instances = props.instances ?? 2;
    // An empty placement would match every server, unassigned or not: it is no placement.
    this.placement = props.placement && Object.keys(props.placement).length > 0 ? { ...props.placement } : undefined;
    this.httpPort = props.httpPort ?? 4310;
    this.memoryMb = props.memoryMb ?? 128;
    this.retentionDays = props.retentionDays ?? 30;
    this.image = props.image ?? DockerImagePin.builtin(this, 'tempo_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    // A bucket that is not a MinioBucket is a props/wrong-type finding; nothing to grant on.
    if (typeof props.bucket?.addGrant === 'function') {
      props.bucket.addGrant({ consumer: this, prop: ['bucket'], user: tempoBucketUser(name), access: BucketAccess.READ_WRITE, exclusive: true });
    }
  }
}

/** The MinIO user of a Tempo cluster on its bucket. */
export function tempoBucketUser(clusterName: string): string {
  return `tempo-${clusterName}`;
}
