import type { PropPath } from '../../lib/diagnostics/types';
import { formatPropPath } from '../../lib/diagnostics/types';
import { NixRaw, type NixosConfig, type NixosValue } from './nixos-config';
import { recordPropProblem } from './props';

/**
 * Checks NixOS configuration given to `addNixosConfig`: only values Nix has (strings, finite
 * numbers, booleans, null, lists, plain objects, `nixRaw`). Anything else is a diagnostic at the
 * call, and is left out so the configuration can still be rendered.
 */
export function checkNixosConfig(construct: object, config: NixosConfig, index: number): NixosConfig {
  const clean = (value: unknown, at: PropPath): NixosValue | undefined => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (value instanceof NixRaw) return value;
    if (Array.isArray(value)) return value.map((v, i) => clean(v, [...at, i])).filter((v): v is NixosValue => v !== undefined);
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, NixosValue> = {};
      for (const [k, v] of Object.entries(value)) {
        const c = clean(v, [...at, k]);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
    recordPropProblem(construct, { kind: 'wrong-type', prop: at, message: `${formatPropPath(at)} is not a NixOS value (a string, number, boolean, null, list, object or nixRaw(...)): ${typeof value}` });
    return undefined;
  };
  return (clean(config, [`nixosConfigs`, index]) ?? {}) as NixosConfig;
}
