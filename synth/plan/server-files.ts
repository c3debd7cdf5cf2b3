import type { Server } from '../../constructs/core/server';
import type { SecretRequest } from '../secrets/requests';
import { tlsKeys } from '../secrets/keys';

/** Where BIND keeps zone files and DNSSEC keys on DNS servers. */
export const BIND_DIR = '/var/lib/named';

/** Directory on every server holding the secrets provisioning places (root-owned, 0711). */
export const SECRETS_DIR = '/var/lib/epl-secrets';

/**
 * Names of the files in a server's secrets directory. A server holds only its own certificates,
 * so names need no hostname; TLS files get `.crt` and `.key`.
 */
export const secretFileNames = {
  consulCa: 'consul-ca',
  consulTls: 'consul-tls',
  consulSecrets: 'consul-secrets.json',
  nomadCa: 'nomad-ca',
  nomadServerTls: 'nomad-server-tls',
  nomadClientTls: 'nomad-client-tls',
  nomadSecrets: 'nomad-secrets.json',
  vaultCa: 'vault-ca',
  vaultTls: 'vault-tls',
  vaultSecrets: 'vault-secrets.json',
  wireguardKey: 'wireguard-key',
  zfsEncryptionKey: 'zfs-encryption-key',
  adminPanelHtpasswd: 'admin-panel-htpasswd',
  /** FRR's integrated configuration, with the OSPF key and BGP passwords in it. */
  frrConfig: 'frr.conf',
  keepalivedAuth: 'keepalived-auth.conf',
} as const;

/** A secret file on a server: the stored key it holds, its path, mode and owning user. */
export interface SecretFile {
  readonly secretKey: string;
  /** Its name in the server's secrets directory (and in the server's secret bundle). */
  readonly name: string;
  readonly path: string;
  readonly owner: string;
  readonly mode: '0400' | '0444';
}

/** Requests by the servers that receive them, indexed once per request list. */
const byServer = new WeakMap<readonly SecretRequest[], Map<Server, SecretRequest[]>>();

function requestsFor(requests: readonly SecretRequest[], server: Server): readonly SecretRequest[] {
  let index = byServer.get(requests);
  if (!index) {
    index = new Map();
    for (const req of requests) for (const s of req.servers) index.set(s, [...(index.get(s) ?? []), req]);
    byServer.set(requests, index);
  }
  return index.get(server) ?? [];
}

/** The secret files placed on a server: every request it receives that names a file. */
export function secretFilesOf(requests: readonly SecretRequest[], server: Server): SecretFile[] {
  const files: SecretFile[] = [];
  for (const req of requestsFor(requests, server)) {
    if (req.file === undefined) continue;
    const owner = req.owner ?? 'root';
    if (req.recipe.kind === 'tls-ca' || req.recipe.kind === 'tls-cert') {
      const k = tlsKeys(req.key);
      // A CA's certificate is public; its key never leaves the secrets file.
      files.push({ secretKey: k.cert, name: `${req.file}.crt`, path: secretPath(req.file, '.crt'), owner, mode: '0444' });
      if (req.recipe.kind === 'tls-cert') files.push({ secretKey: k.privateKey, name: `${req.file}.key`, path: secretPath(req.file, '.key'), owner, mode: '0400' });
    } else {
      files.push({ secretKey: req.key, name: req.file, path: secretPath(req.file), owner, mode: '0400' });
    }
  }
  return files;
}

/** Path of a file in a server's secrets directory (the planner and the NixOS emitter must agree). */
export function secretPath(name: string, ext: '' | '.crt' | '.key' = ''): string {
  return `${SECRETS_DIR}/${name}${ext}`;
}
