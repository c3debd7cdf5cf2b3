/**
 * The bits of Prometheus syntax alert rules and their unit tests are written in: durations,
 * series descriptions (`metric{label="value"}`) and the expanding value notation of promtool's
 * `input_series`. Rules check them before promtool sees them, so a mistake is a diagnostic at the
 * user's line rather than a line of a generated YAML file.
 */

/** A metric name: letters, digits, `_` and `:`, not starting with a digit. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** A label name: letters, digits and `_`, not starting with a digit. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A Prometheus duration: units from years to milliseconds, each at most once and in that order
 * (`1h30m`, `5m`, `90s`, `0s`), as `model.ParseDuration` accepts them.
 */
export function isPromDuration(text: string): boolean {
  return text === '0' || (text !== '' && /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/.test(text));
}

/** The length of a valid duration in milliseconds. */
export function durationMs(text: string): number {
  const unit: Record<string, number> = { y: 365 * 86400e3, w: 7 * 86400e3, d: 86400e3, h: 3600e3, m: 60e3, s: 1e3, ms: 1 };
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}

/** A series of a unit test, parsed: its metric name and its labels in the order written. */
export interface ParsedSeries {
  readonly metric: string;
  readonly labels: ReadonlyArray<readonly [string, string]>;
}

export type SeriesParse = { readonly ok: true; readonly series: ParsedSeries } | { readonly ok: false; readonly error: string };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '`': '`' };

/**
 * Parses a series description: a metric name, optionally followed by `{name="value", ...}`
 * (only `=`: a series is one set of labels, not a selector), or only the braces with the name as
 * `__name__`. Values are quoted with `"`, `'` or backticks, as PromQL strings are.
 */
export function parseSeries(text: string): SeriesParse {
  const fail = (error: string): SeriesParse => ({ ok: false, error });
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skip();
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text.slice(i));
  let metric = nameMatch?.[0] ?? '';
  i += metric.length;
  skip();
  const labels: Array<[string, string]> = [];
  if (text[i] === '{') {
    i++;
    for (;;) {
      skip();
      if (text[i] === '}') break;
      const label = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
      if (!label) return fail(`expected a label name at character ${i + 1}`);
      i += label.length;
      skip();
      if (text[i] !== '=' || text[i + 1] === '~') return fail(`expected '=' after label '${label}' (a series has labels, not matchers)`);
      i++;
      skip();
      const quote = text[i];
      if (quote !== '"' && quote !== "'" && quote !== '`') return fail(`expected a quoted value for label '${label}'`);
      i++;
      let value = '';
      for (;;) {
        if (i >= text.length) return fail(`the value of label '${label}' is not closed`);
        const c = text[i]!;
        if (c === quote) break;
        if (c === '\\' && quote !== '`') {
          const e = ESCAPES[text[i + 1] ?? ''];
          if (e === undefined) return fail(`unknown escape '\\${text[i + 1] ?? ''}' in the value of label '${label}'`);
          value += e;
          i += 2;
          continue;
        }
        if (c === '\n' && quote !== '`') return fail(`the value of label '${label}' spans lines`);
        value += c;
        i++;
      }
      i++;
      labels.push([label, value]);
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] !== '}') return fail(`expected ',' or '}' after label '${label}'`);
    }
    i++;
    skip();
  }
  if (i < text.length) return fail(`unexpected '${text.slice(i, i + 10)}' at character ${i + 1}`);
  const named = labels.find(([n]) => n === '__name__');
  if (!metric && named) metric = named[1];
  else if (metric && named) return fail('the metric name is given twice (before the braces and as __name__)');
  if (!metric) return fail('a series needs a metric name');
  if (!METRIC_NAME.test(metric)) return fail(`'${metric}' is not a metric name`);
  return { ok: true, series: { metric, labels: labels.filter(([n]) => n !== '__name__') } };
}

const NUMBER = String.raw`[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|[iI]nf|NaN)`;
const VALUE_TOKEN = new RegExp(`^(?:_(?:x\\d+)?|stale|${NUMBER}(?:[+-]${NUMBER}x\\d+|x\\d+)?)$`);

/**
 * The first token of promtool's expanding notation that is not valid, or undefined when every one
 * is: numbers, `a+bxn` / `a-bxn` (start, step, n more samples), `axn`, `_` and `_xn` (missing
 * samples) and `stale`.
 */
export function badSeriesValue(text: string): string | undefined {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0) return '';
  return tokens.find((t) => !VALUE_TOKEN.test(t));
}

/** Whether `name` occurs in a PromQL expression as a whole name, not part of a longer one. */
export function mentionsMetric(expr: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![a-zA-Z0-9_:])${escaped}(?![a-zA-Z0-9_:])`).test(expr);
}
