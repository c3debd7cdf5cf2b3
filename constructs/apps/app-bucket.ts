import { EplConstruct } from '../core/epl-construct';
import type { Construct } from 'constructs';
import { uniqueChildId } from '../storage/containers';

/**
 * An S3 bucket an application reads and writes, by a name of its own (snake_case); each
 * deployment wires it to a MinIO bucket in its region, with a MinIO user of its own.
 */
export class AppBucket extends EplConstruct {
  readonly bucketName: string;

  /** @internal use `application.bucket(name)` */
  constructor(scope: Construct, name: string) {
    super(scope, uniqueChildId(scope, `bucket-${name}`));
    this.bucketName = name;
  }
}
