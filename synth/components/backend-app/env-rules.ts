import type { EplConstruct } from '../../../constructs/core/epl-construct';
import { isRedefinition } from '../../../constructs/storage/containers';
import { defineRule } from '../../rules/rule';
import { natsConnEnv, natsStreamEnv, pgShardReadOnlyUrlEnv, pgShardUrlEnv, s3BucketEnv, s3PasswordEnv, s3UriEnv, s3UserEnv } from './env';

/**
 * Shard, stream and bucket names become environment variable names of the app's job (env.ts).
 * Two names may map to one variable (shard `x` has `EPL_PG_X_RO_URL`, and so has shard `x_ro`):
 * the second would silently replace the first.
 */
export const envVariableClash = defineRule({
  code: 'apps/env-variable-clash',
  severity: 'error',
  title: "An application's shard, stream and bucket names give distinct environment variables",
  doc: "Each Postgres shard `x` is `EPL_PG_X_URL` and `EPL_PG_X_RO_URL` in the job's environment, each stream `EPL_NATS_CONN_X` and `EPL_NATS_STREAM_X`, each bucket `EPL_S3_X_BUCKET`, `_URI`, `_USER` and `_PASSWORD`. A shard named `x_ro` beside a shard `x` would take the read-only URL of `x`; rename one.",
  check(model, report) {
    for (const a of model.backendApplications) {
      const owners = new Map<string, { construct: EplConstruct; what: string }>();
      const claim = (construct: EplConstruct, what: string, names: readonly string[]) => {
        // A name declared twice is apps/invalid-name's finding.
        if (isRedefinition(construct)) return;
        for (const name of names) {
          const first = owners.get(name);
          if (!first) owners.set(name, { construct, what });
          else if (first.construct !== construct) {
            report(construct, `${what} sets ${name}, which ${first.what} already sets`, { related: [{ construct: first.construct, message: `${first.what} is defined here` }] });
          }
        }
      };
      for (const s of a.pgShards) claim(s, `shard '${s.shardName}'`, [pgShardUrlEnv(s.shardName), pgShardReadOnlyUrlEnv(s.shardName)]);
      for (const s of a.streams) claim(s, `stream '${s.streamName}'`, [natsConnEnv(s.streamName), natsStreamEnv(s.streamName)]);
      for (const b of a.buckets) claim(b, `bucket '${b.bucketName}'`, [s3BucketEnv(b.bucketName), s3UriEnv(b.bucketName), s3UserEnv(b.bucketName), s3PasswordEnv(b.bucketName)]);
    }
  },
});
