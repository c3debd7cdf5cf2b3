import type { VerifyCheck } from '../pg/checks';

/** Checks that run promtool on the generated alert files; documented with the rules in docs/errors.md. */
export const ALERT_CHECKS = {
  ruleInvalid: {
    code: 'alerts/rule-invalid',
    title: "Prometheus loads the alert's rule",
    doc: "`promtool check rules` parses the generated rule file: the expression must be PromQL and the description a valid template (`{{ $labels.instance }}`, `{{ $value | humanize }}`). promtool's message is shown at the alert.",
  },
  testFailed: {
    code: 'alerts/trigger-test-failed',
    title: "An alert's trigger test passes",
    doc: "`promtool test rules` evaluates the alert on the test's input series at `evalTime`: it must fire exactly once with the expected labels (`alertname`, `severity` and the test's labels) and the expected message. promtool's expected and actual alerts are shown at the test.",
    reference: ['AlertTriggerTestsFailed'],
  },
  promtoolMissing: {
    code: 'alerts/promtool-missing',
    title: 'promtool is installed to test the alerts',
    doc: "Alert tests run with Prometheus's `promtool` (Debian: `apt-get install prometheus`). Without it synth warns and writes the alert files untested; with `EPL_REQUIRE_TOOLS=1` (CI) it is an error. The warning can be acknowledged on the app.",
  },
} as const satisfies Record<string, VerifyCheck>;
