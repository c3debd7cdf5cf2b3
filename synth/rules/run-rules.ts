import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { Diagnostic } from '../../lib/diagnostics/types';
import type { Model } from '../model/model';
import type { Rule } from './rule';

function where(construct: EplConstruct) {
  return { path: construct.node.path, ...(construct.creationLocation ? { location: construct.creationLocation } : {}) };
}

/** Runs every rule and collects all findings; acknowledged warnings are dropped. */
export function runRules(model: Model, rules: readonly Rule[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    rule.check(model, (construct, message, extra) => {
      if (rule.severity === 'warning' && construct.isAcknowledged(rule.code)) return;
      diagnostics.push({
        code: rule.code,
        severity: rule.severity,
        message,
        ...where(construct),
        ...(extra?.prop ? { prop: extra.prop } : {}),
        ...(extra?.related?.length
          ? { related: extra.related.map((r) => ({ message: r.message, ...where(r.construct), ...(r.prop ? { prop: r.prop } : {}) })) }
          : {}),
      });
    });
  }
  return diagnostics;
}
