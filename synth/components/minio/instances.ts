import type { MinioCluster } from '../../../constructs/services/minio-cluster';
import type { Server } from '../../../constructs/core/server';
import type { ServerVolume } from '../../../constructs/storage/volumes';
import { instanceAddress } from '../../plan/nomad/common';
import type { Model } from '../../model/model';

/** One instance of a cluster as its job and config files need it. */
export interface MinioInstancePlan {
  /** Position in the cluster's `instances` prop. */
  readonly index: number;
  /** The Nomad group, `minio-<n>` from 1. */
  readonly name: string;
  readonly volume: ServerVolume;
  readonly server: Server;
  /** The server's LAN address: MinIO, its console and the load balancer bind to it. */
  readonly address: string;
}

/**
 * The instances of a cluster. Each is pinned to its volume's server, so every instance's address
 * is a synth-time fact: the MinIO command line lists the peers and nginx its upstreams directly.
 */
export function minioInstances(model: Model, c: MinioCluster): MinioInstancePlan[] {
  return c.instances.map((volume, index) => {
    const server = model.serverOf(volume);
    return { index, name: `minio-${index + 1}`, volume, server, address: instanceAddress(model, server) };
  });
}


/** Memory of the bucket provisioner (`mc`), reserved while it runs, in MiB. */
export const MC_TASK_MEMORY_MB = 64;

/** Memory an instance reserves on its server: MinIO, its load balancer and, on the first, `mc`. */
export function minioInstanceMemory(c: MinioCluster, instance: Pick<MinioInstancePlan, 'index'>): number {
  return c.instanceMemoryMb + c.lbMemoryMb + (instance.index === 0 ? MC_TASK_MEMORY_MB : 0);
}

/** Where the instance volume is mounted in the MinIO container. */
export const MINIO_DATA_MOUNT = '/data';
