import { describe, expect, it } from 'vitest';
import {
  BackendApplication,
  BackendDeployment,
  BucketAccess,
  Datacenter,
  DatacenterImplementation,
  DockerRegistry,
  MinioCluster,
  NatsCluster,
  Network,
  Region,
  StreamRole,
  VersionedType,
  t,
  type AppStreamProps,
  type BackendDeploymentProps,
  type MinioBucket,
  type NatsStream,
  type ServerVolume,
} from '../../../../constructs';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/backend-app';
import { expectDiagnostics, expectPaths, findings } from '../../../helpers/diagnostics';
import { addServer, platform, type Platform } from '../../../helpers/platform';

interface Fixture {
  readonly p: Platform;
  readonly web: BackendApplication;
  readonly vtype: VersionedType;
  readonly other: VersionedType;
  /** NATS streams of `main`: two of `vtype`, one of `other`, one of `vtype` with subjects, one with message ids. */
  readonly streams: Record<'a' | 'b' | 'other' | 'subjects' | 'msgId', NatsStream>;
  /** Buckets of MinIO cluster `store` (besides `docker`, the registry's). */
  readonly buckets: Record<'x' | 'y', MinioBucket>;
}

function versionedType(p: Platform, name: string): VersionedType {
  const v = new VersionedType(p.app, name);
  v.snapshot(1, { some_field: t.i64().at(0) });
  return v;
}

const volume = (p: Platform, host: string, name: string) => p.servers[host]!.node.findChild('volumes').node.findChild(name) as ServerVolume;

