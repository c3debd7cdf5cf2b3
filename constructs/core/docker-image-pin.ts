import type { Construct } from 'constructs';
import { App } from './app';
import { EplConstruct } from './epl-construct';
import { Architecture } from './enums';
import { checkProps } from './props';
import { DockerImageSet, type DockerImage } from './docker-image';
import { BUILTIN_PINS, type BuiltinPinName } from './builtin-images';

export { DockerImageSet, type DockerImage } from './docker-image';

export interface DockerImagePinProps {
  /** The family every image of the pin belongs to; a workload accepts pins of its own set only. */
  readonly set: DockerImageSet;
  /** At most one image per architecture. */
  readonly images: readonly DockerImage[];
}

/** The built-in pins made in each app, so asking twice returns the same construct. */
const builtins = new WeakMap<App, Map<BuiltinPinName, DockerImagePin>>();

/**
 * A named choice of images, one per CPU architecture, that workloads run by digest. epl ships a
 * pin for every image it runs (`DockerImagePin.builtin`); pin your own to upgrade or to run a
 * mirror. The id is the pin's name.
 */
export class DockerImagePin extends EplConstruct {
  /**
   * epl's own pin `name`, created in the app the first time it is asked for. Its name is then
   * taken: a pin of your own needs another one.
   */
  static builtin(scope: Construct, name: BuiltinPinName): DockerImagePin {
    const app = App.of(scope);
    let made = builtins.get(app);
    if (!made) builtins.set(app, (made = new Map()));
    let pin = made.get(name);
    if (!pin) {
      const { set, images } = BUILTIN_PINS[name];
      pin = new DockerImagePin(app, name, { set, images });
      made.set(name, pin);
    }
    return pin;
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

  /** The pin's image for `arch`, if it has one. */
  imageOf(arch: Architecture): DockerImage | undefined {
    return this.images.find((i) => (i.architecture ?? Architecture.X86_64) === arch);
  }

  /** The image for `arch` as Docker pulls it (`repository@sha256:…`), if the pin has one. */
  imageFor(arch: Architecture): string | undefined {
    const image = this.imageOf(arch);
    return image ? `${image.repository}@${image.digest}` : undefined;
  }
}
