import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nixRaw } from '../../../../constructs';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { tempDir } from '../../../helpers/cli';
import { expectDiagnostics } from '../../../helpers/diagnostics';
import { emitContext } from '../../../helpers/emit';
import { platform } from '../../../helpers/platform';
import { hasTool, nixEnv, runTool } from '../../../helpers/tools';

const HOSTILE = 'a "quote", a \\ backslash, ${interpolation} and \'\' two quotes';

describe('NixOS configuration of your own (escape hatch)', () => {
  it('is a module imported after epl\'s, with packages and values Nix reads back as given', async () => {
    const p = platform({ servers: { 'server-a': (props) => ({ ...props, extraPackages: ['htop', 'python3Packages.requests'] }) } });
    const a = p.servers['server-a']!;
    a.addNixosConfig({ services: { nginx: { enable: true, 'virtual hosts': { 'x.example': { root: HOSTILE } } } }, boot: { kernelParams: ['quiet', 'loglevel=3'] } });
    a.addNixosConfig({ time: { timeZone: nixRaw('lib.mkForce "Europe/Berlin"') }, ratio: 0.5, off: null });
    const text = renderServerConfiguration(await emitContext(p.app), a);
    expect(text).toContain('the last module is the configuration given in epl.ts');
    if (!hasTool('nix-instantiate')) return;
    const file = path.join(tempDir(), 'configuration.nix');
    fs.writeFileSync(file, text);
    // The module is the last import: call it with stand-ins and read its value back.
    const expr = `let
      m = import ${file} { config = {}; pkgs = {}; lib = {}; modulesPath = "/m"; };
      own = builtins.elemAt m.imports (builtins.length m.imports - 1);
      body = own { config = {}; lib = { mkForce = v: { forced = v; }; }; pkgs = { htop = "htop-pkg"; python3Packages = { requests = "requests-pkg"; }; }; };
    in body`;
    const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      imports: [
        { environment: { systemPackages: ['htop-pkg', 'requests-pkg'] } },
        { services: { nginx: { enable: true, 'virtual hosts': { 'x.example': { root: HOSTILE } } } }, boot: { kernelParams: ['quiet', 'loglevel=3'] } },
        { time: { timeZone: { forced: 'Europe/Berlin' } }, ratio: 0.5, off: null },
      ],
    });
  });

  it('rejects a package name that is not an attribute path, and values Nix has not', () => {
    const p = platform({ servers: { 'server-b': (props) => ({ ...props, extraPackages: ['htop', 'vim; rm -rf /'] }) } });
    expectDiagnostics(p.app, [{ code: 'servers/invalid-extra-package', path: 'us-west/dc1/server-b', prop: ['extraPackages', 1] }]);
    const q = platform();
    q.servers['server-a']!.addNixosConfig({ when: new Date(0) as never });
    expectDiagnostics(q.app, [{ code: 'props/wrong-type', path: 'us-west/dc1/server-a', prop: ['nixosConfigs', 0, 'when'] }]);
  });
});
