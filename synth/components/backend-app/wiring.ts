import type { BackendDeployment } from '../../../constructs/apps/backend-application';
import type { AppStream } from '../../../constructs/apps/app-stream';
import type { NatsStream } from '../../../constructs/services/nats-cluster';
import type { MinioBucket } from '../../../constructs/services/minio-cluster';
import { compareCodePoints } from '../../../lib/text/order';

/**
 * The application's streams and buckets a deployment wires, by the application's name, sorted.
 * Names the application does not declare, names it does not wire and values of the wrong type
 * are reported mistakes (apps/stream-wiring, apps/bucket-wiring, props/wrong-type) and get no
 * job wiring.
 */

export interface WiredStream {
  readonly name: string;
  readonly appStream: AppStream;
  readonly stream: NatsStream;
}

export interface WiredBucket {
  readonly name: string;
  readonly bucket: MinioBucket;
}

/** The first declaration of each name; a second one is apps/invalid-name's finding. */
function byName<T>(items: readonly T[], nameOf: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const t of items) if (!out.has(nameOf(t))) out.set(nameOf(t), t);
  return out;
}

export function wiredStreams(d: BackendDeployment): WiredStream[] {
  const declared = byName(d.application.streams, (s) => s.streamName);
  return [...declared.keys()]
    .sort(compareCodePoints)
    .filter((name) => Object.hasOwn(d.streams, name) && d.streams[name] !== undefined)
    .map((name) => ({ name, appStream: declared.get(name)!, stream: d.streams[name]! }));
}

export function wiredBuckets(d: BackendDeployment): WiredBucket[] {
  const declared = byName(d.application.buckets, (b) => b.bucketName);
  return [...declared.keys()]
    .sort(compareCodePoints)
    .filter((name) => Object.hasOwn(d.buckets, name) && d.buckets[name] !== undefined)
    .map((name) => ({ name, bucket: d.buckets[name]! }));
}
