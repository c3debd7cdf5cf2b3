import type { FileTree } from '../../../lib/files/file-tree';
import type { Model } from '../../model/model';
import { renderServerConfiguration } from './configuration';

/** Adds every server's NixOS configuration to the output tree. */
export function emitNixos(model: Model, out: FileTree): void {
  for (const server of model.servers) {
    out.add(`l1-provisioning/${server.hostname}/configuration.nix`, renderServerConfiguration(model, server));
  }
}
