import type { Server } from '../../../constructs/core/server';
import { heredoc, shdq, shq } from '../../../lib/shell/quote';
import { BIND_DIR, secretFileNames, secretPath, SECRETS_DIR } from '../../plan/server-files';
import { planStorage } from '../../plan/storage';
import type { EmitContext } from '../context';
import { childDsRecords } from '../dns';
import { renderZoneFile } from '../dns/zone-file';
import { CONFIGURATION_MARKER, renderServerConfiguration } from '../nixos/configuration';
import { frrConfigOf } from '../routing/frr';
import { secretBundleOf, serverBundleDir } from '../secrets/bundles';
import { CHANNEL_CLEANUP, fetchNixpkgsLines, rebuildCommand } from './nixpkgs';
import { PRELUDE, PROVISIONING_ID_PLACEHOLDER } from './prelude';

function section(title: string, body: string[]): string {
  return body.length ? [`\n# --- ${title}`, ...body].join('\n') : '';
}

/** `install_file` lines for the bundle's files that go to `dir`, read from the bundle. */
function installFromBundle(ctx: EmitContext, server: Server, dir: string, filter?: string): string[] {
  return secretBundleOf(ctx, server)
    .filter((f) => f.target.startsWith(`${dir}/`))
    .map((f) => `install_file ${shq(f.target)} ${f.mode} ${f.owner}${filter ? ` ${filter}` : ''} < "$bundle"/${shq(f.name)}`);
}

/**
 * named rewrites the DNSSEC key files it is given (a TTL in the DNSKEY line, timing lines), so
 * they are compared by what it keeps: the algorithm and key of a `.private` file, the DNSKEY data
 * of a `.key` file.
 */
const KEY_MATERIAL = [
  'key_material() {',
  `  awk '/^(Algorithm|PrivateKey):/ { print $1, $2; next } /^[^;]/ { for (i = 1; i < NF; i++) if ($i == "DNSKEY") { print $(i + 1), $(i + 2), $(i + 3), $(i + 4); break } }'`,
  '}',
];

function secretsSection(ctx: EmitContext, server: Server): string[] {
  // Secret files and the service fragments that hold secrets, read by the services at start.
  return [`mkdir -p ${SECRETS_DIR}`, `chmod 0711 ${SECRETS_DIR}`, ...installFromBundle(ctx, server, SECRETS_DIR)];
}

/** Ownership again after the rebuild created the service users. */
function secretOwnersSection(ctx: EmitContext, server: Server): string[] {
  const out = secretBundleOf(ctx, server)
    .filter((f) => f.owner !== 'root' && f.target.startsWith(`${SECRETS_DIR}/`))
    .map((f) => `if id -u ${f.owner} >/dev/null 2>&1; then chown ${f.owner} ${shq(f.target)}; fi`);
  if (ctx.zones.some((z) => z.master === server)) out.push(`if id -u named >/dev/null 2>&1; then chown -R named ${BIND_DIR}/keys; fi`);
  return out;
}

