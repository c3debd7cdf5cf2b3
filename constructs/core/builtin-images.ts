import { DockerImageSet, type DockerImage } from './docker-image';

/** The pins epl ships, by name: the images its components run unless the user pins others. */
export type BuiltinPinName =
  | 'pg_15.1'
  | 'pg_17.2'
  | 'haproxy_default'
  | 'postgres_exporter_default'
  | 'docker_registry_default'
  | 'openresty_default'
  | 'grafana_default'
  | 'promxy_default'
  | 'loki_default'
  | 'tempo_default'
  | 'minio_default'
  | 'minio_mc_default'
  | 'nginx_default'
  | 'prometheus_default'
  | 'alertmanager_default'
  | 'victoriametrics_default'
  | 'nats_default'
  | 'nats_exporter_default'
  | 'clickhouse_default';

/** A built-in pin's set and images. */
export interface BuiltinPin {
  readonly set: DockerImageSet;
  readonly images: readonly DockerImage[];
}

/** A pin of one x86_64 image, the only architecture the reference platform shipped. */
const x86 = (set: DockerImageSet, repository: string, tag: string, digest: string): BuiltinPin => ({ set, images: [{ repository, digest, tag }] });

/**
 * Names, repositories, tags and digests are the reference platform's system seed (Eden Platform,
 * github.com/cultleader777/EdenPlatform, edb-src/docker_images.edl at commit 352221f7), so a
 * platform runs exactly the builds that platform was tested with. Pin names follow it too:
 * `pg_<version>` for Postgres, which has no default, `<image>_default` for everything else.
 */
export const BUILTIN_PINS: Readonly<Record<BuiltinPinName, BuiltinPin>> = {
  'pg_15.1': x86(DockerImageSet.POSTGRES, 'cultleader777/patroni-pg', 'v2.1.4-pg15.1', 'sha256:9bddbbbe30e2eb6030158ecc1e9375e26105f557aa45df4ce66c7abde698db0c'),
  'pg_17.2': x86(DockerImageSet.POSTGRES, 'cultleader777/patroni-pg', 'v4.0.4-pg17.2', 'sha256:80d61414fe758db48161773cfdf7aa1e9508546c6c1b242e8af6a680fa4ed660'),
  haproxy_default: x86(DockerImageSet.HAPROXY, 'haproxy', '2.7.1', 'sha256:ebdd23975d25d1fb360ee54f81af26ca9fff6fa05516d43980c99ee5a88ff56e'),
  postgres_exporter_default: x86(DockerImageSet.POSTGRES_EXPORTER, 'quay.io/prometheuscommunity/postgres-exporter', '0.12.0', 'sha256:f34d50a64a4d558ad118ffc73be45a359ac8f30b8daba4b241458bcb9f94e254'),
  docker_registry_default: x86(DockerImageSet.DOCKER_REGISTRY, 'registry', '2.8.1', 'sha256:ce14a6258f37702ff3cd92232a6f5b81ace542d9f1631966999e9f7c1ee6ddba'),
  openresty_default: x86(DockerImageSet.OPENRESTY, 'openresty/openresty', '1.21.4.1-6-bullseye-fat', 'sha256:f3fa9a80b4e8fae569bf85bf40ae9bb149e9f9ec1fc786aa4d34a117eedc0845'),
  grafana_default: x86(DockerImageSet.GRAFANA, 'grafana/grafana', '9.5.2', 'sha256:39c849cebccccb22c0a5194f07c535669386190e029aa440ad535226974a5809'),
  promxy_default: x86(DockerImageSet.PROMXY, 'giantswarm/promxy', 'v0.0.81', 'sha256:9d53be3c6cad0a791bf5eee64103f7c402f20cd19ca9d5afe6208c11033e605f'),
  loki_default: x86(DockerImageSet.LOKI, 'grafana/loki', '2.9.9', 'sha256:22caa5cdd21d227145acf3cca49db63898152ba470744e2b6962eed7c3469f9e'),
  tempo_default: x86(DockerImageSet.TEMPO, 'grafana/tempo', '2.7.1', 'sha256:4443be217c396b065ee34845534199c36fdba4dc619cb96550e228d73fba6e69'),
  minio_default: x86(DockerImageSet.MINIO, 'minio/minio', 'RELEASE.2024-07-04T14-25-45Z', 'sha256:5db7e40b69f0c3ad5a878521ff5029468e3070ef146c084dc2540e2d492075c4'),
  minio_mc_default: x86(DockerImageSet.MINIO_MC, 'minio/mc', 'RELEASE.2023-01-11T03-14-16Z', 'sha256:1f374e2f61a8a4902ed528fb1d19f93a44b3d81a158b003779f85883833990c3'),
  nginx_default: x86(DockerImageSet.NGINX, 'nginx', '1.23.3', 'sha256:b8f2383a95879e1ae064940d9a200f67a6c79e710ed82ac42263397367e7cc4e'),
  prometheus_default: x86(DockerImageSet.PROMETHEUS, 'bitnami/prometheus', '2.43.1', 'sha256:fa5181c0bb2843c181bdbc97571a7938f7ee2778d198b4be3b4f2ad43297e8a7'),
  alertmanager_default: x86(DockerImageSet.ALERTMANAGER, 'bitnami/alertmanager', '0.25.0', 'sha256:a676ae08b0d1e06d5cf3e0e9a4d5cc90e919d1ebce895bea9dcfcc41bffcc0ca'),
  victoriametrics_default: x86(DockerImageSet.VICTORIA_METRICS, 'victoriametrics/victoria-metrics', 'v1.87.5', 'sha256:8b57b33434c062bfdfc2e8993bfac0158db1c351929a3c69419a30e39fb95713'),
  nats_default: x86(DockerImageSet.NATS, 'nats', '2.11.10', 'sha256:110974826bc2099b037c3324e47e5bdd743472bff304920ab92c881646d656e3'),
  nats_exporter_default: x86(DockerImageSet.NATS_EXPORTER, 'natsio/prometheus-nats-exporter', '0.17.3', 'sha256:26c826662ac8424597cc9bdf89ea5b606eb66e3c11db9b1215c27d2076bbb01b'),
  clickhouse_default: x86(DockerImageSet.CLICKHOUSE, 'clickhouse/clickhouse-server', '24.4.1.2088', 'sha256:2e6587b81a267c6152cf2112c3532516424d3eaa36f1b150d5b8847c0e3d5b01'),
};
