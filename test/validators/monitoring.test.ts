import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import app, { monDefault } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { alertmanagerYml, prometheusYml } from '../../synth/components/monitoring';
import { alertRulesFile } from '../../synth/components/monitoring/alerts';
import { alertmanagerInstances, monitoringInstances } from '../../synth/components/monitoring/instances';
import { alertmanagerArgs, victoriaMetricsArgs } from '../../synth/components/monitoring/job';
import { PROMETHEUS_FILES } from '../../synth/components/monitoring/prometheus';
import { freePorts } from '../helpers/ports';
import { platform } from '../helpers/platform';
import { AlertGroup, MonitoringCluster, TelegramBot, TelegramChannel, WebhookReceiver } from '../../constructs';
import { hasTool, runTool } from '../helpers/tools';

/**
 * The configuration of examples/single-dc's `default` monitoring cluster, checked by Debian's
 * tools: every prometheus.yml by `promtool check config` (the files it names — the alert rules as
 * generated, the Consul token and the CAs as stubs — placed in a scratch directory where the task
 * would have them), alertmanager.yml by `amtool check-config`, and VictoriaMetrics started with
 * the generated flags (its address and data directory moved to the scratch directory).
 *
 * Debian builds Prometheus without Consul service discovery (changelog 2.33.5+ds1-4: "Disable
 * Consul SD until its Debian package is back in shape"), so its promtool rejects
 * `consul_sd_configs`. Those blocks are checked here against the documented consul_sd_config keys
 * (https://prometheus.io/docs/prometheus/latest/configuration/configuration/#consul_sd_config)
 * and replaced by a static target before promtool checks everything else, their relabelling
 * included.
 */

/** The consul_sd_config keys of Prometheus 2.43 (the image's version) that epl may set. */
const CONSUL_SD_KEYS = new Set(['server', 'path_prefix', 'token', 'datacenter', 'namespace', 'partition', 'scheme', 'username', 'password', 'services', 'tags', 'node_meta', 'tag_separator', 'allow_stale', 'refresh_interval', 'basic_auth', 'authorization', 'oauth2', 'proxy_url', 'follow_redirects', 'enable_http2', 'tls_config']);
const AUTHORIZATION_KEYS = new Set(['type', 'credentials', 'credentials_file']);

/** The config with its Consul SD blocks checked by key and replaced by a static target. */
function withoutConsulSd(text: string): string {
  const config = parse(text) as { scrape_configs: Array<Record<string, unknown>> };
  let found = 0;
  for (const sc of config.scrape_configs) {
    const sds = sc.consul_sd_configs as Array<Record<string, unknown>> | undefined;
    if (!sds) continue;
    for (const sd of sds) {
      found++;
      expect(Object.keys(sd).filter((k) => !CONSUL_SD_KEYS.has(k))).toEqual([]);
      expect(typeof sd.server).toBe('string');
      expect(['http', 'https']).toContain(sd.scheme);
      expect(Object.keys((sd.authorization ?? {}) as object).filter((k) => !AUTHORIZATION_KEYS.has(k))).toEqual([]);
    }
    delete sc.consul_sd_configs;
    sc.static_configs = [{ targets: ['127.0.0.1:1'] }];
  }
  expect(found).toBe(1);
  return stringify(config);
}

const model = buildModel(app);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-mon-'));
/** What Vault holds for the example's Alertmanagers: the test fixture's dummy bot token. */
const EXAMPLE_VAULT = { 'system/mon-default/notifications': { 'telegram-default': '1234567' } };
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) p.kill('SIGTERM');
});

/** The task directories (`/local`, `/secrets`) moved under the scratch directory. */
const relocate = (text: string) => text.replaceAll('/local/', `${dir}/local/`).replaceAll('/secrets/', `${dir}/secrets/`);

/** What Nomad's template engine makes of the escapes escapeConsulTemplate writes. */
const renderedByNomad = (text: string) => text.replaceAll('{{ "{{" }}', '{{').replaceAll('{{ "}}" }}', '}}');

