import type { DockerImage, DockerImageSet } from './docker-image-pin';

/** The pins epl ships, by name: the images its components run unless the user pins others. */
export type BuiltinPinName = 'pg_15' | 'haproxy_default' | 'postgres_exporter_default';

// TODO(pins): placeholder digests until the reference's pin list is carried over.
const PLACEHOLDER = 'sha256:' + '0'.repeat(64);

export const BUILTIN_PINS: Readonly<Record<BuiltinPinName, { readonly set: DockerImageSet; readonly images: readonly DockerImage[] }>> = {
  pg_15: { set: 'postgres_wpatroni_wconsul' as DockerImageSet, images: [{ repository: 'cultleader777/patroni-pg', digest: PLACEHOLDER }] },
  haproxy_default: { set: 'haproxy' as DockerImageSet, images: [{ repository: 'haproxy', digest: PLACEHOLDER }] },
  postgres_exporter_default: { set: 'postgres_exporter' as DockerImageSet, images: [{ repository: 'quay.io/prometheuscommunity/postgres-exporter', digest: PLACEHOLDER }] },
};
