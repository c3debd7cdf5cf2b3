import type { Model } from '../model/model';
import type { DnsZone } from '../plan/dns-zones';
import type { SecretRequest } from '../secrets/requests';

/** What every emitter reads: the model, the plans, and the secret values. Emitters do no I/O. */
export interface EmitContext {
  readonly model: Model;
  readonly zones: readonly DnsZone[];
  readonly secretRequests: readonly SecretRequest[];
  readonly secrets: Readonly<Record<string, string>>;
}
