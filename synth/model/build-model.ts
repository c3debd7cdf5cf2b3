import { App } from '../../constructs/core/app';
import { Datacenter } from '../../constructs/core/datacenter';
import { Network } from '../../constructs/core/network';
import { DEFAULT_NIXPKGS } from '../../constructs/core/nixpkgs';
import { Region } from '../../constructs/core/region';
import { Server } from '../../constructs/core/server';
import { ServerKind } from '../../constructs/core/server-kind';
import { Tld } from '../../constructs/core/tld';
import { Disk } from '../../constructs/storage/disk';
import { DiskKind } from '../../constructs/storage/disk-kind';
import { ServerVolume } from '../../constructs/storage/volumes';
import { Zpool } from '../../constructs/storage/zpool';
import { VersionedType } from '../../constructs/apps/versioned-type';
import { PgSchema } from '../../constructs/apps/pg-schema';
import { PgDeployment } from '../../constructs/apps/pg-deployment';
import { BackendApplication, BackendDeployment } from '../../constructs/apps/backend-application';
import { networkAddress, parseIpv4Cidr, parseIpv4WithPrefix, type Ipv4Cidr } from '../../lib/ip/ipv4';
import type { InterfaceModel, Model } from './model';
import { DockerImagePin } from '../../constructs/core/docker-image-pin';

function groupBy<K, V>(items: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function interfacesOfServer(server: Server): InterfaceModel[] {
  const explicitSsh = server.interfaces.some((i) => i.ssh === true);
  const defaultSsh =
    server.interfaces.find((i) => i.network === Network.INTERNET) ?? server.interfaces.find((i) => i.network === Network.LAN);
  return server.interfaces.map((i, index) => {
    const parsed = parseIpv4WithPrefix(i.address);
    const address = parsed.ok ? parsed.value : undefined;
    return {
      server,
      index,
      name: i.name,
      network: i.network,
      addressText: i.address,
      address,
      subnet: address && { network: networkAddress(address.address, address.prefix), prefix: address.prefix },
      ssh: explicitSsh ? i.ssh === true : i === defaultSsh,
    };
  });
}

/** Builds the model with one walk of the tree. */
export function buildModel(app: App): Model {
  const all = app.node.findAll();
  const tlds = all.filter((c): c is Tld => c instanceof Tld);
  const regions = all.filter((c): c is Region => c instanceof Region);
  const datacenters = all.filter((c): c is Datacenter => c instanceof Datacenter);
  const serverKinds = all.filter((c): c is ServerKind => c instanceof ServerKind);
  const servers = all.filter((c): c is Server => c instanceof Server);
  const interfaces = servers.flatMap(interfacesOfServer);
  const diskKinds = all.filter((c): c is DiskKind => c instanceof DiskKind);
  const disks = all.filter((c): c is Disk => c instanceof Disk);
  const zpools = all.filter((c): c is Zpool => c instanceof Zpool);
  const volumes = all.filter((c): c is ServerVolume => c instanceof ServerVolume);
  const versionedTypes = all.filter((c): c is VersionedType => c instanceof VersionedType);
  const pgSchemas = all.filter((c): c is PgSchema => c instanceof PgSchema);
  const pgDeployments = all.filter((c): c is PgDeployment => c instanceof PgDeployment);
  const backendApplications = all.filter((c): c is BackendApplication => c instanceof BackendApplication);
  const backendDeployments = all.filter((c): c is BackendDeployment => c instanceof BackendDeployment);
  const dockerImagePins = all.filter((c): c is DockerImagePin => c instanceof DockerImagePin);
  const serverOf = (item: Disk | Zpool | ServerVolume) => item.owner as Server;
  const disksByServer = groupBy(disks, serverOf);
  const zpoolsByServer = groupBy(zpools, serverOf);
  const volumesByServer = groupBy(volumes, serverOf);
  const diskKindOf = (d: Disk) => d.kind ?? serverOf(d).datacenter.defaultDiskKind;

  const dcsByRegion = groupBy(datacenters, (d) => d.region);
  const serversByDc = groupBy(servers, (s) => s.datacenter);
  const serversByRegion = groupBy(servers, (s) => s.datacenter.region);
  const interfacesByServer = groupBy(interfaces, (i) => i.server);
  const dcCidrs = new Map<Datacenter, (Ipv4Cidr & { address: number }) | undefined>();
  for (const dc of datacenters) {
    const parsed = parseIpv4Cidr(dc.networkCidr);
    dcCidrs.set(dc, parsed.ok ? parsed.value : undefined);
  }
  const byType = new Map<unknown, unknown[]>();
  const flagged = tlds.filter((t) => t.adminFlag === true);
  const adminTld = flagged.length === 1 ? flagged[0] : flagged.length === 0 && tlds.length === 1 ? tlds[0] : undefined;

  return {
    app,
    tlds,
    adminTld,
    regions,
    datacenters,
    serverKinds,
    servers,
    interfaces,
    diskKinds,
    disks,
    zpools,
    volumes,
    versionedTypes,
    pgSchemas,
    pgDeployments,
    backendApplications,
    backendDeployments,
    dockerImagePins,
    ofType: <T>(type: abstract new (...args: never[]) => T): readonly T[] => {
      let found = byType.get(type) as T[] | undefined;
      if (!found) {
        found = all.filter((c): c is T & (typeof all)[number] => c instanceof type);
        byType.set(type, found);
      }
      return found;
    },
    disksOf: (s) => disksByServer.get(s) ?? [],
    zpoolsOf: (s) => zpoolsByServer.get(s) ?? [],
    volumesOf: (s) => volumesByServer.get(s) ?? [],
    serverOf,
    rootDisksOf: (s) => {
      const own = disksByServer.get(s) ?? [];
      const marked = own.filter((d) => d.root === true);
      return marked.length > 0 ? marked : own.filter((d) => d.diskId === 'vda' && d.root !== false);
    },
    diskKindOf,
    diskBytes: (d) => {
      const kind = diskKindOf(d);
      return kind?.elastic ? d.capacity?.bytes : kind?.capacity?.bytes;
    },
    datacentersOf: (r) => dcsByRegion.get(r) ?? [],
    serversOf: (dc) => serversByDc.get(dc) ?? [],
    serversInRegion: (r) => serversByRegion.get(r) ?? [],
    interfacesOf: (s) => interfacesByServer.get(s) ?? [],
    nixpkgsOf: (dc) => dc.nixpkgs ?? app.nixpkgs ?? DEFAULT_NIXPKGS,
    datacenterCidr: (dc) => dcCidrs.get(dc),
  };
}
