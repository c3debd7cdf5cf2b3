/**
 * The environment contract between a backend application's Nomad job and its generated Rust
 * crate: the job sets exactly these variables and the crate reads exactly these, both through
 * the names below, so the two cannot drift apart.
 */

/** `<ip>:<port>` the instance serves HTTP on (its server's LAN address and the deployment's port). */
export const HTTP_SOCKET_ENV = 'EPL_HTTP_SOCKET';

/** The deployment's name, for logs and metric labels. */
export const DEPLOYMENT_NAME_ENV = 'EPL_DEPLOYMENT_NAME';

/**
 * Where the instance sends its traces (OTLP over HTTP, the Tempo cluster of its region): the
 * OpenTelemetry SDKs' own variable, so any OTLP exporter picks it up as it is.
 */
export const OTLP_ENDPOINT_ENV = 'OTEL_EXPORTER_OTLP_ENDPOINT';

/** The service name the instance's spans carry (the deployment's name): the OpenTelemetry SDKs' own variable. */
export const OTEL_SERVICE_NAME_ENV = 'OTEL_SERVICE_NAME';

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

/** The NATS URL of the cluster holding the stream an app stream is wired to. */
export function natsConnEnv(streamName: string): string {
  return `EPL_NATS_CONN_${streamName.toUpperCase()}`;
}

/** The name of the NATS stream an app stream is wired to (its subjects are `<name>` or `<name>.*`). */
export function natsStreamEnv(streamName: string): string {
  return `EPL_NATS_STREAM_${streamName.toUpperCase()}`;
}

/** The name of the MinIO bucket an app bucket is wired to. */
export function s3BucketEnv(bucketName: string): string {
  return `EPL_S3_${bucketName.toUpperCase()}_BUCKET`;
}

/** The S3 endpoint (`http://host:port`) of the bucket's MinIO cluster. */
export function s3UriEnv(bucketName: string): string {
  return `EPL_S3_${bucketName.toUpperCase()}_URI`;
}

/** The deployment's MinIO user (access key) on the bucket. */
export function s3UserEnv(bucketName: string): string {
  return `EPL_S3_${bucketName.toUpperCase()}_USER`;
}

/** The MinIO user's password (secret key), from the job's own Vault secret. */
export function s3PasswordEnv(bucketName: string): string {
  return `EPL_S3_${bucketName.toUpperCase()}_PASSWORD`;
}
