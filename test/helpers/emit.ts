import { planPlatform } from '../../synth/plan/platform';
import type { App } from '../../constructs';
import type { EmitContext } from '../../synth/emit/context';
import { buildModel } from '../../synth/model/build-model';
import { dnsZonesOf } from '../../synth/plan/dns-zones';
import { ensureSecrets } from '../../synth/secrets/ensure';
import { neededSecrets } from '../../synth/secrets/needed';

export const NOW = new Date('2026-11-01T00:00:00Z');

/** The emitters' input for an app, with freshly generated secrets. */
export async function emitContext(app: App, previous: Record<string, string> = {}): Promise<EmitContext> {
  const model = buildModel(app);
  const secretRequests = neededSecrets(model);
  const { values } = await ensureSecrets(secretRequests, previous, { now: NOW });
  return { model, zones: dnsZonesOf(model), plan: planPlatform(model), secretRequests, secrets: values, pg: new Map() };
}
