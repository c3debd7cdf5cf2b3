import { sortDiagnostics, type Diagnostic } from '../../lib/diagnostics/types';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { refineLocations, renderJson, renderText, SourceCache } from './report';

export { plural } from '../../lib/text/plural';

/** A usage or environment problem (exit 2): printed as one line, or as JSON with `--json`. */
export class UsageError extends Error {}

/** How a command talks to the user: text on a terminal, or one JSON document with `--json`. */
export class Ui {
  private readonly sources = new SourceCache();

  constructor(
    readonly io: CliIo,
    readonly json: boolean,
    readonly color: boolean,
  ) {}

  /**
   * Diagnostics with their locations moved to the props they are about, sorted. A prop problem
   * found at run time on a line where the type check found one too is the same mistake: the
   * compiler's message is kept.
   */
  refine(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    const refined = refineLocations(diagnostics, this.sources);
    const typed = refined.filter((d) => d.code.startsWith('ts/') && d.location);
    const sameMistake = (d: Diagnostic) =>
      typed.some((t) => {
        if (t.location!.file !== d.location!.file || t.location!.line !== d.location!.line) return false;
        const prop = d.prop?.[d.prop.length - 1];
        // The compiler names an unknown prop; for a wrong value it points just before it.
        return (prop !== undefined && t.message.includes(`'${String(prop)}'`)) || (d.code !== 'props/unknown-prop' && Math.abs(t.location!.column - d.location!.column) <= 40);
      });
    return sortDiagnostics(refined.filter((d) => !(d.code.startsWith('props/') && d.location && sameMistake(d))));
  }

  /**
   * Ends a command with its diagnostics: as a JSON document on stdout (with `extra`), or as
   * compiler-style text on stderr. Exit 1 when there are errors.
   */
  finish(diagnostics: readonly Diagnostic[], extra: Record<string, unknown> = {}, successLine?: string): number {
    const refined = this.refine(diagnostics);
    const failed = refined.some((d) => d.severity === 'error');
    if (this.json) {
      this.io.stdout(renderJson(refined, { ok: !failed, ...extra }));
    } else {
      if (refined.length > 0) this.io.stderr(renderText(refined, this.sources, this.io.cwd, this.color));
      if (!failed && successLine) this.io.stdout(`${successLine}\n`);
    }
    return failed ? EXIT_INVALID : EXIT_OK;
  }

  /** Ends a command that could not run (exit 2). */
  usage(message: string, help?: string): number {
    if (this.json) this.io.stdout(JSON.stringify({ ok: false, error: { kind: 'usage', message } }, null, 2) + '\n');
    else this.io.stderr(`epl: ${message}\n${help ? `\n${help}` : ''}`);
    return EXIT_USAGE;
  }

  /** A one-line note on stderr (text mode only). */
  note(message: string): void {
    if (!this.json) this.io.stderr(`epl: ${message}\n`);
  }

  /**
   * Runs a step; if it takes more than a second, says so on an interactive stderr, so a long
   * Postgres verification or type check is not silence.
   */
  async step<T>(label: string, run: () => Promise<T>): Promise<T> {
    if (this.json || !this.io.interactive) return run();
    const started = Date.now();
    let shown = false;
    const timer = setTimeout(() => {
      shown = true;
      this.io.stderr(`${label}...\n`);
    }, 1000);
    try {
      return await run();
    } finally {
      clearTimeout(timer);
      if (shown) this.io.stderr(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
}
