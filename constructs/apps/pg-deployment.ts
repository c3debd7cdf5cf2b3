import { EplConstruct } from '../core/epl-construct';
import type { Construct } from 'constructs';
import { Region } from '../core/region';
import { uniqueChildId } from '../storage/containers';
import { checkProps } from '../core/props';
import type { ServerVolume } from '../storage/volumes';
import type { PgSchema } from './pg-schema';

export interface PgDeploymentProps {
  /** A volume per instance; the instances replicate each other (2 to 5, one per server). */
  readonly instances: readonly ServerVolume[];
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
  /**
   * Postgres port on each instance; the next five are HAProxy to the master, HAProxy to the
   * replicas, Patroni's REST API, HAProxy's metrics and postgres_exporter.
   * @default 5432
   */
  readonly instancePgPort?: number;
}

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
  readonly instances: readonly ServerVolume[];
  readonly synchronousReplication: boolean;
  readonly namespace: string;
  readonly instancePgPort: number;
  private readonly dbs: PgDatabase[] = [];

  constructor(scope: Construct, name: string, props: PgDeploymentProps) {
    super(scope, name);
    props = checkProps(this, 'PgDeploymentProps', props);
    this.deploymentName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.instances = [...props.instances];
    this.synchronousReplication = props.synchronousReplication ?? false;
    this.namespace = props.namespace ?? 'epl';
    this.instancePgPort = props.instancePgPort ?? 5432;
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
