/**
 * What the NixOS modules make of the options epl sets: the configuration files each daemon is
 * started with, in the order it reads them. The modules add keys of their own (Consul's
 * `data_dir` and `ui_config`, Nomad's `data_dir`) and, for Vault, write the HCL around epl's pieces,
 * so the check must see the files the daemon sees, not only epl's options.
 *
 * Written from nixpkgs' modules (read at the stored versions nearest 25.05; the pinned revision
 * 1f08a4df998e21f4e8be8fb6fbf61d11a1a5076a itself could not be fetched here):
 *   nixos/modules/services/networking/consul.nix: /etc/consul.json is
 *     `{ data_dir = "/var/lib/consul"; ui_config.enabled = webUi; } // extraConfig` (a shallow
 *     merge), then -config-dir /etc/consul.d (a `{ }` placeholder), -config-file /etc/consul.json,
 *     /etc/consul-addrs.json (`<name>_addr` for each `interface.<name>`), and extraConfigFiles.
 *   nixos/modules/services/networking/nomad.nix: /etc/nomad.json is `settings` with
 *     `data_dir = mkDefault "/var/lib/nomad"`, then -config for each of extraSettingsPaths (and
 *     for each `credentials` entry).
 *   nixos/modules/services/security/vault.nix: vault.hcl is rendered as below, then -config for
 *     each of extraSettingsPaths.
 */

export interface ConfigSource {
  /** The file as the daemon is given it (its path on the server). */
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** A file the daemon reads from a path epl names (a secrets file): resolved by the caller. */
export interface ConfigPath {
  readonly name: string;
  readonly path: string;
}

type Options = Record<string, unknown>;

/** Fails on options whose effect on the files is not modelled here, so the check never misses them. */
function onlyModelled(service: string, options: Options, modelled: readonly string[]): void {
  const extra = Object.keys(options).filter((k) => !modelled.includes(k));
  if (extra.length) throw new Error(`services.${service} sets ${extra.join(', ')}, which the HashiCorp key check does not model (test/validators/hashicorp/nixos-modules.ts)`);
}

export function consulFiles(o: Options): (ConfigSource | ConfigPath)[] {
  onlyModelled('consul', o, ['enable', 'webUi', 'forceAddrFamily', 'dropPrivileges', 'leaveOnStop', 'interface', 'extraConfig', 'extraConfigFiles']);
  const extraConfig = (o.extraConfig ?? {}) as Options;
  const iface = (o.interface ?? {}) as Record<string, string | null>;
  const addrs = Object.fromEntries(Object.entries(iface).filter(([, v]) => v !== null).map(([k]) => [`${k}_addr`, '<address of the interface>']));
  return [
    { name: '/etc/consul.d/dummy.json', config: {} },
    { name: '/etc/consul.json', config: { data_dir: '/var/lib/consul', ui_config: { enabled: o.webUi ?? false }, ...extraConfig } },
    { name: '/etc/consul-addrs.json', config: addrs },
    ...((o.extraConfigFiles ?? []) as string[]).map((path) => ({ name: path, path })),
  ];
}

export function nomadFiles(o: Options): (ConfigSource | ConfigPath)[] {
  onlyModelled('nomad', o, ['enable', 'dropPrivileges', 'enableDocker', 'extraPackages', 'settings', 'extraSettingsPaths']);
  const settings = (o.settings ?? {}) as Options;
  return [
    { name: '/etc/nomad.json', config: { data_dir: '/var/lib/nomad', ...settings } },
    ...((o.extraSettingsPaths ?? []) as string[]).map((path) => ({ name: path, path })),
  ];
}

/** The module's vault.hcl and the files after it; the HCL is parsed by the caller. */
export function vaultFiles(o: Options): { hcl: { name: string; text: string }; rest: ConfigPath[] } {
  onlyModelled('vault', o, [
    'enable', 'dev', 'address', 'tlsCertFile', 'tlsKeyFile', 'listenerExtraConfig', 'storageBackend', 'storagePath', 'storageConfig', 'telemetryConfig', 'extraConfig', 'extraSettingsPaths',
  ]);
  return { hcl: { name: 'vault.hcl', text: vaultHcl(o) }, rest: ((o.extraSettingsPaths ?? []) as string[]).map((path) => ({ name: path, path })) };
}

/**
 * vault.hcl as the module renders it: a `listener "tcp"` (unless dev mode) with the address, the
 * TLS files (or `tls_disable`) and listenerExtraConfig (default `tls_min_version = "tls12"`); a
 * `storage "<backend>"` with `path` (default /var/lib/vault for file and raft) and storageConfig;
 * a `telemetry` block when telemetryConfig is set; then extraConfig at the top level.
 */
export function vaultHcl(o: Options): string {
  const backend = (o.storageBackend ?? 'inmem') as string;
  const storagePath = o.storagePath !== undefined ? (o.storagePath as string | null) : backend === 'file' || backend === 'raft' ? '/var/lib/vault' : null;
  const listenerExtra = o.listenerExtraConfig !== undefined ? (o.listenerExtraConfig as string) : 'tls_min_version = "tls12"\n';
  const telemetry = (o.telemetryConfig ?? '') as string;
  const tls = o.tlsCertFile == null || o.tlsKeyFile == null ? ['tls_disable = "true"'] : [`tls_cert_file = "${o.tlsCertFile}"`, `tls_key_file = "${o.tlsKeyFile}"`];
  return [
    ...(o.dev ? [] : ['listener "tcp" {', `address = "${o.address ?? '127.0.0.1:8200'}"`, ...tls, listenerExtra, '}']),
    `storage "${backend}" {`,
    ...(storagePath !== null ? [`path = "${storagePath}"`] : []),
    (o.storageConfig ?? '') as string,
    '}',
    ...(telemetry ? ['telemetry {', telemetry, '}'] : []),
    (o.extraConfig ?? '') as string,
  ].join('\n');
}
