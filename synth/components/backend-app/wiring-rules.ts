import { MAX_BATCH_MAX_SIZE, MIN_BATCH_MAX_SIZE, StreamRole } from '../../../constructs/apps/app-stream';
import { sortedStrings } from '../../../lib/text/order';
import { defineRule } from '../../rules/rule';

/**
 * Rules of an application's streams and buckets and of how a deployment wires them to NATS
 * streams and MinIO buckets. Names are apps/invalid-name (synth/rules/apps/backend.ts). A wired
 * value that is not a NatsStream or MinioBucket is props/wrong-type and is skipped here.
 */

export const streamWiring = defineRule({
  code: 'apps/stream-wiring',
  severity: 'error',
  title: "A deployment wires each of its application's streams, once, to a NATS stream of the same type in its region",
  doc: "Every stream the application declares needs a NATS stream in `streams`, carrying the same `VersionedType` (the same object), on a NATS cluster of the deployment's region; names that are not streams of the application are mistakes.",
  reference: [
    'ApplicationStreamsWiringUndefinedAppNatsStream',
    'ApplicationStreamsWiringApplicationHasNoStreams',
    'ApplicationStreamsWiringApplicationHasNoStreamSpecified',
    'ApplicationStreamWiringTypeMismatch',
    'ApplicationStreamWiringNatsClusterIsInDifferentRegion',
  ],
  check(model, report) {
    for (const d of model.backendDeployments) {
      const declared = new Map(d.application.streams.map((s) => [s.streamName, s]));
      for (const s of declared.values()) if (!Object.hasOwn(d.streams, s.streamName)) report(d, `stream '${s.streamName}' of '${d.application.applicationName}' is not wired to a NATS stream`, { prop: ['streams'] });
      for (const [name, ns] of Object.entries(d.streams)) {
        const s = declared.get(name);
        const prop = ['streams', name];
        if (!s) report(d, `'${name}' is not a stream of '${d.application.applicationName}' (streams: ${[...declared.keys()].join(', ') || 'none'})`, { prop });
        else if (!ns || !s.type || !ns.type) continue;
        else if (ns.type !== s.type) report(d, `stream '${name}' carries type '${s.type.typeName}' but NATS stream '${ns.streamName}' of '${ns.cluster.clusterName}' carries '${ns.type.typeName}'`, { prop, related: [{ construct: ns, prop: ['type'], message: 'the NATS stream' }] });
        else if (ns.cluster.region !== d.region) report(d, `stream '${name}' is wired to a NATS stream in region '${ns.cluster.region?.regionName}', not '${d.region.regionName}'`, { prop });
      }
    }
  },
});

export const streamSettingsMatch = defineRule({
  code: 'apps/stream-settings-mismatch',
  severity: 'error',
  title: 'An application stream enables subjects and message ids exactly when its NATS stream does',
  doc: "With subjects the application publishes to `<stream>.<subject>` and the NATS stream must hold those subjects; with message ids publishers set `Nats-Msg-Id` for the NATS stream's deduplication. Set `enableSubjects` and `enableMessageId` the same on both.",
  reference: ['ApplicationStreamWiringSubjectsEnabledMismatch', 'ApplicationStreamWiringMessageIdEnabledMismatch'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      const declared = new Map(d.application.streams.map((s) => [s.streamName, s]));
      for (const name of sortedStrings(Object.keys(d.streams))) {
        const s = declared.get(name);
        const ns = d.streams[name];
        if (!s || !ns) continue;
        for (const flag of ['enableSubjects', 'enableMessageId'] as const) {
          if (s[flag] !== ns[flag]) report(d, `stream '${name}' has ${flag} ${s[flag]} but NATS stream '${ns.streamName}' has ${ns[flag]}`, { prop: ['streams', name], related: [{ construct: ns, prop: [flag], message: 'the NATS stream' }] });
        }
      }
    }
  },
});

/** The wired names (in name order) whose target an earlier name already has, with that name. */
function sharedTargets<T>(wiring: Readonly<Record<string, T | undefined>>): { name: string; first: string; target: T }[] {
  const firstName = new Map<T, string>();
  const shared: { name: string; first: string; target: T }[] = [];
  for (const name of sortedStrings(Object.keys(wiring))) {
    const target = wiring[name];
    if (!target) continue;
    const first = firstName.get(target);
    if (first !== undefined) shared.push({ name, first, target });
    else firstName.set(target, name);
  }
  return shared;
}

export const streamsShareNatsStream = defineRule({
  code: 'apps/streams-share-nats-stream',
  severity: 'error',
  title: "A deployment wires each of its application's streams to a different NATS stream",
  doc: "Two streams of one application are separate to it; on one NATS stream each would see the other's messages (and a consumer and a producer of one application would feed themselves).",
  reference: ['ApplicationStreamWiringDifferentAppStreamsPointToSameNatsStream'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      for (const { name, first, target } of sharedTargets(d.streams)) {
        report(d, `streams '${first}' and '${name}' are both wired to NATS stream '${target.streamName}' of '${target.cluster.clusterName}'`, { prop: ['streams', name] });
      }
    }
  },
});

