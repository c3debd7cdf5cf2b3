import { stringify } from 'yaml';
import type { LokiCluster } from '../../../constructs/services/loki-cluster';
import { minioPorts, minioServiceName } from '../minio/names';
import { LOKI_SECRET_FIELDS, lokiPorts, lokiRingPrefix, lokiSecretPath, lokiServiceName } from './names';
import { lokiBucketUserOf } from './secrets';

/**
 * The Loki configuration every role of a cluster shares (Loki 2.9, simple scalable mode; keys as
 * documented in docs/sources/configure/_index.md of grafana/loki v2.9.9), rendered by Nomad as a
 * consul-template template: the bucket user's password and the Consul token come from the job's
 * Vault secret, the address the instance advertises from its server's `meta.private_ip`. The
 * role's listen ports and `-target` are command-line flags (job.ts), which Loki applies over the
 * file.
 */

/** Where the task's config.yml is rendered (a `secrets/` file: it holds the password and the token). */
export const LOKI_CONFIG_FILE = 'secrets/config.yml';

/** Local state (the writers' WAL, index and cache directories, the compactor's work): inside the container, which the image's user owns. */
export const LOKI_PATH_PREFIX = '/loki';

/** The first day of the schema; a date in the past, as the documentation asks for the only period. */
export const LOKI_SCHEMA_FROM = '2024-01-01';

/**
 * The index schema. Loki 2.9.9 parses v13 (structured metadata), but its documentation still
 * recommends v12 and v13 was experimental there; tsdb is the documented index for new clusters.
 */
export const LOKI_SCHEMA = { store: 'tsdb', schema: 'v12' } as const;

/** The S3 region the client signs requests for; MinIO names its own `us-east-1` unless told otherwise. */
const S3_REGION = 'us-east-1';

/** Replicas of each stream in the ingesters: 3, or every writer when there are fewer. */
export function lokiReplicationFactor(c: LokiCluster): number {
  return Math.max(1, Math.min(3, c.writers));
}

const MARK = {
  s3SecretKey: 'EPL_SECRET_S3_SECRET_KEY_END',
  consulToken: 'EPL_SECRET_CONSUL_TOKEN_END',
  instanceAddr: 'EPL_INSTANCE_ADDR_END',
} as const;

/** A field of the job's secret as a consul-template expression; `toJSON` makes it a YAML scalar whatever it holds. */
function secretField(c: LokiCluster, field: string): string {
  return `{{ with secret ${JSON.stringify(`epl/data/${lokiSecretPath(c)}`)} }}{{ .Data.data.${field} | toJSON }}{{ end }}`;
}

/** The configuration as data, with markers where the template puts secrets and the address. */
export function lokiConfigData(c: LokiCluster) {
  const ports = lokiPorts(c);
  const retentionHours = c.retentionDays * 24;
  return {
    // One tenant: the platform's own logs (X-Scope-OrgID is not required).
    auth_enabled: false,
    server: { log_level: 'info' },
    common: {
      path_prefix: LOKI_PATH_PREFIX,
      replication_factor: lokiReplicationFactor(c),
      // The address the instance advertises in the rings and to the queriers; the default reads it
      // from eth0/en0, which a server need not have.
      instance_addr: MARK.instanceAddr,
      ring: {
        kvstore: {
          store: 'consul',
          prefix: lokiRingPrefix(c),
          // The server's own Consul agent, as Patroni reaches it (host networking).
          consul: { host: '127.0.0.1:8500', acl_token: MARK.consulToken },
        },
      },
      compactor_address: `http://${lokiServiceName(c, 'backend')}.service.consul:${ports.backend.http}`,
      storage: {
        s3: {
          endpoint: `${minioServiceName(c.bucket.cluster)}.service.consul:${minioPorts(c.bucket.cluster).lb}`,
          bucketnames: c.bucket.bucketName,
          region: S3_REGION,
          access_key_id: lokiBucketUserOf(c) ?? '',
          secret_access_key: MARK.s3SecretKey,
          // MinIO inside the private network: plain HTTP, buckets in the path, not the host name.
          insecure: true,
          s3forcepathstyle: true,
        },
      },
    },
    schema_config: {
      configs: [{ from: LOKI_SCHEMA_FROM, store: LOKI_SCHEMA.store, object_store: 's3', schema: LOKI_SCHEMA.schema, index: { prefix: 'index_', period: '24h' } }],
    },
    storage_config: { tsdb_shipper: { shared_store: 's3' } },
    // Queriers find the index gateways (on the backend instances) through their ring.
    index_gateway: { mode: 'ring' },
    compactor: {
      working_directory: `${LOKI_PATH_PREFIX}/compactor`,
      shared_store: 's3',
      compaction_interval: '10m',
      retention_enabled: true,
      retention_delete_delay: '2h',
      delete_request_store: 's3',
    },
    limits_config: {
      retention_period: `${retentionHours}h`,
      // Queries may look as far back as logs are kept.
      max_query_lookback: `${retentionHours}h`,
      reject_old_samples: true,
      reject_old_samples_max_age: '168h',
    },
    // No usage reports to grafana.com from inside the platform.
    analytics: { reporting_enabled: false },
  };
}

/** The configuration file, a consul-template template. */
export function lokiConfigYml(c: LokiCluster): string {
  let text = stringify(lokiConfigData(c), { lineWidth: 0 });
  const values: Record<keyof typeof MARK, string> = {
    s3SecretKey: secretField(c, LOKI_SECRET_FIELDS.s3SecretKey),
    consulToken: secretField(c, LOKI_SECRET_FIELDS.consulToken),
    instanceAddr: '{{ env "meta.private_ip" }}',
  };
  for (const k of Object.keys(MARK) as (keyof typeof MARK)[]) {
    if (!text.includes(MARK[k])) throw new Error(`epl bug: the Loki config lost its ${k}`);
    text = text.replace(MARK[k], values[k]);
  }
  return text;
}
