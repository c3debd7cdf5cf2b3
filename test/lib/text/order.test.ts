import { describe, expect, it } from 'vitest';
import { compareCodePoints, sortedBy, sortedStrings } from '../../../lib/text/order';

describe('code-point order', () => {
  it('orders by code point, not by locale or UTF-16 unit', () => {
    // localeCompare puts 'a' before 'B' and ignores '-' in many locales; code points do not.
    expect(sortedStrings(['b', 'B', 'a-z', 'az', 'A', '_x', 'ä'])).toEqual(['A', 'B', '_x', 'a-z', 'az', 'b', 'ä']);
    // U+1F600 is above U+FFFD although its first UTF-16 unit (0xD83D) is below.
    expect(sortedStrings(['\u{1F600}', '\uFFFD', 'z'])).toEqual(['z', '\uFFFD', '\u{1F600}']);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });

  it('sorts items by a key', () => {
    expect(sortedBy([{ n: 'server-b' }, { n: 'server-B' }, { n: 'server-a' }], (x) => x.n).map((x) => x.n)).toEqual(['server-B', 'server-a', 'server-b']);
  });
});
