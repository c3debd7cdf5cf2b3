import * as fs from 'node:fs';
import * as path from 'node:path';
import { must, sh } from './netns';
import { hasTool } from './tools';

/** Where Debian's frr package keeps the daemons (they are not on PATH). */
export const FRR_DAEMONS_DIR = '/usr/lib/frr';

/**
 * Whether FRR is installed: vtysh on PATH and the daemons beside it. With EPL_REQUIRE_TOOLS=1
 * (set in CI) a missing one fails instead of skipping.
 */
export function hasFrr(): boolean {
  if (!hasTool('vtysh')) return false;
  const found = ['zebra', 'ospfd', 'bgpd'].every((d) => fs.existsSync(path.join(FRR_DAEMONS_DIR, d)));
  if (!found && process.env.EPL_REQUIRE_TOOLS === '1') throw new Error(`FRR's daemons are required (EPL_REQUIRE_TOOLS=1) but not in ${FRR_DAEMONS_DIR}; .ci/run installs frr`);
  return found;
}

/** One FRR instance in a network namespace, with all its paths in a scratch directory of its own. */
export interface FrrInstance {
  readonly namespace: string;
  readonly dir: string;
  /** Runs a vtysh command against this instance. */
  vtysh(command: string): string;
  /** Stops the daemons this instance started (by their pid files). */
  stop(): void;
}

/**
 * Starts FRR's daemons in `namespace` and loads `config` (an integrated frr.conf) into them as
 * FRR's own start script does: daemons start with an empty configuration, then vtysh reads the
 * integrated file and hands each daemon its part (a daemon reading the whole file itself stops
 * at the first section that belongs to another daemon). Sockets, pid files and logs go to `dir`,
 * so nothing meets this machine's own FRR or another test's. The daemons drop to the `frr` user
 * that the frr package creates, which must be able to read `dir`.
 */
export async function startFrr(namespace: string, dir: string, config: string, daemons: readonly ('ospfd' | 'bgpd')[]): Promise<FrrInstance> {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o777);
  const empty = path.join(dir, 'empty.conf');
  const conf = path.join(dir, 'frr.conf');
  fs.writeFileSync(empty, '');
  fs.writeFileSync(conf, config, { mode: 0o600 });
  const all = ['zebra', ...daemons];
  const opts = (d: string) => `-d -f ${empty} -i ${dir}/${d}.pid --vty_socket ${dir} -z ${dir}/zserv.api --log file:${dir}/${d}.log`;
  const instance: FrrInstance = {
    namespace,
    dir,
    vtysh: (command) => must(`ip netns exec ${namespace} vtysh --vty_socket ${dir} -c '${command}'`),
    stop: () => {
      for (const d of [...all].reverse()) {
        const pidFile = path.join(dir, `${d}.pid`);
        if (!fs.existsSync(pidFile)) continue;
        const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
        if (pid > 0) sh(`kill ${pid}`);
      }
    },
  };
  try {
    for (const d of all) {
      must(`ip netns exec ${namespace} ${FRR_DAEMONS_DIR}/${d} ${opts(d)}`);
    }
    // `-d` returns before the daemon listens on its vty socket, which vtysh needs.
    const up = await waitFor(10, () => all.every((d) => fs.existsSync(path.join(dir, `${d}.vty`))));
    if (!up) throw new Error(`FRR daemons did not start in ${namespace}: ${readLogs(dir)}`);
    const load = sh(`ip netns exec ${namespace} vtysh --vty_socket ${dir} -f ${conf}`);
    if (load.status !== 0 || load.out.trim() !== '') throw new Error(`vtysh could not load ${conf} in ${namespace}: ${load.out}`);
  } catch (e) {
    instance.stop();
    throw e;
  }
  return instance;
}

/** The daemons' logs, for a failure message. */
export function readLogs(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => `--- ${f}\n${fs.readFileSync(path.join(dir, f), 'utf8')}`)
    .join('\n');
}

/** Polls `check` until it returns true or `seconds` pass; returns whether it did. */
export async function waitFor(seconds: number, check: () => boolean): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}
