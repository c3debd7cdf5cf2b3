import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import app from '../../examples/single-dc/epl';
import { AlertGroup } from '../../constructs';
import { buildModel } from '../../synth/model/build-model';
import { ALERT_RULES_FILE, ALERT_TESTS_FILE, alertRulesYml, alertTestsYml } from '../../synth/emit/alerts';
import { hasTool, runTool } from '../helpers/tools';

/**
 * The alert files of examples/single-dc (the reference's `Default` group and epl's base set),
 * checked by Debian's promtool: the rule file loads (`promtool check rules`) and every alert's
 * trigger test passes (`promtool test rules`).
 */
describe('prometheus/alert_rules.yml of examples/single-dc', () => {
  const groups = buildModel(app).ofType(AlertGroup);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-alerts-'));
  fs.mkdirSync(path.join(dir, 'prometheus'));
  fs.writeFileSync(path.join(dir, ALERT_RULES_FILE), alertRulesYml(groups));
  fs.writeFileSync(path.join(dir, ALERT_TESTS_FILE), alertTestsYml(groups));

  it('holds the Default group and the base set', () => {
    expect(groups.map((g) => g.groupName)).toEqual(['Default', 'EplBase']);
    expect(groups.flatMap((g) => g.alerts.map((a) => a.alertName))).toEqual([
      'FilesystemSpaceLow',
      'EplDiskSpaceLow',
      'EplMemoryLow',
      'EplTargetDown',
      'EplVaultSealed',
      'EplPatroniNoLeader',
      'EplCertificateExpiring',
    ]);
  });

  it('promtool check rules accepts the rule file', () => {
    if (!hasTool('promtool')) return;
    const r = runTool('promtool', ['check', 'rules', ALERT_RULES_FILE], { cwd: dir });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS: 7 rules found');
  });

  it('promtool test rules passes every trigger test', () => {
    if (!hasTool('promtool')) return;
    const r = runTool('promtool', ['test', 'rules', ALERT_TESTS_FILE], { cwd: dir });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
    // one test group per alert test, each named after its alert
    expect([...alertTestsYml(groups).matchAll(/^ {2}- name: (\S+) test \d+$/gm)].map((m) => m[1])).toHaveLength(7);
  });
});
