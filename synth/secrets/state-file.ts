import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { sortedBy, sortedStrings } from '../../lib/text/order';
import { legacyKey } from './legacy-keys';

/** The secrets of a platform as kept between synths. */
export interface SecretsState {
  /** Every secret by key (`global/consul-ca/cert`, `server/<host>/wireguard-key`, ...). */
  readonly secrets: Readonly<Record<string, string>>;
  /**
   * Keys the user asked to replace (`epl secrets rotate`, or `set` of a lasting key): the next
   * synth may give them a new public key. Cleared once a synth has written the output.
   */
  readonly rotate: readonly string[];
  /**
   * Each server's provisioning id and the digest of the files it was given for (not secret: kept
   * here so ids survive a deleted output). @default none
   */
  readonly provisioning?: Readonly<Record<string, { readonly id: number; readonly digest: string }>>;
}

export type StateProblem =
  /** Not YAML, or not the shape epl writes; `detail` never quotes the file. */
  | { readonly kind: 'unreadable'; readonly detail: string }
  /** Empty, cut short, or keys deleted: fewer secrets than its end line records. */
  | { readonly kind: 'damaged'; readonly detail: string };

export type ParsedState =
  | {
      readonly ok: true;
      readonly state: SecretsState;
      /** Values were changed by hand since epl wrote it (same keys or more, other checksum). */
      readonly edited: boolean;
      /** It was the flat `secrets.yml` of epl before 0.2, whose keys were renamed. */
      readonly legacy: boolean;
      /** Keys of a legacy file that no longer exist. */
      readonly dropped: readonly string[];
    }
  | { readonly ok: false; readonly problem: StateProblem };

const FORMAT_VERSION = 1;
const HEADER = [
  '# Secrets of the platform, kept by epl: generated once, changed only on purpose (`epl secrets`).',
  '# Keep it private (mode 0600) and backed up; losing it means new CAs, tokens and DNSSEC keys.',
  '# `epl secrets encrypt` encrypts it with age. The last line records its size and checksum.',
].join('\n');
const END_LINE = /^# epl-secrets: (\d+) secrets?, sha256 ([0-9a-f]{64})$/;
const LEGACY_HEADER = '# Secrets of the platform, generated and kept by epl.';

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Renders the state as YAML sorted by key, with an end line recording its count and checksum. */
export function renderSecretsState(state: SecretsState): string {
  const secrets = Object.fromEntries(sortedBy(Object.entries(state.secrets), ([key]) => key));
  const doc: Record<string, unknown> = { version: FORMAT_VERSION, secrets };
  if (state.rotate.length > 0) doc.rotate = sortedStrings(new Set(state.rotate));
  if (state.provisioning && Object.keys(state.provisioning).length > 0) {
    doc.provisioning = Object.fromEntries(sortedBy(Object.entries(state.provisioning), ([host]) => host).map(([host, g]) => [host, { id: g.id, digest: g.digest }]));
  }
  const body = `${HEADER}\n${stringify(doc, { lineWidth: 0, blockQuote: 'literal' })}`;
  const n = Object.keys(secrets).length;
  return `${body}# epl-secrets: ${n} secret${n === 1 ? '' : 's'}, sha256 ${checksum(body)}\n`;
}

/** Where a YAML error is, without the excerpt of the file the parser would quote. */
function yamlProblem(error: { linePos?: [{ line: number }, ...unknown[]]; code?: string }): StateProblem {
  const line = error.linePos?.[0]?.line;
  return { kind: 'unreadable', detail: `it is not valid YAML${line ? ` (line ${line})` : ''}${error.code ? `: ${error.code.toLowerCase().replace(/_/g, ' ')}` : ''}` };
}

function stringMap(node: unknown, what: string): Record<string, string> | string {
  if (!isMap(node)) return `${what} is not a map of keys to values`;
  const out: Record<string, string> = {};
  // yaml's own duplicate-key check compares every key with every other; with thousands of
  // secrets that dominated a warm synth, so keys are checked here with a map.
  for (const item of node.items) {
    const key = isScalar(item.key) ? item.key.value : undefined;
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (typeof key !== 'string') return `${what} has a key that is not a string`;
    if (typeof value !== 'string') return `secret '${key}' is not a string`;
    if (key in out) return `secret '${key}' appears twice`;
    out[key] = value;
  }
  return out;
}

