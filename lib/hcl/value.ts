/**
 * A small model of HCL2 native syntax (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md):
 * a body of attributes and blocks, and the values attributes take. Emitters build these and
 * {@link printHcl} turns them into text; nothing else writes HCL, so escaping lives in one place.
 * The model knows nothing of any product that reads HCL.
 *
 * Strings come in two kinds, because HCL's quoted strings are templates:
 * - a plain JS `string` is a literal: every `${` and `%{` in it is escaped, so the reader gets
 *   exactly the text given, whatever it contains;
 * - an {@link HclTemplate} is printed as a template: `${…}` and `%{…}` in it are left for the
 *   reader to evaluate (Nomad's `${meta.private_ip}`, say). Only emitters write these, never user text.
 */

export type HclValue = string | number | boolean | HclTemplate | HclHeredoc | HclMap | readonly HclValue[];

/** A quoted string whose template sequences (`${…}`, `%{…}`) are not escaped. Quotes, backslashes and control characters still are. */
export class HclTemplate {
  constructor(readonly text: string) {}
}

/**
 * A literal string printed as a heredoc (`<<EOT … EOT`) so multi-line text (configuration files)
 * reads as itself. Its value is exactly `text`: when a heredoc cannot hold it (no final newline,
 * a carriage return or another control character), it is printed as a quoted string instead.
 */
export class HclHeredoc {
  constructor(readonly text: string) {}
}

/** An object value `{ key = value }` with its keys in the order given (JS objects would move integer-like keys first). */
export class HclMap {
  readonly entries: ReadonlyArray<readonly [string, HclValue]>;
  constructor(entries: Readonly<Record<string, HclValue>> | ReadonlyArray<readonly [string, HclValue]>) {
    this.entries = Array.isArray(entries) ? [...(entries as ReadonlyArray<readonly [string, HclValue]>)] : Object.entries(entries);
    const seen = new Set<string>();
    for (const [k] of this.entries) {
      if (seen.has(k)) throw new Error(`HCL object key ${JSON.stringify(k)} given twice`);
      seen.add(k);
    }
  }
}

export interface HclAttribute {
  readonly kind: 'attribute';
  /** An HCL identifier. */
  readonly name: string;
  readonly value: HclValue;
}

export interface HclBlock {
  readonly kind: 'block';
  /** An HCL identifier (`job`, `group`, `template`). */
  readonly type: string;
  /** Printed as quoted strings: `job "web" { … }`. */
  readonly labels: readonly string[];
  readonly body: HclBody;
}

export type HclItem = HclAttribute | HclBlock;
/** Attributes and blocks, printed in the order given. */
export type HclBody = readonly HclItem[];

/** What {@link block} and {@link body} accept: items, lists of items, and nothing (`undefined`, `false`) for optional parts. */
export type HclBodyPart = HclItem | readonly HclBodyPart[] | undefined | false;

/** ASCII HCL identifiers: a letter or `_`, then letters, digits, `_` and `-`. */
export const HCL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function checkIdentifier(name: string, what: string): void {
  // A bad name is a bug in the emitter, not a user mistake: user text goes into values and labels.
  if (!HCL_IDENTIFIER.test(name)) throw new Error(`not an HCL identifier (${what}): ${JSON.stringify(name)}`);
}

/** `name = value`. */
export function attr(name: string, value: HclValue): HclAttribute {
  checkIdentifier(name, 'attribute name');
  return { kind: 'attribute', name, value };
}

/** One attribute per defined entry, in the record's order; `undefined` entries are left out. */
export function attrs(values: Readonly<Record<string, HclValue | undefined>>): HclAttribute[] {
  return Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [attr(k, v)]));
}

/** Flattens body parts, dropping `undefined` and `false`. */
export function body(...parts: readonly HclBodyPart[]): HclItem[] {
  const out: HclItem[] = [];
  const add = (p: HclBodyPart): void => {
    if (p === undefined || p === false) return;
    if (Array.isArray(p)) (p as readonly HclBodyPart[]).forEach(add);
    else out.push(p as HclItem);
  };
  parts.forEach(add);
  return out;
}

/** `type "label" … { parts }`. */
export function block(type: string, labels: readonly string[], ...parts: readonly HclBodyPart[]): HclBlock {
  checkIdentifier(type, 'block type');
  return { kind: 'block', type, labels: [...labels], body: body(...parts) };
}

export function template(text: string): HclTemplate {
  return new HclTemplate(text);
}

export function heredoc(text: string): HclHeredoc {
  return new HclHeredoc(text);
}

export function map(entries: Readonly<Record<string, HclValue>> | ReadonlyArray<readonly [string, HclValue]>): HclMap {
  return new HclMap(entries);
}
