import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import { BucketAccess, type MinioBucket } from './minio-cluster';
import type { MonitoringCluster } from './monitoring-cluster';

export interface LokiClusterProps {
  /** Where Loki keeps chunks and indexes: a bucket of a MinIO cluster in the same region, used by nothing else. */
  readonly bucket: MinioBucket;
  /**
   * The cluster every server's vector ships its logs to, when the region has several Loki
   * clusters (exactly one of them is the default).
   * @default false
   */
  readonly regionDefault?: boolean;
  /** Nomad namespace of the cluster's job. @default 'epl' */
  readonly namespace?: string;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /** Writer instances (distributor and ingester), each on its own server; at least 2. @default 3 */
  readonly writers?: number;
  /** Reader instances (query frontend and querier), each on its own server; at least 2. @default 2 */
  readonly readers?: number;
  /**
   * Runs the writers only on servers with all these labels (declared in the App's
   * `serverLabels`), e.g. `{ loki_writer: 'true' }`.
   * @default - servers that run unassigned workloads
   */
  readonly writerPlacement?: Readonly<Record<string, string>>;
  /** Runs the readers only on servers with all these labels. @default - servers that run unassigned workloads */
  readonly readerPlacement?: Readonly<Record<string, string>>;
  /** Runs the backend instances only on servers with all these labels. @default - servers that run unassigned workloads */
  readonly backendPlacement?: Readonly<Record<string, string>>;
  /**
   * The writers' HTTP port (log pushes); the writers' gRPC port, the readers' HTTP and gRPC ports
   * and the backend's HTTP and gRPC ports are the next five.
   * @default 3010
   */
  readonly writerHttpPort?: number;
  /** Memory of each writer, in MiB. @default 128 */
  readonly writerMemoryMb?: number;
  /** Memory of each reader, in MiB. @default 128 */
  readonly readerMemoryMb?: number;
  /** Memory of each backend instance, in MiB. @default 128 */
  readonly backendMemoryMb?: number;
  /** How long logs are kept, in days (1 to 10000); the compactor deletes older ones. @default 30 */
  readonly retentionDays?: number;
  /** The Loki image (set `grafana_loki`). @default DockerImagePin.builtin(this, 'loki_default') */
  readonly image?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
}

/** An empty placement is no placement: it would otherwise match every server, unassigned or not. */
function placementOf(p: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined {
  return p && Object.keys(p).length > 0 ? { ...p } : undefined;
}

/**
 * A Loki log store in a region, run in simple scalable mode: writers, readers and backend
 * instances, their ring in Consul, chunks and indexes in a MinIO bucket. The id is its
 * kebab-case name. Every server's vector ships its logs to the region's default cluster.
 */
export class LokiCluster extends EplConstruct {
  readonly clusterName: string;
  readonly region: Region;
  readonly bucket: MinioBucket;
  readonly regionDefault: boolean;
  readonly namespace: string;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly writers: number;
  readonly readers: number;
  readonly writerPlacement: Readonly<Record<string, string>> | undefined;
  readonly readerPlacement: Readonly<Record<string, string>> | undefined;
  readonly backendPlacement: Readonly<Record<string, string>> | undefined;
  readonly writerHttpPort: number;
  readonly writerMemoryMb: number;
  readonly readerMemoryMb: number;
  readonly backendMemoryMb: number;
  readonly retentionDays: number;
  readonly image: DockerImagePin;
  readonly workloadArchitecture: Architecture;

  constructor(scope: Construct, name: string, props: LokiClusterProps) {
    super(scope, name);
    props = checkProps(this, 'LokiClusterProps', props);
    this.clusterName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.bucket = props.bucket;
    this.regionDefault = props.regionDefault ?? false;
    this.namespace = props.namespace ?? 'epl';
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.writers = props.writers ?? 3;
    this.readers = props.readers ?? 2;
    this.writerPlacement = placementOf(props.writerPlacement);
    this.readerPlacement = placementOf(props.readerPlacement);
    this.backendPlacement = placementOf(props.backendPlacement);
    this.writerHttpPort = props.writerHttpPort ?? 3010;
    this.writerMemoryMb = props.writerMemoryMb ?? 128;
    this.readerMemoryMb = props.readerMemoryMb ?? 128;
    this.backendMemoryMb = props.backendMemoryMb ?? 128;
    this.retentionDays = props.retentionDays ?? 30;
    this.image = props.image ?? DockerImagePin.builtin(this, 'loki_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
    // A bucket that is not a MinioBucket is a props/wrong-type finding; nothing to grant on.
    if (typeof props.bucket?.addGrant === 'function') {
      props.bucket.addGrant({ consumer: this, prop: ['bucket'], user: lokiBucketUser(name), access: BucketAccess.READ_WRITE, exclusive: true });
    }
  }
}

/** The MinIO user of a Loki cluster on its bucket. */
export function lokiBucketUser(clusterName: string): string {
  return `loki-${clusterName}`;
}
