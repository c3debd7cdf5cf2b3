/**
 * Renders the lines around `line:column` with a gutter and a caret, as compilers do:
 *
 *   41 |   interfaces: [
 * > 42 |     { name: 'eth0', address: '10.17.0.0/24' },
 *      |                              ^
 */
export function renderCodeFrame(source: string, line: number, column: number, contextLines = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - contextLines);
  const last = Math.min(lines.length, line + contextLines);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const gutter = String(n).padStart(width);
    out.push(`${n === line ? '>' : ' '} ${gutter} | ${text}`.trimEnd());
    if (n === line) {
      const before = (lines[n - 1] ?? '').slice(0, Math.max(0, column - 1)).replace(/\t/g, '  ');
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(before.length)}^`);
    }
  }
  return out.join('\n');
}
