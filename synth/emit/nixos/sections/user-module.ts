import type { Server } from '../../../../constructs/core/server';
import { NixRaw, type NixosValue } from '../../../../constructs/core/nixos-config';
import { nix, NixAttrs, type NixValue } from '../../../../lib/nix/value';

function toNix(value: NixosValue): NixValue {
  if (value instanceof NixRaw) return nix.expr(`(${value.source})`);
  if (Array.isArray(value)) return value.map(toNix);
  if (value !== null && typeof value === 'object') {
    const attrs = new NixAttrs();
    for (const [k, v] of Object.entries(value as Record<string, NixosValue>)) attrs.set(k, toNix(v));
    return attrs;
  }
  return value as string | number | boolean | null;
}

/**
 * The server's own NixOS configuration (`extraPackages`, `addNixosConfig`) as a module imported
 * after epl's, so NixOS merges them like any two modules. Undefined when there is none.
 */
export function userModule(server: Server): NixValue | undefined {
  if (server.extraPackages.length === 0 && server.nixosConfigs.length === 0) return undefined;
  const modules: NixValue[] = [];
  if (server.extraPackages.length > 0) {
    // `pkgs.<path>`: each part of the path is a plain attribute name (checked by a rule).
    modules.push(nix.attrs({ environment: nix.attrs({ systemPackages: server.extraPackages.map((p) => nix.expr(`pkgs.${p}`)) }) }));
  }
  for (const config of server.nixosConfigs) modules.push(toNix(config));
  return nix.fn(['config', 'pkgs', 'lib'], nix.attrs({ imports: modules }));
}
