import {
  App,
  DiskKind,
  DiskMedium,
  Size,
  VdevType,
  Datacenter,
  DatacenterImplementation,
  Network,
  Region,
  Server,
  Tld,
  type AppProps,
  type DatacenterProps,
  type RegionProps,
  type ServerProps,
  type TldProps,
} from '../../constructs';

export const ADMIN_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGXbpSJbwKt6FYKDsA/j6G+aJhgB1B3m4PkhBtgSZ5sf admin@example';

export interface PlatformOptions {
  readonly app?: Partial<AppProps>;
  /** Props of the TLD, or false for none. */
  readonly tld?: TldProps | false;
  readonly region?: RegionProps;
  readonly dc?: Partial<DatacenterProps>;
  /** Changes to the props of the four standard servers, by hostname. */
  readonly servers?: Readonly<Record<string, (props: ServerProps, app: App) => ServerProps>>;
  /** Leave out the standard disks and volumes. @default - add them */
  readonly storage?: false;
  /** Adds constructs after the standard ones. */
  readonly extend?: (p: Platform) => void;
  /** Other hostnames for the standard servers (the key in `servers` stays the standard name). */
  readonly rename?: Readonly<Record<string, string>>;
}

export interface Platform {
  readonly app: App;
  readonly region: Region;
  readonly dc: Datacenter;
  readonly servers: Record<string, Server>;
}

/** Props of the four servers of the single-dc example; every rule passes on them. */
export function standardServers(): Record<string, ServerProps> {
  return {
    'server-a': {
      interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.10/24' }],
      roles: { consulMaster: true, nomadMaster: true },
      labels: { loki_reader: 'true' },
    },
    'server-b': {
      interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.11/24' }],
      roles: { consulMaster: true, vaultInstance: true },
      labels: { loki_reader: 'true', loki_writer: 'true' },
    },
    'server-c': {
      interfaces: [
        { name: 'eth0', network: Network.LAN, address: '10.17.0.12/24' },
        { name: 'eth1', network: Network.INTERNET, address: '77.77.77.12/24' },
        { name: 'wg0', network: Network.VPN, address: '172.21.7.10/16' },
      ],
      roles: { consulMaster: true, nomadMaster: true, vaultInstance: true, dnsSlave: true, ingress: true, vpnGateway: true },
      labels: { loki_writer: 'true' },
    },
    'server-d': {
      interfaces: [
        { name: 'eth0', network: Network.LAN, address: '10.17.0.13/24' },
        { name: 'eth1', network: Network.INTERNET, address: '77.77.77.13/24' },
        { name: 'wg0', network: Network.VPN, address: '172.21.7.11/16' },
      ],
      roles: { nomadMaster: true, vaultInstance: true, dnsMaster: true, ingress: true, vpnGateway: true },
      labels: { loki_writer: 'true' },
    },
  };
}

/**
 * Defines a server with a root disk `vda`, as every server needs one. Use it for servers a test
 * adds beside the standard four.
 */
export function addServer(dc: Datacenter, hostname: string, props: ServerProps): Server {
  const server = new Server(dc, hostname, props);
  server.addDisk('vda');
  return server;
}

/**
 * A second datacenter `dc2` (10.18.0.0/16) in the platform's region with two VPN gateways, `gw-1`
 * and `gw-2`, each with a public address, for `extend`.
 */
export function addGatewayDatacenter({ region, dc }: Platform): Datacenter {
  const dc2 = new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: dc.defaultDiskKind });
  for (const [host, n] of [['gw-1', 10], ['gw-2', 11]] as const) {
    addServer(dc2, host, {
      interfaces: [
        { name: 'eth0', network: Network.LAN, address: `10.18.0.${n}/24` },
        { name: 'eth1', network: Network.INTERNET, address: `88.88.88.${n}/24` },
        { name: 'wg0', network: Network.VPN, address: `172.21.8.${n}/16` },
      ],
      roles: { vpnGateway: true },
    });
  }
  return dc2;
}

/** The disks and volumes of the single-dc example: root disk, an XFS disk, root volumes, and on server-a an extra pool. */
function addStorage(server: Server): void {
  server.addDisk('vda');
  const vdb = server.addDisk('vdb', { xfsFormat: true });
  server.xfsVolume('minio-docker', { disk: vdb });
  server.rootVolume('pgtest1');
  if (server.hostname !== 'server-a') return;
  const [vdc, vdd, vde, vdf, vdg, vdh, vdi, vdj] = ['vdc', 'vdd', 'vde', 'vdf', 'vdg', 'vdh', 'vdi', 'vdj'].map((id) => server.addDisk(id));
  const extra = server.addZpool('extra', {
    vdevs: [
      { type: VdevType.MIRROR, disks: [vdc!, vdd!] },
      { type: VdevType.MIRROR, disks: [vde!, vdf!] },
    ],
    spares: [vdg!],
    cache: [vdh!],
    log: [vdi!, vdj!],
  });
  extra.addDataset('bigone');
}

/** Builds the single-dc platform with the given changes. */
export function platform(opts: PlatformOptions = {}): Platform {
  const app = new App({
    projectName: 'single-dc',
    adminEmail: 'admin@epl-infra.net',
    adminSshKeys: [ADMIN_KEY],
    serverLabels: ['loki_reader', 'loki_writer'],
    // Fixtures are about one component each; monitoring's own tests turn the presence rule on.
    requireRegionMonitoring: false,
    requireRegionLogging: false,
    requireRegionTracing: false,
    ...opts.app,
  });
  if (opts.tld !== false) new Tld(app, 'epl-infra.net', opts.tld ?? { automaticCertificates: false });
  const region = new Region(app, 'us-west', opts.region ?? { isDnsMaster: true });
  const dc = new Datacenter(region, 'dc1', {
    networkCidr: '10.17.0.0/16',
    implementation: DatacenterImplementation.TEST_VMS,
    defaultDiskKind: new DiskKind(app, 'default-ssd', { medium: DiskMedium.SSD, capacity: Size.gibibytes(20) }),
    ...opts.dc,
  });
  const servers: Record<string, Server> = {};
  for (const [hostname, props] of Object.entries(standardServers())) {
    const change = opts.servers?.[hostname];
    servers[hostname] = new Server(dc, opts.rename?.[hostname] ?? hostname, change ? change(props, app) : props);
    if (opts.storage !== false) addStorage(servers[hostname]!);
  }
  const p = { app, region, dc, servers };
  opts.extend?.(p);
  return p;
}

/** Replaces interface `index` of a server's props. */
export function withInterface(index: number, change: Partial<ServerProps['interfaces'][number]>) {
  return (props: ServerProps): ServerProps => ({
    ...props,
    interfaces: props.interfaces.map((i, n) => (n === index ? { ...i, ...change } : i)),
  });
}

/** Changes a server's roles. */
export function withRoles(roles: ServerProps['roles']) {
  return (props: ServerProps): ServerProps => ({ ...props, roles: { ...props.roles, ...roles } });
}

