import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, synthExample, tempDir } from '../helpers/cli';
import { hasFrr, readLogs, startFrr, waitFor, type FrrInstance } from '../helpers/frr';
import { canUseNamespaces, must, sh } from '../helpers/netns';
import { nixEnv, runTool } from '../helpers/tools';

/**
 * The multi-dc example's routing, run by FRR in network namespaces with the example's own
 * addresses and frr.conf files:
 *
 *   s1 (dc3-s1) --eth0-- gw3 (dc3-gw1) --eth2 [dcrouter] eth1-- rtr3 (dc3-rtr1) --eth0-- s2 (dc3-s2)
 *                          |  wg0 (a veth: this kernel has no WireGuard)
 *   d1 (dc1-s1) --eth0-- gw1 (dc1-gw1)
 *
 * gw3 and rtr3 route dc3's two lan subnets and form an OSPF adjacency (MD5) over the dcrouter
 * link; gw3 and gw1 are the gateways of two datacenters and speak BGP (with their password) over
 * the stand-in tunnel. Hosts route only to their subnet's router. gw3 has an "internet" default
 * route, which OSPF carries to rtr3. Nothing here routes to this machine's networks: the
 * namespaces have no link out.
 */

const EXAMPLE = path.join(REPO, 'examples', 'multi-dc', 'epl.ts');
const PORT = 7777;
/** Seconds within which OSPF reaches Full and BGP Established (hello 2 s, connect retry 5 s). */
const CONVERGE_SECONDS = 60;
const WAIT_MS = (CONVERGE_SECONDS + 15) * 1000;

type Addresses = Record<string, Record<string, string[]>>;

/** Every interface address (`a.b.c.d/p`) of the hosts, wg0's from WireGuard, from their configuration.nix. */
function addressesOf(out: string, hosts: readonly string[]): Addresses {
  const entries = hosts.map((h) => {
    const file = path.join(out, `l1-provisioning/${h}/configuration.nix`);
    return `"${h}" = let m = import ${file} { config = {}; lib = {}; modulesPath = "/m"; pkgs = {}; }; in
      builtins.mapAttrs (n: v: map (a: "\${a.address}/\${toString a.prefixLength}") v.ipv4.addresses) m.networking.interfaces
      // (if m.networking ? wireguard then { wg0 = m.networking.wireguard.interfaces.wg0.ips; } else {});`;
  });
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', `{ ${entries.join('\n')} }`], { env: nixEnv() });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Addresses;
}

const ip = (cidr: string) => cidr.replace(/\/\d+$/, '');

