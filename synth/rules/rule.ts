import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { PropPath, Severity } from '../../lib/diagnostics/types';
import type { Model } from '../model/model';

/** Another construct involved in a finding. */
export interface Related {
  readonly construct: EplConstruct;
  readonly prop?: PropPath;
  readonly message: string;
}

/** What a rule calls for each finding. */
export type Report = (
  construct: EplConstruct,
  message: string,
  extra?: { readonly prop?: PropPath; readonly related?: readonly Related[] },
) => void;

/** An invariant of the platform. Rules are pure: they read the model and report. */
export interface Rule {
  /** Stable code `<domain>/<kebab-name>`; never reused for another meaning. */
  readonly code: string;
  readonly severity: Severity;
  /** One line: what must hold. */
  readonly title: string;
  /** A paragraph: why it must hold and how to fix a violation. */
  readonly doc: string;
  /** The reference platform's error(s) this rule covers, for traceability. */
  readonly reference?: readonly string[];
  check(model: Model, report: Report): void;
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z0-9]+\/[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.code)) throw new Error(`epl bug: bad rule code ${rule.code}`);
  return rule;
}
