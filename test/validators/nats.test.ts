import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import app, { mainNats } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { natsInstances, natsProvisionStep, natsServerConf, natsStreamConfig } from '../../synth/components/nats';
import { natsPorts } from '../../synth/components/nats/names';
import { freePorts } from '../helpers/ports';
import { hasTool, runTool } from '../helpers/tools';

/**
 * The NATS side of examples/single-dc's `main-nats`, checked by Debian's nats-server (2.9): every
 * generated nats-server.conf passes `nats-server -t`, and the generated
 * provision-nats-resources.sh, run twice against a real three-server JetStream cluster on
 * 127.0.0.1, leaves every stream as declared and changes nothing the second time.
 */

const model = buildModel(app);
const instances = natsInstances(model, mainNats);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-nats-'));
const ports = natsPorts(mainNats);

const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) p.kill('SIGTERM');
});

describe('nats-server.conf of examples/single-dc main-nats', () => {
  it('has a config per instance routing to the other two', () => {
    expect(instances.map((i) => i.serverName)).toEqual(['main-nats-server-b', 'main-nats-server-c', 'main-nats-server-d']);
    for (const i of instances) {
      const conf = natsServerConf(mainNats, i, instances);
      expect(conf).toContain(`listen: "${i.address}:${ports.client}"`);
      expect(conf).toContain('store_dir: "/data"');
      const routes = [...conf.matchAll(/"nats-route:\/\/([\d.]+):(\d+)"/g)].map((m) => m[1]);
      expect(routes).toEqual(instances.filter((o) => o !== i).map((o) => o.address));
    }
  });

  it('nats-server -t accepts every config', () => {
    if (!hasTool('nats-server')) return;
    for (const i of instances) {
      const file = path.join(dir, `${i.name}.conf`);
      fs.writeFileSync(file, natsServerConf(mainNats, i, instances));
      const r = runTool('nats-server', ['-t', '-c', file]);
      expect(`${r.status} ${r.stdout}${r.stderr}`.trim(), file).toBe(`0 nats-server: configuration file ${file} is valid`);
    }
  });
});

