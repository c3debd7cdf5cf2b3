/**
 * Key names of the flat `out/secrets.yml` that epl wrote before secrets became state beside the
 * entry, mapped to today's keys, so an existing platform keeps its keys when it upgrades.
 * Hostnames, regions and zones were validated names (no `_` in hostnames and regions).
 */
const FIXED: Readonly<Record<string, string>> = {
  ssh_root_ed25519: 'global/ssh-root-key',
  nix_cache_signing_key: 'global/nix-cache-key',
  admin_panel_password: 'global/admin-panel-password',
  admin_panel_htpasswd: 'global/admin-panel-htpasswd',
  consul_gossip_key: 'global/consul-gossip-key',
  nomad_gossip_key: 'global/nomad-gossip-key',
  // A gateway named `admin` also had this key; it was the admin's then, and is now.
  wireguard_admin_private_key: 'global/admin-wireguard-key',
};

const TLS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^consul_tls_ca$/, () => 'global/consul-ca'],
  [/^nomad_tls_ca$/, () => 'global/nomad-ca'],
  [/^vault_tls_ca$/, () => 'global/vault-ca'],
  [/^nomad_tls_cli$/, () => 'global/nomad-cli-tls'],
  [/^consul_tls_server_(.+)$/, (m) => `server/${m[1]}/consul-tls`],
  [/^nomad_tls_server_(.+)$/, (m) => `server/${m[1]}/nomad-server-tls`],
  [/^nomad_tls_client_(.+)$/, (m) => `server/${m[1]}/nomad-client-tls`],
  [/^vault_tls_instance_(.+)$/, (m) => `server/${m[1]}/vault-tls`],
];

const OTHER: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^consul_region_(.+)_acl_(management|agent|default)_token$/, (m) => `region/${m[1]}/consul-acl-${m[2]}-token`],
  [/^wireguard_(.+)_private_key$/, (m) => `server/${m[1]}/wireguard-key`],
  [/^zfs_encryption_key_(.+)$/, (m) => `server/${m[1]}/zfs-encryption-key`],
  [/^dnssec_(.+)_(ksk|zsk)$/, (m) => `dnssec/${m[1]}/${m[2]}`],
  [/^custom_(.+)$/, (m) => `custom/${m[1]}`],
];

/** Today's key for a key of the old flat file, or undefined when it no longer exists. */
export function legacyKey(old: string): string | undefined {
  if (FIXED[old]) return FIXED[old];
  const tls = /^(.+)_(cert|key)_pem$/.exec(old);
  if (tls) {
    for (const [re, to] of TLS) {
      const m = re.exec(tls[1]!);
      if (m) return `${to(m)}/${tls[2]}`;
    }
  }
  for (const [re, to] of OTHER) {
    const m = re.exec(old);
    if (m) return to(m);
  }
  return undefined;
}
