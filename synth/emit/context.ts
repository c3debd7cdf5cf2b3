import type { Model } from '../model/model';
import type { DnsZone } from '../plan/dns-zones';
import type { PlatformPlan } from '../plan/platform';
import type { SecretRequest } from '../secrets/requests';
import type { PgSchema } from '../../constructs/apps/pg-schema';
import type { VerifiedSchema } from '../verify/pg/verify-schema';

/** What every emitter reads: the model, the plans, and the secret values. Emitters do no I/O. */
export interface EmitContext {
  readonly model: Model;
  readonly zones: readonly DnsZone[];
  /** Every component's contributions: jobs, reservations, L2 steps. */
  readonly plan: PlatformPlan;
  readonly secretRequests: readonly SecretRequest[];
  readonly secrets: Readonly<Record<string, string>>;
  /** What verifying each Postgres schema learned (result columns of queries). */
  readonly pg: ReadonlyMap<PgSchema, VerifiedSchema>;
}

const memos = new WeakMap<EmitContext, Map<string, unknown>>();

/**
 * A value derived from the context once per synth and shared by every server's rendering (a
 * public key every configuration lists, say), instead of being derived again per server.
 */
export function once<T>(ctx: EmitContext, key: string, derive: () => T): T {
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, derive());
  return memo.get(key) as T;
}
