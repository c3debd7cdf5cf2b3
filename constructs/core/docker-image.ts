import type { Architecture } from './enums';

/**
 * A family of interchangeable images (Postgres versions, MinIO releases, ...); a workload accepts
 * pins of its own set only.
 */
export enum DockerImageSet {
  /** Postgres with Patroni, configured through Consul. */
  POSTGRES = 'postgres_wpatroni_wconsul',
  HAPROXY = 'haproxy',
  POSTGRES_EXPORTER = 'postgres_exporter',
  MINIO = 'minio',
  MINIO_MC = 'minio_mc',
  NGINX = 'nginx',
  NATS = 'nats',
  NATS_EXPORTER = 'nats_exporter',
  DOCKER_REGISTRY = 'docker_registry',
  PROMETHEUS = 'prometheus',
  ALERTMANAGER = 'alertmanager',
  VICTORIA_METRICS = 'victoria_metrics',
  GRAFANA = 'grafana',
  PROMXY = 'promxy',
  LOKI = 'grafana_loki',
  TEMPO = 'grafana_tempo',
  OPENRESTY = 'openresty',
  CLICKHOUSE = 'clickhouse',
}

/** One image of a pin: a repository and the digest of its build for one architecture. */
export interface DockerImage {
  /** e.g. `haproxy`, `cultleader777/patroni-pg` or `registry.example.com:5000/team/app`, without tag or digest. */
  readonly repository: string;
  /** `sha256:` and 64 lowercase hex digits: what Docker pulls. */
  readonly digest: string;
  /** @default Architecture.X86_64 */
  readonly architecture?: Architecture;
  /** Informational (the release the digest was taken from): only the digest is used. @default - none */
  readonly tag?: string;
}
