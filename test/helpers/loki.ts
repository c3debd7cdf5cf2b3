import { LokiCluster, MinioCluster, type LokiClusterProps, type ServerVolume } from '../../constructs';
import type { Platform } from './platform';

/**
 * The single-dc example's `global` MinIO cluster (its four servers' `minio-docker` XFS volumes)
 * with a `loki` bucket, and the `main` Loki cluster on it, writers on the servers labelled
 * loki_writer and readers on those labelled loki_reader, as the example places them. Call it from
 * `extend`; `minio` reuses a cluster made by an earlier call.
 */
export function addLoki(p: Platform, props: Partial<LokiClusterProps> = {}, name = 'main', minio?: MinioCluster): LokiCluster {
  const cluster = minio ?? new MinioCluster(p.region, 'global', { instances: ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume) });
  return new LokiCluster(p.region, name, {
    writerPlacement: { loki_writer: 'true' },
    readerPlacement: { loki_reader: 'true' },
    ...props,
    bucket: props.bucket ?? cluster.bucket(`loki-${name}`),
  });
}
