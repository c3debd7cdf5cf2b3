import * as fs from 'node:fs';

/** Another process holds a lock. */
export class LockedError extends Error {
  constructor(
    readonly what: string,
    readonly pid: number,
  ) {
    super(`${what} is being written by another epl process (pid ${pid}); try again when it has finished`);
  }
}

/**
 * When a process started, from /proc (Linux), so a lock left by a process that died is not taken
 * for the lock of another process that got the same pid later. Undefined where /proc is missing.
 */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder recorded in a lock file is still the process that took it. */
function held(content: string): number | undefined {
  let pid: number;
  let start: string | undefined;
  try {
    const parsed = JSON.parse(content) as { pid?: unknown; start?: unknown } | number;
    pid = typeof parsed === 'number' ? parsed : Number(parsed.pid); // a bare pid, as older versions wrote
    start = typeof parsed === 'object' && typeof parsed.start === 'string' ? parsed.start : undefined;
  } catch {
    pid = NaN;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return undefined;
  if (start !== undefined) {
    const now = startTime(pid);
    if (now !== undefined && now !== start) return undefined; // the pid was reused
  }
  return pid;
}

/**
 * Takes the lock file `file` for this process (created exclusively, mode 0600), replacing a lock
 * whose process is gone. Returns the function that releases it.
 */
export function takeLock(file: string, what: string): () => void {
  const mine = JSON.stringify({ pid: process.pid, start: startTime(process.pid) });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw e;
      let content = '';
      try {
        content = fs.readFileSync(file, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const holder = held(content);
      if (holder !== undefined) throw new LockedError(what, holder);
      fs.rmSync(file, { force: true });
    }
  }
}
