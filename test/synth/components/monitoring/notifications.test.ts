import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import singleDc, { monDefault, telegramBot } from '../../../../examples/single-dc/epl';
import { AlertGroup, MonitoringCluster, TelegramBot, TelegramChannel, WebhookReceiver, type AlertRouting, type App } from '../../../../constructs';
import { buildModel } from '../../../../synth/model/build-model';
import { planMonitoringCluster } from '../../../../synth/components/monitoring';
import { evaluatedGroups, monitoringAlertRules } from '../../../../synth/components/monitoring/alerts';
import { alertmanagerYml } from '../../../../synth/components/monitoring/alertmanager';
import { expectDiagnostics, findings } from '../../../helpers/diagnostics';
import { platform, type Platform } from '../../../helpers/platform';

/** The pieces a test routes: two groups with an alert each, a bot, a channel, two webhooks. */
interface Parts {
  readonly p: Platform;
  readonly one: AlertGroup;
  readonly two: AlertGroup;
  readonly bot: TelegramBot;
  readonly chat: TelegramChannel;
  readonly hook: WebhookReceiver;
}

function group(app: App, name: string): AlertGroup {
  const g = new AlertGroup(app, name);
  g.alert(`${name}Down`, { expr: 'up == 0', description: 'down', tests: [{ inputSeries: [{ series: 'up{job="x"}', values: '0x10' }], evalTime: '10m', expectedMessage: 'down' }] });
  return g;
}

/** The standard platform with cluster `c` routing what `routes` says, after `more` declared extra constructs. */
function withRouting(routes: (x: Parts) => readonly AlertRouting[] | undefined, more: (x: Parts) => void = () => {}): App {
  return platform({
    extend: (p) => {
      const x: Parts = {
        p,
        one: group(p.app, 'One'),
        two: group(p.app, 'Two'),
        bot: new TelegramBot(p.app, 'ops', { tokenSecret: 'ops-bot' }),
        chat: new TelegramChannel(p.app, 'ops', { chatId: -100123 }),
        hook: new WebhookReceiver(p.app, 'pager', { url: 'https://pager.example.com/alerts' }),
      };
      more(x);
      const alertGroups = routes(x);
      new MonitoringCluster(p.region, 'c', {
        instances: ['server-a', 'server-b'].map((h) => p.servers[h]!.rootVolume('mon')),
        alertmanagerInstances: ['server-a', 'server-b', 'server-c'].map((h) => p.servers[h]!.rootVolume('am')),
        ...(alertGroups ? { alertGroups } : {}),
      });
    },
  }).app;
}

const clusterOf = (app: App) => {
  const model = buildModel(app);
  return { model, c: model.ofType(MonitoringCluster)[0]! };
};

