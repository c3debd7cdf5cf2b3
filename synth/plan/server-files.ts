import type { Server } from '../../constructs/core/server';
import type { SecretRequest } from '../secrets/requests';
import { tlsKeys } from '../secrets/requests';

/** Where BIND keeps zone files and DNSSEC keys on DNS servers. */
export const BIND_DIR = '/var/lib/named';

/** Directory on every server holding the secrets provisioning places (root-owned, 0711). */
export const SECRETS_DIR = '/var/lib/epl-secrets';

/** A secret file on a server: its path, mode and owning user. */
export interface SecretFile {
  readonly secretKey: string;
  readonly path: string;
  readonly owner: string;
  readonly mode: '0400' | '0444';
}

/** The user that reads a secret, by the service its key belongs to. */
function ownerOf(key: string): string {
  if (key.startsWith('consul_')) return 'consul';
  if (key.startsWith('nomad_')) return 'root';
  if (key.startsWith('vault_')) return 'vault';
  if (key.startsWith('dnssec_')) return 'named';
  return 'root';
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

/** Where the secrets a server needs are placed on it. */
export function secretFilesOf(requests: readonly SecretRequest[], server: Server): SecretFile[] {
  const files: SecretFile[] = [];
  for (const req of requestsFor(requests, server)) {
    const owner = ownerOf(req.key);
    if (req.recipe.kind === 'tls-ca' || req.recipe.kind === 'tls-cert') {
      const k = tlsKeys(req.key);
      // A CA's certificate is public; its key never leaves the secrets file.
      files.push({ secretKey: k.cert, path: `${SECRETS_DIR}/${req.key}.crt`, owner, mode: '0444' });
      if (req.recipe.kind === 'tls-cert') files.push({ secretKey: k.privateKey, path: `${SECRETS_DIR}/${req.key}.key`, owner, mode: '0400' });
    } else {
      files.push({ secretKey: req.key, path: `${SECRETS_DIR}/${req.key}`, owner, mode: '0400' });
    }
  }
  return files;
}

/** Path of a secret file on a server (the planner and the NixOS emitter must agree). */
export function secretPath(key: string, ext: '' | '.crt' | '.key' = ''): string {
  return `${SECRETS_DIR}/${key}${ext}`;
}
