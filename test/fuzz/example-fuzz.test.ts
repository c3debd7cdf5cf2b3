import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE, projectWith, readTree } from '../helpers/cli';
import { checkZone, hasTool, nixEnv, runTool } from '../helpers/tools';

/**
 * A seeded mutation fuzzer over examples/single-dc: each mutant is the example with one edit a
 * user could make by mistake (a hostile string, an odd number, a dropped prop, a swapped enum, a
 * duplicated line, a cut file). synth must answer every one with exit 0 or 1 — never exit 2 or a
 * stack trace — within its time, and whatever it writes with exit 0 must pass the real validators.
 * EPL_FUZZ_SEED and EPL_FUZZ_COUNT change the run (the seed of a failure is in its message).
 */
const SEED = Number(process.env.EPL_FUZZ_SEED ?? 20261125);
const COUNT = Number(process.env.EPL_FUZZ_COUNT ?? 240);
const BUDGET_MS = 150_000;

/** mulberry32: a small seeded PRNG, so a run can be repeated exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = ['', '-f', 'ns1', 'admin', 'mirror', 'c0d1', 'a'.repeat(70), 'x;y', 'a"b', 'a\\b', '../etc', 'zürich', 'Upper_Case', '${x}', "it's", ' ', 'a b', '0', 'epl-infra.net.', '10.17.0.0/24', '10.17.0.1/24', '999.1.1.1/24', '77.77.77.255/24', '172.21.7.254/16'];
const HOSTILE_NUMBERS = ['-1', '0', '1e21', '0.5', 'NaN', 'Infinity', '65536', '2', '5'];

type Mutation = { what: string; apply: (source: string) => string };

/** Every place a mutation can apply, from the source's own literals and lines. */
function mutations(source: string, pick: <T>(xs: readonly T[]) => T): Mutation[] {
  const out: Mutation[] = [];
  const strings = [...source.matchAll(/'([^'\n\\]*)'/g)];
  const numbers = [...source.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/g)];
  const props = [...source.matchAll(/\b(\w+): [^,\n{}]+,/g)];
  const lines = source.split('\n').map((l, i) => ({ l, i })).filter(({ l }) => /^\s*(new |[a-z]\w*\.(add|root|xfs|migration|snapshot|query|dataset|mutator))/.test(l));
  const at = (m: RegExpMatchArray, text: string) => (s: string) => s.slice(0, m.index!) + text + s.slice(m.index! + m[0].length);
  for (const m of strings) {
    const value = pick(HOSTILE_STRINGS);
    out.push({ what: `'${m[1]}' -> ${JSON.stringify(value)}`, apply: at(m, `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`) });
  }
  for (const m of numbers) {
    const value = pick(HOSTILE_NUMBERS);
    out.push({ what: `${m[1]} -> ${value}`, apply: at(m, value) });
  }
  for (const m of props) out.push({ what: `drop ${m[1]}`, apply: at(m, '') });
  for (const m of source.matchAll(/\b(true|false)\b/g)) out.push({ what: `flip ${m[1]}`, apply: at(m, m[1] === 'true' ? 'false' : 'true') });
  for (const m of source.matchAll(/Network\.(LAN|VPN|INTERNET)/g)) {
    const other = pick(['LAN', 'VPN', 'INTERNET', 'DCROUTER'].filter((n) => n !== m[1]));
    out.push({ what: `Network.${m[1]} -> ${other}`, apply: at(m, `Network.${other}`) });
  }
  for (const m of source.matchAll(/: '[^'\n]*'/g)) out.push({ what: `string -> null at ${m.index}`, apply: at(m, ': null as never') });
  for (const { l, i } of lines) out.push({ what: `duplicate line ${i + 1}`, apply: (s) => s.split('\n').flatMap((x, n) => (n === i ? [x, l] : [x])).join('\n') });
  out.push({ what: 'cut the file', apply: (s) => s.slice(0, Math.floor(s.length * 0.7)) });
  return out;
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?$/m;

describe('synth over mutants of the example', () => {
  it(`answers every mutant with a diagnostic or valid output (seed ${SEED})`, async () => {
    const rand = random(SEED);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const original = fs.readFileSync(EXAMPLE, 'utf8');
    const all = mutations(original, pick);
    const checked = new Set<string>();
    const failures: string[] = [];
    const counts = { 0: 0, 1: 0 } as Record<number, number>;
    const started = Date.now();
    let run = 0;
    for (; run < COUNT && Date.now() - started < BUDGET_MS; run++) {
      const mutation = pick(all);
      const source = mutation.apply(original);
      const p = projectWith(source);
      const mutantStarted = Date.now();
      const r = await cli(['synth', '--json', '--no-typecheck', '--statement-timeout', '2000'], p.dir);
      const where = `mutant ${run} (seed ${SEED}): ${mutation.what}`;
      if (Date.now() - mutantStarted > 30_000) failures.push(`${where}: took ${Date.now() - mutantStarted} ms`);
      if (r.code !== 0 && r.code !== 1) failures.push(`${where}: exit ${r.code}: ${(r.stderr + r.stdout).slice(0, 600)}`);
      if (STACK_TRACE.test(r.stderr) || STACK_TRACE.test(r.stdout) || /internal error/.test(r.stderr + r.stdout)) failures.push(`${where}: stack trace: ${(r.stderr + r.stdout).slice(0, 600)}`);
      // Messages say what is wrong in the user's terms, never "undefined" or "-Infinity".
      if (r.code === 1 && r.stdout.startsWith('{')) {
        const messages = (JSON.parse(r.stdout) as { diagnostics?: Array<{ message: string }> }).diagnostics?.map((d) => d.message) ?? [];
        for (const m of messages) if (/\bundefined\b|-?Infinity|\bNaN\b/.test(m) && !/NaN|Infinity/.test(mutation.what)) failures.push(`${where}: message "${m}"`);
      }
      counts[r.code] = (counts[r.code] ?? 0) + 1;
      if (r.code === 0) failures.push(...validateOutput(path.join(p.dir, 'out'), checked).map((f) => `${where}: ${f}`));
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    // The fuzzer must reach both sides: mutants that synthesize and mutants that are refused.
    expect(run).toBeGreaterThanOrEqual(Math.min(COUNT, 120));
    expect(counts[0]).toBeGreaterThan(run * 0.05);
    expect(counts[1]).toBeGreaterThan(run * 0.2);
  }, 240_000);
});

describe("the fuzzer's own checks", () => {
  it('find a broken zone, Nix file and script (so a mutant with bad output would fail)', () => {
    const dir = path.join(projectWith('').dir, 'out');
    fs.mkdirSync(path.join(dir, 'dns'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dns', 'x.test.zone'), '$ORIGIN x.test.\n@ IN SOA ns1 admin ( 1 2 3 4 5 )\n@ IN NS ns1.sub\nsub IN NS ns1.sub\n');
    fs.writeFileSync(path.join(dir, 'configuration.nix'), '{ a = ; }\n');
    fs.writeFileSync(path.join(dir, 'provision.sh'), '#!/bin/sh\nrm -rf $dir/\n');
    const problems = validateOutput(dir, new Set());
    if (!hasTool('named-checkzone') || !hasTool('nix-instantiate') || !hasTool('shellcheck')) return;
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['configuration.nix', 'dns/x.test.zone:', 'provision.sh']);
    expect(STACK_TRACE.test('epl: internal error\n    at foo (/x/y.js:1:2)')).toBe(true);
  });
});

/** Runs the real validators over files not validated before (most mutants repeat most files). */
function validateOutput(out: string, checked: Set<string>): string[] {
  const problems: string[] = [];
  const files = readTree(out);
  for (const [file, content] of Object.entries(files)) {
    const key = createHash('sha256').update(file).update('\0').update(content).digest('hex');
    if (checked.has(key)) continue;
    checked.add(key);
    const full = path.join(out, file);
    if (file.endsWith('.nix') && hasTool('nix-instantiate')) {
      const r = runTool('nix-instantiate', ['--parse', full], { env: nixEnv() });
      if (r.status !== 0) problems.push(`${file} does not parse: ${r.stderr.slice(0, 300)}`);
    } else if (file.endsWith('.zone') && hasTool('named-checkzone')) {
      const r = checkZone(path.basename(file, '.zone'), full);
      if (r.status !== 0 || r.problems.length > 0) problems.push(`${file}: ${r.problems.join('; ')}`);
    } else if (file.endsWith('.sh') && hasTool('shellcheck')) {
      // POSIX sh unless the script asks for bash (the L2 runner does).
      const bash = /^#!.*\bbash\b/.test(fs.readFileSync(full, 'utf8').split('\n', 1)[0]!);
      const r = runTool('shellcheck', [...(bash ? [] : ['--shell=sh']), '--severity=warning', full]);
      if (r.status !== 0) problems.push(`${file} fails shellcheck: ${r.stdout.slice(0, 300)}`);
    }
  }
  return problems;
}