describe('FRR routes the multi-dc example: OSPF in a datacenter, BGP between datacenters (network namespaces)', () => {
  const run = canUseNamespaces('FRR routing', ['nix-instantiate', 'timeout', 'bash']) && hasFrr();
  const tag = `eplfrr-${process.pid}`;
  const hosts = { gw3: 'dc3-gw1', rtr3: 'dc3-rtr1', s1: 'dc3-s1', s2: 'dc3-s2', gw1: 'dc1-gw1', d1: 'dc1-s1' } as const;
  type Node = keyof typeof hosts;
  const ns = Object.fromEntries(Object.keys(hosts).map((k) => [k, `${tag}-${k}`])) as Record<Node, string>;
  const scratch = run ? tempDir('epl-frr-') : '';
  const frr: Partial<Record<Node, FrrInstance>> = {};
  const listeners: ChildProcess[] = [];
  let addrs: Addresses = {};
  const addr = (n: Node, ifname: string) => addrs[hosts[n]]![ifname]![0]!;

  function teardown(): void {
    for (const l of listeners) l.kill();
    for (const f of Object.values(frr)) f.stop();
    sh(Object.values(ns).map((n) => `ip netns del ${n} 2>/dev/null`).join('; '));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }

  /** A veth pair between two namespaces, each end addressed as the example has it and up. */
  function link(a: Node, aIf: string, b: Node, bIf: string, aAddr?: string, bAddr?: string): void {
    must(`ip -n ${ns[a]} link add ${aIf} type veth peer name ${bIf} netns ${ns[b]}`);
    for (const [n, i, c] of [[a, aIf, aAddr ?? addr(a, aIf)], [b, bIf, bAddr ?? addr(b, bIf)]] as const) {
      must(`ip -n ${ns[n]} addr add ${c} dev ${i} && ip -n ${ns[n]} link set ${i} up`);
    }
  }

  /** A TCP connection from one host to a listener on another; the listener answers with the source it saw. */
  function connect(from: Node, to: Node): { status: number | null; out: string } {
    return sh(`ip netns exec ${ns[from]} timeout 10 bash -c 'exec 3<>/dev/tcp/${ip(addr(to, 'eth0'))}/${PORT} && cat <&3'`);
  }

  async function listen(on: Node): Promise<void> {
    const l = spawn('ip', ['netns', 'exec', ns[on], process.execPath, '-e', `require('net').createServer((s) => s.end(s.remoteAddress + '\\n')).listen(${PORT}, '${ip(addr(on, 'eth0'))}', () => console.log('ready'))`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    listeners.push(l);
    await new Promise<void>((resolve, reject) => {
      l.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      l.on('exit', (code) => reject(new Error(`listener in ${on} exited with ${code}`)));
    });
  }

  const conf = (out: string, n: Node) => fs.readFileSync(path.join(out, `secrets/servers/${hosts[n]}/frr.conf`), 'utf8');
  const kernelRoute = (n: Node, prefix: string) => must(`ip -n ${ns[n]} route show ${prefix}`).trim();

  beforeAll(async () => {
    if (!run) return;
    try {
      // The daemons run as the frr user, which must reach their directories below.
      fs.chmodSync(scratch, 0o711);
      const out = await synthExample(EXAMPLE);
      addrs = addressesOf(out, Object.values(hosts));
      for (const n of Object.values(ns)) must(`ip netns add ${n} && ip -n ${n} link set lo up`);
      link('gw3', 'eth2', 'rtr3', 'eth1'); // dcrouter 10.19.252.0/22
      link('gw3', 'eth0', 's1', 'eth0'); // lan 10.19.0.0/24
      link('rtr3', 'eth0', 's2', 'eth0'); // lan 10.19.1.0/24
      link('gw3', 'wg0', 'gw1', 'wg0'); // the WireGuard tunnel's stand-in
      link('gw1', 'eth0', 'd1', 'eth0'); // lan 10.17.0.0/24
      // gw3's internet side: an interface with its public address whose far end is nobody, and
      // the default route through it that a gateway has.
      must(`ip -n ${ns.gw3} link add eth1 type veth peer name eth1-far && ip -n ${ns.gw3} link set eth1-far up`);
      must(`ip -n ${ns.gw3} addr add ${addr('gw3', 'eth1')} dev eth1 && ip -n ${ns.gw3} link set eth1 up`);
      must(`ip -n ${ns.gw3} route add default via ${ip(addr('gw3', 'eth1')).replace(/\d+$/, '1')} dev eth1`);
      // Hosts route through their subnet's router only.
      must(`ip -n ${ns.s1} route add default via ${ip(addr('gw3', 'eth0'))}`);
      must(`ip -n ${ns.s2} route add default via ${ip(addr('rtr3', 'eth0'))}`);
      must(`ip -n ${ns.d1} route add default via ${ip(addr('gw1', 'eth0'))}`);

      frr.rtr3 = await startFrr(ns.rtr3, path.join(scratch, 'rtr3'), conf(out, 'rtr3'), ['ospfd']);
      frr.gw3 = await startFrr(ns.gw3, path.join(scratch, 'gw3'), conf(out, 'gw3'), ['ospfd', 'bgpd']);
      frr.gw1 = await startFrr(ns.gw1, path.join(scratch, 'gw1'), conf(out, 'gw1'), ['bgpd']);
      await listen('s2');
      await listen('d1');
    } catch (e) {
      teardown();
      throw e;
    }
  }, 120_000);

  afterAll(() => {
    if (run) teardown();
  });

  it('forms the OSPF adjacency between dc3-gw1 and dc3-rtr1 (Full) with the MD5 key of frr.conf', async () => {
    if (!run) return;
    const gw3Id = ip(addr('gw3', 'eth2'));
    const full = await waitFor(CONVERGE_SECONDS, () => new RegExp(`^${gw3Id.replace(/\./g, '\\.')}\\s+\\d+\\s+Full`, 'm').test(frr.rtr3!.vtysh('show ip ospf neighbor')));
    expect(full, `${frr.rtr3!.vtysh('show ip ospf neighbor')}\n${readLogs(frr.rtr3!.dir)}`).toBe(true);
    expect(frr.rtr3!.vtysh('show ip ospf interface eth1')).toMatch(/Cryptographic authentication enabled/);
  }, WAIT_MS);

  it('learns each subnet, and the default route, through the other router', async () => {
    if (!run) return;
    const viaGw3 = `via ${ip(addr('gw3', 'eth2'))} dev eth1 proto ospf`;
    const learned = await waitFor(CONVERGE_SECONDS, () => kernelRoute('rtr3', '10.19.0.0/24').includes(viaGw3) && kernelRoute('gw3', '10.19.1.0/24').includes('proto ospf') && kernelRoute('rtr3', 'default').includes(viaGw3));
    expect(learned, `rtr3:\n${must(`ip -n ${ns.rtr3} route`)}\ngw3:\n${must(`ip -n ${ns.gw3} route`)}`).toBe(true);
    expect(kernelRoute('gw3', '10.19.1.0/24')).toContain(`via ${ip(addr('rtr3', 'eth1'))} dev eth2 proto ospf`);
  }, WAIT_MS);

  it('connects a host in 10.19.0.0/24 to a host in 10.19.1.0/24 through the two routers', () => {
    if (!run) return;
    const r = connect('s1', 's2');
    expect(r.status, r.out).toBe(0);
    expect(r.out.trim()).toBe(ip(addr('s1', 'eth0')));
  });

  it('establishes BGP between dc3-gw1 and dc1-gw1 over the tunnel, with the derived password', async () => {
    if (!run) return;
    const peer = ip(addr('gw1', 'wg0'));
    const state = () => (JSON.parse(frr.gw3!.vtysh('show bgp ipv4 unicast summary json')) as { peers?: Record<string, { state: string }> }).peers?.[peer]?.state;
    const up = await waitFor(CONVERGE_SECONDS, () => state() === 'Established');
    expect(up, `${frr.gw3!.vtysh('show bgp ipv4 unicast summary')}\n${readLogs(frr.gw3!.dir)}`).toBe(true);
  }, WAIT_MS);

  it("learns the other datacenter's /16 over BGP, and dc3's router learns it through OSPF", async () => {
    if (!run) return;
    const learned = await waitFor(CONVERGE_SECONDS, () => kernelRoute('gw3', '10.17.0.0/16').includes('proto bgp') && kernelRoute('gw1', '10.19.0.0/16').includes('proto bgp') && kernelRoute('rtr3', '10.17.0.0/16').includes('proto ospf'));
    expect(learned, `gw3:\n${must(`ip -n ${ns.gw3} route`)}\ngw1:\n${must(`ip -n ${ns.gw1} route`)}\nrtr3:\n${must(`ip -n ${ns.rtr3} route`)}`).toBe(true);
    expect(kernelRoute('gw3', '10.17.0.0/16')).toContain(`via ${ip(addr('gw1', 'wg0'))} dev wg0 proto bgp`);
    expect(kernelRoute('gw1', '10.19.0.0/16')).toContain(`via ${ip(addr('gw3', 'wg0'))} dev wg0 proto bgp`);
  }, WAIT_MS);

  it('connects a host behind dc3-rtr1 to a host in dc1: OSPF, then BGP, and back', () => {
    if (!run) return;
    const r = connect('s2', 'd1');
    expect(r.status, r.out).toBe(0);
    expect(r.out.trim()).toBe(ip(addr('s2', 'eth0')));
  });
});
