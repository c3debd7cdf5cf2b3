import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { AlertGroup } from '../../../constructs/services/alerts';
import { alertRulesYml } from '../../plan/alert-files';
import type { Model } from '../../model/model';

/**
 * The groups cluster `c` evaluates: those it routes (`alertGroups`, each once, in order), or,
 * routing none, every alert group of the platform.
 */
export function evaluatedGroups(model: Model, c: MonitoringCluster): readonly AlertGroup[] {
  if (c.alertGroups.length === 0) return model.ofType(AlertGroup);
  return [...new Set(c.alertGroups.map((r) => r.group))];
}

/**
 * The contents of `alert_rules.yml` that cluster `c`'s Prometheus evaluates (`rule_files` in
 * prometheus.yml, rendered by its job to `local/alert_rules.yml`): its groups (`evaluatedGroups`),
 * the same rules synth tested with promtool (prometheus/alert_rules.yml).
 */
export function monitoringAlertRules(model: Model, c: MonitoringCluster): string {
  const groups = evaluatedGroups(model, c);
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