/** The standard platform with a MinIO cluster, its registry, a NATS cluster and an application `web`. */
function fixture(p: Platform): Fixture {
  const vtype = versionedType(p, 'vtype');
  const other = versionedType(p, 'other');
  const store = new MinioCluster(p.region, 'store', { instances: ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => volume(p, h, 'minio-docker')) });
  new DockerRegistry(p.region, 'registry', { bucket: store.bucket('docker') });
  const nats = new NatsCluster(p.region, 'main', { instances: ['server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.rootVolume('nats')) });
  return {
    p,
    web: new BackendApplication(p.app, 'web'),
    vtype,
    other,
    streams: {
      a: nats.stream('stream_a', { type: vtype }),
      b: nats.stream('stream_b', { type: vtype }),
      other: nats.stream('other_stream', { type: other }),
      subjects: nats.stream('with_subjects', { type: vtype, enableSubjects: true }),
      msgId: nats.stream('with_msg_id', { type: vtype, enableMessageId: true }),
    },
    buckets: { x: store.bucket('bucket-x'), y: store.bucket('bucket-y') },
  };
}

/**
 * `web` declaring a producer `events` and a consumer `inbox` of `vtype` and the bucket `files`
 * (after `declare`'s changes), deployed as `web` with the wiring `wire` gives.
 */
function scenario(wire: (f: Fixture) => Partial<BackendDeploymentProps>, declare: (f: Fixture) => void = () => {}) {
  let deployment: BackendDeployment | undefined;
  let fx: Fixture | undefined;
  const { app } = platform({
    extend: (p) => {
      const f = (fx = fixture(p));
      f.web.stream('events', { type: f.vtype, role: StreamRole.PRODUCER });
      f.web.stream('inbox', { type: f.vtype, role: StreamRole.CONSUMER, batchConsumer: true, consumerNeedsSeqId: true });
      f.web.bucket('files');
      declare(f);
      deployment = new BackendDeployment(p.region, 'web', { application: f.web, ...wire(f) });
    },
  });
  return { app, deployment: deployment!, f: fx! };
}

const wired = (f: Fixture): Partial<BackendDeploymentProps> => ({ streams: { events: f.streams.a, inbox: f.streams.b }, buckets: { files: f.buckets.x } });

describe('stream and bucket wiring rules', () => {
  it('pass every declared stream and bucket wired once, to their own NATS stream and MinIO bucket of the region', () => {
    expectDiagnostics(scenario(wired).app, []);
    // Batch limits at both ends; subjects and message ids matching the NATS streams'.
    const more = scenario(
      (f) => ({ streams: { ...wired(f).streams, small: f.streams.subjects, big: f.streams.msgId }, buckets: { files: f.buckets.x, more_files: f.buckets.y } }),
      (f) => {
        f.web.stream('small', { type: f.vtype, role: StreamRole.CONSUMER, enableSubjects: true, batchConsumer: true, batchMaxSize: 2, batchFlushDeadlineMs: 1 });
        f.web.stream('big', { type: f.vtype, role: StreamRole.CONSUMER, enableMessageId: true, batchConsumer: true, batchMaxSize: 131072, consumerNeedsStreamName: true });
        f.web.bucket('more_files');
      },
    );
    expectDiagnostics(more.app, []);
  });

  it('grant the deployment read-write access to each wired bucket as the MinIO user app-<deployment>', () => {
    const { deployment, f } = scenario(wired);
    expect(f.buckets.x.grants).toEqual([{ consumer: deployment, prop: ['buckets', 'files'], user: 'app-web', access: BucketAccess.READ_WRITE, exclusive: false }]);
    expect(f.buckets.y.grants).toEqual([]);
  });

  it('report a declared stream or bucket the deployment does not wire (ApplicationStreamsWiringUndefinedAppNatsStream, ApplicationBucketWiringUndefinedAppBucket)', () => {
    expectDiagnostics(scenario((f) => ({ streams: { events: f.streams.a }, buckets: {} })).app, [
      { code: 'apps/stream-wiring', path: 'us-west/web', prop: ['streams'] },
      { code: 'apps/bucket-wiring', path: 'us-west/web', prop: ['buckets'] },
    ]);
  });

  it('report wiring of a name the application does not declare (…ApplicationHasNoStreamSpecified, …ApplicationHasNoBucketSpecified)', () => {
    const { app } = scenario((f) => ({ streams: { ...wired(f).streams, outbox: f.streams.other }, buckets: { files: f.buckets.x, photos: f.buckets.y } }));
    expectDiagnostics(app, [
      { code: 'apps/stream-wiring', path: 'us-west/web', prop: ['streams', 'outbox'] },
      { code: 'apps/bucket-wiring', path: 'us-west/web', prop: ['buckets', 'photos'] },
    ]);
  });

  it('report a NATS stream of another type than the app stream (ApplicationStreamWiringTypeMismatch)', () => {
    const { app } = scenario((f) => ({ ...wired(f), streams: { events: f.streams.other, inbox: f.streams.b } }));
    const [d] = expectDiagnostics(app, [{ code: 'apps/stream-wiring', path: 'us-west/web', prop: ['streams', 'events'] }]);
    expect(d!.message).toBe("stream 'events' carries type 'vtype' but NATS stream 'other_stream' of 'main' carries 'other'");
  });

  it('report subjects or message ids enabled on one side only (ApplicationStreamWiringSubjectsEnabledMismatch, …MessageIdEnabledMismatch)', () => {
    const subjects = scenario((f) => ({ ...wired(f), streams: { events: f.streams.subjects, inbox: f.streams.b } }));
    expectDiagnostics(subjects.app, [{ code: 'apps/stream-settings-mismatch', path: 'us-west/web', prop: ['streams', 'events'] }]);
    const msgId = scenario(
      (f) => ({ ...wired(f), streams: { events: f.streams.a, inbox: f.streams.b, dedup: f.streams.b } }),
      (f) => f.web.stream('dedup', { type: f.vtype, role: StreamRole.PRODUCER, enableMessageId: true }),
    );
    expectDiagnostics(msgId.app, [
      { code: 'apps/stream-settings-mismatch', path: 'us-west/web', prop: ['streams', 'dedup'] },
      // dedup sorts first, so inbox is the second one on stream_b.
      { code: 'apps/streams-share-nats-stream', path: 'us-west/web', prop: ['streams', 'inbox'] },
    ]);
  });

  it('report two app streams on one NATS stream (ApplicationStreamWiringDifferentAppStreamsPointToSameNatsStream)', () => {
    const { app } = scenario((f) => ({ ...wired(f), streams: { events: f.streams.a, inbox: f.streams.a } }));
    const [d] = expectDiagnostics(app, [{ code: 'apps/streams-share-nats-stream', path: 'us-west/web', prop: ['streams', 'inbox'] }]);
    expect(d!.message).toBe("streams 'events' and 'inbox' are both wired to NATS stream 'stream_a' of 'main'");
  });

  it('report two app buckets on one MinIO bucket (ApplicationBucketWiringDifferentAppBucketsPointToSameMinioBucket)', () => {
    const { app } = scenario(
      (f) => ({ ...wired(f), buckets: { files: f.buckets.x, photos: f.buckets.x } }),
      (f) => f.web.bucket('photos'),
    );
    expectDiagnostics(app, [{ code: 'apps/buckets-share-minio-bucket', path: 'us-west/web', prop: ['buckets', 'photos'] }]);
  });

  it('report a stream or bucket of another region (ApplicationStreamWiringNatsClusterIsInDifferentRegion, ApplicationS3BucketWiringIsInDifferentRegion)', () => {
    let far: { stream: NatsStream; bucket: MinioBucket } | undefined;
    const { app } = scenario(
      (f) => ({ streams: { events: far!.stream, inbox: f.streams.b }, buckets: { files: far!.bucket } }),
      (f) => {
        const eu = new Region(f.p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: f.p.dc.defaultDiskKind });
        const vols = ['eu-a', 'eu-b', 'eu-c'].map((h, i) => addServer(dc, h, { interfaces: [{ name: 'eth0', network: Network.LAN, address: `10.18.0.${10 + i}/24` }] }).rootVolume('data'));
        far = {
          stream: new NatsCluster(eu, 'eu-nats', { instances: vols }).stream('events', { type: f.vtype }),
          bucket: new MinioCluster(eu, 'eu-store', { instances: vols }).bucket('eu-files'),
        };
      },
    );
    expectPaths(app, 'apps/stream-wiring', ['us-west/web']);
    expectPaths(app, 'apps/bucket-wiring', ['us-west/web']);
  });

  it('report batch sizes outside 2 to 131072 and a flush deadline under 1 ms', () => {
    for (const [props, prop] of [
      [{ batchMaxSize: 1 }, 'batchMaxSize'],
      [{ batchMaxSize: 131073 }, 'batchMaxSize'],
      [{ batchMaxSize: 2.5 }, 'batchMaxSize'],
      [{ batchFlushDeadlineMs: 0 }, 'batchFlushDeadlineMs'],
    ] as const) {
      const { app } = scenario(wired, (f) => f.web.stream('batched', { type: f.vtype, role: StreamRole.CONSUMER, batchConsumer: true, ...props }));
      const found = findingsBesidesUnwired(app);
      expect(found, JSON.stringify(props)).toEqual([{ code: 'apps/stream-batch-settings', path: 'web/stream-batched', prop: [prop] }]);
    }
  });

  it('report consumer options on a producer', () => {
    for (const prop of ['batchConsumer', 'consumerNeedsSeqId', 'consumerNeedsStreamName'] as const) {
      const { app } = scenario(wired, (f) => f.web.stream('out', { type: f.vtype, role: StreamRole.PRODUCER, [prop]: true }));
      expect(findingsBesidesUnwired(app), prop).toEqual([{ code: 'apps/stream-consumer-options-on-producer', path: 'web/stream-out', prop: [prop] }]);
    }
  });

  it('report stream and bucket names that are not snake_case or are declared twice (apps/invalid-name)', () => {
    const { app } = scenario(wired, (f) => {
      f.web.stream('Bad-Name', { type: f.vtype, role: StreamRole.PRODUCER });
      f.web.stream('events', { type: f.vtype, role: StreamRole.PRODUCER });
      f.web.bucket('_files');
      f.web.bucket('files');
    });
    expect(findingsBesidesUnwired(app)).toEqual([
      { code: 'apps/invalid-name', path: 'web/bucket-_files', prop: undefined },
      { code: 'apps/invalid-name', path: 'web/bucket-files#2', prop: undefined },
      { code: 'apps/invalid-name', path: 'web/stream-Bad-Name', prop: undefined },
      { code: 'apps/invalid-name', path: 'web/stream-events#2', prop: undefined },
    ]);
  });

  it('make a stream either a producer or a consumer: the role is required and one of the two', () => {
    const { app } = scenario(wired, (f) => {
      f.web.stream('no_role', { type: f.vtype } as unknown as AppStreamProps);
      f.web.stream('both', { type: f.vtype, role: 'both' } as unknown as AppStreamProps);
    });
    expect(findingsBesidesUnwired(app)).toEqual([
      { code: 'props/wrong-type', path: 'web/stream-both', prop: ['role'] },
      { code: 'props/missing-prop', path: 'web/stream-no_role', prop: ['role'] },
    ]);
  });

  it('report a wired value that is not a NATS stream or MinIO bucket as a wrong type only, and wire nothing for it', () => {
    const { app } = scenario((f) => ({ streams: { events: f.streams.a, inbox: f.buckets.y as never }, buckets: { files: f.streams.b as never } }));
    expectDiagnostics(app, [
      { code: 'props/wrong-type', path: 'us-west/web', prop: ['streams', 'inbox'] },
      { code: 'props/wrong-type', path: 'us-west/web', prop: ['buckets', 'files'] },
    ]);
    const task = component.plan(buildModel(app)).jobs![0]!.job.groups[0]!.tasks[0]!;
    expect(Object.keys(task.env!).filter((k) => k.startsWith('EPL_NATS_') || k.startsWith('EPL_S3_'))).toEqual(['EPL_NATS_CONN_EVENTS', 'EPL_NATS_STREAM_EVENTS']);
    expect(task.templates).toEqual([]);
  });
});

/** Findings other than the unwired streams and buckets a `declare` adds, as code, path and prop, sorted by path. */
function findingsBesidesUnwired(app: Parameters<typeof findings>[0]) {
  return findings(app)
    .filter((d) => !((d.code === 'apps/stream-wiring' || d.code === 'apps/bucket-wiring') && d.prop?.length === 1))
    .map((d) => ({ code: d.code, path: d.path, prop: d.prop }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
