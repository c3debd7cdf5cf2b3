import { createHash } from 'node:crypto';
import type { Server } from '../../../constructs/core/server';
import type { FileTree } from '../../../lib/files/file-tree';
import { serverBundleDir } from '../secrets/bundles';
import { PROVISIONING_ID_PLACEHOLDER } from './prelude';

/** A server's provisioning id and the digest of the files it was given for. */
export interface ProvisioningGeneration {
  readonly id: number;
  readonly digest: string;
}

/**
 * Gives each server's provision.sh its provisioning id: the previous id while the server's files
 * (configuration, script, secret bundle) are what they were, the next one when they changed. The
 * script refuses to run on a server where a higher id already ran, so an older output can never
 * undo a newer one. Ids live in the state beside the secrets, so they survive a deleted out/.
 */
export function assignProvisioningIds(files: FileTree, servers: readonly Server[], previous: Readonly<Record<string, ProvisioningGeneration>>): Record<string, ProvisioningGeneration> {
  const out: Record<string, ProvisioningGeneration> = {};
  // One pass over the (sorted) files, each to the server whose folders hold it: a server's
  // digest covers its files in path order, and the whole stays linear in the number of files.
  const owner = new Map<string, string>();
  for (const server of servers) {
    owner.set(`l1-provisioning/${server.hostname}/`, server.hostname);
    owner.set(`${serverBundleDir(server)}/`, server.hostname);
  }
  const hashes = new Map(servers.map((s) => [s.hostname, createHash('sha256')]));
  for (const f of files.list()) {
    // A server's folders are two segments deep: l1-provisioning/<host>/, secrets/servers/<host>/.
    const segments = f.path.split('/');
    const host = owner.get(`${segments[0]}/${segments[1]}/`) ?? owner.get(`${segments.slice(0, 3).join('/')}/`);
    if (host !== undefined) hashes.get(host)!.update(f.path).update('\0').update(f.content).update('\0');
  }
  for (const server of servers) {
    const h = hashes.get(server.hostname)!;
    const digest = h.digest('hex');
    const prev = previous[server.hostname];
    const id = prev && prev.digest === digest ? prev.id : (prev?.id ?? 0) + 1;
    out[server.hostname] = { id, digest };
    const script = `l1-provisioning/${server.hostname}/provision.sh`;
    const file = files.get(script);
    if (file) files.update(script, file.content.replace(PROVISIONING_ID_PLACEHOLDER, String(id)));
  }
  return out;
}
