import type { MinioCluster } from '../../../constructs/services/minio-cluster';
import { pinnedInstances, type PinnedInstance } from '../../plan/nomad/pinned';
import type { Model } from '../../model/model';

/** One instance of a cluster (its group is `minio-<n>`). */
export type MinioInstancePlan = PinnedInstance;

/**
 * The instances of a cluster. Each is pinned to its volume's server, so every instance's address
 * is a synth-time fact: the MinIO command line lists the peers and nginx its upstreams directly.
 */
export function minioInstances(model: Model, c: MinioCluster): MinioInstancePlan[] {
  return pinnedInstances(model, c.instances, 'minio');
}

/** Memory of the bucket provisioner (`mc`), reserved while it runs, in MiB. */
export const MC_TASK_MEMORY_MB = 64;

/** Memory an instance reserves on its server: MinIO, its load balancer and, on the first, `mc`. */
export function minioInstanceMemory(c: MinioCluster, instance: Pick<MinioInstancePlan, 'index'>): number {
  return c.instanceMemoryMb + c.lbMemoryMb + (instance.index === 0 ? MC_TASK_MEMORY_MB : 0);
}

/** Where the instance volume is mounted in the MinIO container. */
export const MINIO_DATA_MOUNT = '/data';
