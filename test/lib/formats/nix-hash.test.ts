import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isNixBase32Sha256, isSriSha256, toNixBase32 } from '../../../lib/formats/nix-hash';
import { hasTool, runTool } from '../../helpers/tools';

describe('Nix sha256 formats', () => {
  it("writes a digest in Nix's base32 as nix-hash does", () => {
    const digests = ['', 'x', 'nixpkgs'].map((t) => createHash('sha256').update(t).digest());
    const ours = digests.map((d) => toNixBase32(d));
    for (const b32 of ours) expect(isNixBase32Sha256(b32)).toBe(true);
    if (!hasTool('nix-hash')) return;
    expect(digests.map((d) => runTool('nix-hash', ['--type', 'sha256', '--to-base32', d.toString('hex')]).stdout.trim())).toEqual(ours);
  });

  it('knows the default pin in both forms: its base32 hash is the narHash of a flake.lock entry for the commit', () => {
    const sri = 'sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=';
    expect(isSriSha256(sri)).toBe(true);
    expect(toNixBase32(Buffer.from(sri.slice(7), 'base64'))).toBe('0ghn99k0nsbs8a83mhz5ylibvlps19yy690jgj5g6v9v3dkh8fgs');
  });

  it('rejects near misses', () => {
    const good = '0ghn99k0nsbs8a83mhz5ylibvlps19yy690jgj5g6v9v3dkh8fgs';
    for (const bad of [good.slice(1), `${good}0`, `e${good.slice(1)}`, `u${good.slice(1)}`, `2${good.slice(1)}`, good.toUpperCase()]) expect(isNixBase32Sha256(bad), bad).toBe(false);
    for (const bad of ['sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4', 'sha256:+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=', 'sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4==', 'sha512-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=']) {
      expect(isSriSha256(bad), bad).toBe(false);
    }
  });
});