describe('provision-nats-resources.sh against a real JetStream cluster', () => {
  /**
   * The generated configs adapted to run side by side on this machine: every address:port of an
   * instance (client, cluster, monitor; in `listen`, `http` and the peers' routes) becomes
   * 127.0.0.1 and a free port, and store_dir a scratch directory. Everything else, including the
   * routes between the three servers, is as generated, so the streams keep their 3 replicas.
   */
  async function startCluster(): Promise<{ clientUrls: string[]; monitor: string }> {
    const free = await freePorts(instances.length * 3);
    const map = new Map<string, string>();
    instances.forEach((i, n) => {
      for (const [k, port] of [[0, ports.client], [1, ports.cluster], [2, ports.monitor]] as const) map.set(`${i.address}:${port}`, `127.0.0.1:${free[n * 3 + k]}`);
    });
    for (const i of instances) {
      const store = fs.mkdtempSync(path.join(dir, `store-${i.name}-`));
      let conf = natsServerConf(mainNats, i, instances).replace(/(\d+\.\d+\.\d+\.\d+:\d+)/g, (m) => map.get(m) ?? `unmapped ${m}`);
      conf = conf.replace('store_dir: "/data"', `store_dir: ${JSON.stringify(store)}`);
      expect(conf).not.toContain('unmapped');
      expect(conf).not.toContain('"/data"');
      const file = path.join(dir, `run-${i.name}.conf`);
      fs.writeFileSync(file, conf);
      const log = fs.openSync(path.join(dir, `${i.name}.log`), 'w');
      started.push(spawn('nats-server', ['-c', file], { stdio: ['ignore', log, log] }));
    }
    return {
      clientUrls: instances.map((i) => `nats://${map.get(`${i.address}:${ports.client}`)}`),
      monitor: `http://${map.get(`${instances[0]!.address}:${ports.monitor}`)}`,
    };
  }

  function runStep(script: string, urls: readonly string[]) {
    const file = path.join(dir, `provision-${Math.random().toString(36).slice(2)}.sh`);
    fs.writeFileSync(file, script, { mode: 0o755 });
    return runTool('sh', [file], { env: { EPL_TEST_NATS_URLS: urls.join(' '), EPL_L2_WAIT_TRIES: '60' } });
  }

  /** Every stream's configuration, as the monitor reports it. */
  async function streamConfigs(monitor: string): Promise<Map<string, Record<string, unknown>>> {
    const jsz = (await (await fetch(`${monitor}/jsz?accounts=true&streams=true&config=true`)).json()) as {
      account_details?: Array<{ stream_detail?: Array<{ name: string; config: Record<string, unknown>; cluster?: { replicas?: unknown[] } }> }>;
    };
    const out = new Map<string, Record<string, unknown>>();
    for (const a of jsz.account_details ?? []) for (const s of a.stream_detail ?? []) out.set(s.name, s.config);
    return out;
  }

  it(
    'creates every stream as declared, then changes nothing; updates a stream that differs',
    async () => {
      if (!hasTool('nats-server') || !hasTool('socat') || !hasTool('jq')) return;
      const { clientUrls, monitor } = await startCluster();
      const [closed] = await freePorts(1);
      // A server that does not answer comes first: each request moves on to the next. The cluster
      // has just started, so the first requests also wait for its JetStream leader.
      const urls = [`nats://127.0.0.1:${closed}`, ...clientUrls];
      const step = natsProvisionStep(model, mainNats.region)!;
      expect(step).toMatchObject({ stage: 30, name: 'provision-nats-resources' });

      const first = runStep(step.script, urls);
      expect(first.status, first.stdout + first.stderr).toBe(0);
      for (const s of mainNats.streams) expect(first.stdout).toContain(`main-nats: stream ${s.streamName} created`);
      expect(first.stdout).toContain(`provision-nats-resources: ${mainNats.streams.length} changes`);

      const configs = await streamConfigs(monitor);
      for (const s of mainNats.streams) {
        const want = natsStreamConfig(s);
        expect(want.num_replicas).toBe(3);
        expect(configs.get(s.streamName), s.streamName).toMatchObject(want);
      }
      expect(configs.get('some_test_stream')!.subjects).toEqual(['some_test_stream.>']);
      expect(configs.get('chdb_a_sink')!.subjects).toEqual(['chdb_a_sink']);

      const second = runStep(step.script, urls);
      expect(second.status, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toContain('provision-nats-resources: nothing to change');
      for (const s of mainNats.streams) expect(second.stdout).toContain(`main-nats: stream ${s.streamName} is up to date`);

      // A stream whose limits someone changed is put back.
      const smaller = step.script.replace(/("name":"chdb_a_sink".*?"max_bytes":)\d+/, '$1536870912');
      expect(smaller).not.toBe(step.script);
      const changed = runStep(smaller, urls);
      expect(changed.status, changed.stdout + changed.stderr).toBe(0);
      expect(changed.stdout).toContain('main-nats: stream chdb_a_sink updated (max_bytes)');
      expect((await streamConfigs(monitor)).get('chdb_a_sink')!.max_bytes).toBe(536870912);
      const back = runStep(step.script, urls);
      expect(back.stdout).toContain('main-nats: stream chdb_a_sink updated (max_bytes)');
      expect(back.stdout).toContain('provision-nats-resources: 1 changes');
      expect((await streamConfigs(monitor)).get('chdb_a_sink')!.max_bytes).toBe(mainNats.streams.find((s) => s.streamName === 'chdb_a_sink')!.maxBytes.bytes);

      // A change JetStream refuses fails the step at once, with the server's reason.
      const refused = step.script.replace(/("name":"chdb_a_sink".*?"storage":)"file"/, '$1"memory"');
      const failed = runStep(refused, urls);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toMatch(/UPDATE of stream chdb_a_sink: .*"err_code"/);
    },
    180_000,
  );
});
