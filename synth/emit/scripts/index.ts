import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { renderProvisionScript } from './provision';

/** Adds every server's `provision.sh` (0700: it holds the server's secrets). */
export function emitProvisioning(ctx: EmitContext, out: FileTree): void {
  for (const server of ctx.model.servers) {
    out.add(`l1-provisioning/${server.hostname}/provision.sh`, renderProvisionScript(ctx, server), { mode: 0o700 });
  }
}
