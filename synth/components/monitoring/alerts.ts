import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Model } from '../../model/model';

/**
 * THE ALERT RULES HOOK: the contents of `alert_rules.yml` that cluster `c`'s Prometheus evaluates
 * (`rule_files` in prometheus.yml, rendered by its job to `local/alert_rules.yml`). The typed
 * alerts (issue 10, item 2) replace the body with their `alertRulesYml(...)`; until then it is
 * empty and the job renders an empty rule file (`groups: []`).
 */
export function monitoringAlertRules(_model: Model, _c: MonitoringCluster): string {
  return '';
}

/**
 * The rule file as a Nomad template: the hook's text, or no groups. Alert annotations use Go
 * templates too (`{{ $labels.host }}`), which Nomad's consul-template would expand first: every
 * `{{` and `}}` becomes a template printing itself.
 */
export function alertRulesFile(model: Model, c: MonitoringCluster): string {
  const rules = monitoringAlertRules(model, c);
  return rules === '' ? 'groups: []\n' : escapeConsulTemplate(rules);
}

/** Text that consul-template renders as itself. */
export function escapeConsulTemplate(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => `{{ ${JSON.stringify(m)} }}`);
}
