import { expect } from 'vitest';
import type { App } from '../../constructs';
import type { Diagnostic, PropPath } from '../../lib/diagnostics/types';
import { validate } from '../../synth/synth';

/** Runs every rule over the app. */
export function findings(app: App): readonly Diagnostic[] {
  return validate(app);
}

export interface Expected {
  readonly code: string;
  readonly path: string;
  readonly prop?: PropPath;
}

/** Asserts the app yields exactly these diagnostics (code, construct path, prop), in any order. */
export function expectDiagnostics(app: App, expected: readonly Expected[]): readonly Diagnostic[] {
  const found = findings(app);
  const key = (d: Expected) => `${d.code} @ ${d.path}${d.prop ? ' ' + JSON.stringify(d.prop) : ''}`;
  expect(found.map((d) => key({ code: d.code, path: d.path, ...(d.prop ? { prop: d.prop } : {}) })).sort()).toEqual(expected.map(key).sort());
  return found;
}

/** Asserts the app yields no diagnostic with this code. */
export function expectNo(app: App, code: string): void {
  expect(findings(app).filter((d) => d.code === code)).toEqual([]);
}

/**
 * Asserts the construct paths of the diagnostics with `code`, ignoring other codes. For setups
 * that add a region or datacenter and so also trip that region's quorum rules.
 */
export function expectPaths(app: App, code: string, paths: readonly string[]): void {
  expect(findings(app).filter((d) => d.code === code).map((d) => d.path).sort()).toEqual([...paths].sort());
}
