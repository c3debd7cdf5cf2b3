/**
 * The one order for strings that shape output: Unicode code points, independent of the locale
 * (`localeCompare` follows LANG, so output would differ between machines) and of UTF-16 details
 * (plain `<` puts characters above U+FFFF before U+E000–U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Orders UTF-16 code units as their code points order: surrogates go above U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** A copy of `items` sorted by the string `key` gives, in code-point order. */
export function sortedBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareCodePoints(key(a), key(b)));
}

/** A copy of `strings`, sorted in code-point order. */
export function sortedStrings(strings: Iterable<string>): string[] {
  return [...strings].sort(compareCodePoints);
}
