import { describe, expect, it } from 'vitest';
import { AlertGroup, baseAlerts, type AlertProps, type AlertTest } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

/** A test that makes `up == 0` fire. */
const TEST: AlertTest = { inputSeries: [{ series: 'up{instance="a:9100"}', values: '0x10' }], evalTime: '10m', expectedMessage: 'a:9100 is down' };
const PROPS: AlertProps = { expr: 'up == 0', description: '{{ $labels.instance }} is down', tests: [TEST] };

/** The standard platform with one group `Mine` holding alert `NodeDown` (the props changed by `change`). */
function withAlert(change: Partial<AlertProps> = {}, test: Partial<AlertTest> = {}) {
  return platform({ extend: ({ app }) => void new AlertGroup(app, 'Mine').alert('NodeDown', { ...PROPS, tests: [{ ...TEST, ...test }], ...change }) }).app;
}

describe('alert rules', () => {
  it('pass on the base alert set and a well-formed alert', () => {
    expectDiagnostics(platform({ extend: ({ app }) => baseAlerts(app) }).app, []);
    expectDiagnostics(withAlert(), []);
    expectDiagnostics(withAlert({ for: '1h30m', severity: 100 }, { interval: '30s', evalTime: '0s', expectedLabels: { instance: 'a:9100' } }), []);
  });

  it('group and alert names are PascalCase', () => {
    const app = platform({ extend: ({ app }) => void new AlertGroup(app, 'my_group').alert('node-down', PROPS) }).app;
    expectDiagnostics(app, [
      { code: 'alerts/group-name', path: 'my_group' },
      { code: 'alerts/alert-name', path: 'my_group/node-down' },
    ]);
  });

  it('alert names are unique across groups and within one', () => {
    const app = platform({
      extend: ({ app }) => {
        new AlertGroup(app, 'One').alert('NodeDown', PROPS);
        const two = new AlertGroup(app, 'Two');
        two.alert('NodeDown', PROPS);
        two.alert('NodeDown', PROPS);
      },
    }).app;
    const found = expectDiagnostics(app, [
      { code: 'alerts/alert-name-unique', path: 'Two/NodeDown' },
      { code: 'alerts/alert-name-unique', path: 'Two/NodeDown#2' },
    ]);
    expect(found[0]!.message).toContain("already declared in group 'One'");
  });

  it('severity is a whole number from 1 to 100', () => {
    for (const severity of [0, 101, 2.5]) expectDiagnostics(withAlert({ severity }), [{ code: 'alerts/severity', path: 'Mine/NodeDown', prop: ['severity'] }]);
  });

  it('for, evalTime and interval are Prometheus durations', () => {
    expectDiagnostics(withAlert({ for: '5 minutes' }), [{ code: 'alerts/duration', path: 'Mine/NodeDown', prop: ['for'] }]);
    expectDiagnostics(withAlert({}, { evalTime: '1m1h' }), [{ code: 'alerts/duration', path: 'Mine/NodeDown', prop: ['tests', 0, 'evalTime'] }]);
    expectDiagnostics(withAlert({}, { interval: '0s' }), [{ code: 'alerts/duration', path: 'Mine/NodeDown', prop: ['tests', 0, 'interval'] }]);
  });

  it('every alert has a test', () => {
    expectDiagnostics(withAlert({ tests: [] }), [{ code: 'alerts/no-test', path: 'Mine/NodeDown', prop: ['tests'] }]);
  });

  it('input series are a metric name and labels', () => {
    for (const series of ['up{instance!="a"}', 'up{instance="a"', '{instance="a"}', 'up{instance=a}', '9up', 'up{a="b"} junk']) {
      expectDiagnostics(withAlert({}, { inputSeries: [{ series, values: '0' }] }), [{ code: 'alerts/series-syntax', path: 'Mine/NodeDown', prop: ['tests', 0, 'inputSeries', 0, 'series'] }]);
    }
    for (const series of ['up', 'up{}', '{__name__="up",a="b"}', "up{a='b',}", 'up{a="x\\"y"}']) expectDiagnostics(withAlert({}, { inputSeries: [{ series, values: '0' }] }), []);
  });

  it('series values are in promtool notation', () => {
    for (const values of ['', 'abc', '1+x3', '1 2a']) {
      expectDiagnostics(withAlert({}, { inputSeries: [{ series: 'up', values }] }), [{ code: 'alerts/series-values', path: 'Mine/NodeDown', prop: ['tests', 0, 'inputSeries', 0, 'values'] }]);
    }
    expectDiagnostics(withAlert({}, { inputSeries: [{ series: 'up', values: '1 2 _ _x3 stale 1+2x3 5-1x4 0x10 Inf -Inf NaN 1e3 .5' }] }), []);
  });

  it('a series names each label once', () => {
    expectDiagnostics(withAlert({}, { inputSeries: [{ series: 'up{a="b",a="c"}', values: '0' }] }), [
      { code: 'alerts/series-duplicate-label', path: 'Mine/NodeDown', prop: ['tests', 0, 'inputSeries', 0, 'series'] },
    ]);
  });

  it("the metrics of a test's series occur in the expression", () => {
    const found = expectDiagnostics(withAlert({}, { inputSeries: [{ series: 'upp{instance="a"}', values: '0' }, { series: 'up{instance="a"}', values: '0' }] }), [
      { code: 'alerts/series-metric-not-in-expression', path: 'Mine/NodeDown', prop: ['tests', 0, 'inputSeries', 0, 'series'] },
    ]);
    expect(found[0]!.message).toContain("metric 'upp'");
    // a longer name containing the metric is not the metric
    expectDiagnostics(withAlert({ expr: 'up_total == 0' }), [{ code: 'alerts/series-metric-not-in-expression', path: 'Mine/NodeDown', prop: ['tests', 0, 'inputSeries', 0, 'series'] }]);
  });

  it('expected labels are label names other than alertname and severity', () => {
    for (const name of ['bad-name', '__meta', 'severity', 'alertname']) {
      expectDiagnostics(withAlert({}, { expectedLabels: { [name]: 'x' } }), [{ code: 'alerts/expected-label-name', path: 'Mine/NodeDown', prop: ['tests', 0, 'expectedLabels', name] }]);
    }
  });
});
