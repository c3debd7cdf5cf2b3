import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import { uniqueChildId } from '../storage/containers';
import type { ServerVolume } from '../storage/volumes';
import { ZfsRecordSize } from '../storage/enums';
import type { MonitoringCluster } from './monitoring-cluster';
import type { LokiCluster } from './loki-cluster';

/** How a consumer may use a bucket. */
export enum BucketAccess {
  READ_WRITE = 'rw',
  READ_ONLY = 'ro',
}

/**
 * A consumer's access to a bucket, recorded by the consumer's construct (as a CDK construct
 * calls `bucket.grantReadWrite(role)`): MinIO provisioning makes a user per grant with a policy
 * on the bucket, and keeps its password in Vault for the consumer's job.
 */
export interface BucketGrant {
  /** The construct that uses the bucket (a registry, an app deployment, a Loki cluster). */
  readonly consumer: EplConstruct;
  /** The prop of the consumer that names the bucket, for diagnostics. */
  readonly prop: readonly (string | number)[];
  /** The MinIO user, unique per cluster: kebab-case, derived from the consumer's name. */
  readonly user: string;
  readonly access: BucketAccess;
  /** Infrastructure that must have the bucket to itself (registry, Loki, Tempo). */
  readonly exclusive: boolean;
}

export interface MinioBucketProps {
  /**
   * Object locking (WORM retention and legal holds). It can only be chosen when the bucket is
   * created: changing it later does not change an existing bucket.
   * @default true
   */
  readonly lockingEnabled?: boolean;
}

/** A bucket of a MinIO cluster. The name is kebab-case, 3 to 63 characters. */
export class MinioBucket extends EplConstruct {
  readonly bucketName: string;
  readonly lockingEnabled: boolean;
  private readonly grantList: BucketGrant[] = [];

  /** @internal use `cluster.bucket(name, props)` */
  constructor(scope: MinioCluster, name: string, props: MinioBucketProps = {}) {
    super(scope, uniqueChildId(scope, name));
    props = checkProps(this, 'MinioBucketProps', props);
    this.bucketName = name;
    this.lockingEnabled = props.lockingEnabled ?? true;
  }

  get cluster(): MinioCluster {
    return this.node.scope as MinioCluster;
  }

  /** Who uses the bucket, in the order they were granted access. */
  get grants(): readonly BucketGrant[] {
    return this.grantList;
  }

  /**
   * Records that `grant.consumer` uses this bucket. Called by the constructs that take a bucket
   * (the registry, app deployments); users do not call it.
   * @internal
   */
  addGrant(grant: BucketGrant): void {
    this.grantList.push(grant);
  }
}

export interface MinioClusterProps {
  /** The volume of each MinIO instance (2 or more, erasure-coded across them), in order. */
  readonly instances: readonly ServerVolume[];
  /** Nomad namespace of the cluster's job. @default 'epl' */
  readonly namespace?: string;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /**
   * MinIO's S3 API port on every instance; the console listens on the next port and the
   * instance's nginx load balancer over all instances on the one after.
   * @default 9000
   */
  readonly apiPort?: number;
  /** Memory of each MinIO daemon, in MiB. @default 1024 */
  readonly instanceMemoryMb?: number;
  /** Memory of each instance's nginx load balancer, in MiB. @default 64 */
  readonly lbMemoryMb?: number;
  /**
   * The ZFS recordsize every instance volume on ZFS must have: large objects want large records.
   * @default ZfsRecordSize.M1
   */
  readonly expectedZfsRecordSize?: ZfsRecordSize;
  /**
   * Allows instance volumes on different disk media (HDD, SSD, NVMe); the cluster is then as
   * fast as its slowest instance.
   * @default false
   */
  readonly multipleDiskMediumsOk?: boolean;
  /** The MinIO image (set `minio`). @default DockerImagePin.builtin(this, 'minio_default') */
  readonly image?: DockerImagePin;
  /** The MinIO client image that provisions buckets (set `minio_mc`). @default DockerImagePin.builtin(this, 'minio_mc_default') */
  readonly mcImage?: DockerImagePin;
  /** The nginx image of the load balancers (set `nginx`). @default DockerImagePin.builtin(this, 'nginx_default') */
  readonly nginxImage?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
}

/** An S3-compatible object store in a region: MinIO on server volumes. The id is its kebab-case name. */
export class MinioCluster extends EplConstruct {
  readonly clusterName: string;
  readonly region: Region;
  readonly instances: readonly ServerVolume[];
  readonly namespace: string;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly apiPort: number;
  readonly instanceMemoryMb: number;
  readonly lbMemoryMb: number;
  readonly expectedZfsRecordSize: ZfsRecordSize;
  readonly multipleDiskMediumsOk: boolean;
  readonly image: DockerImagePin;
  readonly mcImage: DockerImagePin;
  readonly nginxImage: DockerImagePin;
  readonly workloadArchitecture: Architecture;
  private readonly bucketList: MinioBucket[] = [];

  constructor(scope: Construct, name: string, props: MinioClusterProps) {
    super(scope, name);
    props = checkProps(this, 'MinioClusterProps', props);
    this.clusterName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.instances = [...props.instances];
    this.namespace = props.namespace ?? 'epl';
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.apiPort = props.apiPort ?? 9000;
    this.instanceMemoryMb = props.instanceMemoryMb ?? 1024;
    this.lbMemoryMb = props.lbMemoryMb ?? 64;
    this.expectedZfsRecordSize = props.expectedZfsRecordSize ?? ZfsRecordSize.M1;
    this.multipleDiskMediumsOk = props.multipleDiskMediumsOk ?? false;
    this.image = props.image ?? DockerImagePin.builtin(this, 'minio_default');
    this.mcImage = props.mcImage ?? DockerImagePin.builtin(this, 'minio_mc_default');
    this.nginxImage = props.nginxImage ?? DockerImagePin.builtin(this, 'nginx_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
  }

  /** Defines a bucket of the cluster. */
  bucket(name: string, props: MinioBucketProps = {}): MinioBucket {
    const b = new MinioBucket(this, name, props);
    this.bucketList.push(b);
    return b;
  }

  get buckets(): readonly MinioBucket[] {
    return this.bucketList;
  }
}
