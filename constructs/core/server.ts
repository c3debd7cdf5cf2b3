import { container } from '../storage/containers';
import { Disk, type DiskProps } from '../storage/disk';
import { RootVolume, XfsVolume, type XfsVolumeProps, type ZfsVolumeProps } from '../storage/volumes';
import { Zpool, type ZpoolProps } from '../storage/zpool';
import type { Construct } from 'constructs';
import { Datacenter } from './datacenter';
import { checkNixosConfig } from './nixos-check';
import type { NixosConfig } from './nixos-config';
import { checkProps } from './props';
import { EplConstruct } from './epl-construct';
import type { Network } from './network';
import type { ServerKind } from './server-kind';

/** A network interface of a server. */
export interface NetworkInterfaceProps {
  /** Interface name as the OS sees it (`eth0`, `wg0`). */
  readonly name: string;
  /** The network it is attached to. */
  readonly network: Network;
  /** Address and prefix length, `10.17.0.10/24`. */
  readonly address: string;
  /**
   * Whether admins and provisioning reach the server over SSH on this interface.
   * @default - the internet interface if the server has one, else its lan interface
   */
  readonly ssh?: boolean;
}

/** What a server does in the platform's control plane and edge. All default to false. */
export interface ServerRoles {
  /** Runs a Consul server (3 or 5 per region). @default false */
  readonly consulMaster?: boolean;
  /** Runs a Nomad server (3 or 5 per region). @default false */
  readonly nomadMaster?: boolean;
  /** Runs a Vault node (3 or 5 per region). @default false */
  readonly vaultInstance?: boolean;
  /** The region's DNS master (one per region; needs an internet interface). @default false */
  readonly dnsMaster?: boolean;
  /** A DNS secondary (one or two per region; needs an internet interface). @default false */
  readonly dnsSlave?: boolean;
  /** Runs the public ingress load balancer. @default false */
  readonly ingress?: boolean;
  /** A WireGuard gateway of its datacenter (two per datacenter; needs a `wg0` vpn interface). @default false */
  readonly vpnGateway?: boolean;
  /** Routes between the lan subnets of its datacenter. @default false */
  readonly router?: boolean;
}

export interface ServerProps {
  /**
   * The machine type.
   * @default - the datacenter's default server kind
   */
  readonly kind?: ServerKind;
  /** Network interfaces; every server needs one on the lan network. */
  readonly interfaces: readonly NetworkInterfaceProps[];
  /** @default - no roles: the server only runs workloads */
  readonly roles?: ServerRoles;
  /**
   * Labels used to place workloads (`{ loki_writer: 'true' }`). Names must be declared in the
   * App's `serverLabels`.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Whether workloads placed by neither a lock nor labels (stateless apps, most cluster services'
   * front ends) may run here. Turn it off to keep a server for what is pinned to it: a database
   * host, an ingress or DNS server.
   * @default true
   */
  readonly runUnassignedWorkloads?: boolean;
  /**
   * Public IPv6 address of the server's internet interface, ending in `:1`.
   * @default - no IPv6
   */
  readonly publicIpv6Address?: string;
  /**
   * More packages from nixpkgs on the server, by attribute path (`htop`, `python3Packages.requests`).
   * @default - none
   */
  readonly extraPackages?: readonly string[];
}

/** Role flags with defaults applied. */
export type ResolvedServerRoles = { readonly [K in keyof ServerRoles]-?: boolean };

/** A physical or virtual machine. The id is its hostname. */
export class Server extends EplConstruct {
  readonly hostname: string;
  /** The datacenter the server is in (the nearest Datacenter above it). */
  readonly datacenter: Datacenter;
  /** The kind given on the server itself (see `effectiveKind`). */
  readonly kind: ServerKind | undefined;
  readonly interfaces: readonly NetworkInterfaceProps[];
  readonly roles: ResolvedServerRoles;
  readonly labels: Readonly<Record<string, string>>;
  readonly runUnassignedWorkloads: boolean;
  readonly publicIpv6Address: string | undefined;
  readonly extraPackages: readonly string[];
  private readonly extraNixos: NixosConfig[] = [];

  constructor(scope: Construct, hostname: string, props: ServerProps) {
    super(scope, hostname);
    props = checkProps(this, 'ServerProps', props);
    this.hostname = hostname;
    this.datacenter = this.enclosing(Datacenter, 'a Datacenter') as Datacenter;
    this.kind = props.kind;
    this.interfaces = props.interfaces.map((i) => ({ ...i }));
    const r = props.roles ?? {};
    this.roles = {
      consulMaster: r.consulMaster ?? false,
      nomadMaster: r.nomadMaster ?? false,
      vaultInstance: r.vaultInstance ?? false,
      dnsMaster: r.dnsMaster ?? false,
      dnsSlave: r.dnsSlave ?? false,
      ingress: r.ingress ?? false,
      vpnGateway: r.vpnGateway ?? false,
      router: r.router ?? false,
    };
    this.labels = { ...(props.labels ?? {}) };
    this.runUnassignedWorkloads = props.runUnassignedWorkloads ?? true;
    this.publicIpv6Address = props.publicIpv6Address;
    this.extraPackages = [...(props.extraPackages ?? [])];
  }

  /**
   * Adds NixOS configuration of your own to the server, as a module of its configuration: NixOS
   * merges it with epl's (lists are joined, attribute sets merged; a value epl sets too needs
   * `nixRaw('lib.mkForce ...')`). Call it as often as needed; `epl diff` shows the effect.
   *
   * @example
   * server.addNixosConfig({ services: { nginx: { enable: true } }, time: { timeZone: nixRaw('lib.mkForce "Europe/Berlin"') } });
   */
  addNixosConfig(config: NixosConfig): void {
    this.extraNixos.push(checkNixosConfig(this, config, this.extraNixos.length));
  }

  /** The NixOS configuration added with `addNixosConfig`, in order. */
  get nixosConfigs(): readonly NixosConfig[] {
    return this.extraNixos;
  }

  /**
   * Defines a disk of this server and returns it.
   * @param id device name (`vda`, `nvme0n1`) or serial number, per the datacenter's disk id policy
   */
  addDisk(id: string, props: DiskProps = {}): Disk {
    return new Disk(container(this, 'disks'), this, id, props);
  }

  /** Defines an extra ZFS pool made of this server's disks and returns it. */
  addZpool(name: string, props: ZpoolProps): Zpool {
    return new Zpool(container(this, 'zpools'), this, container(this, 'volumes'), name, props);
  }

  /**
   * Defines a volume on the root pool (`rpool/epl-<name>`, mounted at `/srv/volumes/<name>`) and
   * returns its handle, for placing stateful workloads.
   */
  rootVolume(name: string, props: ZfsVolumeProps = {}): RootVolume {
    return new RootVolume(container(this, 'volumes'), this, name, props);
  }

  /**
   * Defines a volume on an XFS-formatted disk (mounted at `/srv/xfs-jbods/<disk>/<name>`) and
   * returns its handle.
   */
  xfsVolume(name: string, props: XfsVolumeProps): XfsVolume {
    return new XfsVolume(container(this, 'volumes'), this, name, props);
  }

  /** The kind in effect: the server's own or its datacenter's default. */
  get effectiveKind(): ServerKind | undefined {
    return this.kind ?? this.datacenter.defaultServerKind;
  }
}
