import type { ConfigSource } from './nixos-modules';

/**
 * The configuration a daemon ends up with from several files: blocks merge key by key, a later
 * file's value replaces an earlier one's (Consul, Nomad and Vault all merge files this way for the
 * keys epl writes; lists they may append instead, which changes no key). Remembers the file each
 * key path came from, so a failure can name it.
 */
export function mergeSources(sources: readonly ConfigSource[]): { config: Record<string, unknown>; originOf: (path: string) => string | undefined } {
  const origins = new Map<string, string>();
  const config: Record<string, unknown> = {};
  for (const source of sources) mergeInto(config, source.config, '', source.name, origins);
  // A path inside a list ("a.b[1].c") belongs to the file that gave the list.
  const originOf = (path: string) => origins.get(path) ?? origins.get(path.replace(/\[\d+\].*$/, ''));
  return { config, originOf };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, path: string, name: string, origins: Map<string, string>): void {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key;
    if (isObject(value) && isObject(target[key])) {
      mergeInto(target[key] as Record<string, unknown>, value, at, name, origins);
      continue;
    }
    target[key] = isObject(value) ? structuredClone(value) : value;
    recordOrigins(value, at, name, origins);
  }
}

function recordOrigins(value: unknown, path: string, name: string, origins: Map<string, string>): void {
  origins.set(path, name);
  if (isObject(value)) for (const [k, v] of Object.entries(value)) recordOrigins(v, `${path}.${k}`, name, origins);
}
