import type { Server } from '../../../constructs/core/server';
import type { Model } from '../../model/model';
import { subnetsRoutedBy } from '../../plan/floating-gateways';
import { planFrr } from '../../plan/routing';
import { WIREGUARD_PORT } from '../../plan/vpn';

/**
 * Memory the L1 daemons (the NixOS configuration, not Nomad) keep for themselves, in MiB. The
 * figures are deliberately above what each daemon uses idle on a small platform, so that what is
 * left for workloads is really free under load. The total for a server with every role stays
 * near the 1 GiB system budget `servers/server-kind-memory-too-small` assumes (about 770 MiB
 * measured on the reference platform), plus the role-specific daemons. The ZFS ARC is cache the
 * kernel gives back under pressure and is not counted.
 */
export const L1_MEMORY_MIB = {
  /** Kernel, systemd, journald, udevd, sshd, nscd, dbus, an admin's shell: a minimal NixOS idles near 150 MiB. */
  os: 256,
  /** dockerd and containerd: 40–60 MiB each at idle, more while pulling images. */
  docker: 128,
  /** A Consul client agent: gossip and a local cache of the catalogue, tens of MiB. */
  consulClient: 96,
  /** A Consul server keeps the catalogue, KV and ACLs in memory (Raft state); about 100 MiB on a small platform. */
  consulServer: 192,
  /** The Nomad agent as a client: node fingerprints, allocation runners, task logs. */
  nomadClient: 128,
  /** On Nomad masters the same agent also keeps the cluster state (jobs, evaluations) in memory. */
  nomadServer: 192,
  /** Vault with integrated storage (Raft): the KV and leases in memory, caches. */
  vault: 192,
  /** BIND with the platform's zones in memory and inline DNSSEC signing. */
  bind: 128,
  /** node_exporter: a static Go binary, about 15 MiB. */
  nodeExporter: 32,
  /** cAdvisor with `--docker_only`: its container stats history grows with the number of containers. */
  cadvisor: 96,
  /** vector: journald and Docker sources, a disk buffer toward Loki, batches in memory. */
  vector: 128,
  /** FRR: zebra, staticd, mgmtd and ospfd or bgpd, 10–20 MiB each. */
  frr: 64,
  /** keepalived: a VRRP process and its checker, a few MiB. */
  keepalived: 16,
} as const;

/** A daemon's claim on a server: its memory and the ports it listens on. */
export interface L1Daemon {
  /** How the report and diagnostics name it (`consul`, `nomad server`). */
  readonly owner: string;
  readonly mib: number;
  /** Ports and what they are for, as `consul serf lan`. */
  readonly ports: readonly { readonly port: number; readonly what: string }[];
}

/** The L1 daemons on a server, from its roles and what the routing plan runs on it. */
export function l1DaemonsOf(model: Model, server: Server): L1Daemon[] {
  const r = server.roles;
  const daemons: L1Daemon[] = [
    { owner: 'os', mib: L1_MEMORY_MIB.os, ports: [{ port: 22, what: 'sshd' }] },
    { owner: 'docker', mib: L1_MEMORY_MIB.docker, ports: [] },
    {
      // Every Consul port on every server: a client listens on fewer, but a workload must not take
      // a port a server would need if the server's roles change.
      owner: r.consulMaster ? 'consul server' : 'consul client',
      mib: r.consulMaster ? L1_MEMORY_MIB.consulServer : L1_MEMORY_MIB.consulClient,
      ports: [
        { port: 8300, what: 'consul server rpc' },
        { port: 8301, what: 'consul serf lan' },
        { port: 8302, what: 'consul serf wan' },
        { port: 8500, what: 'consul http' },
        { port: 8501, what: 'consul https' },
        { port: 8600, what: 'consul dns' },
      ],
    },
    {
      owner: 'nomad client',
      mib: L1_MEMORY_MIB.nomadClient,
      ports: [
        { port: 4646, what: 'nomad http' },
        { port: 4647, what: 'nomad rpc' },
        { port: 4648, what: 'nomad serf' },
      ],
    },
    { owner: 'node_exporter', mib: L1_MEMORY_MIB.nodeExporter, ports: [{ port: 9100, what: 'node_exporter metrics' }] },
    { owner: 'cadvisor', mib: L1_MEMORY_MIB.cadvisor, ports: [{ port: 9280, what: 'cadvisor metrics' }] },
    // vector's API (8686) is off; its own metrics are served for Prometheus.
    { owner: 'vector', mib: L1_MEMORY_MIB.vector, ports: [{ port: 9598, what: 'vector metrics' }] },
  ];
  if (r.nomadMaster) daemons.push({ owner: 'nomad server', mib: L1_MEMORY_MIB.nomadServer, ports: [] });
  if (r.vaultInstance) {
    daemons.push({
      owner: 'vault',
      mib: L1_MEMORY_MIB.vault,
      ports: [
        { port: 8200, what: 'vault api' },
        { port: 8201, what: 'vault cluster' },
      ],
    });
  }
  if (r.dnsMaster || r.dnsSlave) {
    daemons.push({
      owner: 'bind',
      mib: L1_MEMORY_MIB.bind,
      ports: [
        { port: 53, what: 'bind dns' },
        { port: 953, what: 'bind rndc' },
      ],
    });
  }
  if (r.vpnGateway) daemons.push({ owner: 'wireguard', mib: 0, ports: [{ port: WIREGUARD_PORT, what: 'wireguard' }] });
  const frr = planFrr(model, server);
  if (frr) {
    // OSPF is IP protocol 89 (no port); the daemons' vty ports listen on localhost.
    daemons.push({
      owner: 'frr',
      mib: L1_MEMORY_MIB.frr,
      ports: [
        { port: 2601, what: 'frr zebra vty' },
        { port: 2616, what: 'frr staticd vty' },
        { port: 2623, what: 'frr mgmtd vty' },
        ...(frr.ospf ? [{ port: 2604, what: 'frr ospfd vty' }] : []),
        ...(frr.bgp ? [{ port: 179, what: 'frr bgp' }, { port: 2605, what: 'frr bgpd vty' }] : []),
      ],
    });
  }
  // VRRP is IP protocol 112: keepalived takes no port.
  if (subnetsRoutedBy(model, server).some((s) => s.routers.length === 2)) daemons.push({ owner: 'keepalived', mib: L1_MEMORY_MIB.keepalived, ports: [] });
  return daemons;
}