export const bucketWiring = defineRule({
  code: 'apps/bucket-wiring',
  severity: 'error',
  title: "A deployment wires each of its application's buckets, once, to a MinIO bucket in its region",
  doc: "Every bucket the application declares needs a MinIO bucket in `buckets`, on a MinIO cluster of the deployment's region; names that are not buckets of the application are mistakes.",
  reference: [
    'ApplicationBucketWiringUndefinedAppBucket',
    'ApplicationBucketWiringApplicationHasNoBuckets',
    'ApplicationBucketsWiringApplicationHasNoBucketSpecified',
    'ApplicationS3BucketWiringIsInDifferentRegion',
  ],
  check(model, report) {
    for (const d of model.backendDeployments) {
      const declared = new Set(d.application.buckets.map((b) => b.bucketName));
      for (const name of declared) if (!Object.hasOwn(d.buckets, name)) report(d, `bucket '${name}' of '${d.application.applicationName}' is not wired to a MinIO bucket`, { prop: ['buckets'] });
      for (const [name, b] of Object.entries(d.buckets)) {
        const prop = ['buckets', name];
        if (!declared.has(name)) report(d, `'${name}' is not a bucket of '${d.application.applicationName}' (buckets: ${[...declared].join(', ') || 'none'})`, { prop });
        else if (b && b.cluster.region !== d.region) report(d, `bucket '${name}' is wired to a MinIO bucket in region '${b.cluster.region?.regionName}', not '${d.region.regionName}'`, { prop });
      }
    }
  },
});

export const bucketsShareMinioBucket = defineRule({
  code: 'apps/buckets-share-minio-bucket',
  severity: 'error',
  title: "A deployment wires each of its application's buckets to a different MinIO bucket",
  doc: "Buckets are separate to the application; two of them on one MinIO bucket would see and overwrite each other's objects.",
  reference: ['ApplicationBucketWiringDifferentAppBucketsPointToSameMinioBucket'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      for (const { name, first, target } of sharedTargets(d.buckets)) {
        report(d, `buckets '${first}' and '${name}' are both wired to MinIO bucket '${target.bucketName}' of '${target.cluster.clusterName}'`, { prop: ['buckets', name] });
      }
    }
  },
});

export const streamBatchSettings = defineRule({
  code: 'apps/stream-batch-settings',
  severity: 'error',
  title: 'A batch consumer takes batches of 2 to 131072 messages and flushes after at least 1 ms',
  doc: 'A batch of one is a plain consumer, and a batch is held in memory until it is handed over, so its size is bounded (2 to 131072, as the reference). A partial batch is handed over after the flush deadline, a whole number of milliseconds.',
  check(model, report) {
    for (const a of model.backendApplications) {
      for (const s of a.streams) {
        if (!Number.isInteger(s.batchMaxSize) || s.batchMaxSize < MIN_BATCH_MAX_SIZE || s.batchMaxSize > MAX_BATCH_MAX_SIZE) report(s, `stream '${s.streamName}' has batchMaxSize ${s.batchMaxSize}, expected a whole number from ${MIN_BATCH_MAX_SIZE} to ${MAX_BATCH_MAX_SIZE}`, { prop: ['batchMaxSize'] });
        if (!Number.isInteger(s.batchFlushDeadlineMs) || s.batchFlushDeadlineMs < 1) report(s, `stream '${s.streamName}' has batchFlushDeadlineMs ${s.batchFlushDeadlineMs}, expected a whole number of at least 1`, { prop: ['batchFlushDeadlineMs'] });
      }
    }
  },
});

export const consumerOptionsOnProducer = defineRule({
  code: 'apps/stream-consumer-options-on-producer',
  severity: 'error',
  title: 'Only a consuming stream sets consumer options',
  doc: '`batchConsumer`, `consumerNeedsSeqId` and `consumerNeedsStreamName` shape what a consumer receives; a producer receives nothing, so on a producer they are a mistake (perhaps the role is).',
  check(model, report) {
    for (const a of model.backendApplications) {
      for (const s of a.streams) {
        if (s.role !== StreamRole.PRODUCER) continue;
        for (const prop of ['batchConsumer', 'consumerNeedsSeqId', 'consumerNeedsStreamName'] as const) {
          if (s[prop]) report(s, `stream '${s.streamName}' is a producer but sets ${prop}`, { prop: [prop] });
        }
      }
    }
  },
});

export const wiringRules = [streamWiring, streamSettingsMatch, streamsShareNatsStream, bucketWiring, bucketsShareMinioBucket, streamBatchSettings, consumerOptionsOnProducer];
