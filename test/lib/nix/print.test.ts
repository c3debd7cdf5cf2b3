import { describe, expect, it } from 'vitest';
import { escapeNixString, printNix } from '../../../lib/nix/print';
import { nix, NixAttrs } from '../../../lib/nix/value';
import { hasTool, nixEnv, runTool } from '../../helpers/tools';

const HOSTILE = [
  'plain',
  'with "quotes"',
  'back\\slash and \\" mixed',
  'interpolation ${builtins.currentTime} attempt',
  'dollar $ alone and $${ double',
  "two single quotes '' inside",
  "''${ indented-string escapes",
  'new\nline\r\nand\ttab',
  '#!/bin/sh\necho "$HOME" \'${x}\'\n',
  'unicode: zürich ✓ 日本',
  "ends with a quote'",
  "'''three quotes''' and ''''four",
  "it's ${x} and '${y}' and ''\\${z}",
  "x\n$''\n",
  "x\na$'",
  "$$'' and $'' and $$${y}",
  "ends in dollars and a quote $$'",
  '',
];

/** Evaluates a Nix expression with the real evaluator and returns its JSON value. */
function evalNix(source: string): unknown {
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', source], { env: nixEnv() });
  if (r.status !== 0) throw new Error(`nix-instantiate failed: ${r.stderr}\n${source}`);
  return JSON.parse(r.stdout);
}

describe('Nix printer', () => {
  it('escapes the characters special in double-quoted strings', () => {
    expect(escapeNixString('a"b\\c${d}$e')).toBe('"a\\"b\\\\c\\${d}$e"');
    expect(escapeNixString('x\ny')).toBe('"x\\ny"');
  });

  it('quotes attribute names that are not identifiers, and keywords', () => {
    const text = printNix(new NixAttrs().set(['networking', 'interfaces', 'eth0.100'], 1).set('let', 2).set('a-b', 3));
    expect(text).toBe('{\n  networking.interfaces."eth0.100" = 1;\n  "let" = 2;\n  a-b = 3;\n}\n');
  });

  it('prints a module function with comments and a header', () => {
    const text = printNix(nix.fn(['config', 'pkgs'], new NixAttrs().set('x', [true, null, 3], 'why')), 'header');
    expect(text).toBe('# header\n{ config, pkgs, ... }:\n{\n  # why\n  x = [ true null 3 ];\n}\n');
  });

  it('round-trips hostile strings through the real Nix evaluator', () => {
    if (!hasTool('nix-instantiate')) return;
    const attrs = new NixAttrs();
    const multi = new NixAttrs();
    HOSTILE.forEach((s, i) => {
      attrs.set(`s${i}`, s);
      multi.set(`m${i}`, nix.multiline(s));
    });
    const weirdKeys = new NixAttrs();
    HOSTILE.forEach((s, i) => weirdKeys.set([`k${i}`, s || 'empty'], i));
    const expected = Object.fromEntries(HOSTILE.map((s, i) => [`s${i}`, s]));
    expect(evalNix(printNix(attrs))).toEqual(expected);
    expect(evalNix(printNix(multi))).toEqual(Object.fromEntries(HOSTILE.map((s, i) => [`m${i}`, s])));
    expect(evalNix(printNix(weirdKeys))).toEqual(Object.fromEntries(HOSTILE.map((s, i) => [`k${i}`, { [s || 'empty']: i }])));
  });

  it('prints indented strings that keep their relative indentation', () => {
    if (!hasTool('nix-instantiate')) return;
    const text = 'if true; then\n  echo "${x}"\nfi\n';
    expect(evalNix(printNix(nix.multiline(text)))).toBe(text);
  });

  it('prints numbers Nix reads back as the same number, and functions in lists', () => {
    const values = [0, 7, -3, 1.5, -0.25, 1e21, 2.5e-7, 123456.789];
    expect(printNix(values)).toBe('[ 0 7 (-3) 1.5 (-0.25) 1.0e+21 2.5e-7 123456.789 ]\n');
    if (!hasTool('nix-instantiate')) return;
    // nix-instantiate --json prints floats with six significant digits: compare the ones that have no more.
    expect(evalNix(printNix(values.slice(0, -1)))).toEqual(values.slice(0, -1));
    expect(evalNix(`${printNix(123456.789).trim()} == 123456.789`)).toBe(true);
    const fnInList = printNix([nix.fn(['pkgs'], nix.attrs({ a: 1 })), 2]);
    expect(evalNix(`builtins.length (${fnInList.trim()})`)).toBe(2);
  });

  it('prints calls, parenthesized where they are items or arguments', () => {
    const call = nix.call('builtins.concatStringsSep', ['-', ['a', nix.call('toString', [3])]]);
    expect(printNix(call)).toBe('builtins.concatStringsSep "-" [ "a" (toString 3) ]\n');
    expect(() => nix.call('x; rm', [])).toThrow(/not a Nix function name/);
    if (!hasTool('nix-instantiate')) return;
    expect(evalNix(printNix(call))).toBe('a-3');
    expect(evalNix(printNix([call, nix.call('builtins.toString', [nix.multiline('x ${y}\n')])]))).toEqual(['a-3', 'x ${y}\n']);
  });

  it('prints let bindings with their comments, names the body refers to, parenthesized where they are items', () => {
    const bound = nix.let(new NixAttrs().set('x', nix.call('toString', [3]), 'why').set('y', nix.attrs({ a: 'b' })), nix.fn(['pkgs'], nix.attrs({ z: nix.expr('"${x}-${y.a}"') })));
    expect(printNix(bound)).toBe('let\n  # why\n  x = toString 3;\n  y = {\n    a = "b";\n  };\nin\n{ pkgs, ... }:\n{\n  z = "${x}-${y.a}";\n}\n');
    expect(printNix(nix.let(new NixAttrs(), 1))).toBe('1\n');
    expect(() => nix.let(new NixAttrs().set('in', 1), 2)).toThrow(/not a Nix let binding name/);
    expect(() => nix.let(new NixAttrs().set(['a', 'b'], 1), 2)).toThrow(/not a Nix let binding name/);
    if (!hasTool('nix-instantiate')) return;
    expect(evalNix(`(${printNix(bound).trim()}) { pkgs = null; }`)).toEqual({ z: '3-b' });
    expect(evalNix(printNix([nix.let(new NixAttrs().set('x', 1), nix.expr('x + 1')), 5]))).toEqual([2, 5]);
  });

  it('rejects values it cannot print faithfully', () => {
    expect(() => printNix(Number.NaN)).toThrow(/no number NaN/);
    expect(() => printNix(Number.POSITIVE_INFINITY)).toThrow(/no number Infinity/);
    expect(() => nix.path('../etc; rm -rf /')).toThrow(/not a Nix path/);
  });
});
