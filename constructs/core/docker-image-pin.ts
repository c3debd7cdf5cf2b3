import type { Construct } from 'constructs';
import { App } from './app';
import { EplConstruct } from './epl-construct';
import { Architecture } from './enums';
import { checkProps } from './props';
import { BUILTIN_PINS, type BuiltinPinName } from './builtin-images';

/** A family of interchangeable images; a component accepts pins of its own set only. */
export enum DockerImageSet {
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
  /** e.g. `haproxy` or `cultleader777/patroni-pg`. */
  readonly repository: string;
  /** `sha256:` and 64 lowercase hex digits. */
  readonly digest: string;
  /** @default Architecture.X86_64 */
  readonly architecture?: Architecture;
  /** Informational: only the digest is used. @default - none */
  readonly tag?: string;
}

export interface DockerImagePinProps {
  readonly set: DockerImageSet;
  /** At most one image per architecture. */
  readonly images: readonly DockerImage[];
}

/**
 * A named choice of images, one per CPU architecture, that workloads run by digest. epl ships a
 * pin for every image it runs (`DockerImagePin.builtin`); pin your own to upgrade or to run a
 * mirror. The id is the pin's name.
 */
export class DockerImagePin extends EplConstruct {
  /** epl's own pin `name`, created in the app the first time it is asked for. */
  static builtin(scope: Construct, name: BuiltinPinName): DockerImagePin {
    const app = App.of(scope);
    const existing = app.node.tryFindChild(name);
    if (existing instanceof DockerImagePin) return existing;
    const pin = BUILTIN_PINS[name];
    return new DockerImagePin(app, name, { set: pin.set, images: pin.images });
  }

  readonly pinName: string;
  readonly set: DockerImageSet;
  readonly images: readonly DockerImage[];

  constructor(scope: App, name: string, props: DockerImagePinProps) {
    super(scope, name);
    props = checkProps(this, 'DockerImagePinProps', props);
    this.pinName = name;
    this.set = props.set;
    this.images = [...props.images];
  }

  /** The image for `arch` as Docker pulls it (`repository@sha256:…`), if the pin has one. */
  imageFor(arch: Architecture): string | undefined {
    const image = this.images.find((i) => (i.architecture ?? Architecture.X86_64) === arch);
    return image ? `${image.repository}@${image.digest}` : undefined;
  }
}
