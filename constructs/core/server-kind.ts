import type { Construct } from 'constructs';
import { App } from './app';
import { EplConstruct } from './epl-construct';
import { Architecture } from './enums';
import { checkProps } from './props';

export interface ServerKindProps {
  /** CPU cores (1 to 1024). */
  readonly cores: number;
  /** Memory in MiB (128 MiB to 64 TiB). */
  readonly memoryMiB: number;
  /**
   * @default Architecture.X86_64
   */
  readonly architecture?: Architecture;
  /**
   * Set when servers may not use this kind, saying why (too little memory, unsupported CPU).
   * @default - the kind is eligible
   */
  readonly nonEligibleReason?: string;
}

/**
 * A machine type: cores, memory and CPU architecture. The id is the kind's name
 * (`testvm.cpu8ram8192`).
 */
export class ServerKind extends EplConstruct {
  /**
   * The built-in kind of a local test VM, `testvm.cpu<cores>ram<memoryMiB>`. Asking twice for
   * the same size returns the same kind.
   */
  static testVm(scope: Construct, props: { readonly cores: number; readonly memoryMiB: number }): ServerKind {
    const app = App.of(scope);
    const id = `testvm.cpu${props.cores}ram${props.memoryMiB}`;
    const existing = app.node.tryFindChild(id);
    if (existing instanceof ServerKind) return existing;
    return new ServerKind(app, id, { cores: props.cores, memoryMiB: props.memoryMiB, architecture: Architecture.X86_64 });
  }

  readonly kindName: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly architecture: Architecture;
  readonly nonEligibleReason: string | undefined;

  constructor(scope: App, name: string, props: ServerKindProps) {
    super(scope, name);
    props = checkProps(this, 'ServerKindProps', props);
    this.kindName = name;
    this.cores = props.cores;
    this.memoryMiB = props.memoryMiB;
    this.architecture = props.architecture ?? Architecture.X86_64;
    this.nonEligibleReason = props.nonEligibleReason;
  }
}
