import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { Region } from '../core/region';
import { checkProps } from '../core/props';
import { DockerImagePin } from '../core/docker-image-pin';
import { Architecture } from '../core/enums';
import { Size } from '../core/size';
import { uniqueChildId } from '../storage/containers';
import type { ServerVolume } from '../storage/volumes';
import type { VersionedType } from '../apps/versioned-type';
import type { MonitoringCluster } from './monitoring-cluster';
import type { LokiCluster } from './loki-cluster';

export interface NatsStreamProps {
  /** The versioned type every message of the stream carries (JSON of its latest version). */
  readonly type: VersionedType;
  /** The most the stream keeps; the oldest messages go first. At least 16 MiB. @default Size.gibibytes(1) */
  readonly maxBytes?: Size;
  /** The largest message the stream accepts. At least 1 KiB. @default Size.mebibytes(1) */
  readonly maxMessageSize?: Size;
  /**
   * Messages carry a subject below the stream's name (`<stream>.<subject>`), which consumers can
   * filter on; without it the stream's only subject is its name.
   * @default false
   */
  readonly enableSubjects?: boolean;
  /**
   * Publishers set a message id (`Nats-Msg-Id`) and the stream drops a message whose id it saw
   * within the duplicate window.
   * @default false
   */
  readonly enableMessageId?: boolean;
  /** How long the stream remembers message ids, in seconds: 1 s to 7 h. @default 120 */
  readonly duplicateWindowSeconds?: number;
}

/** A JetStream stream of a NATS cluster. The name is snake_case. */
export class NatsStream extends EplConstruct {
  readonly streamName: string;
  readonly type: VersionedType;
  readonly maxBytes: Size;
  readonly maxMessageSize: Size;
  readonly enableSubjects: boolean;
  readonly enableMessageId: boolean;
  readonly duplicateWindowSeconds: number;

  /** @internal use `cluster.stream(name, props)` */
  constructor(scope: NatsCluster, name: string, props: NatsStreamProps) {
    super(scope, uniqueChildId(scope, name));
    props = checkProps(this, 'NatsStreamProps', props);
    this.streamName = name;
    this.type = props.type;
    this.maxBytes = props.maxBytes ?? Size.gibibytes(1);
    this.maxMessageSize = props.maxMessageSize ?? Size.mebibytes(1);
    this.enableSubjects = props.enableSubjects ?? false;
    this.enableMessageId = props.enableMessageId ?? false;
    this.duplicateWindowSeconds = props.duplicateWindowSeconds ?? 120;
  }

  get cluster(): NatsCluster {
    return this.node.scope as NatsCluster;
  }
}

export interface NatsClusterProps {
  /** The volume of each NATS server (3 or 5, for JetStream's quorum), in order. */
  readonly instances: readonly ServerVolume[];
  /** Nomad namespace of the cluster's job. @default 'epl' */
  readonly namespace?: string;
  /** The monitoring cluster that scrapes it; in its region. @default - the region's default monitoring cluster */
  readonly monitoringCluster?: MonitoringCluster;
  /** The Loki cluster its logs go to; in its region. @default - the region's default Loki cluster */
  readonly lokiCluster?: LokiCluster;
  /**
   * Client port on every instance; the cluster routes, the HTTP monitor and the Prometheus
   * exporter listen on the next three.
   * @default 4222
   */
  readonly clientsPort?: number;
  /** Memory of each NATS server, in MiB. @default 256 */
  readonly instanceMemoryMb?: number;
  /** The most JetStream may store on each instance's volume. At least 1 GiB. @default Size.tebibytes(1024) */
  readonly maxFileStore?: Size;
  /** The NATS server image (set `nats`). @default DockerImagePin.builtin(this, 'nats_default') */
  readonly image?: DockerImagePin;
  /** The Prometheus exporter image (set `nats_exporter`). @default DockerImagePin.builtin(this, 'nats_exporter_default') */
  readonly exporterImage?: DockerImagePin;
  /** CPU architecture of the servers the instances run on. @default Architecture.X86_64 */
  readonly workloadArchitecture?: Architecture;
}

/** A NATS JetStream cluster in a region, its streams declared on it. The id is its kebab-case name. */
export class NatsCluster extends EplConstruct {
  readonly clusterName: string;
  readonly region: Region;
  readonly instances: readonly ServerVolume[];
  readonly namespace: string;
  readonly monitoringCluster: MonitoringCluster | undefined;
  readonly lokiCluster: LokiCluster | undefined;
  readonly clientsPort: number;
  readonly instanceMemoryMb: number;
  readonly maxFileStore: Size;
  readonly image: DockerImagePin;
  readonly exporterImage: DockerImagePin;
  readonly workloadArchitecture: Architecture;
  private readonly streamList: NatsStream[] = [];

  constructor(scope: Construct, name: string, props: NatsClusterProps) {
    super(scope, name);
    props = checkProps(this, 'NatsClusterProps', props);
    this.clusterName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.instances = [...props.instances];
    this.namespace = props.namespace ?? 'epl';
    this.monitoringCluster = props.monitoringCluster;
    this.lokiCluster = props.lokiCluster;
    this.clientsPort = props.clientsPort ?? 4222;
    this.instanceMemoryMb = props.instanceMemoryMb ?? 256;
    this.maxFileStore = props.maxFileStore ?? Size.tebibytes(1024);
    this.image = props.image ?? DockerImagePin.builtin(this, 'nats_default');
    this.exporterImage = props.exporterImage ?? DockerImagePin.builtin(this, 'nats_exporter_default');
    this.workloadArchitecture = props.workloadArchitecture ?? Architecture.X86_64;
  }

  /** Declares a JetStream stream, created and kept up to date by L2 provisioning. */
  stream(name: string, props: NatsStreamProps): NatsStream {
    const s = new NatsStream(this, name, props);
    this.streamList.push(s);
    return s;
  }

  get streams(): readonly NatsStream[] {
    return this.streamList;
  }
}
