import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, parseManifest, renderManifest, sha256 } from '../../../lib/files/manifest';
import { parseSecretsFile, renderSecretsFile, SECRETS_FILE } from '../../secrets/secrets-file';
import { EXIT_OK, EXIT_USAGE, type CliIo } from '../io';
import { sortedStrings } from '../../../lib/text/order';

/** Writes `file` atomically with `mode`: a temp file in the same directory, then a rename. */
function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.epl-tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

function load(outDir: string, io: CliIo): Record<string, string> | undefined {
  const file = path.join(outDir, SECRETS_FILE);
  if (!fs.existsSync(file)) {
    io.stderr(`epl: ${path.relative(io.cwd, file) || file} does not exist; run epl synth first\n`);
    return undefined;
  }
  try {
    return parseSecretsFile(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    io.stderr(`epl: ${path.relative(io.cwd, file)}: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** `epl secrets list|get|set`: read or change the secrets file of an output directory. */
export async function secretsCommand(args: readonly string[], outDir: string, file: string | undefined, io: CliIo): Promise<number> {
  const [action, key, ...rest] = args;
  if (rest.length > 0 || !action || !['list', 'get', 'set'].includes(action) || (action !== 'list' && !key)) {
    io.stderr('Usage: epl secrets list | get <key> | set <key> [--file F] [--out DIR]\n');
    return EXIT_USAGE;
  }
  const secrets = load(outDir, io);
  if (!secrets) return EXIT_USAGE;
  if (action === 'list') {
    io.stdout(sortedStrings(Object.keys(secrets)).join('\n') + '\n');
    return EXIT_OK;
  }
  if (action === 'get') {
    const value = secrets[key!];
    if (value === undefined) {
      io.stderr(`epl: no secret named '${key}' (epl secrets list shows them)\n`);
      return EXIT_USAGE;
    }
    io.stdout(value.endsWith('\n') ? value : `${value}\n`);
    return EXIT_OK;
  }
  if (!(key! in secrets) && !key!.startsWith('custom_')) {
    io.stderr(`epl: no secret named '${key}'; custom secrets are named custom_<name>\n`);
    return EXIT_USAGE;
  }
  let value: string;
  try {
    value = file !== undefined ? fs.readFileSync(path.resolve(io.cwd, file), 'utf8') : await io.readStdin();
  } catch (e) {
    io.stderr(`epl: cannot read the value: ${(e as Error).message}\n`);
    return EXIT_USAGE;
  }
  // A value typed or piped usually ends with one newline that is not part of it; PEM files keep theirs.
  if (file === undefined || !value.includes('-----BEGIN')) value = value.replace(/\r?\n$/, '');
  if (value === '') {
    io.stderr('epl: refusing to set an empty secret; delete the key from the file to have it generated again\n');
    return EXIT_USAGE;
  }
  const text = renderSecretsFile({ ...secrets, [key!]: value });
  const secretsPath = path.join(outDir, SECRETS_FILE);
  writeAtomic(secretsPath, text, 0o600);
  // Keep the manifest's checksum of the secrets file true.
  const manifestPath = path.join(outDir, MANIFEST_FILE);
  const manifest = fs.existsSync(manifestPath) ? parseManifest(fs.readFileSync(manifestPath, 'utf8')) : undefined;
  if (manifest) {
    const files = manifest.files.map((f) => (f.path === SECRETS_FILE ? { ...f, sha256: sha256(text) } : f));
    writeAtomic(manifestPath, renderManifest(files), 0o644);
  }
  io.stderr(`set ${key}; run epl synth to use it\n`);
  return EXIT_OK;
}
