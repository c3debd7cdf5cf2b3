import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import type { Construct } from 'constructs';
import { Region } from '../core/region';
import { Architecture } from '../core/enums';
import { uniqueChildId } from '../storage/containers';
import { checkProps } from '../core/props';
import type { PgDatabase } from './pg-deployment';
import type { PgMutator, PgQuery, PgSchema, PgTransaction } from './pg-schema';
import { AppStream, type AppStreamProps } from './app-stream';
import { AppBucket } from './app-bucket';
import { BucketAccess, type MinioBucket } from '../services/minio-cluster';
import type { NatsStream } from '../services/nats-cluster';
import type { MonitoringCluster } from '../services/monitoring-cluster';
import type { LokiCluster } from '../services/loki-cluster';
import type { TempoCluster } from '../services/tempo-cluster';

export interface PgShardProps {
  readonly schema: PgSchema;
  /** Queries the application calls. @default - none */
  readonly queries?: readonly PgQuery[];
  /** @default - none */
  readonly mutators?: readonly PgMutator[];
  /** @default - none */
  readonly transactions?: readonly PgTransaction[];
}

/** A database an application uses through one schema; each deployment wires it to a database. */
export class PgShard extends EplConstruct {
  readonly shardName: string;
  readonly schema: PgSchema;
  readonly queries: readonly PgQuery[];
  readonly mutators: readonly PgMutator[];
  readonly transactions: readonly PgTransaction[];

  /** @internal use `application.pgShard(name, props)` */
  constructor(scope: BackendApplication, name: string, props: PgShardProps) {
    super(scope, uniqueChildId(scope, `pg-${name}`));
    props = checkProps(this, 'PgShardProps', props);
    this.shardName = name;
    this.schema = props.schema;
    this.queries = [...(props.queries ?? [])];
    this.mutators = [...(props.mutators ?? [])];
    this.transactions = [...(props.transactions ?? [])];
  }
}

/**
 * A backend application: a Rust service whose typed access to databases (and, later, endpoints,
 * streams and buckets) epl generates. It declares the streams and buckets it uses; deployments
 * wire them. The id is its kebab-case name.
 */
export class BackendApplication extends EplConstruct {
  readonly applicationName: string;
  private readonly shards: PgShard[] = [];
  private readonly streamList: AppStream[] = [];
  private readonly bucketList: AppBucket[] = [];

  constructor(scope: App, name: string) {
    super(scope, name);
    this.applicationName = name;
  }

  /** Declares a Postgres database the application uses, and which statements it calls. */
  pgShard(name: string, props: PgShardProps): PgShard {
    const shard = new PgShard(this, name, props);
    this.shards.push(shard);
    return shard;
  }

  get pgShards(): readonly PgShard[] {
    return this.shards;
  }

  /** Declares a NATS stream the application publishes to or consumes; deployments wire it in `streams`. */
  stream(name: string, props: AppStreamProps): AppStream {
    const s = new AppStream(this, name, props);
    this.streamList.push(s);
    return s;
  }

  get streams(): readonly AppStream[] {
    return this.streamList;
  }

  /** Declares an S3 bucket the application uses; deployments wire it in `buckets`. */
  bucket(name: string): AppBucket {
    const b = new AppBucket(this, name);
    this.bucketList.push(b);
    return b;
  }

  get buckets(): readonly AppBucket[] {
    return this.bucketList;
  }
}

export interface BackendDeploymentProps {
  readonly application: BackendApplication;
  /** The database behind each of the application's Postgres shards, by shard name. */
  readonly pgShards?: Readonly<Record<string, PgDatabase>>;
  /**
   * The NATS stream behind each of the application's streams, by the application's stream name:
   * a stream of the same type (and subjects and message-id settings) in the deployment's region.
   * @default - none
   */
  readonly streams?: Readonly<Record<string, NatsStream>>;
  /**
   * The MinIO bucket behind each of the application's buckets, by the application's bucket name,
   * in the deployment's region. The deployment gets a MinIO user `app-<deployment>` with read-write
   * access to it.
   * @default - none
   */
  readonly buckets?: Readonly<Record<string, MinioBucket>>;
  /** Running instances. @default 1 */
  readonly count?: number;
  /** @default 'epl' */
  readonly namespace?: string;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /**
   * The port every instance serves HTTP on (`/metrics`, `/health`, the application's endpoints),
   * on its server's LAN address. Reserved on every server that may run the deployment.
   * @default 7347
   */
  readonly httpPort?: number;
  /** Memory reserved per instance, in MiB; an instance may use twice that when the server has room. @default 64 */
  readonly memoryMb?: number;
  /**
   * Runs the instances only on servers with all these labels (declared in the App's
   * `serverLabels`), e.g. `{ app_tier: 'true' }`.
   * @default - servers that run unassigned workloads
   */
  readonly placement?: Readonly<Record<string, string>>;
  /** The CPU architecture of the servers it runs on; epl builds application images for x86_64 only. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
  /**
   * The Tempo cluster (in the deployment's region) the instances send their traces to.
   * @default - the region's default Tempo cluster
   */
  readonly tracingCluster?: TempoCluster;
}

/** An application running in a region, with its shards, streams and buckets wired to real ones. */
export class BackendDeployment extends EplConstruct {
  readonly deploymentName: string;
  readonly region: Region;
  readonly application: BackendApplication;
  readonly pgShards: Readonly<Record<string, PgDatabase>>;
  readonly streams: Readonly<Record<string, NatsStream>>;
  readonly buckets: Readonly<Record<string, MinioBucket>>;
  readonly count: number;
  readonly namespace: string;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly httpPort: number;
  readonly memoryMb: number;
  /** Labels a server needs to run an instance; undefined for servers that run unassigned workloads. */
  readonly placement: Readonly<Record<string, string>> | undefined;
  readonly workloadArchitecture: Architecture;
  /** Undefined: the region's default. */
  readonly tracingCluster: TempoCluster | undefined;

  constructor(scope: Construct, name: string, props: BackendDeploymentProps) {
    super(scope, name);
    props = checkProps(this, 'BackendDeploymentProps', props);
    this.deploymentName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.application = props.application;
    this.pgShards = { ...(props.pgShards ?? {}) };
    this.streams = { ...(props.streams ?? {}) };
    this.buckets = { ...(props.buckets ?? {}) };
    this.count = props.count ?? 1;
    this.namespace = props.namespace ?? 'epl';
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.httpPort = props.httpPort ?? 7347;
    this.memoryMb = props.memoryMb ?? 64;
    // An empty placement is no placement: it would otherwise match every server, unassigned or not.
    this.placement = props.placement && Object.keys(props.placement).length > 0 ? { ...props.placement } : undefined;
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
    this.tracingCluster = props.tracingCluster;
    // As CDK's grantReadWrite: the bucket's MinIO cluster makes the user and its policy. A value
    // that is not a MinioBucket is a props/wrong-type finding, with nothing to grant on.
    for (const [bucketName, bucket] of Object.entries(this.buckets)) {
      if (typeof bucket?.addGrant !== 'function') continue;
      bucket.addGrant({ consumer: this, prop: ['buckets', bucketName], user: appBucketUser(name), access: BucketAccess.READ_WRITE, exclusive: false });
    }
  }
}

/** The MinIO user of a deployment, on every bucket it wires (one per deployment and cluster). */
export function appBucketUser(deploymentName: string): string {
  return `app-${deploymentName}`;
}
