import { describe, expect, it } from 'vitest';
import { NatsCluster, Size, VersionedType, t, type ServerVolume } from '../../../../constructs';
import app, { mainNats } from '../../../../examples/single-dc/epl';
import { buildModel } from '../../../../synth/model/build-model';
import { planNatsCluster } from '../../../../synth/components/nats';
import { natsJob } from '../../../../synth/components/nats/job';
import { natsProvisionStep } from '../../../../synth/components/nats/provision';
import { natsStreamConfig } from '../../../../synth/components/nats/streams';
import { natsServerConf } from '../../../../synth/components/nats/config';
import { natsInstances } from '../../../../synth/components/nats/instances';
import { platform } from '../../../helpers/platform';

const model = buildModel(app);

describe('NATS cluster plan (examples/single-dc main-nats)', () => {
  it('is a service job with a group per instance pinned to its server and volume', () => {
    const job = natsJob(model, mainNats);
    expect(job).toMatchObject({ name: 'nats-main-nats', namespace: 'system', region: 'us-west', type: 'service', update: { maxParallel: 1, healthCheck: 'checks' } });
    expect(job.groups.map((g) => g.name)).toEqual(['nats-1', 'nats-2', 'nats-3']);
    job.groups.forEach((g, n) => {
      const host = ['server-b', 'server-c', 'server-d'][n]!;
      expect(g.constraints).toContainEqual({ attribute: '${meta.lock_epl-nats-main-nats}', operator: '>', value: '0' });
      expect(g.constraints).toContainEqual({ attribute: '${node.unique.name}', value: host });
      expect(g.volumes).toEqual([{ name: 'data', source: 'nats1', readOnly: false }]);
      expect(g.ports.map((p) => p.static)).toEqual([4222, 4223, 4224, 4225]);
      expect(g.services.map((s) => [s.name, s.port, s.checks[0]?.path])).toEqual([
        ['epl-nats-main-nats', 'nats', '/healthz'],
        ['epl-nats-main-nats-exp', 'nats_exporter', '/metrics'],
      ]);
      expect(g.shutdownDelay).toBe(`${n * 60}s`);
      const [nats, exporter] = g.tasks;
      expect(nats!.args).toEqual(['--config', '/local/nats-server.conf']);
      expect(nats!.volumeMounts).toEqual([{ volume: 'data', destination: '/data' }]);
      expect(exporter!.args).toEqual(expect.arrayContaining(['-varz', '-jsz=all', '-port', '4225', `http://${natsInstances(model, mainNats)[n]!.address}:4224`]));
    });
  });

  it('reserves four ports, the memory and the lock on each instance server, and uses both images', () => {
    const plan = planNatsCluster(model, mainNats);
    expect(plan.ports.map((p) => `${'server' in p.on ? p.on.server.hostname : '?'}:${p.port} ${p.owner}`)).toEqual(
      ['server-b', 'server-c', 'server-d'].flatMap((h) => [`${h}:4222 nats main-nats clients`, `${h}:4223 nats main-nats cluster routes`, `${h}:4224 nats main-nats http monitor`, `${h}:4225 nats main-nats prometheus exporter`]),
    );
    expect(plan.memory.map((m) => m.mib)).toEqual([288, 288, 288]);
    expect(plan.locks.map((l) => [l.server.hostname, l.lock])).toEqual([['server-b', 'epl-nats-main-nats'], ['server-c', 'epl-nats-main-nats'], ['server-d', 'epl-nats-main-nats']]);
    expect(plan.images.map((i) => i.set)).toEqual(['nats', 'nats_exporter']);
    expect(plan.jobs[0]!.stage).toBe('system');
  });

  it('configures JetStream on the volume with the cluster file store, and the payload limit of its largest stream', () => {
    const [first, ...rest] = natsInstances(model, mainNats);
    const conf = natsServerConf(mainNats, first!, [first!, ...rest]);
    expect(conf).toContain('server_name: "main-nats-server-b"');
    expect(conf).toContain('max_file_store: 1125899906842624');
    expect(conf).toContain('max_payload: 1048576');
    expect(conf).toContain('  name: "main-nats"');
  });

  it('declares each stream with file storage, limits retention, one replica per instance and the window in ns', () => {
    const s = mainNats.streams.find((x) => x.streamName === 'some_test_stream')!;
    expect(natsStreamConfig(s)).toEqual({
      name: 'some_test_stream',
      subjects: ['some_test_stream.>'],
      storage: 'file',
      retention: 'limits',
      discard: 'old',
      max_msgs: -1,
      max_age: 0,
      max_bytes: 1024 ** 3,
      max_msg_size: 1024 ** 2,
      num_replicas: 3,
      duplicate_window: 120e9,
    });
  });

  it("is the region's stage 30 step, and absent where no cluster has a stream", () => {
    expect(natsProvisionStep(model, mainNats.region)).toMatchObject({ stage: 30, name: 'provision-nats-resources' });
    const bare = platform({ extend: (p) => new NatsCluster(p.region, 'empty', { instances: ['server-a', 'server-b', 'server-c'].map((h) => p.servers[h]!.rootVolume('nats')) }) });
    expect(natsProvisionStep(buildModel(bare.app), bare.region)).toBeUndefined();
  });

  it('raises max_payload to the largest stream message, and keeps 5 replicas on 5 instances', () => {
    let cluster!: NatsCluster;
    const p = platform({
      extend: (p) => {
        const type = new VersionedType(p.app, 'msg');
        type.snapshot(1, { id: t.i64().at(0) });
        const vols: ServerVolume[] = ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.rootVolume('nats'));
        cluster = new NatsCluster(p.region, 'big', { instances: [...vols, vols[0]!] });
        cluster.stream('large', { type, maxMessageSize: Size.mebibytes(8) });
      },
    });
    const m = buildModel(p.app);
    const all = natsInstances(m, cluster);
    expect(natsServerConf(cluster, all[0]!, all)).toContain(`max_payload: ${8 * 1024 * 1024}`);
    expect(natsStreamConfig(cluster.streams[0]!).num_replicas).toBe(5);
  });
});
