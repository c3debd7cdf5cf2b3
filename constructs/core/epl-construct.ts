import * as path from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { captureUserLocation } from '../../lib/diagnostics/stack';
import type { SourceLocation } from '../../lib/diagnostics/types';

const BRAND = Symbol.for('epl.EplConstruct');

/**
 * Directories holding epl's own code. Stack frames inside them are skipped when looking for the
 * line of the user's code that created a construct.
 */
export const LIBRARY_DIRS: readonly string[] = (() => {
  const root = path.resolve(__dirname, '..', '..');
  return path.basename(root) === 'dist'
    ? [root + path.sep]
    : ['constructs', 'lib', 'synth'].map((d) => path.join(root, d) + path.sep);
})();

/**
 * Base of every epl construct. Records where in the user's code it was created, so diagnostics
 * about it can point at that line, and which warnings the user acknowledged on it.
 */
export abstract class EplConstruct extends Construct {
  /** Whether `x` is an epl construct (works across duplicate copies of the package). */
  static isEplConstruct(x: unknown): x is EplConstruct {
    return typeof x === 'object' && x !== null && BRAND in x;
  }

  /** Where the user's code created this construct. */
  readonly creationLocation: SourceLocation | undefined;
  private readonly acknowledged = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, BRAND, { value: true });
    this.creationLocation = captureUserLocation(LIBRARY_DIRS);
  }

  /**
   * Acknowledges a warning on this construct and everything below it, so synth no longer
   * reports it. Errors cannot be acknowledged.
   *
   * @param code the warning's code, e.g. `meta/no-admin-ssh-keys`
   * @param reason why the warning does not apply; kept for reviewers of the platform code
   */
  acknowledgeWarning(code: string, reason: string): void {
    this.acknowledged.set(code, reason);
  }

  /** Whether `code` was acknowledged on this construct or one of its scopes. */
  isAcknowledged(code: string): boolean {
    for (const scope of this.node.scopes as IConstruct[]) {
      if (EplConstruct.isEplConstruct(scope) && scope.acknowledged.has(code)) return true;
    }
    return false;
  }
}
