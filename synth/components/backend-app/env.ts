/**
 * The environment contract between a backend application's Nomad job and its generated Rust
 * crate: the job sets exactly these variables and the crate reads exactly these, both through
 * the names below, so the two cannot drift apart.
 */

/** `<ip>:<port>` the instance serves HTTP on (its server's LAN address and the deployment's port). */
export const HTTP_SOCKET_ENV = 'EPL_HTTP_SOCKET';

/** The deployment's name, for logs and metric labels. */
export const DEPLOYMENT_NAME_ENV = 'EPL_DEPLOYMENT_NAME';

/** Answers 200 while the process runs: the Consul check behind rolling updates. */
export const HEALTH_PATH = '/health';

/** Prometheus text exposition of the instance's metrics. */
export const METRICS_PATH = '/metrics';

/** Where a shard's read-write connection string (the database's `_rw` user, leader) comes from. */
export function pgShardUrlEnv(shardName: string): string {
  return `EPL_PG_${shardName.toUpperCase()}_URL`;
}

/** Where a shard's read-only connection string (the database's `_ro` user, replicas) comes from. */
export function pgShardReadOnlyUrlEnv(shardName: string): string {
  return `EPL_PG_${shardName.toUpperCase()}_RO_URL`;
}
