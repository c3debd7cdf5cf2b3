import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli';
import { hasTool, nixEnv, runTool } from '../helpers/tools';

// Validators must judge epl's output, not the machine: a fresh machine's tools warn about their
// own set-up (nix-bin without the nixbld group) and those warnings must not fail a test.
describe('validators on an unprepared machine', () => {
  it("pass a valid file while nix warns about its environment, and still fail an invalid one", () => {
    if (!hasTool('nix-instantiate')) return;
    const env = nixEnv();
    // The warning a fresh Debian nix-bin prints: its build-users-group does not exist.
    fs.mkdirSync(env.NIX_CONF_DIR!, { recursive: true });
    fs.writeFileSync(path.join(env.NIX_CONF_DIR!, 'nix.conf'), 'build-users-group = epl-no-such-group\n');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.nix'), '{ a = 1; }\n');
    fs.writeFileSync(path.join(dir, 'bad.nix'), '{ a = 1 }\n');
    const ok = runTool('nix-instantiate', ['--parse', path.join(dir, 'ok.nix')], { env });
    expect(ok.stderr).toMatch(/warning: the group 'epl-no-such-group' .* does not exist/);
    expect(ok.errors).toEqual([]);
    expect(ok.status).toBe(0);
    const bad = runTool('nix-instantiate', ['--parse', path.join(dir, 'bad.nix')], { env });
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(bad.status).not.toBe(0);
  });
});