/**
 * Parses a secrets file. Problems name what is wrong and where, never a value. A file that lost
 * its end line or holds fewer secrets than it records is damaged (cut short, emptied, keys
 * deleted), so synth refuses it rather than generating new keys.
 */
export function parseSecretsState(text: string): ParsedState {
  if (text.trim() === '') return { ok: false, problem: { kind: 'damaged', detail: 'it is empty' } };
  if (text.slice(0, 400).split('\n').includes(LEGACY_HEADER + ' Keep this file private (mode 0600).')) return parseLegacy(text);
  const lines = text.replace(/\n+$/, '').split('\n');
  const end = END_LINE.exec(lines[lines.length - 1]!);
  if (!end) return { ok: false, problem: { kind: 'damaged', detail: 'its last line, which records how many secrets it holds, is missing: it was cut short or not written by epl' } };
  const body = lines.slice(0, -1).join('\n') + '\n';
  const doc = parseDocument(body, { uniqueKeys: false });
  if (doc.errors.length > 0) return { ok: false, problem: yamlProblem(doc.errors[0] as never) };
  const root = doc.contents;
  if (!isMap(root)) return { ok: false, problem: { kind: 'unreadable', detail: 'it is not a map with version and secrets' } };
  const version: unknown = root.get('version');
  if (version !== FORMAT_VERSION) return { ok: false, problem: { kind: 'unreadable', detail: `its version is not ${FORMAT_VERSION}` } };
  const secrets = stringMap(root.get('secrets', true), 'secrets');
  if (typeof secrets === 'string') return { ok: false, problem: { kind: 'unreadable', detail: secrets } };
  const rotateNode = root.get('rotate', true);
  const rotate: string[] = [];
  if (rotateNode !== undefined) {
    if (!isSeq(rotateNode) || !rotateNode.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
      return { ok: false, problem: { kind: 'unreadable', detail: 'rotate is not a list of keys' } };
    }
    for (const i of rotateNode.items) rotate.push((i as { value: string }).value);
  }
  const provisioning = provisioningOf(root.get('provisioning'));
  if (provisioning === undefined) return { ok: false, problem: { kind: 'unreadable', detail: 'provisioning is not a map of servers to { id, digest }' } };
  const recorded = Number(end[1]);
  const count = Object.keys(secrets).length;
  if (count < recorded) {
    return {
      ok: false,
      problem: { kind: 'damaged', detail: `it holds ${count} secrets but records ${recorded}: it was cut short, or keys were deleted by hand (use \`epl secrets rotate KEY\` to replace a key)` },
    };
  }
  return { ok: true, state: { secrets, rotate, ...(Object.keys(provisioning).length ? { provisioning } : {}) }, edited: checksum(body) !== end[2], legacy: false, dropped: [] };
}

/** The provisioning ids, or undefined when the value is not their shape. */
function provisioningOf(node: unknown): Record<string, { id: number; digest: string }> | undefined {
  if (node === undefined || node === null) return {};
  const value = (node as { toJSON?: () => unknown }).toJSON ? (node as { toJSON: () => unknown }).toJSON() : node;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, { id: number; digest: string }> = {};
  for (const [host, g] of Object.entries(value as Record<string, unknown>)) {
    const { id, digest } = (g ?? {}) as { id?: unknown; digest?: unknown };
    if (!Number.isInteger(id) || typeof digest !== 'string') return undefined;
    out[host] = { id: id as number, digest };
  }
  return out;
}

/** Reads the flat `out/secrets.yml` of earlier epl versions, renaming its keys. */
function parseLegacy(text: string): ParsedState {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { ok: false, problem: yamlProblem(doc.errors[0] as never) };
  const flat = doc.contents === null ? {} : stringMap(doc.contents, 'the file');
  if (typeof flat === 'string') return { ok: false, problem: { kind: 'unreadable', detail: flat } };
  const secrets: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [old, value] of Object.entries(flat)) {
    const key = legacyKey(old);
    if (key === undefined) dropped.push(old);
    else secrets[key] = value;
  }
  return { ok: true, state: { secrets, rotate: [] }, edited: false, legacy: true, dropped: sortedStrings(dropped) };
}
