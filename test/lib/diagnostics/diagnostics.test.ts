import { describe, expect, it } from 'vitest';
import { renderCodeFrame } from '../../../lib/diagnostics/code-frame';
import { locateProp } from '../../../lib/diagnostics/prop-location';
import { firstUserFrame, parseStack } from '../../../lib/diagnostics/stack';
import { formatPropPath } from '../../../lib/diagnostics/types';

const SOURCE = [
  "import { Server } from 'epl-platform';", // 1
  '', // 2
  "new Server(dc1, 'server-a', {", // 3
  '  interfaces: [', // 4
  "    { name: 'eth0', network: Network.LAN, address: '10.17.0.0/24' },", // 5
  "    { name: 'eth1', 'network': Network.INTERNET, address: ip },", // 6
  '  ],', // 7
  "  labels: { 'loki_reader': 'true' },", // 8
  '});', // 9
].join('\n');
const at = { file: '/x/epl.ts', line: 3, column: 1 };

describe('code frames', () => {
  it('marks the line and column', () => {
    expect(renderCodeFrame(SOURCE, 5, 52)).toBe(
      [
        '  3 | new Server(dc1, \'server-a\', {',
        '  4 |   interfaces: [',
        "> 5 |     { name: 'eth0', network: Network.LAN, address: '10.17.0.0/24' },",
        '    |                                                    ^',
        "  6 |     { name: 'eth1', 'network': Network.INTERNET, address: ip },",
        '  7 |   ],',
      ].join('\n'),
    );
  });
});

describe('locating a prop in the source', () => {
  it('follows object and array literals to the value', () => {
    expect(locateProp(SOURCE, at, ['interfaces', 0, 'address'])).toEqual({ file: '/x/epl.ts', line: 5, column: 52 });
    expect(locateProp(SOURCE, at, ['interfaces', 1, 'network'])).toEqual({ file: '/x/epl.ts', line: 6, column: 32 });
    expect(locateProp(SOURCE, at, ['labels', 'loki_reader'])).toEqual({ file: '/x/epl.ts', line: 8, column: 28 });
  });

  it('stops at the deepest literal it can follow', () => {
    expect(locateProp(SOURCE, at, ['interfaces', 1, 'address', 'deeper'])).toEqual({ file: '/x/epl.ts', line: 6, column: 59 });
    expect(locateProp(SOURCE, at, ['interfaces', 7])).toEqual({ file: '/x/epl.ts', line: 4, column: 15 });
  });

  it('falls back to the construct when nothing matches', () => {
    expect(locateProp(SOURCE, at, ['kind'])).toEqual(at);
    expect(locateProp(SOURCE, { ...at, line: 99 }, ['interfaces'])).toEqual({ ...at, line: 99 });
  });

  it('formats prop paths', () => {
    expect(formatPropPath(['interfaces', 0, 'address'])).toBe('interfaces[0].address');
  });
});

describe('stack frames', () => {
  const stack = [
    'Error',
    '    at new EplConstruct (/repo/constructs/core/epl-construct.ts:30:5)',
    '    at new Server (/repo/constructs/core/server.ts:80:5)',
    '    at Object.<anonymous> (/home/me/platform/epl.ts:12:1)',
    '    at node:internal/modules/cjs/loader:1:1',
  ].join('\n');

  it('finds the first frame outside the library', () => {
    expect(firstUserFrame(parseStack(stack), ['/repo/constructs/'])).toEqual({ file: '/home/me/platform/epl.ts', line: 12, column: 1 });
  });

  it('skips dependencies and node internals', () => {
    const frames = parseStack('Error\n    at x (/p/node_modules/constructs/lib/construct.js:1:1)\n    at node:internal/x:1:1');
    expect(firstUserFrame(frames, [])).toBeUndefined();
  });
});
