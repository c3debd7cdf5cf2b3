import { stringify } from 'yaml';
import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import type { PgInstancePlan } from './instances';
import { pgAdminSecretPath, pgPorts, pgServiceName } from './names';
import { PG_ADMIN_FIELDS, PG_ROLES } from './secrets';

/** Where the instance's host volume is mounted in the Patroni container. */
export const PG_DATA_MOUNT = '/data';

/** Postgres' data directory, on the host volume. */
export const PG_DATA_DIR = `${PG_DATA_MOUNT}/pgdata`;

/**
 * Patroni's DCS: the server's own Consul agent over loopback HTTP. The agent serves plain HTTP
 * on 127.0.0.1:8500 beside HTTPS on 8501 (synth/emit/nixos/sections/consul.ts); the task runs
 * with host networking, so the token never leaves the host, and the container needs no copy of
 * the Consul CA (which lives in the host's secrets directory, not in any task).
 */
export const PATRONI_CONSUL_URL = 'http://127.0.0.1:8500';

/** Clients may connect from the platform's private addresses only, with SCRAM passwords. */
export const PG_CLIENT_CIDR = '10.0.0.0/8';

/**
 * A consul-template expression for a field of the deployment's admin secret, as a YAML scalar:
 * `toJSON` makes it a quoted JSON string, which YAML reads back as the exact value whatever
 * characters the password holds.
 */
function secretScalar(d: PgDeployment, field: string): string {
  return `{{ with secret ${JSON.stringify(`epl/data/${pgAdminSecretPath(d)}`)} }}{{ .Data.data.${field} | toJSON }}{{ end }}`;
}

/** The pg_hba rules: local socket for Patroni's own superuser work, SCRAM from the LAN. */
export function pgHba(): string[] {
  return [
    'local all all peer',
    `host replication ${PG_ROLES.replication} 127.0.0.1/32 scram-sha-256`,
    `host replication ${PG_ROLES.replication} ${PG_CLIENT_CIDR} scram-sha-256`,
    'host all all 127.0.0.1/32 scram-sha-256',
    `host all all ${PG_CLIENT_CIDR} scram-sha-256`,
  ];
}

/** Patroni tags of an instance: priority 0 never becomes leader. */
function tags(instance: PgInstancePlan): Record<string, unknown> {
  // `failover_priority` is read by Patroni 3.2 and later; older versions keep it as an
  // informational tag and still honour `nofailover`.
  return { nofailover: instance.failoverPriority === 0, failover_priority: instance.failoverPriority, noloadbalance: false, clonefrom: false, nosync: false };
}

/**
 * The Patroni configuration of one instance, as a consul-template template: the passwords and the
 * Consul token are read from Vault when Nomad renders it. The scope is the Consul service name
 * (`epl-pg-<deployment>`): Patroni names the service it registers after its scope, and apps and
 * provisioning find the leader as `master.epl-pg-<deployment>.service.consul`.
 */
export function patroniYml(d: PgDeployment, instance: PgInstancePlan): string {
  const ports = pgPorts(d);
  const secret = (field: string) => `EPL_SECRET_${field}_END`;
  const hba = pgHba();
  const config = {
    scope: pgServiceName(d),
    namespace: '/service/',
    name: instance.name,
    restapi: {
      listen: `${instance.address}:${ports.patroni}`,
      connect_address: `${instance.address}:${ports.patroni}`,
      // Without it anyone on the LAN could switch the leader over; health checks (GET) stay open.
      authentication: { username: PG_ROLES.restApi, password: secret(PG_ADMIN_FIELDS.restApi) },
    },
    consul: { url: PATRONI_CONSUL_URL, token: secret(PG_ADMIN_FIELDS.consulToken), register_service: true },
    bootstrap: {
      // Applied once, when the cluster is first initialised; later changes go through
      // `patronictl edit-config` (max_connections must match on every member, so it lives here).
      dcs: {
        ttl: 30,
        loop_wait: 10,
        retry_timeout: 10,
        maximum_lag_on_failover: 1048576,
        synchronous_mode: d.synchronousReplication,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: { max_connections: d.maxConnections, wal_level: 'replica', hot_standby: 'on', wal_log_hints: 'on', password_encryption: 'scram-sha-256' },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
      // Patroni 3.0's validator requires it beside postgresql.pg_hba, which takes precedence.
      pg_hba: hba,
    },
    postgresql: {
      // Loopback too, for the exporter and local tools; peers and HAProxy use the LAN address.
      listen: `127.0.0.1,${instance.address}:${ports.pg}`,
      connect_address: `${instance.address}:${ports.pg}`,
      data_dir: PG_DATA_DIR,
      pgpass: '/tmp/pgpass',
      authentication: {
        superuser: { username: PG_ROLES.superuser, password: secret(PG_ADMIN_FIELDS.superuser) },
        replication: { username: PG_ROLES.replication, password: secret(PG_ADMIN_FIELDS.replication) },
        rewind: { username: PG_ROLES.rewind, password: secret(PG_ADMIN_FIELDS.rewind) },
      },
      parameters: {
        shared_buffers: `${d.sharedBuffersMb}MB`,
        work_mem: `${d.workMemMb}MB`,
        maintenance_work_mem: `${d.maintenanceWorkMemMb}MB`,
        password_encryption: 'scram-sha-256',
      },
      pg_hba: hba,
      use_pg_rewind: true,
    },
    // No watchdog device in a container; Patroni's leader lock TTL bounds a split brain instead.
    watchdog: { mode: 'off' },
    tags: tags(instance),
  };
  // YAML 1.1 is what Patroni's parser reads: strings like `on` and `off` get quoted, not read as
  // booleans. No anchors: the two pg_hba lists are written out.
  const text = stringify(config, { sortMapEntries: true, lineWidth: 0, version: '1.1', aliasDuplicateObjects: false });
  // Secret placeholders are plain scalars of [A-Za-z_]; each becomes a Vault read.
  return text.replace(/EPL_SECRET_([a-z_]+)_END/g, (_, field: string) => secretScalar(d, field));
}
