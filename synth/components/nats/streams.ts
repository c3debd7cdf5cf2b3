import type { NatsStream } from '../../../constructs/services/nats-cluster';
import { natsStreamReplicas } from './instances';
import { natsStreamSubjects } from './names';

/**
 * A stream's configuration as the JetStream API takes it (`$JS.API.STREAM.CREATE.<name>` and
 * `.UPDATE.<name>`, https://docs.nats.io/reference/reference-protocols/nats_api_reference):
 * every field epl decides. Provisioning compares these fields, and only these, with the stream's
 * current configuration, so a field the server fills in itself never counts as a difference.
 */
export interface NatsStreamConfig {
  readonly name: string;
  readonly subjects: readonly string[];
  /** On disk, on the instances' volumes. */
  readonly storage: 'file';
  /** Messages stay until a limit removes them (not when consumed): consumers come and go. */
  readonly retention: 'limits';
  /** At the byte limit the oldest messages go, so publishing never fails for space. */
  readonly discard: 'old';
  /** No count or age limit: `max_bytes` alone bounds the stream. */
  readonly max_msgs: -1;
  readonly max_age: 0;
  readonly max_bytes: number;
  readonly max_msg_size: number;
  readonly num_replicas: number;
  /** How long message ids (`Nats-Msg-Id`) are remembered, in nanoseconds. */
  readonly duplicate_window: number;
}

export function natsStreamConfig(s: NatsStream): NatsStreamConfig {
  return {
    name: s.streamName,
    subjects: natsStreamSubjects(s),
    storage: 'file',
    retention: 'limits',
    discard: 'old',
    max_msgs: -1,
    max_age: 0,
    max_bytes: s.maxBytes.bytes,
    max_msg_size: s.maxMessageSize.bytes,
    num_replicas: natsStreamReplicas(s.cluster),
    // JetStream always keeps a window (2 minutes when unset); without message ids nobody sets
    // `Nats-Msg-Id`, so the declared window costs nothing.
    duplicate_window: s.duplicateWindowSeconds * 1e9,
  };
}
