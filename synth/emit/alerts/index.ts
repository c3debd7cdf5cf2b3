import { AlertGroup } from '../../../constructs/services/alerts';
import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { ALERT_RULES_FILE, ALERT_TESTS_FILE, alertRulesYml, alertTestsYml } from '../../plan/alert-files';

export { ALERT_RULES_FILE, ALERT_TESTS_FILE, alertRulesYml, alertTestsYml } from '../../plan/alert-files';

/**
 * Adds `prometheus/alert_rules.yml` (every alert group, in declaration order) and its promtool
 * unit tests, which synth ran before writing them. A platform without alert groups gets neither.
 */
export function emitAlerts(ctx: EmitContext, out: FileTree): void {
  const groups = ctx.model.ofType(AlertGroup);
  if (groups.length === 0) return;
  out.add(ALERT_RULES_FILE, alertRulesYml(groups));
  out.add(ALERT_TESTS_FILE, alertTestsYml(groups));
}
