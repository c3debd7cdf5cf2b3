/**
 * The networks a server interface can be on. Their address ranges are fixed by epl, so they are
 * values to pick, not something to declare.
 */
export class Network {
  /** Private addresses of all datacenters; each datacenter owns one /16 of it. */
  static readonly LAN = new Network('lan', '10.0.0.0/8');
  /** WireGuard mesh between datacenters' VPN gateways and the admin. */
  static readonly VPN = new Network('vpn', '172.21.0.0/16');
  /** Public addresses. */
  static readonly INTERNET = new Network('internet', '0.0.0.0/0');
  /** Links between routers of the subnets of one datacenter (x.y.252.0/22 of its /16). */
  static readonly DCROUTER = new Network('dcrouter', '10.0.0.0/8');

  private constructor(
    /** The network's name as used in generated configuration. */
    readonly name: 'lan' | 'vpn' | 'internet' | 'dcrouter',
    /** The network's address range. */
    readonly cidr: string,
  ) {}

  toString(): string {
    return this.name;
  }
}
