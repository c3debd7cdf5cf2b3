import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import { sortedBy } from '../../lib/text/order';

/** Name of the secrets file in the output directory (mode 0600). */
export const SECRETS_FILE = 'secrets.yml';

/** Renders the secrets as YAML sorted by key; multi-line values become block scalars. */
export function renderSecretsFile(values: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(sortedBy(Object.entries(values), ([key]) => key));
  const header = '# Secrets of the platform, generated and kept by epl. Keep this file private (mode 0600).\n# Change a value with `epl secrets set <key>`; delete a key to have it generated again.\n';
  return header + stringify(sorted, { lineWidth: 0, blockQuote: 'literal' });
}

/** Parses a secrets file; throws with a readable message when it is not a map of strings. */
export function parseSecretsFile(text: string): Record<string, string> {
  // yaml's own duplicate-key check compares every key with every other; with thousands of
  // secrets that dominated a warm synth, so keys are checked here with a set.
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message.split('\n')[0]);
  if (isMap(doc.contents)) {
    const seen = new Set<unknown>();
    for (const item of doc.contents.items) {
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (seen.has(key)) throw new Error(`secret '${String(key)}' appears twice`);
      seen.add(key);
    }
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('the secrets file is not a map of keys to values');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new Error(`secret '${k}' is not a string`);
    out[k] = v;
  }
  return out;
}
