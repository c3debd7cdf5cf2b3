import { compareCodePoints } from '../text/order';

/** Where something was written in the user's source. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** A path into a construct's props, e.g. `['interfaces', 0, 'address']`. */
export type PropPath = ReadonlyArray<string | number>;

/** One problem found in the user's platform. */
export interface Diagnostic {
  /** Stable code, `<domain>/<kebab-name>`, documented in docs/errors.md. */
  readonly code: string;
  readonly severity: Severity;
  /** Lower case, no trailing period; says what was found and what is accepted. */
  readonly message: string;
  /** Construct path of the construct the problem is about ('' for the app). */
  readonly path: string;
  /** The prop the problem is about, when it is one. */
  readonly prop?: PropPath;
  /** Where the construct (or, once refined, the prop) was written. */
  readonly location?: SourceLocation;
  /** Other constructs involved (the other holder of a duplicate address, ...). */
  readonly related?: ReadonlyArray<RelatedInformation>;
}

export interface RelatedInformation {
  readonly message: string;
  readonly path: string;
  readonly prop?: PropPath;
  readonly location?: SourceLocation;
}

export function formatPropPath(prop: PropPath): string {
  let out = '';
  for (const part of prop) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** Sorts diagnostics by file, line, column, then code, so output is stable. */
export function sortDiagnostics<T extends Diagnostic>(diagnostics: readonly T[]): T[] {
  const key = (d: Diagnostic) => [d.location?.file ?? '\uffff', d.location?.line ?? 0, d.location?.column ?? 0, d.code, d.path, d.message] as const;
  return [...diagnostics].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  });
}
