import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlertGroup, baseAlerts } from '../../../constructs';
import { buildModel } from '../../../synth/model/build-model';
import { verifyAlerts } from '../../../synth/verify/alerts';
import { tempDir } from '../../helpers/cli';
import { platform } from '../../helpers/platform';
import { hasTool } from '../../helpers/tools';

/**
 * The promtool checks synth runs on the alert files: the base set passes, a broken test or
 * expression is a diagnostic at its alert, passes are cached by the files' hash, and a missing
 * promtool is a warning (an error when tools are required).
 */
describe('alert verification with promtool', () => {
  it('passes the base alert set, each alert with its own trigger test', async () => {
    if (!hasTool('promtool')) return;
    const p = platform({ extend: ({ app }) => baseAlerts(app) });
    const r = await verifyAlerts(buildModel(p.app));
    expect(r.diagnostics).toEqual([]);
    expect(r.outcome).toBe('passed');
  });

  it('reports a failing trigger test at the test, with promtool\'s explanation', async () => {
    if (!hasTool('promtool')) return;
    const p = platform({
      extend: ({ app }) => {
        const g = new AlertGroup(app, 'Mine');
        g.alert('NodeDown', {
          expr: 'up == 0',
          description: '{{ $labels.instance }} is down',
          tests: [
            { inputSeries: [{ series: 'up{instance="a:9100"}', values: '0x10' }], evalTime: '10m', expectedMessage: 'a:9100 is down' },
            { inputSeries: [{ series: 'up{instance="a:9100"}', values: '0x10' }], evalTime: '10m', expectedMessage: 'a:9100 is up' },
          ],
        });
      },
    });
    const r = await verifyAlerts(buildModel(p.app));
    expect(r.outcome).toBe('failed');
    expect(r.diagnostics.map((d) => `${d.code} @ ${d.path} ${JSON.stringify(d.prop)}`)).toEqual(['alerts/trigger-test-failed @ Mine/NodeDown ["tests",1]']);
    expect(r.diagnostics[0]!.message).toMatch(/^trigger test 2 of alert 'NodeDown' failed: alertname: NodeDown, time: 10m, exp:\[.*a:9100 is up.*got:\[.*a:9100 is down/);
    expect(r.diagnostics[0]!.location?.file).toBe(__filename);
  });

  it('reports an expression promtool cannot parse at the expression', async () => {
    if (!hasTool('promtool')) return;
    const p = platform({
      extend: ({ app }) => {
        new AlertGroup(app, 'Mine').alert('NodeDown', {
          expr: 'up == = 0',
          description: 'down',
          tests: [{ inputSeries: [{ series: 'up{instance="a"}', values: '0' }], evalTime: '1m', expectedMessage: 'down' }],
        });
      },
    });
    const r = await verifyAlerts(buildModel(p.app));
    expect(r.diagnostics.map((d) => `${d.code} @ ${d.path} ${JSON.stringify(d.prop)}`)).toEqual(['alerts/rule-invalid @ Mine/NodeDown ["expr"]']);
    expect(r.diagnostics[0]!.message).toContain('could not parse expression');
  });

  it('takes a pass from the cache when the files are unchanged, and runs again when they change', async () => {
    if (!hasTool('promtool')) return;
    const cacheDir = tempDir();
    const make = (severity: number) => buildModel(platform({ extend: ({ app }) => void baseAlerts(app).alert('Extra', { expr: 'up == 0', severity, description: 'x', tests: [{ inputSeries: [{ series: 'up', values: '0x10' }], evalTime: '10m', expectedMessage: 'x' }] }) }).app);
    expect((await verifyAlerts(make(50), { cacheDir })).outcome).toBe('passed');
    expect(fs.readdirSync(cacheDir).filter((f) => f.startsWith('alerts-'))).toHaveLength(1);
    expect((await verifyAlerts(make(50), { cacheDir })).outcome).toBe('cached');
    expect((await verifyAlerts(make(51), { cacheDir })).outcome).toBe('passed');
  });

  it('warns without promtool, and fails when tools are required', async () => {
    const p = platform({ extend: ({ app }) => baseAlerts(app) });
    const model = buildModel(p.app);
    const warned = await verifyAlerts(model, { promtool: '/nonexistent/promtool', requireTools: false });
    expect(warned.diagnostics.map((d) => `${d.code} ${d.severity} @ ${d.path}`)).toEqual(['alerts/promtool-missing warning @ EplBase']);
    expect(warned.diagnostics[0]!.message).toContain('not installed');
    const failed = await verifyAlerts(model, { promtool: '/nonexistent/promtool', requireTools: true });
    expect(failed.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['alerts/promtool-missing error']);
    p.app.acknowledgeWarning('alerts/promtool-missing', 'no promtool on this laptop');
    expect((await verifyAlerts(model, { promtool: '/nonexistent/promtool', requireTools: false })).diagnostics).toEqual([]);
  });

  it('runs nothing for a platform without alerts', async () => {
    expect(await verifyAlerts(buildModel(platform().app), { promtool: '/nonexistent/promtool', requireTools: true })).toEqual({ diagnostics: [], outcome: 'none' });
  });
});
