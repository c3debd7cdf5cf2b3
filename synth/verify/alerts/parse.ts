/**
 * Reads promtool's reports (Prometheus 2.x `check rules` and `test rules` output) into findings per
 * alert and per test. Pure; what does not match stays as text, so nothing promtool says is lost.
 */

/** A problem `promtool check rules` found in one rule. */
export interface RuleProblem {
  readonly alert: string;
  readonly message: string;
}

/** Collapses promtool's indented multi-line report into one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The problems of `promtool check rules`: lines `<file>: <line>:<col>: group "G", rule N, "Alert": message`;
 * other error lines go to `other`.
 */
export function parseCheckOutput(output: string): { readonly rules: readonly RuleProblem[]; readonly other: readonly string[] } {
  const rules: RuleProblem[] = [];
  const other: string[] = [];
  for (const line of output.split('\n')) {
    const m = /group "[^"]*", rule \d+, "([^"]*)": (.*)$/.exec(line);
    if (m) rules.push({ alert: m[1]!, message: m[2]! });
    else if (line.trim() !== '' && !/^(Checking |\s*SUCCESS|\s*FAILED:?\s*$)/.test(line)) other.push(line.trim());
  }
  return { rules, other };
}

/**
 * The failed test groups of `promtool test rules`, by name: each report starts with `name: <test>,`
 * and runs to the next one. Returns the rest as `other` when no test is named.
 */
export function parseTestOutput(output: string): { readonly tests: ReadonlyMap<string, string>; readonly other: string } {
  const tests = new Map<string, string>();
  const lines = output.split('\n');
  let current: string | undefined;
  let body: string[] = [];
  const close = () => {
    if (current !== undefined) tests.set(current, oneLine(body.join('\n')));
  };
  const rest: string[] = [];
  for (const line of lines) {
    const m = /^\s*name: (.*),\s*$/.exec(line);
    if (m) {
      close();
      current = m[1]!;
      body = [];
    } else if (current !== undefined) {
      if (!/^\s*FAILED:?\s*$/.test(line)) body.push(line);
    }
    else if (line.trim() !== '' && !/^(Unit Testing: |\s*SUCCESS|\s*FAILED:?\s*$)/.test(line)) rest.push(line.trim());
  }
  close();
  return { tests, other: rest.join('\n') };
}
