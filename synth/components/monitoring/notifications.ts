import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { TelegramBot, WebhookReceiver } from '../../../constructs/services/notifications';
import { jobSecretPath } from '../../plan/nomad/common';
import { secretKeys } from '../../secrets/keys';
import type { VaultSecret, VaultValue } from '../component';
import { monitoringJobName } from './names';

/** Where a cluster's notification secrets (bot tokens, secret webhook URLs) live in Vault: under its job, whose policy reads them. */
export function notificationSecretPath(c: MonitoringCluster): string {
  return jobSecretPath(c.namespace, monitoringJobName(c), 'notifications');
}

/** The Vault field of a bot's token. Names are kebab-case (alerts/notification-name), a field of their own each. */
export const telegramTokenField = (b: TelegramBot) => `telegram-${b.botName}`;
/** The Vault field of a webhook's secret URL. */
export const webhookUrlField = (w: WebhookReceiver) => `webhook-${w.receiverName}`;

/** The bots and secret webhooks the cluster's Alertmanagers send through, each once, in order of use. */
export function notificationSecretsOf(c: MonitoringCluster): { readonly bots: readonly TelegramBot[]; readonly webhooks: readonly WebhookReceiver[] } {
  const bots = new Set<TelegramBot>();
  const webhooks = new Set<WebhookReceiver>();
  for (const r of c.alertGroups) {
    if (r.telegram) bots.add(r.telegram.bot);
    for (const w of r.webhooks ?? []) if (w.urlSecret !== undefined) webhooks.add(w);
  }
  return { bots: [...bots], webhooks: [...webhooks] };
}

/**
 * The cluster's notification secret in Vault, every field copied by stage 10 from the user's own
 * secret (`custom/<name>` in the secrets file, set with `epl secrets set`); none without a bot or
 * secret webhook.
 */
export function notificationVaultSecrets(c: MonitoringCluster): VaultSecret[] {
  const { bots, webhooks } = notificationSecretsOf(c);
  const fields: Record<string, VaultValue> = {};
  for (const b of bots) fields[telegramTokenField(b)] = { custom: secretKeys.custom(b.tokenSecret), origin: { construct: b, prop: ['tokenSecret'] } };
  for (const w of webhooks) fields[webhookUrlField(w)] = { custom: secretKeys.custom(w.urlSecret!), origin: { construct: w, prop: ['urlSecret'] } };
  return Object.keys(fields).length === 0 ? [] : [{ region: c.region, path: notificationSecretPath(c), fields }];
}
