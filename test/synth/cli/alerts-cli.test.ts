import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleProject } from '../../helpers/cli';
import { hasTool } from '../../helpers/tools';

const MESSAGE = "expectedMessage: 'Filesystem /mookie at some-server:9090 has less than 20% disk space remaining'";

/**
 * The example's alerts through the real CLI: synth runs their trigger tests with promtool once
 * and takes the pass from the cache while the alert files are unchanged; a broken trigger test
 * fails synth with promtool's explanation at the test in the user's file, and nothing is written.
 */
describe('alert tests through epl synth', () => {
  it('runs the trigger tests once, then takes them from the cache', async () => {
    if (!hasTool('promtool')) return;
    const p = exampleProject(undefined, undefined, { freshCache: true });
    const first = await cli(['synth', '--json', '--no-typecheck'], p.dir);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ alertTests: 'passed' });
    expect(fs.readdirSync(path.join(p.dir, 'node_modules/.cache/epl')).filter((f) => f.startsWith('alerts-'))).toHaveLength(1);
    expect(fs.existsSync(path.join(p.dir, 'out/prometheus/alert_rules.yml'))).toBe(true);
    expect(fs.existsSync(path.join(p.dir, 'out/prometheus/alert_rules_tests.yml'))).toBe(true);
    const second = await cli(['synth', '--no-typecheck'], p.dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Unchanged alerts, their tests passed before.');
  }, 120_000);

  it('fails synth on a trigger test that does not pass, at the test', async () => {
    if (!hasTool('promtool')) return;
    const p = exampleProject(MESSAGE, "expectedMessage: 'Filesystem /mookie is full'");
    const run = await cli(['synth', '--json', '--no-typecheck', '--out', 'out'], p.dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
    const lines = fs.readFileSync(p.file, 'utf8').split('\n');
    const alertLine = lines.findIndex((l) => l.includes("defaultAlerts.alert('FilesystemSpaceLow'")) + 1;
    const testLine = lines.findIndex((l, i) => i >= alertLine && l.trim() === '{') + 1;
    const errors = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; severity: string; message: string; path: string; location?: { line: number } }> }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} @ ${d.path}:${d.location?.line}`)).toEqual([`alerts/trigger-test-failed @ Default/FilesystemSpaceLow:${testLine}`]);
    expect(errors[0]!.message).toMatch(/^trigger test 1 of alert 'FilesystemSpaceLow' failed: alertname: FilesystemSpaceLow, time: 10m, exp:\[.*Filesystem \/mookie is full.*got:\[.*has less than 20% disk space remaining/);
  }, 120_000);
});