/** The Vault lookups alertmanager.yml makes (`index .Data.data "field" | toJSON`), filled from `vault`, then the escapes. */
function renderedWithVault(text: string, vault: Readonly<Record<string, Readonly<Record<string, string>>>>): string {
  const filled = text.replace(/\{\{ with secret "epl\/data\/([^"]+)" \}\}\{\{ index \.Data\.data "([^"]+)" \| toJSON \}\}\{\{ end \}\}/g, (_, p: string, f: string) => {
    const v = vault[p]?.[f];
    if (v === undefined) throw new Error(`no Vault field ${p} ${f}`);
    return JSON.stringify(v);
  });
  return renderedByNomad(filled);
}

function stubTaskFiles(): void {
  fs.mkdirSync(path.join(dir, 'local'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'secrets'), { recursive: true });
  fs.writeFileSync(relocate(PROMETHEUS_FILES.alertRules), renderedByNomad(alertRulesFile(model, monDefault)));
  fs.writeFileSync(relocate(PROMETHEUS_FILES.consulToken), '00000000-0000-0000-0000-000000000000');
  // A real certificate: Prometheus loads the CA files of its TLS configs.
  const ca = runTool('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'ca.key'), '-subj', '/CN=stub', '-days', '1', '-out', path.join(dir, 'ca.crt')]);
  expect(ca.status, ca.stderr).toBe(0);
  for (const f of [PROMETHEUS_FILES.nomadCa, PROMETHEUS_FILES.vaultCa]) fs.copyFileSync(path.join(dir, 'ca.crt'), relocate(f));
}

describe('prometheus.yml of examples/single-dc default', () => {
  it('promtool check config accepts every instance', () => {
    if (!hasTool('promtool') || !hasTool('openssl')) return;
    stubTaskFiles();
    for (const i of monitoringInstances(model, monDefault)) {
      const file = path.join(dir, `${i.name}.yml`);
      fs.writeFileSync(file, relocate(withoutConsulSd(prometheusYml(model, monDefault, i))));
      const r = runTool('promtool', ['check', 'config', file]);
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('SUCCESS');
      // The rule file the hook fills is read as well.
      expect(r.stdout).toContain('alert_rules.yml');
    }
  });
});

describe('alertmanager.yml of examples/single-dc default', () => {
  it('amtool check-config accepts it', () => {
    if (!hasTool('amtool')) return;
    const file = path.join(dir, 'alertmanager.yml');
    fs.writeFileSync(file, renderedWithVault(alertmanagerYml(monDefault), EXAMPLE_VAULT));
    const r = runTool('amtool', ['check-config', file]);
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('amtool check-config accepts Telegram and webhook receivers, a token with YAML-special characters included', () => {
    if (!hasTool('amtool')) return;
    const p = platform({
      extend: (pl) => {
        const g1 = new AlertGroup(pl.app, 'One');
        const g2 = new AlertGroup(pl.app, 'Two');
        const bot = new TelegramBot(pl.app, 'ops', { tokenSecret: 'ops-bot' });
        const chat = new TelegramChannel(pl.app, 'ops', { chatId: -1001234567890 });
        const plain = new WebhookReceiver(pl.app, 'pager', { url: 'https://pager.example.com/hook?x={{y}}', sendResolved: false });
        const secret = new WebhookReceiver(pl.app, 'chat', { urlSecret: 'chat-hook' });
        new MonitoringCluster(pl.region, 'c', {
          instances: ['server-a', 'server-b'].map((h) => pl.servers[h]!.rootVolume('mon')),
          alertmanagerInstances: ['server-a', 'server-b', 'server-c'].map((h) => pl.servers[h]!.rootVolume('am')),
          alertGroups: [{ group: g1, telegram: { bot, channel: chat }, webhooks: [plain] }, { group: g2, webhooks: [secret, plain] }],
        });
      },
    });
    const c = buildModel(p.app).ofType(MonitoringCluster)[0]!;
    const token = '123:ab"c\\d: #x';
    const yml = renderedWithVault(alertmanagerYml(c), { 'epl/mon-c/notifications': { 'telegram-ops': token, 'webhook-chat': 'https://chat.example.com/hooks/T0/s3cr3t' } });
    const file = path.join(dir, 'alertmanager-notify.yml');
    fs.writeFileSync(file, yml);
    const r = runTool('amtool', ['check-config', file]);
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('3 receivers');
    const config = parse(yml);
    expect(config.receivers[1].telegram_configs[0]).toMatchObject({ bot_token: token, chat_id: -1001234567890 });
    expect(config.receivers[1].webhook_configs[0]).toEqual({ url: 'https://pager.example.com/hook?x={{y}}', send_resolved: false });
    expect(config.receivers[2].webhook_configs[0].url).toBe('https://chat.example.com/hooks/T0/s3cr3t');
    expect(config.route.routes).toEqual([
      { matchers: ['alert_group="One"'], receiver: 'group-One' },
      { matchers: ['alert_group="Two"'], receiver: 'group-Two' },
    ]);
  });
});

describe('VictoriaMetrics of examples/single-dc default', () => {
  it('starts with the generated flags and answers /health', async () => {
    if (!hasTool('victoria-metrics')) return;
    const [i] = monitoringInstances(model, monDefault);
    const [port] = await freePorts(1);
    const args = victoriaMetricsArgs(monDefault, i!).map((a) =>
      a.startsWith('-httpListenAddr=') ? `-httpListenAddr=127.0.0.1:${port}` : a.startsWith('-storageDataPath=') ? `-storageDataPath=${dir}/vm` : a,
    );
    expect(args).toContain('-retentionPeriod=24');
    const { healthy, log } = await startAndProbe('victoria-metrics', args, `http://127.0.0.1:${port}/health`);
    expect(healthy, log).toBe(true);
    // It took the retention it was given (a bare number is months).
    const flags = await fetch(`http://127.0.0.1:${port}/flags`).then((r) => r.text());
    expect(flags).toContain('-retentionPeriod="24"');
  });
});

/** Starts `cmd` and waits until `url` answers 200; what it printed, for the failure message. */
async function startAndProbe(cmd: string, args: readonly string[], url: string): Promise<{ healthy: boolean; log: string }> {
  let log = '';
  const p = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(p);
  p.stdout!.on('data', (b) => (log += b));
  p.stderr!.on('data', (b) => (log += b));
  let healthy = false;
  for (let t = 0; t < 100 && !healthy && p.exitCode === null; t++) {
    healthy = await fetch(url).then((r) => r.ok, () => false);
    if (!healthy) await new Promise((r) => setTimeout(r, 200));
  }
  return { healthy, log };
}

describe('Alertmanager of examples/single-dc default', () => {
  it('starts with the generated flags and config, its peers named by address', async () => {
    if (!hasTool('prometheus-alertmanager')) return;
    const all = alertmanagerInstances(model, monDefault);
    const [web, gossip] = await freePorts(2);
    const args = alertmanagerArgs(monDefault, all[0]!, all).map((a) => {
      if (a.startsWith('--config.file=')) return `--config.file=${dir}/alertmanager.yml`;
      if (a.startsWith('--storage.path=')) return `--storage.path=${dir}/am`;
      if (a.startsWith('--web.listen-address=')) return `--web.listen-address=127.0.0.1:${web}`;
      if (a.startsWith('--cluster.listen-address=') || a.startsWith('--cluster.advertise-address=')) return `${a.split('=')[0]}=127.0.0.1:${gossip}`;
      return a;
    });
    expect(args.filter((a) => a.startsWith('--cluster.peer='))).toEqual(all.slice(1).map((o) => `--cluster.peer=${o.address}:9093`));
    fs.writeFileSync(path.join(dir, 'alertmanager.yml'), renderedWithVault(alertmanagerYml(monDefault), EXAMPLE_VAULT));
    // The peers' LAN addresses do not answer here: Alertmanager keeps trying and serves anyway.
    const { healthy, log } = await startAndProbe('prometheus-alertmanager', args, `http://127.0.0.1:${web}/-/healthy`);
    expect(healthy, log).toBe(true);
  });
});
