import { EplConstruct } from '../core/epl-construct';
import type { Construct } from 'constructs';
import { Region } from '../core/region';
import { uniqueChildId } from '../storage/containers';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import type { ServerVolume } from '../storage/volumes';
import type { PgSchema } from './pg-schema';
import type { MonitoringCluster } from '../services/monitoring-cluster';
import type { LokiCluster } from '../services/loki-cluster';

/** An instance of a Postgres deployment with its own settings. */
export interface PgInstance {
  /** The volume the instance keeps its data on; the volume's server runs the instance. */
  readonly volume: ServerVolume;
  /**
   * Which replica Patroni promotes when the leader fails: the highest priority among the healthy
   * ones (Patroni 3.2 or later); 0 never promotes this instance. From 0 to 1000.
   * @default 100
   */
  readonly failoverPriority?: number;
}

export interface PgDeploymentProps {
  /**
   * A volume per instance, or an instance with its own settings; the instances replicate each
   * other (2 to 5, one per server).
   */
  readonly instances: readonly (ServerVolume | PgInstance)[];
  /**
   * Commit only when a replica has the write too (needs 3 or more instances).
   * @default false
   */
  readonly synchronousReplication?: boolean;
  /**
   * Nomad namespace of the deployment's job.
   * @default 'epl'
   */
  readonly namespace?: string;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /**
   * Postgres port on each instance; the next five are HAProxy to the master, HAProxy to the
   * replicas, Patroni's REST API, HAProxy's metrics and postgres_exporter.
   * @default 5432
   */
  readonly instancePgPort?: number;
  /**
   * The image with Patroni and Postgres (set `postgres_wpatroni_wconsul`). The major version is
   * the pin's: moving a deployment to another major version needs a dump and restore.
   * @default DockerImagePin.builtin(this, 'pg_15.1')
   */
  readonly image?: DockerImagePin;
  /** The HAProxy image (set `haproxy`). @default DockerImagePin.builtin(this, 'haproxy_default') */
  readonly haproxyImage?: DockerImagePin;
  /**
   * The postgres_exporter image (set `postgres_exporter`).
   * @default DockerImagePin.builtin(this, 'postgres_exporter_default')
   */
  readonly exporterImage?: DockerImagePin;
  /** Postgres `shared_buffers` in MiB. @default 256 */
  readonly sharedBuffersMb?: number;
  /** Postgres `work_mem` in MiB: memory per sort or hash of a query. @default 16 */
  readonly workMemMb?: number;
  /** Postgres `maintenance_work_mem` in MiB (vacuum, index builds). @default 128 */
  readonly maintenanceWorkMemMb?: number;
  /** Memory reserved beyond Postgres' buffers, for Patroni and connection processes, in MiB. @default 64 */
  readonly overheadMemMb?: number;
  /** Postgres `max_connections`, from 10 to 9999. @default 400 */
  readonly maxConnections?: number;
  /**
   * Seconds between the shutdowns of successive instances when the job is updated, so a replica
   * catches up before the next one stops. From 60 s to 2 days.
   * @default 60
   */
  readonly replicaRollingUpdateDelaySeconds?: number;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
}

/** Default failover priority of an instance (Patroni's own default). */
export const DEFAULT_FAILOVER_PRIORITY = 100;

/** A database of a Postgres deployment: managed (bound to a schema, migrated by epl) or unmanaged. */
export class PgDatabase extends EplConstruct {
  /** @internal use `deployment.database(name, schema)` or `deployment.unmanagedDatabase(name)` */
  constructor(
    scope: PgDeployment,
    readonly databaseName: string,
    /** The schema epl migrates it to; undefined for an unmanaged database. */
    readonly schema: PgSchema | undefined,
  ) {
    super(scope, uniqueChildId(scope, databaseName));
  }

  get deployment(): PgDeployment {
    return this.node.scope as PgDeployment;
  }
}

/** A replicated Postgres cluster in a region. The id is its kebab-case name. */
export class PgDeployment extends EplConstruct {
  readonly deploymentName: string;
  readonly region: Region;
  /** The instances' volumes, in the order given. */
  readonly instances: readonly ServerVolume[];
  /** Failover priority of each instance, in the order of `instances`. */
  readonly failoverPriorities: readonly number[];
  readonly synchronousReplication: boolean;
  readonly namespace: string;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly instancePgPort: number;
  readonly image: DockerImagePin;
  readonly haproxyImage: DockerImagePin;
  readonly exporterImage: DockerImagePin;
  readonly sharedBuffersMb: number;
  readonly workMemMb: number;
  readonly maintenanceWorkMemMb: number;
  readonly overheadMemMb: number;
  readonly maxConnections: number;
  readonly replicaRollingUpdateDelaySeconds: number;
  readonly workloadArchitecture: Architecture;
  private readonly dbs: PgDatabase[] = [];

  constructor(scope: Construct, name: string, props: PgDeploymentProps) {
    super(scope, name);
    props = checkProps(this, 'PgDeploymentProps', props);
    this.deploymentName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    const instances = props.instances.map((i): PgInstance => (isPgInstance(i) ? i : { volume: i }));
    this.instances = instances.map((i) => i.volume);
    this.failoverPriorities = instances.map((i) => i.failoverPriority ?? DEFAULT_FAILOVER_PRIORITY);
    this.synchronousReplication = props.synchronousReplication ?? false;
    this.namespace = props.namespace ?? 'epl';
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.instancePgPort = props.instancePgPort ?? 5432;
    // TODO(pins): the built-in pin names may be renamed by the pin catalogue work.
    this.image = props.image ?? DockerImagePin.builtin(this, 'pg_15.1');
    this.haproxyImage = props.haproxyImage ?? DockerImagePin.builtin(this, 'haproxy_default');
    this.exporterImage = props.exporterImage ?? DockerImagePin.builtin(this, 'postgres_exporter_default');
    this.sharedBuffersMb = props.sharedBuffersMb ?? 256;
    this.workMemMb = props.workMemMb ?? 16;
    this.maintenanceWorkMemMb = props.maintenanceWorkMemMb ?? 128;
    this.overheadMemMb = props.overheadMemMb ?? 64;
    this.maxConnections = props.maxConnections ?? 400;
    this.replicaRollingUpdateDelaySeconds = props.replicaRollingUpdateDelaySeconds ?? 60;
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
  }

  /** Defines a database that epl creates and migrates to `schema`. */
  database(name: string, schema: PgSchema): PgDatabase {
    const db = new PgDatabase(this, name, schema);
    this.dbs.push(db);
    return db;
  }

  /** Defines a database that epl creates but does not migrate (for tools with their own schema). */
  unmanagedDatabase(name: string): PgDatabase {
    const db = new PgDatabase(this, name, undefined);
    this.dbs.push(db);
    return db;
  }

  get databases(): readonly PgDatabase[] {
    return this.dbs;
  }
}

/** A `PgInstance` rather than a bare volume (volumes are constructs, instances plain objects). */
function isPgInstance(i: ServerVolume | PgInstance): i is PgInstance {
  return typeof i === 'object' && i !== null && 'volume' in i && !('volumeName' in i);
}
