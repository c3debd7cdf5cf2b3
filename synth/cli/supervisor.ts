import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EXIT_INVALID, EXIT_USAGE } from './io';

/** Messages from the worker: its output, a request for stdin, the entry's start and end, its exit code. */
type FromWorker =
  | { type: 'stdout' | 'stderr'; text: string }
  | { type: 'read-stdin' }
  | { type: 'entry'; running: true; timeoutMs: number; entry: string }
  | { type: 'entry'; running: false }
  | { type: 'exit'; code: number };

/** Extra time the watchdog gives the entry over its own limit, which handles a never-settling export itself. */
const GRACE_MS = 2000;

function timeoutReport(json: boolean, entry: string, timeoutMs: number): { out: string; err: string } {
  const message = `running the entry did not finish within ${timeoutMs / 1000} s (an endless loop?); it was stopped. Raise the limit with --timeout`;
  if (json) {
    const diagnostic = { code: 'entry/timeout', severity: 'error', message, path: '', location: { file: entry, line: 0, column: 0 } };
    return { out: JSON.stringify({ diagnostics: [diagnostic], errors: 1, warnings: 0, ok: false }, null, 2) + '\n', err: '' };
  }
  return { out: '', err: `${path.relative(process.cwd(), entry) || entry} - error entry/timeout: ${message}\n\nFound 1 error and 0 warnings.\n` };
}

/**
 * Runs the `epl` command in a worker thread and watches it: the user's entry is code that may
 * never return (an endless loop blocks its thread for good), so when it runs past its time limit
 * the worker is stopped from here, reported as `entry/timeout` and the command exits 1. Nothing is
 * written before the entry has finished, so stopping it leaves everything as it was.
 */
export function supervise(argv: readonly string[]): void {
  const json = argv.includes('--json');
  const worker = new Worker(path.join(__dirname, 'worker.js'), {
    workerData: { argv: [...argv], cwd: process.cwd(), interactive: !!process.stderr.isTTY, env: { ...process.env } },
  });
  let watchdog: NodeJS.Timeout | undefined;
  let finished = false;
  worker.on('message', (m: FromWorker) => {
    switch (m.type) {
      case 'stdout':
        process.stdout.write(m.text);
        return;
      case 'stderr':
        process.stderr.write(m.text);
        return;
      case 'read-stdin': {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => worker.postMessage({ type: 'stdin', text: Buffer.concat(chunks).toString('utf8') }));
        return;
      }
      case 'entry':
        clearTimeout(watchdog);
        if (m.running) {
          const { timeoutMs, entry } = m;
          watchdog = setTimeout(() => {
            finished = true;
            void worker.terminate();
            const report = timeoutReport(json, entry, timeoutMs);
            process.stdout.write(report.out);
            process.stderr.write(report.err);
            process.exitCode = EXIT_INVALID;
          }, timeoutMs + GRACE_MS);
        }
        return;
      case 'exit':
        finished = true;
        clearTimeout(watchdog);
        process.exitCode = m.code;
        void worker.terminate();
        return;
    }
  });
  worker.on('error', (e) => {
    if (finished) return;
    finished = true;
    clearTimeout(watchdog);
    process.stderr.write(`epl: internal error (a bug in epl, please report it):\n${e.stack ?? String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  });
  worker.on('exit', (code) => {
    clearTimeout(watchdog);
    // The user's code called process.exit: its code stands.
    if (!finished) process.exitCode = code;
  });
}
