import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PgSchema } from '../../../constructs/apps/pg-schema';
import type { Diagnostic } from '../../../lib/diagnostics/types';
import type { Model } from '../../model/model';
import { DEFAULT_STATEMENT_TIMEOUT_MS, EngineStoppedError, PGLITE_ENGINE_ID, pgliteEngine, type SqlEngine } from './engine';
import { verifySchema, type VerifiedSchema } from './verify-schema';
import { sortedStrings } from '../../../lib/text/order';

/** Bump when verification changes what it checks or returns, so cached results are redone. */
const VERIFIER_VERSION = 2;

export interface PgVerifyOptions {
  /** Directory for cached results; none means no cache. */
  readonly cacheDir?: string;
  /** A fresh database per schema. @default an embedded PGlite */
  readonly engine?: () => Promise<SqlEngine>;
  /** Identifies the engine in cache keys. @default the PGlite version */
  readonly engineId?: string;
  /** Time limit of each statement of the embedded PGlite (an engine given above sets its own). @default 5000 */
  readonly statementTimeoutMs?: number;
}

export interface PgVerifyResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly schemas: ReadonlyMap<PgSchema, VerifiedSchema>;
  /** Schemas checked against a database in this run, and schemas taken from the cache. */
  readonly verified: readonly string[];
  readonly cached: readonly string[];
}

/** Everything that decides the outcome of verifying a schema. */
export function schemaHash(schema: PgSchema, engineId: string): string {
  const sqlOf = (s: { sql: { text: string; args: ReadonlyArray<{ name: string; type: string }> } }) => ({ text: s.sql.text, args: s.sql.args.map((a) => [a.name, a.type]) });
  const content = {
    v: VERIFIER_VERSION,
    engineId,
    migrations: schema.migrations.map((m) => [m.time, m.upgrade, m.downgrade]),
    datasets: schema.datasets.map((d) => [d.datasetName, d.minTime, d.rows]),
    queries: schema.queries.map((q) => [q.queryName, sqlOf(q), q.mutating, q.seqscanOk, q.optionalFields, q.tests.map((t) => [t.dataset.datasetName, t.arguments ?? {}, t.outputs])]),
    mutators: schema.mutators.map((m) => [m.mutatorName, sqlOf(m), m.seqscanOk, m.tests.map((t) => [t.dataset.datasetName, t.arguments ?? {}, t.resultingData])]),
    matViews: schema.materializedViews.map((v) => [v.viewName, v.tests.map((t) => [t.dataset.datasetName, t.expectedData])]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function readCache(dir: string | undefined, hash: string): VerifiedSchema | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `pg-${hash}.json`), 'utf8')) as VerifiedSchema;
  } catch {
    return undefined;
  }
}

/** Records a verified schema; the cache only saves time, so a cache that cannot be written is skipped. */
function writeCache(dir: string | undefined, hash: string, value: VerifiedSchema): void {
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pg-${hash}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file);
  } catch {
    // the next synth verifies the schema again
  }
}

/**
 * Verifies a schema on a fresh database. A database stopped because another schema's statement
 * timed out in the same PGlite worker is not this schema's fault: it is verified again.
 */
async function verifyWithRetry(schema: PgSchema, makeEngine: () => Promise<SqlEngine>): Promise<Awaited<ReturnType<typeof verifySchema>>> {
  for (let attempt = 1; ; attempt++) {
    const db = await makeEngine();
    try {
      return await verifySchema(schema, db);
    } catch (e) {
      if (!(e instanceof EngineStoppedError) || attempt >= 3) throw e;
    } finally {
      await db.close();
    }
  }
}

/**
 * Verifies every Postgres schema against a real database, each in its own fresh instance, in
 * parallel. A schema whose content hash has a cached successful result is not verified again.
 */
export async function verifyPostgres(model: Model, opts: PgVerifyOptions = {}): Promise<PgVerifyResult> {
  const engineId = opts.engineId ?? PGLITE_ENGINE_ID;
  const makeEngine = opts.engine ?? (() => pgliteEngine(opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
  const schemas = new Map<PgSchema, VerifiedSchema>();
  const diagnostics: Diagnostic[] = [];
  const verified: string[] = [];
  const cached: string[] = [];
  await Promise.all(
    model.pgSchemas.map(async (schema) => {
      const hash = schemaHash(schema, engineId);
      const hit = readCache(opts.cacheDir, hash);
      if (hit) {
        schemas.set(schema, hit);
        cached.push(schema.schemaName);
        return;
      }
      const { problems, verified: result } = await verifyWithRetry(schema, makeEngine);
      {
        verified.push(schema.schemaName);
        for (const p of problems) {
          diagnostics.push({
            code: p.check.code,
            severity: 'error',
            message: p.message,
            path: p.construct.node.path,
            ...(p.construct.creationLocation ? { location: p.construct.creationLocation } : {}),
            ...(p.prop ? { prop: p.prop } : {}),
          });
        }
        if (problems.length === 0) {
          schemas.set(schema, result);
          writeCache(opts.cacheDir, hash, result);
        }
      }
    }),
  );
  return { diagnostics, schemas, verified: sortedStrings(verified), cached: sortedStrings(cached) };
}
