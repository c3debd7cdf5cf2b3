import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample, tempDir } from '../helpers/cli';
import { canUseNamespaces, must, sh } from '../helpers/netns';
import { nixEnv, runTool } from '../helpers/tools';

/**
 * The example's two DNS servers run Debian's named with the configuration epl generates: server-d
 * (primary of every zone) and server-c (secondary), each in a network namespace of its own with
 * its lan and public addresses on a link between them, as generated. Only paths move into a
 * scratch root per server. Consul's DNS is stood in for by a third named on 127.0.0.1:8600.
 */

const HOSTS = { 'server-d': { lan: '10.17.0.13', public: '77.77.77.13' }, 'server-c': { lan: '10.17.0.12', public: '77.77.77.12' } } as const;
type Host = keyof typeof HOSTS;

/** named.conf as the server's configuration.nix gives it, read through the Nix evaluator. */
function namedConf(out: string, host: Host): string {
  const file = path.join(out, `l1-provisioning/${host}/configuration.nix`);
  const expr = `(import ${file} { config = {}; lib = {}; modulesPath = "/m"; pkgs = { writeText = name: text: text; }; }).services.bind.configFile`;
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string;
}

/** The server's paths moved under `root`. */
function rooted(text: string, root: string): string {
  return text.replace(/\/(var\/lib|run\/named|etc\/bind)\//g, `${root}/$1/`);
}

const STUB_CONSUL_ZONE = `$TTL 0
@           IN SOA ns.consul. hostmaster.consul. 1 3600 600 86400 0
            IN NS  ns.consul.
ns          IN A   127.0.0.1
web.service IN A   10.17.0.80
`;

describe('named with the generated configuration', () => {
  const run = canUseNamespaces('named', ['named', 'named-checkconf', 'dig', 'rndc', 'nix-instantiate']);
  const tag = `epl${process.pid}`;
  const ns = (host: Host) => `${tag}-${host.slice(-1)}`;
  const roots: Record<Host, string> = { 'server-d': '', 'server-c': '' };
  const daemons: ChildProcess[] = [];
  let out = '';
  let files: Record<string, string> = {};
  let provisionDns: () => { status: number | null; out: string };

  const dig = (host: Host, args: string) => sh(`ip netns exec ${ns(host)} dig +time=2 +tries=1 +norecurse ${args}`).out;
  const answer = (host: Host, args: string) => sh(`ip netns exec ${ns(host)} dig +time=2 +tries=1 +short ${args}`).out.trim();

  async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${logs()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const logs = () => (Object.keys(HOSTS) as Host[]).map((h) => `--- ${h}\n${fs.existsSync(`${roots[h]}/named.log`) ? fs.readFileSync(`${roots[h]}/named.log`, 'utf8').slice(-4000) : ''}`).join('\n');

  function start(host: Host, conf: string, log: string): void {
    const fd = fs.openSync(log, 'a');
    daemons.push(spawn('ip', ['netns', 'exec', ns(host), 'named', '-g', '-c', conf], { stdio: ['ignore', fd, fd] }));
  }

  beforeAll(async () => {
    if (!run) return;
    out = await synthExample();
    files = readTree(out);
    for (const host of Object.keys(HOSTS) as Host[]) {
      const root = (roots[host] = tempDir('epl-named-'));
      fs.mkdirSync(`${root}/var/lib/named`, { recursive: true });
      fs.mkdirSync(`${root}/etc/bind`, { recursive: true });
      fs.writeFileSync(`${root}/etc/bind/rndc.key`, `key "rndc-key" {\n  algorithm hmac-sha256;\n  secret "${Buffer.alloc(32, 7).toString('base64')}";\n};\n`);
      fs.writeFileSync(`${root}/named.conf`, rooted(namedConf(out, host), root));
      const consul = `${root}/consul`;
      fs.mkdirSync(consul);
      fs.writeFileSync(`${consul}/consul.zone`, STUB_CONSUL_ZONE);
      fs.writeFileSync(
        `${consul}/named.conf`,
        `options { directory "${consul}"; pid-file "${consul}/named.pid"; session-keyfile "${consul}/session.key"; listen-on port 8600 { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; dnssec-validation no; };\ncontrols { };\nzone "consul" { type primary; file "consul.zone"; };\n`,
      );
    }
    // Two hosts and the link between them: lan and public addresses on one interface each side.
    must(`ip netns add ${ns('server-d')} && ip netns add ${ns('server-c')}`);
    must(`ip link add ${tag}d netns ${ns('server-d')} type veth peer name ${tag}c netns ${ns('server-c')}`);
    for (const host of Object.keys(HOSTS) as Host[]) {
      const dev = `${tag}${host.slice(-1)}`;
      const { lan, public: pub } = HOSTS[host];
      must(`ip -n ${ns(host)} link set lo up && ip -n ${ns(host)} addr add ${lan}/24 dev ${dev} && ip -n ${ns(host)} addr add ${pub}/24 dev ${dev} && ip -n ${ns(host)} link set ${dev} up`);
    }
    // server-d's zones and DNSSEC keys, installed by its own provision.sh (the part before the rebuild).
    const script = files['l1-provisioning/server-d/provision.sh']!;
    const cut = rooted(script.slice(0, script.indexOf('\n# --- NixOS configuration')), roots['server-d']).replace(/^#!.*\n/, '');
    const bundle = path.join(out, 'secrets/servers/server-d');
    provisionDns = () => {
      const r = spawnSync('sh', ['-c', cut, 'provision.sh', bundle], { encoding: 'utf8' });
      return { status: r.status, out: r.stdout + r.stderr };
    };
    const first = provisionDns();
    if (first.status !== 0) throw new Error(first.out);
    for (const host of Object.keys(HOSTS) as Host[]) {
      start(host, `${roots[host]}/consul/named.conf`, `${roots[host]}/consul.log`);
      start(host, `${roots[host]}/named.conf`, `${roots[host]}/named.log`);
    }
    await until('server-d to answer', () => answer('server-d', '@127.0.0.1 server-a.us-west.epl-infra.net A') === '10.17.0.10');
  }, 120_000);

  afterAll(() => {
    for (const d of daemons) d.kill();
    if (run) sh(`ip netns del ${ns('server-d')}; ip netns del ${ns('server-c')}`);
  });

  it('passes named-checkconf -z with the zones provisioning installed', () => {
    if (!run) return;
    for (const host of Object.keys(HOSTS) as Host[]) {
      const r = runTool('named-checkconf', ['-z', `${roots[host]}/named.conf`]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });

  it('answers the platform\'s names and reverse names to the lan, signed with the keys epl made', () => {
    if (!run) return;
    expect(answer('server-d', '@127.0.0.1 server-c.us-west.epl-infra.net A')).toBe('10.17.0.12');
    expect(answer('server-d', '@10.17.0.13 -x 10.17.0.11')).toBe('server-b.us-west.epl-infra.net.');
    // The key named signs the region zone with is the one whose DS the TLD zone publishes.
    const ds = /^us-west IN DS (\d+) /m.exec(fs.readFileSync(path.join(out, 'dns/epl-infra.net.zone'), 'utf8'))![1];
    expect(dig('server-d', '@127.0.0.1 +dnssec us-west.epl-infra.net DNSKEY')).toMatch(new RegExp(`RRSIG\\s+DNSKEY 15 3 \\d+ \\d+ \\d+ ${ds} us-west\\.epl-infra\\.net\\.`));
  });

  it('resolves a Consul service name through consul. forwarding, without DNSSEC validation failing it', () => {
    if (!run) return;
    const r = dig('server-d', '@127.0.0.1 +recurse web.service.consul A');
    expect(r).toMatch(/status: NOERROR/);
    expect(r).toMatch(/^web\.service\.consul\.\s+0\s+IN\s+A\s+10\.17\.0\.80$/m);
  });

  it('answers the internet only the TLD zones: no server addresses, no PTRs, no recursion', () => {
    if (!run) return;
    // From server-c's public address to server-d's: the internet view.
    const from = `-b ${HOSTS['server-c'].public} @${HOSTS['server-d'].public}`;
    expect(dig('server-c', `${from} epl-infra.net SOA`)).toMatch(/status: NOERROR.*\n.*flags: qr aa/);
    // A name of the region zone gets the TLD zone's referral, never its address.
    const server = dig('server-c', `${from} server-a.us-west.epl-infra.net A`);
    expect(server).toMatch(/flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 2/);
    expect(server).not.toContain('10.17.0.10');
    expect(dig('server-c', `${from} us-west.epl-infra.net DNSKEY`)).toMatch(/ANSWER: 0/);
    expect(dig('server-c', `${from} -x 10.17.0.10`)).toMatch(/status: REFUSED/);
    expect(dig('server-c', `${from} +recurse web.service.consul A`)).toMatch(/status: REFUSED/);
  });

  it('leaves the key files named rewrote alone when provisioning runs again', async () => {
    if (!run) return;
    // named has adopted the keys by now (it signed with them above) and added its own lines.
    const keys = path.join(roots['server-d'], 'var/lib/named/keys');
    await until('named to record key state', () => fs.readdirSync(keys).some((f) => f.endsWith('.state')));
    expect(fs.readdirSync(keys).filter((f) => f.endsWith('.key')).some((f) => fs.readFileSync(path.join(keys, f), 'utf8').includes('; '))).toBe(true);
    const again = provisionDns();
    expect(again.status, again.out).toBe(0);
    expect(again.out).toBe('');
  });
  it('has the secondary follow the primary at once (NOTIFY), not at the hourly refresh', async () => {
    if (!run) return;
    await until('server-c to transfer the zones', () => answer('server-c', '@127.0.0.1 server-a.us-west.epl-infra.net A') === '10.17.0.10');
    const zone = path.join(roots['server-d'], 'var/lib/named/us-west.epl-infra.net.zone');
    const text = fs.readFileSync(zone, 'utf8');
    const serial = Number(/^ *(\d+) ; serial/m.exec(text)![1]);
    fs.writeFileSync(zone, text.replace(/^ *\d+ ; serial/m, `    ${serial + 1} ; serial`) + 'notify-check IN A 10.17.0.99\n');
    must(`ip netns exec ${ns('server-d')} rndc -k ${roots['server-d']}/etc/bind/rndc.key -s 127.0.0.1 reload us-west.epl-infra.net IN lan`);
    const started = Date.now();
    await until('the change to reach server-c', () => answer('server-c', '@127.0.0.1 notify-check.us-west.epl-infra.net A') === '10.17.0.99', 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.readFileSync(`${roots['server-c']}/named.log`, 'utf8')).toMatch(/received notify for zone 'us-west\.epl-infra\.net'/);
  });

});
