import { EplConstruct } from '../core/epl-construct';
import type { Construct } from 'constructs';
import { checkProps } from '../core/props';
import { uniqueChildId } from '../storage/containers';
import type { VersionedType } from './versioned-type';

/** What an application does with a stream. */
export enum StreamRole {
  /** Publishes messages to the stream. */
  PRODUCER = 'producer',
  /** Reads the stream's messages with a durable consumer. */
  CONSUMER = 'consumer',
}

/** Default and limits of a batch consumer's batch (model.md backend_application_nats_stream). */
export const DEFAULT_BATCH_MAX_SIZE = 1024;
export const MIN_BATCH_MAX_SIZE = 2;
export const MAX_BATCH_MAX_SIZE = 131072;
export const DEFAULT_BATCH_FLUSH_DEADLINE_MS = 1000;

export interface AppStreamProps {
  /** The versioned type of the stream's messages; a deployment wires it to a NATS stream of the same type. */
  readonly type: VersionedType;
  /** Whether the application publishes to the stream or consumes it (one or the other, never both). */
  readonly role: StreamRole;
  /** Messages carry a subject below the stream's name; the wired NATS stream must enable subjects too. @default false */
  readonly enableSubjects?: boolean;
  /** Messages carry an id the stream deduplicates on; the wired NATS stream must enable message ids too. @default false */
  readonly enableMessageId?: boolean;
  /** A consumer receives messages in batches rather than one at a time. @default false */
  readonly batchConsumer?: boolean;
  /** The most messages in one batch of a batch consumer, from 2 to 131072. @default 1024 */
  readonly batchMaxSize?: number;
  /** A batch consumer gets a partial batch after this many milliseconds without a full one. @default 1000 */
  readonly batchFlushDeadlineMs?: number;
  /** A consumer receives each message's stream sequence number. @default false */
  readonly consumerNeedsSeqId?: boolean;
  /** A consumer receives the name of the NATS stream a message came from. @default false */
  readonly consumerNeedsStreamName?: boolean;
}

/**
 * A stream an application publishes to or consumes, by a name of its own (snake_case); each
 * deployment wires it to a NATS stream of the same type in its region.
 */
export class AppStream extends EplConstruct {
  readonly streamName: string;
  readonly type: VersionedType;
  readonly role: StreamRole;
  readonly enableSubjects: boolean;
  readonly enableMessageId: boolean;
  readonly batchConsumer: boolean;
  readonly batchMaxSize: number;
  readonly batchFlushDeadlineMs: number;
  readonly consumerNeedsSeqId: boolean;
  readonly consumerNeedsStreamName: boolean;

  /** @internal use `application.stream(name, props)` */
  constructor(scope: Construct, name: string, props: AppStreamProps) {
    super(scope, uniqueChildId(scope, `stream-${name}`));
    props = checkProps(this, 'AppStreamProps', props);
    this.streamName = name;
    this.type = props.type;
    this.role = props.role;
    this.enableSubjects = props.enableSubjects ?? false;
    this.enableMessageId = props.enableMessageId ?? false;
    this.batchConsumer = props.batchConsumer ?? false;
    this.batchMaxSize = props.batchMaxSize ?? DEFAULT_BATCH_MAX_SIZE;
    this.batchFlushDeadlineMs = props.batchFlushDeadlineMs ?? DEFAULT_BATCH_FLUSH_DEADLINE_MS;
    this.consumerNeedsSeqId = props.consumerNeedsSeqId ?? false;
    this.consumerNeedsStreamName = props.consumerNeedsStreamName ?? false;
  }
}
