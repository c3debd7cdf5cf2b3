import type { Datacenter } from '../../constructs/core/datacenter';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';

/**
 * One segment of a key made from a user's name. Names are checked by rules, but a key must not
 * depend on that: `/` and `%` are escaped, so no name can reach into another key's namespace.
 */
function segment(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F') || '%00';
}

/**
 * Secret keys, in one place so the plan, the emitters and the secrets file agree. A key is a path
 * whose first segment says whose secret it is (`global`, `region/<name>`, `datacenter/<region>/<name>`,
 * `server/<hostname>`,
 * `dnssec/<zone>`, `custom/<name>`), so a user's name is always a whole segment and can never
 * produce another secret's key: a server named `admin` has `server/admin/wireguard-key`, the
 * admin's own key is `global/admin-wireguard-key`.
 */
export const secretKeys = {
  sshRoot: 'global/ssh-root-key',
  nixCache: 'global/nix-cache-key',
  adminPanelPassword: 'global/admin-panel-password',
  adminPanelHtpasswd: 'global/admin-panel-htpasswd',
  consulGossip: 'global/consul-gossip-key',
  consulCa: 'global/consul-ca',
  nomadGossip: 'global/nomad-gossip-key',
  nomadCa: 'global/nomad-ca',
  nomadCliCert: 'global/nomad-cli-tls',
  vaultCa: 'global/vault-ca',
  wireguardAdmin: 'global/admin-wireguard-key',
  /** The seed every BGP session's password between VPN gateways is derived from. */
  bgpPeeringSeed: 'global/bgp-peering-seed',
  consulToken: (r: Region, name: ConsulTokenName) => `region/${segment(r.regionName)}/consul-acl-${name}-token`,
  nomadBootstrapToken: (r: Region) => `region/${segment(r.regionName)}/nomad-acl-bootstrap-token`,
  /** What `vault operator init` returned: not made by epl, kept by `epl secrets capture`. */
  vaultUnsealKeys: (r: Region) => `region/${segment(r.regionName)}/vault-unseal-keys`,
  vaultRootToken: (r: Region) => `region/${segment(r.regionName)}/vault-root-token`,
  /** The MD5 key of a datacenter's OSPF (16 characters, the most OSPF MD5 takes). */
  ospfKey: (dc: Datacenter) => `region/${segment(dc.region.regionName)}/datacenter/${segment(dc.dcName)}/ospf-md5-key`,
  /** The VRRP password the routing servers of a datacenter's subnets share (keepalived `auth_pass`). */
  vrrpPassword: (dc: Datacenter) => `region/${segment(dc.region.regionName)}/datacenter/${segment(dc.dcName)}/vrrp-password`,
  consulServerCert: (s: Server) => `server/${segment(s.hostname)}/consul-tls`,
  nomadServerCert: (s: Server) => `server/${segment(s.hostname)}/nomad-server-tls`,
  nomadClientCert: (s: Server) => `server/${segment(s.hostname)}/nomad-client-tls`,
  vaultCert: (s: Server) => `server/${segment(s.hostname)}/vault-tls`,
  wireguard: (s: Server) => `server/${segment(s.hostname)}/wireguard-key`,
  zfsEncryption: (s: Server) => `server/${segment(s.hostname)}/zfs-encryption-key`,
  dnssec: (zone: string, role: 'ksk' | 'zsk') => `dnssec/${segment(zone.replace(/\.$/, ''))}/${role}`,
  custom: (name: string) => `custom/${segment(name)}`,
} as const;

/**
 * Consul ACL tokens of a region, all made by epl (the secret ID; the accessor ID is derived from
 * it): `management` is the servers' initial management token, the others are created by the
 * region's bootstrap with the policy of the same name.
 */
export type ConsulTokenName = 'management' | 'agent' | 'default' | 'nomad-server' | 'nomad-client' | 'vault';

/** Secrets the user sets that no request names; kept as they are. */
export const CUSTOM_PREFIX = 'custom/';

/**
 * Secrets epl cannot make: what a service hands out once (Vault's unseal keys and root token from
 * `vault operator init`), kept by `epl secrets capture` and then kept as they are, like your own.
 */
export function isCapturedKey(key: string): boolean {
  return /^region\/[^/]+\/vault-(unseal-keys|root-token)$/.test(key);
}

/** Keys under which a TLS recipe stores its two halves. */
export function tlsKeys(key: string): { readonly cert: string; readonly privateKey: string } {
  return { cert: `${key}/cert`, privateKey: `${key}/key` };
}
