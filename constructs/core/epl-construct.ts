import * as path from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { captureUserLocation } from '../../lib/diagnostics/stack';
import type { SourceLocation } from '../../lib/diagnostics/types';
import { recordPropProblem } from './props';

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

/** A free id for `id` under `scope`: the id itself, or a suffixed one when it is taken. */
function freeId(scope: Construct | undefined, id: string): string {
  if (!scope || !scope.node.tryFindChild(id)) return id;
  let n = 2;
  while (scope.node.tryFindChild(`${id}#${n}`)) n++;
  return `${id}#${n}`;
}

/**
 * Base of every epl construct. Records where in the user's code it was created, so diagnostics
 * about it can point at that line, and which warnings the user acknowledged on it. A second
 * construct with an id already taken in its scope is not an exception (which would hide every
 * other finding) but a diagnostic at both lines.
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
    const givenId: unknown = id;
    const text = typeof givenId === 'string' ? givenId : String(givenId as string);
    // The root (the App) has no scope and the empty id.
    const free = scope ? freeId(scope, text.replace(/\//g, '%2F') || '(empty)') : text;
    super(scope, free);
    Object.defineProperty(this, BRAND, { value: true });
    this.creationLocation = captureUserLocation(LIBRARY_DIRS);
    if (typeof givenId !== 'string') {
      recordPropProblem(this, { kind: 'wrong-type', prop: [], message: `the id of a ${new.target.name} must be a string, not ${givenId === null ? 'null' : typeof givenId}` });
    } else if (scope && free !== givenId.replace(/\//g, '%2F') && free !== '(empty)' && !/#\d+$/.test(givenId)) {
      const first = scope.node.tryFindChild(givenId.replace(/\//g, '%2F'));
      recordPropProblem(this, {
        kind: 'duplicate-id',
        prop: [],
        message: `${scope.node.path || 'the app'} already has a construct named '${givenId}'`,
        ...(first && EplConstruct.isEplConstruct(first) ? { related: first } : {}),
      });
    }
  }

  /**
   * The nearest scope above this construct that is an instance of `type`: a construct of the user's
   * own may sit between epl's scopes (a `Rack` grouping servers inside a datacenter). When there
   * is none, the misuse is recorded as a diagnostic and undefined returned.
   */
  protected enclosing<T>(type: abstract new (...args: never[]) => T, what: string): T | undefined {
    const scopes = this.node.scopes;
    for (let i = scopes.length - 2; i >= 0; i--) if (scopes[i] instanceof type) return scopes[i] as T;
    recordPropProblem(this, { kind: 'wrong-scope', prop: [], message: `a ${this.constructor.name} must be created inside ${what}, not in ${this.node.scope?.node.path || 'the app'}` });
    return undefined;
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
