import { Alert, AlertGroup } from '../../../constructs/services/alerts';
import { badSeriesValue, durationMs, isPromDuration, LABEL_NAME, mentionsMetric, parseSeries } from '../../../lib/formats/promql';
import type { Model } from '../../model/model';
import { defineRule } from '../rule';

/** Group and alert names: PascalCase, as the reference has them; they are Prometheus names too. */
const PASCAL_CASE = /^[A-Z][a-zA-Z0-9]*$/;

const groups = (model: Model) => model.ofType(AlertGroup);
const alerts = (model: Model) => model.ofType(Alert);

export const groupName = defineRule({
  code: 'alerts/group-name',
  severity: 'error',
  title: 'Alert group names are PascalCase',
  doc: 'The name becomes the `name` of a group in the Prometheus rule file and what a monitoring cluster lists to evaluate the group; write it like `Default` or `PostgresReplication`.',
  reference: ['alert_group.alert_group_name PascalCase'],
  check(model, report) {
    for (const g of groups(model)) if (!PASCAL_CASE.test(g.groupName)) report(g, `alert group name '${g.groupName}' is not PascalCase (a capital letter, then letters and digits)`);
  },
});

export const alertName = defineRule({
  code: 'alerts/alert-name',
  severity: 'error',
  title: 'Alert names are PascalCase',
  doc: 'The name is the `alertname` label every notification carries; write it like `FilesystemSpaceLow`.',
  reference: ['alert.alert_name PascalCase'],
  check(model, report) {
    for (const a of alerts(model)) if (!PASCAL_CASE.test(a.alertName)) report(a, `alert name '${a.alertName}' is not PascalCase (a capital letter, then letters and digits)`);
  },
});

export const alertNameUnique = defineRule({
  code: 'alerts/alert-name-unique',
  severity: 'error',
  title: 'Every alert has its own name, across all groups',
  doc: 'Notifications, silences and the unit tests name an alert by `alertname` alone, so two alerts of one name (even in different groups) could not be told apart. Rename one.',
  reference: ['UNIQUE(alert_name)'],
  check(model, report) {
    const first = new Map<string, Alert>();
    for (const a of alerts(model)) {
      const seen = first.get(a.alertName);
      if (seen) report(a, `alert '${a.alertName}' is already declared in group '${seen.group.groupName}'`, { related: [{ construct: seen, message: 'first declared here' }] });
      else first.set(a.alertName, a);
    }
  },
});

export const severity = defineRule({
  code: 'alerts/severity',
  severity: 'error',
  title: 'Alert severity is a whole number from 1 to 100',
  doc: 'The `severity` label orders and routes notifications; 1 is the least urgent, 100 the most.',
  reference: ['alert.severity CHECK 1..100'],
  check(model, report) {
    for (const a of alerts(model)) {
      if (!Number.isInteger(a.severity) || a.severity < 1 || a.severity > 100) report(a, `severity ${a.severity} is not a whole number from 1 to 100`, { prop: ['severity'] });
    }
  },
});

export const duration = defineRule({
  code: 'alerts/duration',
  severity: 'error',
  title: "An alert's `for` and its tests' `evalTime` and `interval` are Prometheus durations",
  doc: 'Durations are a number and a unit, units from the largest down, each once: `30s`, `5m`, `1h30m`, `2d` (units `ms`, `s`, `m`, `h`, `d`, `w`, `y`). A test interval is more than zero.',
  check(model, report) {
    const says = 'a Prometheus duration (like 30s, 5m or 1h30m)';
    for (const a of alerts(model)) {
      if (!isPromDuration(a.for)) report(a, `for '${a.for}' is not ${says}`, { prop: ['for'] });
      a.tests.forEach((t, i) => {
        if (!isPromDuration(t.evalTime)) report(a, `evalTime '${t.evalTime}' is not ${says}`, { prop: ['tests', i, 'evalTime'] });
        const interval = t.interval ?? '1m';
        if (!isPromDuration(interval) || durationMs(interval) === 0) report(a, `interval '${interval}' is not ${says} longer than zero`, { prop: ['tests', i, 'interval'] });
      });
    }
  },
});

export const hasTest = defineRule({
  code: 'alerts/no-test',
  severity: 'error',
  title: 'Every alert has at least one trigger test',
  doc: 'An alert that was never seen to fire may never fire: a typo in a metric or label name makes an expression that is silently empty. Give it a test with series that make it fire and the message it then has.',
  reference: ['AlertMustHaveAtLeastOneTriggerTest'],
  check(model, report) {
    for (const a of alerts(model)) if (a.tests.length === 0) report(a, `alert '${a.alertName}' has no tests`, { prop: ['tests'] });
  },
});

