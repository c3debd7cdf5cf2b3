import { MinioCluster, TempoCluster, type ServerVolume, type TempoClusterProps } from '../../constructs';
import type { Platform } from './platform';

/**
 * The single-dc example's `global` MinIO cluster (its four servers' `minio-docker` XFS volumes)
 * with a `tempo-<name>` bucket, and Tempo cluster `name` on it. Call it from `extend`; `minio`
 * reuses a cluster made by an earlier call (addLoki's, say).
 */
export function addTempo(p: Platform, props: Partial<TempoClusterProps> = {}, name = 'us-west', minio?: MinioCluster): TempoCluster {
  const cluster = minio ?? new MinioCluster(p.region, 'global', { instances: ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume) });
  return new TempoCluster(p.region, name, { ...props, bucket: props.bucket ?? cluster.bucket(`tempo-${name}`) });
}
