import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as epl from '../../constructs';
import { typecheckEntry } from '../../synth/cli/typecheck';
import { cli, REPO } from '../helpers/cli';

/**
 * Every TypeScript sample of the README and docs/ runs: a sample that default-exports an App is a
 * whole platform and must pass `epl validate` (types, rules, Postgres); the other samples of a page
 * are fragments, checked together in order, as one file, by the TypeScript compiler (what they
 * use without defining — `app`, `server` — is declared with its type).
 */
const PAGES = ['README.md', ...fs.readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md') && f !== 'api.md').map((f) => `docs/${f}`)];

/** Names fragments may use without defining them, and their types. */
const GIVEN: Readonly<Record<string, string>> = {
  app: 'App',
  usWest: 'Region',
  region: 'Region',
  dc1: 'Datacenter',
  dc: 'Datacenter',
  server: 'Server',
  serverA: 'Server',
  serverB: 'Server',
  serverC: 'Server',
  serverD: 'Server',
  helloWorld: 'BackendApplication',
  testdbA: 'PgDatabase',
};

function samples(page: string): string[] {
  const text = fs.readFileSync(path.join(REPO, page), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** A scratch file inside the repository, so `epl-platform` and other packages resolve from it. */
function scratch(name: string, text: string): string {
  const dir = path.join(REPO, 'node_modules', '.cache', 'epl-doc-samples', process.pid.toString());
  fs.mkdirSync(dir, { recursive: true });
  // A user's project settings, not the repository's (which forbid unused names).
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe.each(PAGES)('the samples of %s', (page) => {
  const all = samples(page);
  const whole = all.filter((s) => /^export default /m.test(s));
  const fragments = all.filter((s) => !/^export default /m.test(s));

  it.each(whole.map((s, i) => [i + 1, s] as const))('whole platform %i passes epl validate', async (i, sample) => {
    const dir = path.dirname(scratch('.keep', ''));
    const file = path.join(dir, `${page.replace(/\W/g, '_')}-${i}.ts`);
    fs.writeFileSync(file, sample);
    const run = await cli(['validate', file, '--json']);
    const report = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; severity: string; message: string }> };
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it.runIf(fragments.length > 0)('fragments type-check together, in order', async () => {
    const imports = new Set<string>();
    const bodies = fragments.map((f) =>
      f
        .split('\n')
        .filter((line) => {
          if (!/^import /.test(line)) return true;
          if (!/from 'epl-platform'/.test(line)) imports.add(line);
          return false;
        })
        .join('\n'),
    );
    const body = bodies.join('\n');
    const imported = [...imports].join('\n');
    const declared = (name: string) =>
      new RegExp(`\\b(const|let|var|function|class)\\s+${name}\\b|\\[[^\\]]*\\b${name}\\b[^\\]]*\\]\\s*=`).test(body) || new RegExp(`\\bimport\\s+${name}\\b|[{,]\\s*${name}\\s*[,}]`).test(imported);
    const names = Object.keys(epl).filter((n) => /^[A-Z_a-z]\w*$/.test(n) && !declared(n));
    const preamble = [
      `import { ${names.join(', ')} } from 'epl-platform';`,
      ...imports,
      ...Object.entries(GIVEN)
        .filter(([name]) => !declared(name))
        .map(([name, type]) => `declare const ${name}: ${type};`),
    ].join('\n');
    const file = scratch(`test/${page.replace(/\W/g, '_')}-fragments.ts`, `${preamble}\n${body}\nexport {};\n`);
    // A fragment importing the platform (`import app from '../epl.js'`) gets a stand-in for it.
    for (const m of [...imports].join('\n').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const stub = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'));
      fs.writeFileSync(stub, "import type { App } from 'epl-platform';\ndeclare const app: App;\nexport default app;\n");
    }
    const diagnostics = await typecheckEntry(file, [file], undefined);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(diagnostics.map((d) => `${d.code} at "${lines[(d.location?.line ?? 1) - 1]?.trim().slice(0, 100)}": ${d.message}`)).toEqual([]);
  });
});
