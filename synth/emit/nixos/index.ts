import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { renderServerConfiguration } from './configuration';

/** Adds every server's NixOS configuration to the output tree. */
export function emitNixos(ctx: EmitContext, out: FileTree): void {
  for (const server of ctx.model.servers) {
    out.add(`l1-provisioning/${server.hostname}/configuration.nix`, renderServerConfiguration(ctx, server));
  }
}
