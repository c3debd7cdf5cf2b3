/**
 * The multi-datacenter example platform: one region (eu-central) over three datacenters of local
 * test VMs, each with a pair of VPN gateways that peer over WireGuard and exchange their
 * datacenter's range with BGP. dc3 has two lan subnets: its gateways route the first, a router
 * pair the second, and the four speak OSPF over dc3's dcrouter network (10.19.252.0/22).
 *
 *   dc1 10.17.0.0/16   dc1-gw1, dc1-gw2 (gateways)   dc1-s1
 *   dc2 10.18.0.0/16   dc2-gw1, dc2-gw2 (gateways)   dc2-s1
 *   dc3 10.19.0.0/16   10.19.0.0/24: dc3-gw1, dc3-gw2 (gateways and routers), dc3-s1
 *                      10.19.1.0/24: dc3-rtr1, dc3-rtr2 (routers), dc3-s2
 *
 *   npx epl synth examples/multi-dc/epl.ts --out out
 */
import { App, AvailabilityMode, Datacenter, DatacenterImplementation, DiskKind, DiskMedium, Network, Region, Server, ServerKind, Size, Tld, type ServerProps } from 'epl-platform';

const ADMIN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGXbpSJbwKt6FYKDsA/j6G+aJhgB1B3m4PkhBtgSZ5sf admin@example';

const app = new App({ projectName: 'multi-dc', adminEmail: 'admin@epl-infra.net', adminSshKeys: [ADMIN_KEY] });

new Tld(app, 'epl-infra.net', { automaticCertificates: false });

const region = new Region(app, 'eu-central', { isDnsMaster: true, availabilityMode: AvailabilityMode.MULTI_DC });

const serverKind = ServerKind.testVm(app, { cores: 4, memoryMiB: 8192 });
const diskKind = new DiskKind(app, 'default-ssd', { medium: DiskMedium.SSD, capacity: Size.gibibytes(20) });

/** A test-VM datacenter with its /16; `second` is its second octet (10.<second>.0.0/16). */
function datacenter(name: string, second: number, extra: { allowSmallSubnets?: boolean } = {}): Datacenter {
  return new Datacenter(region, name, {
    networkCidr: `10.${second}.0.0/16`,
    implementation: DatacenterImplementation.TEST_VMS,
    defaultServerKind: serverKind,
    defaultDiskKind: diskKind,
    ...extra,
  });
}

/** A server with its root disk. */
function server(dc: Datacenter, hostname: string, props: ServerProps): Server {
  const s = new Server(dc, hostname, props);
  s.addDisk('vda');
  return s;
}

/**
 * The VPN gateway pair of a datacenter: lan .10/.11 in its first subnet, a public address each
 * (`publicNet`), and 172.21.<vpnOctet>.10/.11 on the VPN. `dcrouter` gives them a leg on the
 * datacenter's dcrouter network too, where they route their subnet and take part in OSPF.
 */
function gateways(dc: Datacenter, second: number, vpnOctet: number, publicNet: string, roles: [ServerProps['roles'], ServerProps['roles']], dcrouter = false): Server[] {
  return [0, 1].map((n) =>
    server(dc, `${dc.dcName}-gw${n + 1}`, {
      interfaces: [
        { name: 'eth0', network: Network.LAN, address: `10.${second}.0.${10 + n}/24` },
        { name: 'eth1', network: Network.INTERNET, address: `${publicNet}.${10 + n}/24` },
        { name: 'wg0', network: Network.VPN, address: `172.21.${vpnOctet}.${10 + n}/16` },
        ...(dcrouter ? [{ name: 'eth2', network: Network.DCROUTER, address: `10.${second}.252.${10 + n}/22` }] : []),
      ],
      roles: { ...roles[n], vpnGateway: true, ...(dcrouter ? { router: true } : {}) },
    }),
  );
}

// Control plane: a Consul server, a Nomad server and a Vault node in every datacenter, so the
// region keeps its quorums when one datacenter is lost. The DNS master and its slaves are on
// gateways, which have the public addresses DNS servers need.
const control = { consulMaster: true, nomadMaster: true, vaultInstance: true } as const;

const dc1 = datacenter('dc1', 17);
gateways(dc1, 17, 7, '77.77.77', [{ dnsMaster: true, ingress: true }, { ingress: true }]);
server(dc1, 'dc1-s1', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.20/24' }], roles: control });

const dc2 = datacenter('dc2', 18);
gateways(dc2, 18, 8, '78.78.78', [{ dnsSlave: true }, {}]);
server(dc2, 'dc2-s1', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.20/24' }], roles: control });

// dc3: two lan subnets. The gateways route 10.19.0.0/24, the router pair 10.19.1.0/24; all four
// meet on the dcrouter network.
const dc3 = datacenter('dc3', 19, { allowSmallSubnets: true });
gateways(dc3, 19, 9, '79.79.79', [{ dnsSlave: true }, {}], true);
server(dc3, 'dc3-s1', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.19.0.20/24' }], roles: control });
for (const n of [0, 1]) {
  server(dc3, `dc3-rtr${n + 1}`, {
    interfaces: [
      { name: 'eth0', network: Network.LAN, address: `10.19.1.${10 + n}/24` },
      { name: 'eth1', network: Network.DCROUTER, address: `10.19.252.${12 + n}/22` },
    ],
    roles: { router: true },
  });
}
server(dc3, 'dc3-s2', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.19.1.20/24' }], roles: {} });

export default app;
