import type { Construct } from 'constructs';
import { EplConstruct } from './epl-construct';
import type { NixpkgsPin } from './nixpkgs';
import { checkProps } from './props';

/** Settings of the whole platform. */
export interface AppProps {
  /**
   * Name of the project: lower-case letters, digits and dashes, at most 32 characters. It
   * prefixes generated names (the shell prompt, artefacts).
   */
  readonly projectName: string;
  /** Address that receives certificate-authority (ACME) mail about the platform's domains. */
  readonly adminEmail: string;
  /**
   * Public SSH keys given admin access to every server.
   * @default - none; only the key epl generates can log in, and synth warns
   */
  readonly adminSshKeys?: readonly string[];
  /**
   * Label names servers may carry (`loki_writer`). Placement rules match on them, so a typo in a
   * label is caught at synth rather than as a workload that never schedules.
   * @default - no labels may be used
   */
  readonly serverLabels?: readonly string[];
  /**
   * The nixpkgs every server is built from, unless its Datacenter names another. provision.sh
   * fetches it and runs `nixos-rebuild` with it, whatever channel the machine has.
   * @default DEFAULT_NIXPKGS - nixos-25.05 as of 2025-07-29 (rev `1f08a4df998e21f4e8be8fb6fbf61d11a1a5076a`)
   */
  readonly nixpkgs?: NixpkgsPin;
  /**
   * Allow server kinds of `Architecture.ARM64`. Experimental: epl's configurations and the images
   * it pins are tested on x86_64 only, so an arm64 server is an explicit choice, not an accident
   * of a catalogue entry.
   * @default false
   */
  readonly experimentalArm64Support?: boolean;
  /**
   * Require a monitoring cluster in every region that runs workloads (monitoring/region-missing).
   * Off only for platforms under construction and test fixtures, as the reference's
   * `disable_region_monitoring_tests`.
   * @default true
   */
  readonly requireRegionMonitoring?: boolean;
  /**
   * Require a Loki cluster in every region that runs workloads (loki/region-missing). Off only
   * for platforms under construction and test fixtures, as the reference's
   * `disable_region_logging_tests`.
   * @default true
   */
  readonly requireRegionLogging?: boolean;
  /**
   * Require a Tempo cluster in every region that runs backend applications (tempo/region-missing).
   * Off only for platforms under construction and test fixtures, as the reference's
   * `disable_region_tracing_tests`.
   * @default true
   */
  readonly requireRegionTracing?: boolean;
}

const APP_BRAND = Symbol.for('epl.App');

/**
 * The root of a platform. Every other construct is created inside it.
 *
 * @example
 * const app = new App({ projectName: 'single-dc', adminEmail: 'admin@epl-infra.net' });
 */
export class App extends EplConstruct {
  /** Whether `x` is an App (works across duplicate copies of the package). */
  static isApp(x: unknown): x is App {
    return typeof x === 'object' && x !== null && APP_BRAND in x;
  }

  /** The App a construct belongs to. */
  static of(construct: Construct): App {
    const root = construct.node.root;
    if (!App.isApp(root)) throw new Error(`epl bug: ${construct.node.path} is not inside an App`);
    return root;
  }

  readonly projectName: string;
  readonly adminEmail: string;
  readonly adminSshKeys: readonly string[];
  readonly serverLabels: readonly string[];
  /** The nixpkgs pin given to the App; undefined: DEFAULT_NIXPKGS. */
  readonly nixpkgs: NixpkgsPin | undefined;
  readonly experimentalArm64Support: boolean;
  readonly requireRegionMonitoring: boolean;
  readonly requireRegionLogging: boolean;
  readonly requireRegionTracing: boolean;

  constructor(props: AppProps) {
    // The root construct has no scope and an empty id, as in constructs' own RootConstruct.
    super(undefined as unknown as Construct, '');
    Object.defineProperty(this, APP_BRAND, { value: true });
    props = checkProps(this, 'AppProps', props);
    this.projectName = props.projectName;
    this.adminEmail = props.adminEmail;
    this.adminSshKeys = [...(props.adminSshKeys ?? [])];
    this.serverLabels = [...(props.serverLabels ?? [])];
    this.nixpkgs = props.nixpkgs && { ...props.nixpkgs };
    this.experimentalArm64Support = props.experimentalArm64Support ?? false;
    this.requireRegionMonitoring = props.requireRegionMonitoring ?? true;
    this.requireRegionLogging = props.requireRegionLogging ?? true;
    this.requireRegionTracing = props.requireRegionTracing ?? true;
  }
}
