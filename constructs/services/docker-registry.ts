import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { BucketAccess, type MinioBucket } from './minio-cluster';
import type { MonitoringCluster } from './monitoring-cluster';
import type { LokiCluster } from './loki-cluster';

export interface DockerRegistryProps {
  /** Where the registry keeps images: a bucket of a MinIO cluster in the same region, used by nothing else. */
  readonly bucket: MinioBucket;
  /** Memory of the registry, in MiB (at least 32). @default 128 */
  readonly memoryMb?: number;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /** The registry image (set `docker_registry`). @default DockerImagePin.builtin(this, 'docker_registry_default') */
  readonly image?: DockerImagePin;
}

/**
 * The region's Docker registry, `epl-docker-registry.service.consul:5000`: L2 provisioning pushes
 * the applications' images to it and every server's Docker daemon pulls from it. One per region.
 */
export class DockerRegistry extends EplConstruct {
  readonly region: Region;
  readonly bucket: MinioBucket;
  readonly memoryMb: number;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly image: DockerImagePin;

  constructor(scope: Construct, id: string, props: DockerRegistryProps) {
    super(scope, id);
    props = checkProps(this, 'DockerRegistryProps', props);
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.bucket = props.bucket;
    this.memoryMb = props.memoryMb ?? 128;
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.image = props.image ?? DockerImagePin.builtin(this, 'docker_registry_default');
    // A bucket that is not a MinioBucket is a props/wrong-type finding; nothing to grant on.
    if (typeof props.bucket?.addGrant === 'function') {
      props.bucket.addGrant({ consumer: this, prop: ['bucket'], user: `docker-registry-${this.region?.regionName ?? 'unknown'}`, access: BucketAccess.READ_WRITE, exclusive: true });
    }
  }
}
