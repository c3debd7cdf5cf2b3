import { DockerRegistry, MinioCluster, type DockerRegistryProps, type ServerVolume } from '../../constructs';
import type { Platform } from './platform';

/**
 * The single-dc example's `global` MinIO cluster (its four servers' `minio-docker` XFS volumes)
 * with a `docker` bucket, and the region's registry on it: what a region running backend
 * deployments needs (registry/region-missing). Call it from `extend`.
 */
export function addRegistry(p: Platform, props: Partial<DockerRegistryProps> = {}): DockerRegistry {
  const volumes = ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume);
  const minio = new MinioCluster(p.region, 'global', { instances: volumes });
  return new DockerRegistry(p.region, 'registry', { bucket: minio.bucket('docker'), ...props });
}