function storageSection(ctx: EmitContext, server: Server): string[] {
  const plan = planStorage(ctx.model, server);
  const out: string[] = [];
  for (const x of plan.xfsDisks) {
    out.push(
      `if [ "$(blkid -o value -s TYPE ${shq(x.device)} || true)" != xfs ]; then`,
      `  mkfs.xfs ${shq(x.device)}`,
      'fi',
      `mkdir -p ${shq(x.mountpoint)}`,
      // Through the fstab entry of configuration.nix, so systemd's mount unit is active, not failed.
      `if ! mountpoint -q ${shq(x.mountpoint)}; then systemctl start "$(systemd-escape --path --suffix=mount ${shq(x.mountpoint)})"; fi`,
      ...x.volumeDirs.map((d) => `if [ ! -d ${shq(d)} ]; then mkdir -p ${shq(d)}; changed="$changed volume:${d}"; fi`),
    );
  }
  for (const p of plan.pools) {
    out.push(
      `if ! zpool list -H -o name ${shq(p.name)} >/dev/null 2>&1; then`,
      `  zpool import ${shq(p.name)} 2>/dev/null || zpool create -o ashift=12 -O mountpoint=none -O atime=off ${shq(p.name)} ${p.layout.map(shq).join(' ')}`,
      `  changed="$changed zpool:${p.name}"`,
      // The boot-time import ran before the pool existed.
      `  systemctl reset-failed ${shq(`zfs-import-${p.name}.service`)} 2>/dev/null || true`,
      'fi',
    );
  }
  const key = secretPath(secretFileNames.zfsEncryptionKey);
  for (const d of plan.datasets) {
    const opts = [`mountpoint=${d.mountpoint}`, `recordsize=${d.recordSize}`, `compression=${d.compression ? 'lz4' : 'off'}`];
    if (d.encryption) opts.push('encryption=aes-256-gcm', 'keyformat=hex', `keylocation=file://${key}`);
    out.push(
      `if ! zfs list -H -o name ${shq(d.dataset)} >/dev/null 2>&1; then`,
      `  zfs create ${opts.map((o) => `-o ${shq(o)}`).join(' ')} ${shq(d.dataset)}`,
      `  changed="$changed volume:${d.mountpoint}"`,
      'fi',
    );
    if (d.encryption) out.push(`if [ "$(zfs get -H -o value keystatus ${shq(d.dataset)})" != available ]; then zfs load-key ${shq(d.dataset)}; fi`);
    out.push(`zfs mount ${shq(d.dataset)} 2>/dev/null || true`);
  }
  return out;
}

/** Where provision.sh keeps the configuration.nix it found on the machine, if epl did not write it. */
export const ORIGINAL_CONFIGURATION = '/etc/nixos/configuration.nix.epl-original';

/**
 * Keeps the configuration.nix that was there before epl (the installer's, with its boot loader
 * and whatever else was set by hand), once: a copy that exists is never replaced, and epl's own
 * file, which carries the marker line, is never taken for the original.
 */
function keepOriginalConfiguration(): string[] {
  const current = '/etc/nixos/configuration.nix';
  return [
    `if [ -f ${current} ] && [ ! -e ${ORIGINAL_CONFIGURATION} ] && ! grep -qxF ${shdq(CONFIGURATION_MARKER)} ${current}; then`,
    `  cp -p ${current} ${ORIGINAL_CONFIGURATION}`,
    `  echo "kept the original ${current} as ${ORIGINAL_CONFIGURATION}"`,
    'fi',
  ];
}

function dnsSection(ctx: EmitContext, server: Server): string[] {
  const zones = ctx.zones.filter((z) => z.master === server);
  if (zones.length === 0) return [];
  // named reads the keys and writes its key state next to them; ownership follows after the
  // rebuild has created the user.
  const out = [`BIND_DIR=${BIND_DIR}`, 'mkdir -p "$BIND_DIR/keys"', 'chmod 0755 "$BIND_DIR"', 'chmod 0750 "$BIND_DIR/keys"'];
  for (const z of zones) out.push(heredoc(`install_zone ${shq(z.name)}`, renderZoneFile(ctx.model, z, childDsRecords(z, ctx.zones, ctx.secrets))));
  const keys = installFromBundle(ctx, server, `${BIND_DIR}/keys`, 'key_material');
  return [...out, ...(keys.length ? [...KEY_MATERIAL, ...keys] : [])];
}

/**
 * Services to restart when files they read changed (the rebuild only restarts on unit changes).
 * `restart`, not `try-restart`: on the first run a service may have failed because its secrets
 * were not yet readable by its user, and must be started now.
 */
function restartSection(ctx: EmitContext, server: Server, hasZones: boolean): string[] {
  // Also restart a unit that failed: on a first run it may have started before it could read its secrets.
  // reset-failed first: units that failed during a first switch have hit their start limit and
  // would refuse to start again.
  const restart = (unit: string, patterns: string[], verb = 'restart') =>
    `if changed_any ${patterns.map((p) => `'${p}'`).join(' ')} || systemctl is-failed --quiet ${unit}; then systemctl reset-failed ${unit} 2>/dev/null || true; systemctl ${verb} ${unit} || echo "warning: ${unit} did not start; see journalctl -u ${unit}" >&2; fi`;
  const out = [restart('consul.service', [`${SECRETS_DIR}/consul*`]), restart('nomad.service', [`${SECRETS_DIR}/nomad*`, 'volume:*', 'zpool:*'])];
  if (server.roles.vaultInstance) out.push(...vaultRestart(restart));
  if (server.roles.vpnGateway) out.push(restart('wireguard-wg0.service', [`${SECRETS_DIR}/wireguard*`]));
  // A reload applies the difference (frr-reload.py) without dropping sessions that did not change.
  if (frrConfigOf(ctx, server)) out.push(restart('frr.service', [`${SECRETS_DIR}/${secretFileNames.frrConfig}`], 'reload-or-restart'));
  if (hasZones) out.push(restart('bind.service', [`${BIND_DIR}/*`], 'reload-or-restart'));
  return out;
}

