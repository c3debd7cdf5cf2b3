import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Alert, AlertGroup } from '../../../constructs/services/alerts';
import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { Diagnostic, PropPath, Severity } from '../../../lib/diagnostics/types';
import type { Model } from '../../model/model';
import { ALERT_RULES_FILE, ALERT_TESTS_FILE, alertRulesYml, alertTestName, alertTestsYml } from '../../plan/alert-files';
import { ALERT_CHECKS } from './checks';
import { oneLine, parseCheckOutput, parseTestOutput } from './parse';

/** Bump when what is run or how its output is read changes, so cached results are redone. */
const VERIFIER_VERSION = 1;

export interface AlertVerifyOptions {
  /** Directory for cached results; none means no cache. */
  readonly cacheDir?: string;
  /** The promtool to run: a path, or a name looked up on PATH; null runs none. @default 'promtool' */
  readonly promtool?: string | null;
  /** A missing promtool is an error rather than a warning. @default EPL_REQUIRE_TOOLS=1 in the environment */
  readonly requireTools?: boolean;
}

/** What happened to the alert tests: none declared, run and passed, passed before (cache), or not run. */
export type AlertTestsOutcome = 'none' | 'passed' | 'cached' | 'skipped' | 'failed';

export interface AlertVerifyResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly outcome: AlertTestsOutcome;
}

function diagnostic(code: string, severity: Severity, construct: EplConstruct, message: string, prop?: PropPath): Diagnostic {
  return {
    code,
    severity,
    message,
    path: construct.node.path,
    ...(construct.creationLocation ? { location: construct.creationLocation } : {}),
    ...(prop ? { prop } : {}),
  };
}

/** The promtool binary: an absolute path, or one found on PATH. */
function findTool(name: string): string | undefined {
  if (name.includes('/')) return fs.existsSync(name) ? path.resolve(name) : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Everything that decides the outcome: the two files and the promtool binary (path, size, time). */
export function alertFilesHash(rules: string, tests: string, tool: string): string {
  let stamp = tool;
  try {
    const st = fs.statSync(tool);
    stamp += `:${st.size}:${st.mtimeMs}`;
  } catch {
    // hashed by path only
  }
  return createHash('sha256').update(JSON.stringify({ v: VERIFIER_VERSION, rules, tests, tool: stamp })).digest('hex');
}

function cacheFile(dir: string, hash: string): string {
  return path.join(dir, `alerts-${hash}.ok`);
}

/** Records a pass; the cache only saves time, so one that cannot be written is skipped. */
function writeCache(dir: string | undefined, hash: string): void {
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(cacheFile(dir, hash), '');
  } catch {
    // the next synth runs the tests again
  }
}

interface Run {
  readonly code: number;
  readonly output: string;
}

function run(tool: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tool, [...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}${error && typeof error.code !== 'number' ? `\n${error.message}` : ''}` });
    });
  });
}

/** promtool's findings as diagnostics at the alerts (and tests) they are about. */
function checkDiagnostics(groups: readonly AlertGroup[], byName: ReadonlyMap<string, Alert>, output: string): Diagnostic[] {
  const parsed = parseCheckOutput(output);
  const out = parsed.rules.map((p) => {
    const alert = byName.get(p.alert);
    const prop: PropPath | undefined = /parse expression/.test(p.message) ? ['expr'] : /template/.test(p.message) ? ['description'] : undefined;
    return diagnostic(ALERT_CHECKS.ruleInvalid.code, 'error', alert ?? groups[0]!, `promtool check rules: ${p.message}`, alert ? prop : undefined);
  });
  if (out.length === 0) out.push(diagnostic(ALERT_CHECKS.ruleInvalid.code, 'error', groups[0]!, `promtool check rules failed: ${oneLine(parsed.other.join('\n')) || 'no message'}`));
  return out;
}

function testDiagnostics(groups: readonly AlertGroup[], output: string): Diagnostic[] {
  const byTest = new Map<string, { alert: Alert; index: number }>();
  for (const g of groups) for (const a of g.alerts) a.tests.forEach((_, i) => byTest.set(alertTestName(a, i), { alert: a, index: i }));
  const parsed = parseTestOutput(output);
  const out: Diagnostic[] = [];
  for (const [name, explanation] of parsed.tests) {
    const at = byTest.get(name);
    if (at) out.push(diagnostic(ALERT_CHECKS.testFailed.code, 'error', at.alert, `trigger test ${at.index + 1} of alert '${at.alert.alertName}' failed: ${explanation}`, ['tests', at.index]));
    else out.push(diagnostic(ALERT_CHECKS.testFailed.code, 'error', groups[0]!, `promtool test '${name}' failed: ${explanation}`));
  }
  if (out.length === 0) out.push(diagnostic(ALERT_CHECKS.testFailed.code, 'error', groups[0]!, `promtool test rules failed: ${oneLine(parsed.other) || 'no message'}`));
  return out;
}

/**
 * Runs `promtool check rules` and `promtool test rules` on the alert files synth writes, when
 * promtool is installed. Files that passed before (same content, same promtool) are not run again.
 * Without promtool: a warning (an error when tools are required), nothing run.
 */
export async function verifyAlerts(model: Model, opts: AlertVerifyOptions = {}): Promise<AlertVerifyResult> {
  const groups = model.ofType(AlertGroup);
  if (groups.length === 0 || groups.every((g) => g.alerts.length === 0)) return { diagnostics: [], outcome: 'none' };
  const name = opts.promtool === undefined ? 'promtool' : opts.promtool;
  const tool = name === null ? undefined : findTool(name);
  if (!tool) {
    const required = opts.requireTools ?? process.env.EPL_REQUIRE_TOOLS === '1';
    const code = ALERT_CHECKS.promtoolMissing.code;
    if (!required && groups[0]!.isAcknowledged(code)) return { diagnostics: [], outcome: 'skipped' };
    const why = name === null ? 'running promtool was turned off' : `${name} is not installed (Debian: apt-get install prometheus)`;
    const message = required ? `${why}, and tools are required (EPL_REQUIRE_TOOLS=1): the alert tests cannot run` : `${why}: the alert tests were not run`;
    return { diagnostics: [diagnostic(code, required ? 'error' : 'warning', groups[0]!, message)], outcome: 'skipped' };
  }
  const rules = alertRulesYml(groups);
  const tests = alertTestsYml(groups);
  const hash = alertFilesHash(rules, tests, tool);
  if (opts.cacheDir && fs.existsSync(cacheFile(opts.cacheDir, hash))) return { diagnostics: [], outcome: 'cached' };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-alerts-'));
  try {
    const rulesFile = path.join(dir, path.basename(ALERT_RULES_FILE));
    const testsFile = path.join(dir, path.basename(ALERT_TESTS_FILE));
    fs.writeFileSync(rulesFile, rules);
    fs.writeFileSync(testsFile, tests);
    const byName = new Map(groups.flatMap((g) => g.alerts.map((a) => [a.alertName, a] as const)));
    const checked = await run(tool, ['check', 'rules', path.basename(rulesFile)], dir);
    if (checked.code !== 0) return { diagnostics: checkDiagnostics(groups, byName, checked.output), outcome: 'failed' };
    const tested = await run(tool, ['test', 'rules', path.basename(testsFile)], dir);
    if (tested.code !== 0) return { diagnostics: testDiagnostics(groups, tested.output), outcome: 'failed' };
    writeCache(opts.cacheDir, hash);
    return { diagnostics: [], outcome: 'passed' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
