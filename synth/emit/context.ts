import type { Model } from '../model/model';
import type { DnsZone } from '../plan/dns-zones';
import type { SecretRequest } from '../secrets/requests';
import type { PgSchema } from '../../constructs/apps/pg-schema';
import type { VerifiedSchema } from '../verify/pg/verify-schema';

/** What every emitter reads: the model, the plans, and the secret values. Emitters do no I/O. */
export interface EmitContext {
  readonly model: Model;
  readonly zones: readonly DnsZone[];
  readonly secretRequests: readonly SecretRequest[];
  readonly secrets: Readonly<Record<string, string>>;
  /** What verifying each Postgres schema learned (result columns of queries). */
  readonly pg: ReadonlyMap<PgSchema, VerifiedSchema>;
}
