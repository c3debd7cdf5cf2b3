import type { Construct } from 'constructs';
import { App } from './app';
import { EplConstruct } from './epl-construct';
import { Architecture } from './enums';
import { checkProps, recordPropProblem } from './props';
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
      const known = Object.prototype.hasOwnProperty.call(BUILTIN_PINS, name);
      // A name from plain JavaScript (or a cast) that epl does not ship: a diagnostic at the
      // caller's line, with a pin of no images so the tree still builds.
      const { set, images } = known ? BUILTIN_PINS[name] : { set: DockerImageSet.POSTGRES, images: [] };
      pin = new DockerImagePin(app, String(name), { set, images });
      if (!known) {
        const names = Object.keys(BUILTIN_PINS).map((n) => `'${n}'`).join(', ');
        recordPropProblem(pin, { kind: 'wrong-type', prop: [], message: `'${String(name)}' is not a built-in pin; epl ships ${names}` });
      }
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
