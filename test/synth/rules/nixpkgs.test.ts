import { describe, expect, it } from 'vitest';
import { DEFAULT_NIXPKGS, type NixpkgsPin } from '../../../constructs';
import { expectDiagnostics, findings } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

/** Another well-formed pin (these rules check form; whether GitHub has the commit shows when it is fetched). */
const OTHER: NixpkgsPin = { rev: '5df43628fdf08d642be8ba5b3625a6c70731c19c', sha256: '0gzzfdw2z5rsixb6sqr8b6v8bxf4iw0rhsfc3xzlxs7z1w6gxhq0' };
/** The default pin's hash in SRI form: the narHash of a flake.lock entry for the same commit. */
const DEFAULT_SRI = 'sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=';

describe('nixpkgs pin rules', () => {
  it('passes the default pin, and pins given on the App and a datacenter, in base32 or SRI', () => {
    expectDiagnostics(platform().app, []);
    expectDiagnostics(platform({ app: { nixpkgs: OTHER }, dc: { nixpkgs: { ...DEFAULT_NIXPKGS, sha256: DEFAULT_SRI } } }).app, []);
  });

  it('fails a rev that is not a full commit hash, on the App and on a datacenter', () => {
    for (const rev of ['nixos-25.05', '1f08a4df', DEFAULT_NIXPKGS.rev.toUpperCase(), `${DEFAULT_NIXPKGS.rev}0`]) {
      expectDiagnostics(platform({ app: { nixpkgs: { ...DEFAULT_NIXPKGS, rev } } }).app, [{ code: 'servers/invalid-nixpkgs-rev', path: '', prop: ['nixpkgs', 'rev'] }]);
    }
    expectDiagnostics(platform({ dc: { nixpkgs: { ...OTHER, rev: 'main' } } }).app, [{ code: 'servers/invalid-nixpkgs-rev', path: 'us-west/dc1', prop: ['nixpkgs', 'rev'] }]);
  });

  it('fails a sha256 that is neither Nix base32 nor SRI, on the App and on a datacenter', () => {
    const bad = [
      DEFAULT_NIXPKGS.sha256.slice(1), // 51 characters
      `e${DEFAULT_NIXPKGS.sha256.slice(1)}`, // e is not in Nix's base32
      `2${DEFAULT_NIXPKGS.sha256.slice(1)}`, // more than 256 bits
      'sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4', // unpadded
      'sha512-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=',
      '',
    ];
    for (const sha256 of bad) {
      expectDiagnostics(platform({ app: { nixpkgs: { ...DEFAULT_NIXPKGS, sha256 } } }).app, [{ code: 'servers/invalid-nixpkgs-sha256', path: '', prop: ['nixpkgs', 'sha256'] }]);
    }
    expectDiagnostics(platform({ dc: { nixpkgs: { ...OTHER, sha256: 'x' } } }).app, [{ code: 'servers/invalid-nixpkgs-sha256', path: 'us-west/dc1', prop: ['nixpkgs', 'sha256'] }]);
  });

  it('offers the base32 form of a hexadecimal sha256', () => {
    const hex = Buffer.from(DEFAULT_SRI.slice(7), 'base64').toString('hex');
    const [d] = expectDiagnostics(platform({ app: { nixpkgs: { ...DEFAULT_NIXPKGS, sha256: hex } } }).app, [{ code: 'servers/invalid-nixpkgs-sha256', path: '', prop: ['nixpkgs', 'sha256'] }]);
    expect(d?.message).toContain(`in Nix base32 it is '${DEFAULT_NIXPKGS.sha256}'`);
  });

  it("reports a datacenter's pin at the datacenter's line, not on the App whose pin it replaces", () => {
    const p = platform({ app: { nixpkgs: OTHER }, dc: { nixpkgs: { rev: 'oops', sha256: 'oops' } } });
    const found = expectDiagnostics(p.app, [
      { code: 'servers/invalid-nixpkgs-rev', path: 'us-west/dc1', prop: ['nixpkgs', 'rev'] },
      { code: 'servers/invalid-nixpkgs-sha256', path: 'us-west/dc1', prop: ['nixpkgs', 'sha256'] },
    ]);
    for (const d of found) expect(d.location).toEqual(p.dc.creationLocation);
    expect(p.dc.creationLocation).not.toEqual(p.app.creationLocation);
  });

  it('checks the shape of a pin: a misspelt key is caught with a suggestion', () => {
    const app = platform({ app: { nixpkgs: { rev: DEFAULT_NIXPKGS.rev, sha265: DEFAULT_NIXPKGS.sha256 } as unknown as NixpkgsPin } }).app;
    const found = findings(app);
    expect(found.map((d) => `${d.code} ${JSON.stringify(d.prop)}`)).toEqual(expect.arrayContaining(['props/unknown-prop ["nixpkgs","sha265"]', 'props/missing-prop ["nixpkgs","sha256"]']));
    expect(found.find((d) => d.code === 'props/unknown-prop')?.message).toContain("did you mean 'sha256'?");
  });
});
