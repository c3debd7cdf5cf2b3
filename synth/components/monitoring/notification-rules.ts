import type { EplConstruct } from '../../../constructs/core/epl-construct';
import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { TelegramBot, TelegramChannel, WebhookReceiver } from '../../../constructs/services/notifications';
import { AlertGroup } from '../../../constructs/services/alerts';
import type { Model } from '../../model/model';
import { KEBAB_CASE } from '../../rules/patterns';
import { defineRule } from '../../rules/rule';

const bots = (model: Model) => model.ofType(TelegramBot);
const channels = (model: Model) => model.ofType(TelegramChannel);
const webhooks = (model: Model) => model.ofType(WebhookReceiver);

export const notificationName = defineRule({
  code: 'alerts/notification-name',
  severity: 'error',
  title: 'Telegram bots, Telegram channels, webhooks and the secrets they name have kebab-case names',
  doc:
    "The names become Vault fields and Alertmanager receivers' parts; a `tokenSecret` or `urlSecret` is the `<name>` of your secret `custom/<name>` in the secrets file " +
    '(`epl secrets set custom/<name>`) and a file of the bootstrap bundle.',
  reference: ['telegram_bot.bot_name', 'telegram_channel.channel_name'],
  check(model, report) {
    const check = (c: EplConstruct, what: string, name: string) => {
      if (!KEBAB_CASE.test(name)) report(c, `${what} name '${name}' is not kebab-case (a-z, 0-9, -)`);
    };
    const checkSecret = (c: EplConstruct, prop: string, name: string | undefined) => {
      if (name !== undefined && !KEBAB_CASE.test(name)) report(c, `${prop} '${name}' is not kebab-case (a-z, 0-9, -): it names your secret custom/<${prop}>`, { prop: [prop] });
    };
    for (const b of bots(model)) {
      check(b, 'Telegram bot', b.botName);
      checkSecret(b, 'tokenSecret', b.tokenSecret);
    }
    for (const ch of channels(model)) check(ch, 'Telegram channel', ch.channelName);
    for (const w of webhooks(model)) {
      check(w, 'webhook', w.receiverName);
      checkSecret(w, 'urlSecret', w.urlSecret);
    }
  },
});

/** Reports the second and later constructs that share a value with an earlier one. */
function reportShared<T extends EplConstruct, V>(list: readonly T[], value: (x: T) => V, report: (x: T, first: T) => void): void {
  const seen = new Map<V, T>();
  for (const x of list) {
    const first = seen.get(value(x));
    if (first) report(x, first);
    else seen.set(value(x), x);
  }
}

export const telegramBotToken = defineRule({
  code: 'alerts/telegram-bot-token-unique',
  severity: 'error',
  title: 'No two Telegram bots have the same token',
  doc: 'A token is one bot: two bots naming the same `tokenSecret` are one bot under two names. Use one `TelegramBot` for both.',
  reference: ['UNIQUE(bot_token)'],
  check(model, report) {
    reportShared(bots(model), (b) => b.tokenSecret, (b, first) =>
      report(b, `Telegram bot '${b.botName}' has the token secret of bot '${first.botName}' (${b.tokenSecret})`, {
        prop: ['tokenSecret'],
        related: [{ construct: first, prop: ['tokenSecret'], message: 'the first bot with this token' }],
      }),
    );
  },
});

export const telegramChatId = defineRule({
  code: 'alerts/telegram-chat-id',
  severity: 'error',
  title: 'Telegram channels have distinct, whole, non-zero chat ids',
  doc: "Telegram's chat ids are whole numbers (negative for groups and channels, `-100…` for supergroups and channels) and never 0. Two channels with one id are one chat: declare it once.",
  reference: ['UNIQUE(channel_id)', 'telegram_channel.channel_id INT'],
  check(model, report) {
    const valid = channels(model).filter((ch) => {
      const ok = Number.isSafeInteger(ch.chatId) && ch.chatId !== 0;
      if (!ok) report(ch, `chatId ${ch.chatId} of Telegram channel '${ch.channelName}' is not a whole, non-zero number`, { prop: ['chatId'] });
      return ok;
    });
    reportShared(valid, (ch) => ch.chatId, (ch, first) =>
      report(ch, `Telegram channel '${ch.channelName}' has the chat id of channel '${first.channelName}' (${ch.chatId})`, {
        prop: ['chatId'],
        related: [{ construct: first, prop: ['chatId'], message: 'the first channel with this chat id' }],
      }),
    );
  },
});

export const webhookUrl = defineRule({
  code: 'alerts/webhook-url',
  severity: 'error',
  title: 'A webhook has either a http(s) URL or a URL secret',
  doc: 'Alertmanager POSTs to an absolute `http://` or `https://` URL. Give it as `url`, or, when it carries a token, keep it in your secret `custom/<urlSecret>` and give `urlSecret` (not both).',
  check(model, report) {
    for (const w of webhooks(model)) {
      if ((w.url === undefined) === (w.urlSecret === undefined)) {
        report(w, `webhook '${w.receiverName}' needs exactly one of url and urlSecret`);
        continue;
      }
      if (w.url === undefined) continue;
      let ok = false;
      try {
        const u = new URL(w.url);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
      } catch {
        ok = false;
      }
      if (!ok || /\s/.test(w.url)) report(w, `url '${w.url}' of webhook '${w.receiverName}' is not an absolute http or https URL`, { prop: ['url'] });
    }
  },
});

export const alertGroupRouting = defineRule({
  code: 'monitoring/alert-group-routed-twice',
  severity: 'error',
  title: 'A monitoring cluster routes each alert group once',
  doc: 'Each routed group is evaluated once and its alerts go to one receiver; give all its destinations (a Telegram chat, webhooks) in one entry of `alertGroups`.',
  reference: ['monitoring_cluster_alert_group PK alert_group_name'],
  check(model, report) {
    for (const c of model.ofType(MonitoringCluster)) {
      const seen = new Map<AlertGroup, number>();
      c.alertGroups.forEach((r, i) => {
        const first = seen.get(r.group);
        if (first !== undefined) report(c, `alertGroups ${i + 1} routes group '${r.group.groupName}' again (first: alertGroups ${first + 1})`, { prop: ['alertGroups', i] });
        else seen.set(r.group, i);
      });
    }
  },
});

export const alertGroupUnnotified = defineRule({
  code: 'monitoring/alert-group-unnotified',
  severity: 'warning',
  title: 'A routed alert group notifies someone',
  doc: "A group in a cluster's `alertGroups` with neither `telegram` nor `webhooks` is evaluated, and its alerts only show in Alertmanager's UI. Give it a destination, or acknowledge the warning.",
  reference: ['monitoring_cluster_alert_group.telegram_channel, telegram_bot'],
  check(model, report) {
    for (const c of model.ofType(MonitoringCluster)) {
      c.alertGroups.forEach((r, i) => {
        if (!r.telegram && (r.webhooks ?? []).length === 0) report(c, `alert group '${r.group.groupName}' notifies nobody: give it telegram or webhooks`, { prop: ['alertGroups', i] });
      });
    }
  },
});

export const notificationRules = [notificationName, telegramBotToken, telegramChatId, webhookUrl, alertGroupRouting, alertGroupUnnotified];
