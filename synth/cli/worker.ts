import { parentPort, workerData } from 'node:worker_threads';
import { internalError, runCli } from './main';
import type { CliIo } from './io';

/**
 * The `epl` command in a worker thread, supervised by the main thread (see supervisor.ts): output
 * and stdin go through messages, in order; the main thread can stop the worker when the user's
 * entry runs past its time limit, which nothing inside this thread could do to an endless loop.
 */
const data = workerData as { argv: string[]; cwd: string; interactive: boolean; env: Record<string, string | undefined> };
const port = parentPort!;
let stdinWaiter: ((text: string) => void) | undefined;
port.on('message', (m: { type: string; text?: string }) => {
  if (m.type === 'stdin' && stdinWaiter) stdinWaiter(m.text ?? '');
});
const io: CliIo = {
  cwd: data.cwd,
  interactive: data.interactive,
  env: data.env,
  stdout: (text) => port.postMessage({ type: 'stdout', text }),
  stderr: (text) => port.postMessage({ type: 'stderr', text }),
  readStdin: () =>
    new Promise((resolve) => {
      stdinWaiter = resolve;
      port.postMessage({ type: 'read-stdin' });
    }),
};
runCli(data.argv, io).then(
  (code) => port.postMessage({ type: 'exit', code }),
  (e: unknown) => port.postMessage({ type: 'exit', code: internalError(e, io) }),
);