export const seriesSyntax = defineRule({
  code: 'alerts/series-syntax',
  severity: 'error',
  title: "A test's input series are a metric name with optional labels",
  doc: 'Write a series as `metric_name{label="value",other="value"}`: a metric name, then in braces label names each with `=` and a quoted value. Matchers such as `!=` or `=~` select series; they do not describe one.',
  reference: ['AlertTriggerTestCantParseSeries', 'AlertTriggerTestCantParseSeriesExpression'],
  check(model, report) {
    for (const a of alerts(model)) {
      a.tests.forEach((t, i) =>
        t.inputSeries.forEach((s, j) => {
          const parsed = parseSeries(s.series);
          if (!parsed.ok) report(a, `series '${s.series}' does not parse: ${parsed.error}`, { prop: ['tests', i, 'inputSeries', j, 'series'] });
        }),
      );
    }
  },
});

export const seriesValues = defineRule({
  code: 'alerts/series-values',
  severity: 'error',
  title: "A test's series values are in promtool's notation",
  doc: 'Values are separated by spaces, one per interval: numbers, `a+bxn` or `a-bxn` (a, then n more samples stepping by b), `axn` (n more samples of a), `_` or `_xn` (missing samples) and `stale`.',
  reference: ['AlertTriggerTestCantParseSeries'],
  check(model, report) {
    for (const a of alerts(model)) {
      a.tests.forEach((t, i) =>
        t.inputSeries.forEach((s, j) => {
          const bad = badSeriesValue(s.values);
          if (bad !== undefined) report(a, bad === '' ? `series '${s.series}' has no values` : `value '${bad}' of series '${s.series}' is not a number, a+bxn, axn, _ or stale`, { prop: ['tests', i, 'inputSeries', j, 'values'] });
        }),
      );
    }
  },
});

export const seriesDuplicateLabel = defineRule({
  code: 'alerts/series-duplicate-label',
  severity: 'error',
  title: 'A test series names each label once',
  doc: 'A series is one set of labels, so a label name can have only one value.',
  reference: ['AlertTriggerTestSeriesDuplicateLabel'],
  check(model, report) {
    for (const a of alerts(model)) {
      a.tests.forEach((t, i) =>
        t.inputSeries.forEach((s, j) => {
          const parsed = parseSeries(s.series);
          if (!parsed.ok) return;
          const names = parsed.series.labels.map(([n]) => n);
          const dup = names.find((n, k) => names.indexOf(n) !== k);
          if (dup) report(a, `series '${s.series}' names label '${dup}' twice`, { prop: ['tests', i, 'inputSeries', j, 'series'] });
        }),
      );
    }
  },
});

export const seriesInExpression = defineRule({
  code: 'alerts/series-metric-not-in-expression',
  severity: 'error',
  title: "Every metric of a test's input series occurs in the alert's expression",
  doc: 'A series the expression never reads cannot make the alert fire; it is usually a typo in the series or the expression.',
  reference: ['AlertTriggerTestSeriesIsNotFoundInExpression'],
  check(model, report) {
    for (const a of alerts(model)) {
      a.tests.forEach((t, i) =>
        t.inputSeries.forEach((s, j) => {
          const parsed = parseSeries(s.series);
          if (parsed.ok && !mentionsMetric(a.expr, parsed.series.metric)) {
            report(a, `metric '${parsed.series.metric}' of series '${s.series}' does not occur in the expression of alert '${a.alertName}'`, { prop: ['tests', i, 'inputSeries', j, 'series'] });
          }
        }),
      );
    }
  },
});

export const expectedLabels = defineRule({
  code: 'alerts/expected-label-name',
  severity: 'error',
  title: "A test's expected labels are label names other than alertname, alert_group and severity",
  doc: 'Label names are letters, digits and `_`, not starting with a digit or `__`. `alertname`, `alert_group` and `severity` are set by epl from the alert itself, so a test does not list them.',
  reference: ['AlertTriggerTestCantParseExpectedLabels'],
  check(model, report) {
    for (const a of alerts(model)) {
      a.tests.forEach((t, i) => {
        for (const name of Object.keys(t.expectedLabels ?? {})) {
          if (!LABEL_NAME.test(name) || name.startsWith('__')) report(a, `expected label '${name}' is not a label name`, { prop: ['tests', i, 'expectedLabels', name] });
          else if (name === 'alertname' || name === 'severity' || name === 'alert_group') report(a, `expected label '${name}' is set by epl from the alert; leave it out`, { prop: ['tests', i, 'expectedLabels', name] });
        }
      });
    }
  },
});
