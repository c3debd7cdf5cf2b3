import { stringify } from 'yaml';
import type { Alert, AlertGroup, AlertTest } from '../../constructs/services/alerts';
import { parseSeries } from '../../lib/formats/promql';
import { compareCodePoints } from '../../lib/text/order';

/** Where synth writes the rule file and its promtool unit tests, relative to the output. */
export const ALERT_RULES_FILE = 'prometheus/alert_rules.yml';
export const ALERT_TESTS_FILE = 'prometheus/alert_rules_tests.yml';

/** The interval promtool evaluates rules at in the tests: Prometheus's default. */
const EVALUATION_INTERVAL = '1m';

function sortedRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => compareCodePoints(a, b))) out[k] = v;
  return out;
}

function yaml(value: unknown): string {
  // lineWidth 0: long expressions stay on one line; the library quotes every user string it must.
  return stringify(value, { lineWidth: 0 });
}

/** The label naming an alert's group: Alertmanager sees labels only, and routes a group's alerts by it. */
export const ALERT_GROUP_LABEL = 'alert_group';

/** The labels epl puts on every alert of a rule. */
function ruleLabels(alert: Alert): Record<string, string> {
  return { [ALERT_GROUP_LABEL]: alert.group.groupName, severity: String(alert.severity) };
}

/**
 * The labels a test expects on the firing alert besides `alertname`: the user's, or else the
 * labels every input series carries with one value (what a comparison or arithmetic of those
 * series keeps), then `alert_group` and `severity`.
 */
export function expectedLabelsOf(alert: Alert, test: AlertTest): Record<string, string> {
  let labels: ReadonlyArray<readonly [string, string]>;
  if (test.expectedLabels) {
    labels = Object.entries(test.expectedLabels);
  } else {
    const sets = test.inputSeries.map((s) => parseSeries(s.series)).map((p) => new Map(p.ok ? p.series.labels : []));
    const [first, ...rest] = sets;
    labels = first ? [...first].filter(([k, v]) => rest.every((s) => s.get(k) === v)) : [];
  }
  const own = ruleLabels(alert);
  return sortedRecord([...labels.filter(([k]) => !(k in own)), ...Object.entries(own)]);
}

/**
 * A Prometheus rule file of the groups: each alert with its expression, `for`, the `alert_group`
 * and `severity` labels and the `description` annotation. Pure, so a monitoring cluster can embed the file for
 * the groups it evaluates.
 */
export function alertRulesYml(groups: readonly AlertGroup[]): string {
  return yaml({
    groups: groups.map((g) => ({
      name: g.groupName,
      rules: g.alerts.map((a) => ({ alert: a.alertName, expr: a.expr.trim(), for: a.for, labels: ruleLabels(a), annotations: { description: a.description } })),
    })),
  });
}

/** The test group name of an alert's test, how promtool names a failure. */
export function alertTestName(alert: Alert, index: number): string {
  return `${alert.alertName} test ${index + 1}`;
}

/**
 * A promtool unit-test file (`promtool test rules`) for the groups' alerts: one test group per
 * alert test, expecting exactly one firing alert with the test's labels and message.
 *
 * @param rulesFile the rule file, relative to the test file
 */
export function alertTestsYml(groups: readonly AlertGroup[], rulesFile = 'alert_rules.yml'): string {
  const tests = groups.flatMap((g) =>
    g.alerts.flatMap((a) =>
      a.tests.map((t, i) => ({
        name: alertTestName(a, i),
        interval: t.interval ?? '1m',
        input_series: t.inputSeries.map((s) => ({ series: s.series, values: s.values })),
        alert_rule_test: [
          {
            eval_time: t.evalTime,
            alertname: a.alertName,
            exp_alerts: [{ exp_labels: expectedLabelsOf(a, t), exp_annotations: { description: t.expectedMessage } }],
          },
        ],
      })),
    ),
  );
  return yaml({ rule_files: [rulesFile], evaluation_interval: EVALUATION_INTERVAL, tests });
}
