import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_OK } from '../io';
import { UsageError, type Ui } from '../ui';
import { INIT_TEMPLATE } from './init-template';

function eplVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

/** A project name epl accepts (`meta/project-name`): kebab-case, at most 32 characters. */
function projectName(dir: string, given: string | undefined): string {
  const name = given ?? path.basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 32) {
    throw new UsageError(`'${name}' cannot be a project name: lower-case letters, digits and dashes, at most 32 characters (give one with --name)`);
  }
  return name;
}

/**
 * `epl init [dir]`: writes a new infrastructure project (package.json, tsconfig, epl.ts, a test,
 * .gitignore, README) into an empty or new directory. Never overwrites a file.
 */
export async function initCommand(dirArg: string, opts: { readonly name?: string; readonly json?: boolean }, ui: Ui): Promise<number> {
  const dir = path.resolve(ui.io.cwd, dirArg);
  const name = projectName(dir, opts.name);
  const clashes = Object.keys(INIT_TEMPLATE).filter((f) => fs.existsSync(path.join(dir, f)));
  if (clashes.length > 0) throw new UsageError(`${path.relative(ui.io.cwd, dir) || '.'} already has ${clashes.join(', ')}; epl init writes only into a new project`);
  const version = eplVersion();
  for (const [file, template] of Object.entries(INIT_TEMPLATE)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, template.replace(/\{\{NAME\}\}/g, name).replace(/\{\{EPL_VERSION\}\}/g, version), { flag: 'wx', mode: 0o644 });
  }
  const rel = path.relative(ui.io.cwd, dir) || '.';
  if (ui.json) ui.io.stdout(JSON.stringify({ ok: true, dir: rel, files: Object.keys(INIT_TEMPLATE) }, null, 2) + '\n');
  else {
    const cd = rel === '.' ? '' : `cd ${rel} && `;
    ui.io.stdout(`Created the project ${name} in ${rel}.\nNext:\n  ${cd}npm install && npx epl synth\n  ${cd}npm install && npm test\n`);
  }
  return EXIT_OK;
}