/**
 * NixOS never restarts Vault when its unit changes (a restart seals it), so a new configuration
 * would never take effect. The unit as it was when Vault last started is kept; when it differs,
 * Vault restarts here, and is sealed until the region's bootstrap unseals it. New certificates
 * only need a reload.
 */
function vaultRestart(restart: (unit: string, patterns: string[], verb?: string) => string): string[] {
  return [
    'vault_unit="$(systemctl cat vault.service | sha256sum)"',
    'if [ -f "$state/vault-unit" ] && [ "$(cat "$state/vault-unit")" != "$vault_unit" ]; then',
    '  systemctl reset-failed vault.service 2>/dev/null || true',
    '  systemctl restart vault.service || echo "warning: vault.service did not start; see journalctl -u vault.service" >&2',
    '  echo "restarted vault with its new configuration: it is sealed until the region\'s bootstrap unseals it" >&2',
    'else',
    `  ${restart('vault.service', [`${SECRETS_DIR}/vault*`], 'reload-or-restart')}`,
    'fi',
    'echo "$vault_unit" > "$state/vault-unit"',
  ];
}

/**
 * Renders `l1-provisioning/<host>/provision.sh`: secrets and zone files first (plain files), then
 * the pinned nixpkgs, the configuration and `nixos-rebuild switch` with that nixpkgs, then disks
 * and volumes (the rebuild brings the ZFS and XFS tools), then restarts of services whose inputs
 * changed.
 */
export function renderProvisionScript(ctx: EmitContext, server: Server): string {
  const config = renderServerConfiguration(ctx, server);
  const dns = dnsSection(ctx, server);
  const parts = [
    PRELUDE.replace(/\{HOST\}/g, server.hostname)
      .replace('{BUNDLE}', serverBundleDir(server))
      .replace('{BUNDLE_MARK}', secretFileNames.consulSecrets)
      .replace('{PROVISIONING_ID}', PROVISIONING_ID_PLACEHOLDER),
    section('secrets', secretsSection(ctx, server)),
    section('DNS zones and DNSSEC keys', dns),
    section('NixOS configuration', [
      ...fetchNixpkgsLines(ctx, server),
      'mkdir -p /etc/nixos',
      ...keepOriginalConfiguration(),
      heredoc('install_file /etc/nixos/configuration.nix 0644 root', config),
      '# Exit code 4 means the new system is active but some units failed to start; on a first run',
      '# they are expected to (secrets not yet owned by their users, disks not yet formatted), and',
      '# the steps below fix that and restart them.',
      'rebuild=0',
      `${rebuildCommand()} || rebuild=$?`,
      'if [ "$rebuild" -ne 0 ] && [ "$rebuild" -ne 4 ]; then exit "$rebuild"; fi',
      'if [ "$rebuild" -eq 4 ]; then echo "some units failed to start after the switch; continuing" >&2; fi',
      ...CHANNEL_CLEANUP,
    ]),
    section('secret ownership for users the rebuild created', secretOwnersSection(ctx, server)),
    section('disks and volumes', storageSection(ctx, server)),
    section('restart services whose files changed', restartSection(ctx, server, dns.length > 0)),
    '\necho "$PROVISIONING_ID" > "$state/id"',
    'if systemctl --failed --quiet --no-legend | grep -q .; then',
    '  echo "provisioning of ' + server.hostname + ' finished; these units are failed:" >&2',
    '  systemctl --failed --no-legend >&2',
    'else',
    '  echo "provisioning of ' + server.hostname + ' finished"',
    'fi\n',
  ];
  return parts.filter(Boolean).join('\n');
}
