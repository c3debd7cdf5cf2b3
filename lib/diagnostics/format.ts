import { renderCodeFrame } from './code-frame';
import { formatPropPath, type Diagnostic, type SourceLocation } from './types';

export interface FormatOptions {
  /** Reads a source file, or returns undefined when it cannot. */
  readonly readSource: (file: string) => string | undefined;
  /** Paths are printed relative to this directory. */
  readonly cwd: string;
  readonly color: boolean;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** `file:line:column`; a location with line 0 is a whole file (no position, no code frame). */
function where(loc: SourceLocation | undefined, cwd: string): string | undefined {
  if (!loc) return undefined;
  const file = loc.file.startsWith(cwd + '/') ? loc.file.slice(cwd.length + 1) : loc.file;
  return loc.line > 0 ? `${file}:${loc.line}:${loc.column}` : file;
}

/** Formats one diagnostic like a compiler: location, severity, code, message, path, code frame. */
export function formatDiagnostic(d: Diagnostic, opts: FormatOptions): string {
  const sev = d.severity === 'error' ? paint(opts.color, '1;31', 'error') : paint(opts.color, '1;33', 'warning');
  const at = where(d.location, opts.cwd);
  const lines = [`${at ? `${paint(opts.color, '36', at)} - ` : ''}${sev} ${paint(opts.color, '2', d.code)}: ${d.message}`];
  if (d.path || d.prop) lines.push(`  at ${[d.path || '(app)', d.prop ? formatPropPath(d.prop) : ''].filter(Boolean).join(' ')}`);
  for (const r of d.related ?? []) {
    lines.push(`  ${r.message}: ${r.path}${r.prop ? ' ' + formatPropPath(r.prop) : ''} (${where(r.location, opts.cwd) ?? 'unknown location'})`);
  }
  if (d.location && d.location.line > 0) {
    const source = opts.readSource(d.location.file);
    if (source !== undefined) {
      lines.push('');
      lines.push(renderCodeFrame(source, d.location.line, d.location.column).replace(/^/gm, '  '));
    }
  }
  return lines.join('\n');
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `Found ${plural(errors, 'error')} and ${plural(warnings, 'warning')}.`;
}
