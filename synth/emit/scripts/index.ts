import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { renderProvisionScript } from './provision';

/** Adds every server's `provision.sh` (0755: it holds no secret; it reads them from the server's bundle). */
export function emitProvisioning(ctx: EmitContext, out: FileTree): void {
  for (const server of ctx.model.servers) {
    out.add(`l1-provisioning/${server.hostname}/provision.sh`, renderProvisionScript(ctx, server), { mode: 0o755 });
  }
}