describe('alert group selection', () => {
  it('a cluster routing nothing evaluates every group and notifies nobody', () => {
    const { model, c } = clusterOf(withRouting(() => undefined));
    expect(evaluatedGroups(model, c).map((g) => g.groupName)).toEqual(['One', 'Two']);
    const am = parse(alertmanagerYml(c));
    expect(am.receivers).toEqual([{ name: 'default' }]);
    expect(am.route.routes).toBeUndefined();
    expect(planMonitoringCluster(model, c).vaultSecrets).toEqual([]);
  });

  it('a cluster evaluates exactly the groups it routes, each alert labelled with its group', () => {
    const { model, c } = clusterOf(withRouting((x) => [{ group: x.two, webhooks: [x.hook] }]));
    expect(evaluatedGroups(model, c).map((g) => g.groupName)).toEqual(['Two']);
    const rules = parse(monitoringAlertRules(model, c));
    expect(rules.groups.map((g: { name: string }) => g.name)).toEqual(['Two']);
    expect(rules.groups[0].rules[0].labels).toEqual({ alert_group: 'Two', severity: '50' });
  });

  it('routes each group by its alert_group label to a receiver with its Telegram chat and webhooks', () => {
    const { c } = clusterOf(withRouting((x) => [{ group: x.one, telegram: { bot: x.bot, channel: x.chat }, webhooks: [x.hook] }]));
    const text = alertmanagerYml(c);
    expect(text).toContain('bot_token: {{ with secret "epl/data/epl/mon-c/notifications" }}{{ index .Data.data "telegram-ops" | toJSON }}{{ end }}');
    const am = parse(text.replace(/\{\{ with secret .*?\{\{ end \}\}/g, '"TOKEN"'));
    expect(am.route.routes).toEqual([{ matchers: ['alert_group="One"'], receiver: 'group-One' }]);
    expect(am.receivers[1]).toEqual({
      name: 'group-One',
      telegram_configs: [{ bot_token: 'TOKEN', chat_id: -100123, parse_mode: '', send_resolved: true }],
      webhook_configs: [{ url: 'https://pager.example.com/alerts', send_resolved: true }],
    });
  });

  it("keeps the bot's token and a secret URL in Vault, copied from the user's custom/ secrets; the job reads them owner-only", () => {
    const app = withRouting(
      (x) => [{ group: x.one, telegram: { bot: x.bot, channel: x.chat }, webhooks: [new WebhookReceiver(x.p.app, 'chat', { urlSecret: 'chat-hook' })] }],
    );
    const { model, c } = clusterOf(app);
    const plan = planMonitoringCluster(model, c);
    expect(plan.vaultSecrets).toEqual([{ region: c.region, path: 'epl/mon-c/notifications', fields: { 'telegram-ops': { custom: 'custom/ops-bot', origin: expect.objectContaining({ prop: ['tokenSecret'] }) }, 'webhook-chat': { custom: 'custom/chat-hook', origin: expect.objectContaining({ prop: ['urlSecret'] }) } } }]);
    const am = plan.jobs[0]!.job.groups.find((g) => g.name === 'am-1')!.tasks[0]!;
    expect(am.vault).toBe(true);
    expect(am.templates[0]).toMatchObject({ destination: 'secrets/alertmanager.yml', perms: '0600' });
    expect(am.args).toContain('--config.file=/secrets/alertmanager.yml');
  });

  it('examples/single-dc: cluster default evaluates Default and EplBase, notifying Telegram chat 12345 through bot default', () => {
    const model = buildModel(singleDc);
    expect(evaluatedGroups(model, monDefault).map((g) => g.groupName)).toEqual(['Default', 'EplBase']);
    const am = parse(alertmanagerYml(monDefault).replace(/\{\{ with secret .*?\{\{ end \}\}/g, '"TOKEN"'));
    expect(am.receivers.map((r: { name: string }) => r.name)).toEqual(['default', 'group-Default', 'group-EplBase']);
    expect(am.receivers[1].telegram_configs[0].chat_id).toBe(12345);
    expect(planMonitoringCluster(model, monDefault).vaultSecrets[0]!.fields).toEqual({ 'telegram-default': { custom: 'custom/telegram-default', origin: { construct: telegramBot, prop: ['tokenSecret'] } } });
  });
});

const C = 'us-west/c';

describe('notification rules pass', () => {
  it('a cluster with telegram and webhook routes', () => {
    expectDiagnostics(withRouting((x) => [{ group: x.one, telegram: { bot: x.bot, channel: x.chat } }, { group: x.two, webhooks: [x.hook, new WebhookReceiver(x.p.app, 'chat', { urlSecret: 'chat-hook', sendResolved: false })] }]), []);
  });
});

describe('alerts/notification-name', () => {
  it('fails names and secret names that are not kebab-case', () => {
    const app = withRouting(() => undefined, (x) => {
      new TelegramBot(x.p.app, 'Ops_Bot', { tokenSecret: 'ops/bot' });
      new TelegramChannel(x.p.app, 'Ops Chat', { chatId: 5 });
      new WebhookReceiver(x.p.app, 'hook_1', { urlSecret: 'Hook' });
    });
    expectDiagnostics(app, [
      { code: 'alerts/notification-name', path: 'telegram-bots/Ops_Bot' },
      { code: 'alerts/notification-name', path: 'telegram-bots/Ops_Bot', prop: ['tokenSecret'] },
      { code: 'alerts/notification-name', path: 'telegram-channels/Ops Chat' },
      { code: 'alerts/notification-name', path: 'webhooks/hook_1' },
      { code: 'alerts/notification-name', path: 'webhooks/hook_1', prop: ['urlSecret'] },
    ]);
  });
});

describe('alerts/telegram-bot-token-unique', () => {
  it('fails a second bot with the same token secret', () => {
    const app = withRouting(() => undefined, (x) => void new TelegramBot(x.p.app, 'ops-2', { tokenSecret: 'ops-bot' }));
    expectDiagnostics(app, [{ code: 'alerts/telegram-bot-token-unique', path: 'telegram-bots/ops-2', prop: ['tokenSecret'] }]);
  });
});

describe('alerts/telegram-chat-id', () => {
  it('fails a second channel with the same chat id', () => {
    const app = withRouting(() => undefined, (x) => void new TelegramChannel(x.p.app, 'ops-2', { chatId: -100123 }));
    expectDiagnostics(app, [{ code: 'alerts/telegram-chat-id', path: 'telegram-channels/ops-2', prop: ['chatId'] }]);
  });
  for (const chatId of [0, 1.5, 2 ** 60]) {
    it(`fails chat id ${chatId}`, () => {
      const app = withRouting(() => undefined, (x) => void new TelegramChannel(x.p.app, 'bad', { chatId }));
      expectDiagnostics(app, [{ code: 'alerts/telegram-chat-id', path: 'telegram-channels/bad', prop: ['chatId'] }]);
    });
  }
});

describe('alerts/webhook-url', () => {
  for (const url of ['ftp://x.example.com/', 'not a url', '/relative', 'https://']) {
    it(`fails url '${url}'`, () => {
      const app = withRouting(() => undefined, (x) => void new WebhookReceiver(x.p.app, 'bad', { url }));
      expectDiagnostics(app, [{ code: 'alerts/webhook-url', path: 'webhooks/bad', prop: ['url'] }]);
    });
  }
  it('fails both url and urlSecret, and neither', () => {
    const app = withRouting(() => undefined, (x) => {
      new WebhookReceiver(x.p.app, 'both', { url: 'https://x.example.com/', urlSecret: 'x' });
      new WebhookReceiver(x.p.app, 'neither', {});
    });
    expectDiagnostics(app, [
      { code: 'alerts/webhook-url', path: 'webhooks/both' },
      { code: 'alerts/webhook-url', path: 'webhooks/neither' },
    ]);
  });
});

describe('monitoring/alert-group-routed-twice', () => {
  it('fails a group routed twice on one cluster, also through routeAlerts', () => {
    const app = withRouting((x) => [{ group: x.one, webhooks: [x.hook] }, { group: x.two, webhooks: [x.hook] }, { group: x.one, telegram: { bot: x.bot, channel: x.chat } }]);
    expectDiagnostics(app, [{ code: 'monitoring/alert-group-routed-twice', path: C, prop: ['alertGroups', 2] }]);
  });
});

describe('monitoring/alert-group-unnotified', () => {
  it('warns about a routed group without telegram or webhooks', () => {
    const app = withRouting((x) => [{ group: x.one }, { group: x.two, webhooks: [] }]);
    expectDiagnostics(app, [
      { code: 'monitoring/alert-group-unnotified', path: C, prop: ['alertGroups', 0] },
      { code: 'monitoring/alert-group-unnotified', path: C, prop: ['alertGroups', 1] },
    ]);
    expect(findings(app).every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('Telegram routing needs a bot and a channel', () => {
  it('is a props diagnostic, not a crash, when the channel is missing (routeAlerts from JavaScript)', () => {
    const app = withRouting(() => undefined);
    const c = app.node.findAll().find((n) => n instanceof MonitoringCluster) as MonitoringCluster;
    const bot = app.node.findAll().find((n) => n instanceof TelegramBot) as TelegramBot;
    const one = app.node.findAll().find((n) => n instanceof AlertGroup) as AlertGroup;
    c.routeAlerts({ group: one, telegram: { bot } as never });
    const found = findings(app);
    expect(found.map((d) => [d.code, d.path, d.prop])).toContainEqual(['props/missing-prop', C, ['alertGroups', 0, 'telegram', 'channel']]);
  });
});

describe('secrets/own-secret-unset', () => {
  it('warns at synth about a token secret the secrets file lacks, and bundles one it has', async () => {
    const { synthesize } = await import('../../../../synth/synth');
    const app = () => withRouting((x) => [{ group: x.one, telegram: { bot: x.bot, channel: x.chat } }]);
    const without = await synthesize(app());
    expect(without.files).toBeDefined();
    // At the bot's tokenSecret, the user's line.
    expect(without.diagnostics.filter((d) => d.code === 'secrets/own-secret-unset').map((d) => [d.severity, d.path, d.prop, d.message])).toEqual([
      ['warning', 'telegram-bots/ops', ['tokenSecret'], 'your secret custom/ops-bot is not set, and L2 provisioning of us-west needs it: set it with `epl secrets set custom/ops-bot`'],
    ]);
    const withIt = await synthesize(app(), { previousSecrets: { ...without.secrets, 'custom/ops-bot': '42:abc' } });
    expect(withIt.diagnostics.filter((d) => d.code === 'secrets/own-secret-unset')).toEqual([]);
    expect(withIt.files!.list().filter((f) => f.content.includes('42:abc')).map((f) => [f.path, f.mode])).toEqual([['secrets/bootstrap/us-west/custom/ops-bot', 0o600]]);
  }, 120_000);
});
