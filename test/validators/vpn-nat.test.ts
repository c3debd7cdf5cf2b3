import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthExample, tempDir } from '../helpers/cli';
import { canUseNamespaces, must, sh } from '../helpers/netns';
import { nftRulesetSource, nftTablesOf, type NftTable } from '../helpers/nftables';
import { nixEnv, runTool } from '../helpers/tools';

/**
 * The admin reaching a lan server through a VPN gateway of the example, in three network
 * namespaces:
 *
 *   admin (172.21.7.254) --"wg0"-- gw: server-c (172.21.7.10, lan 10.17.0.12) --eth0-- srv: server-a (10.17.0.10)
 *
 * The tunnel is a plain veth named wg0 on the gateway's side. WireGuard adds encryption and the
 * check of each peer's allowed addresses around the tunnel; what netfilter on the gateway sees is
 * the decrypted packet arriving on wg0 from the admin's address, which is what the veth delivers,
 * and the masquerade matches only interface names and addresses. A veth needs no kernel module
 * that a CI container may lack, nor keys.
 *
 * server-a keeps the default route its configuration gives it (the lan's gateway, 10.17.0.1, not
 * server-c), so its replies to the admin go nowhere unless the gateway rewrites the source. The
 * gateway loads server-c's generated epl tables exactly as its configuration.nix has them.
 */

const PORT = 7777;

interface HostNet {
  readonly lan: string;
  readonly prefix: number;
  readonly gateway: string | null;
  readonly vpn: string | null;
}

/** A server's first lan address, default gateway and WireGuard address, from its configuration.nix. */
function hostNet(out: string, host: string): HostNet {
  const file = path.join(out, `l1-provisioning/${host}/configuration.nix`);
  const expr = `let m = import ${file} { config = {}; lib = {}; modulesPath = "/m"; pkgs = {}; }; a = builtins.head m.networking.interfaces.eth0.ipv4.addresses; in {
    lan = a.address; prefix = a.prefixLength;
    gateway = (m.networking.defaultGateway or { address = null; }).address;
    vpn = builtins.head (m.networking.wireguard.interfaces.wg0.ips or [ null ]);
  }`;
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as HostNet;
}

