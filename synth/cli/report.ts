import * as fs from 'node:fs';
import { formatDiagnostic, formatSummary } from '../../lib/diagnostics/format';
import { locateProp } from '../../lib/diagnostics/prop-location';
import type { Diagnostic, PropPath, SourceLocation } from '../../lib/diagnostics/types';

/** Reads the user's sources once each. */
export class SourceCache {
  private readonly files = new Map<string, string | undefined>();
  read(file: string): string | undefined {
    if (!this.files.has(file)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      this.files.set(file, text);
    }
    return this.files.get(file);
  }
}

function refine(location: SourceLocation | undefined, prop: PropPath | undefined, sources: SourceCache): SourceLocation | undefined {
  if (!location || !prop) return location;
  const text = sources.read(location.file);
  return text === undefined ? location : locateProp(text, location, prop);
}

/** Moves each diagnostic's location from the construct's creation to the prop it is about. */
export function refineLocations(diagnostics: readonly Diagnostic[], sources: SourceCache): Diagnostic[] {
  return diagnostics.map((d) => {
    const location = refine(d.location, d.prop, sources);
    const related = d.related?.map((r) => {
      const loc = refine(r.location, r.prop, sources);
      return { ...r, ...(loc ? { location: loc } : {}) };
    });
    return { ...d, ...(location ? { location } : {}), ...(related ? { related } : {}) };
  });
}

export function renderText(diagnostics: readonly Diagnostic[], sources: SourceCache, cwd: string, color: boolean): string {
  const parts = diagnostics.map((d) => formatDiagnostic(d, { readSource: (f) => sources.read(f), cwd, color }));
  return [...parts, formatSummary(diagnostics)].join('\n\n') + '\n';
}

export function renderJson(diagnostics: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return JSON.stringify({ diagnostics, errors, warnings: diagnostics.length - errors, ...extra }, null, 2) + '\n';
}
