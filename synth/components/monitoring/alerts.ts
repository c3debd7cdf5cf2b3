import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { AlertGroup } from '../../../constructs/services/alerts';
import { alertRulesYml } from '../../plan/alert-files';
import type { Model } from '../../model/model';

/**
 * The contents of `alert_rules.yml` that cluster `c`'s Prometheus evaluates (`rule_files` in
 * prometheus.yml, rendered by its job to `local/alert_rules.yml`): every alert group of the
 * platform, the same rules synth tested with promtool (prometheus/alert_rules.yml). Choosing
 * groups per cluster is not supported yet.
 */
export function monitoringAlertRules(model: Model, _c: MonitoringCluster): string {
  const groups = model.ofType(AlertGroup);
  return groups.length === 0 ? '' : alertRulesYml(groups);
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