describe('the admin reaches a lan server through a VPN gateway (network namespaces)', () => {
  const run = canUseNamespaces('VPN masquerade', ['nft', 'nix-instantiate', 'timeout', 'bash']);
  const tag = `eplnat-${process.pid}`;
  const ns = { admin: `${tag}-admin`, gw: `${tag}-gw`, srv: `${tag}-srv` } as const;
  const scratch = run ? tempDir('epl-vpn-nat-') : '';
  let gwTables: NftTable[] = [];
  let gw: HostNet;
  let srv: HostNet;
  let admin = '';
  let listener: ChildProcess | undefined;

  /** Loads `tables` into a namespace as NixOS does (deletions, then tables), replacing what it had. */
  function load(namespace: string, tables: readonly NftTable[]): void {
    const file = path.join(scratch, `${namespace}.nft`);
    fs.writeFileSync(file, nftRulesetSource(tables));
    must(`ip netns exec ${namespace} nft flush ruleset && ip netns exec ${namespace} nft -f ${file}`);
  }

  /** A TCP connection from the admin to srv; srv answers with the source address it saw. */
  function connect(seconds: number): { status: number | null; out: string } {
    return sh(`ip netns exec ${ns.admin} timeout ${seconds} bash -c 'exec 3<>/dev/tcp/${srv.lan}/${PORT} && cat <&3'`);
  }

  /** Packets srv has received from the admin's own address (counted by a probe table). */
  function fromAdmin(): number {
    const listed = must(`ip netns exec ${ns.srv} nft list table ip eplnat-probe`);
    return Number(/packets (\d+)/.exec(listed)![1]);
  }

  beforeAll(async () => {
    if (!run) return;
    const out = await synthExample();
    gwTables = nftTablesOf(path.join(out, 'l1-provisioning/server-c/configuration.nix'));
    gw = hostNet(out, 'server-c');
    srv = hostNet(out, 'server-a');
    const wg = fs.readFileSync(path.join(out, 'secrets/admin/wg.conf'), 'utf8');
    admin = /^Address = ([\d.]+)\//m.exec(wg)![1]!;
    // The admin's WireGuard sends the datacenter's range to server-c: that is the path under test.
    expect(wg).toMatch(/# server-c\n\[Peer\]\nPublicKey = \S+\nAllowedIPs = 172\.21\.7\.10\/32, 10\.17\.0\.0\/16\n/);
    expect(srv.gateway).not.toBe(gw.lan);

    for (const n of Object.values(ns)) must(`ip netns add ${n} && ip -n ${n} link set lo up`);
    // Created inside the namespaces, so the names (wg0, eth0) never meet this machine's own.
    must(`ip -n ${ns.gw} link add wg0 type veth peer name adm0 netns ${ns.admin}`);
    must(`ip -n ${ns.gw} link add eth0 type veth peer name eth0 netns ${ns.srv}`);
    must(`ip -n ${ns.admin} addr add ${admin}/16 dev adm0 && ip -n ${ns.admin} link set adm0 up`);
    must(`ip -n ${ns.gw} addr add ${gw.vpn} dev wg0 && ip -n ${ns.gw} link set wg0 up`);
    must(`ip -n ${ns.gw} addr add ${gw.lan}/${gw.prefix} dev eth0 && ip -n ${ns.gw} link set eth0 up`);
    must(`ip -n ${ns.srv} addr add ${srv.lan}/${srv.prefix} dev eth0 && ip -n ${ns.srv} link set eth0 up`);
    // What the admin's WireGuard does with AllowedIPs 10.17.0.0/16: into the tunnel to server-c.
    must(`ip -n ${ns.admin} route add 10.17.0.0/16 via ${gw.vpn!.replace(/\/\d+$/, '')}`);
    // server-a's own default route: its lan's gateway, which is not server-c (and not here).
    must(`ip -n ${ns.srv} route add default via ${srv.gateway}`);
    // The gateway forwards, as boot.kernel.sysctl."net.ipv4.conf.all.forwarding" makes it.
    must(`ip netns exec ${ns.gw} sh -c 'echo 1 > /proc/sys/net/ipv4/conf/all/forwarding'`);

    listener = spawn('ip', ['netns', 'exec', ns.srv, process.execPath, '-e', `require('net').createServer((s) => s.end(s.remoteAddress + '\\n')).listen(${PORT}, '${srv.lan}', () => console.log('ready'))`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      listener!.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      listener!.on('exit', (code) => reject(new Error(`listener exited with ${code}`)));
    });
  }, 120_000);

  afterAll(() => {
    listener?.kill();
    if (run) sh(Object.values(ns).map((n) => `ip netns del ${n}`).join('; '));
  });

  const probe = (): NftTable => ({
    name: 'eplnat-probe',
    family: 'ip',
    content: `chain input {\n  type filter hook input priority 0; policy accept;\n  ip saddr ${admin} tcp dport ${PORT} counter\n}\n`,
  });

  it('gets no answer without epl-nat: the admin reaches the server, whose reply goes to its default gateway', () => {
    if (!run) return;
    const others = gwTables.filter((t) => t.name !== 'epl-nat');
    expect(others.map((t) => t.name)).toEqual(['epl-internet-fw']);
    load(ns.gw, others);
    load(ns.srv, [probe()]);
    const r = connect(2);
    expect(r.status, r.out).toBe(124); // timed out
    // The connection did arrive, from the admin's own address, for which server-a has no route:
    // its answer went to its default gateway, which never answered ARP.
    expect(fromAdmin()).toBeGreaterThan(0);
    expect(must(`ip -n ${ns.srv} neigh show ${srv.gateway}`)).toMatch(/INCOMPLETE|FAILED/);
  });

  it('connects with server-c\'s epl tables, the server seeing the gateway\'s lan address', () => {
    if (!run) return;
    expect(gwTables.map((t) => t.name)).toEqual(['epl-internet-fw', 'epl-nat']);
    load(ns.gw, gwTables);
    load(ns.srv, [probe()]);
    const r = connect(10);
    expect(r.status, r.out).toBe(0);
    expect(r.out.trim()).toBe(gw.lan);
    expect(fromAdmin()).toBe(0);
  });
});
