import type { Worker } from 'node:worker_threads';
import { EngineStoppedError, StatementTimeoutError, type SqlEngine, type SqlError, type SqlResult } from './engine';

// The worker that hosts PGlite databases: WebAssembly cannot be interrupted from the thread it
// runs on, so a statement that never ends (pg_sleep, an unbounded recursive CTE) is stopped by
// terminating the worker. One worker serves every database of a synth, so PGlite loads once.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const dbs = new Map();
parentPort.on('message', async ({ id, db, op, sql, params }) => {
  try {
    if (op === 'open') {
      // Timestamps stay text, as Postgres prints them: no time-zone conversion in comparisons.
      const instance = new PGlite({ parsers: { 1114: (v) => v } });
      await instance.waitReady;
      dbs.set(db, instance);
      parentPort.postMessage({ id, ok: true });
    } else if (op === 'exec') {
      await dbs.get(db).exec(sql);
      parentPort.postMessage({ id, ok: true });
    } else if (op === 'query') {
      const r = await dbs.get(db).query(sql, params);
      parentPort.postMessage({ id, ok: true, result: { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: r.affectedRows ?? 0 } });
    } else {
      const instance = dbs.get(db);
      dbs.delete(db);
      if (instance) await instance.close();
      parentPort.postMessage({ id, ok: true });
    }
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: { message: String((e && e.message) || e), code: e && e.code, hint: e && e.hint, position: e && e.position } });
  }
});
`;

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** One PGlite worker and the databases in it. */
class PgliteHost {
  private static current: PgliteHost | undefined;

  /** The live host, started when needed. */
  static get(): PgliteHost {
    if (!PgliteHost.current || PgliteHost.current.dead) PgliteHost.current = new PgliteHost();
    return PgliteHost.current;
  }

  dead = false;
  private next = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;

  private constructor() {
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite: require.resolve('@electric-sql/pglite') } });
    this.worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: SqlError }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error!.message), { code: m.error!.code, hint: m.error!.hint, position: m.error!.position }));
    });
    this.worker.on('error', (e) => this.stop(e));
    // After the listeners, which would ref it again: an idle worker never keeps the process
    // alive; one with a statement in flight does (see call).
    this.worker.unref();
  }

  /** Stops the worker; every database in it and every statement waiting on it ends. */
  stop(reason: unknown = new EngineStoppedError()): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  /** Sends one operation; with `timeoutMs`, one that takes longer stops the worker. */
  call(message: { db: number; op: string; sql?: string; params?: unknown[] }, timeoutMs?: number): Promise<unknown> {
    if (this.dead) return Promise.reject(new EngineStoppedError());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.pending.delete(id);
              reject(new StatementTimeoutError(message.sql ?? '', timeoutMs));
              this.stop();
            }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        if (this.pending.size === 0 && !this.dead) this.worker.unref();
      };
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, {
        resolve: (v) => (settle(), resolve(v)),
        reject: (e) => (settle(), reject(e)),
      });
      this.worker.postMessage({ id, ...message });
    });
  }

  newDb(): number {
    return this.next++;
  }
}

/**
 * A fresh embedded Postgres (PGlite, WebAssembly) in the shared worker: no server or Docker
 * needed. Each statement has `timeoutMs`; one that takes longer stops the worker (and with it the
 * databases of other schemas in it, which report EngineStoppedError and are verified again).
 */
export async function pgliteEngine(timeoutMs: number): Promise<SqlEngine> {
  const host = PgliteHost.get();
  const db = host.newDb();
  // Starting Postgres is not a statement: the time limit applies from the first statement on.
  await host.call({ db, op: 'open' });
  return {
    exec: async (sql) => {
      await host.call({ db, op: 'exec', sql }, timeoutMs);
    },
    query: async (sql, params = []) => (await host.call({ db, op: 'query', sql, params: [...params] }, timeoutMs)) as SqlResult,
    close: async () => {
      await host.call({ db, op: 'close' }).catch(() => undefined);
    },
  };
}
