import { stringify } from 'yaml';
import type { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { Model } from '../../model/model';
import { minioPorts, minioServiceName } from '../minio/names';
import { monitoringInstances } from '../monitoring/instances';
import { monitoringClusterOf, monitoringPorts } from '../monitoring/names';
import { TEMPO_SECRET_FIELDS, tempoMemberlistServiceName, tempoPorts, tempoSecretPath } from './names';
import { tempoBucketUserOf } from './secrets';

/**
 * The Tempo configuration (Tempo 2.7, keys as documented in docs/sources/tempo/configuration/ of
 * grafana/tempo v2.7.1; Tempo parses it strictly, so an unknown key stops it), rendered by Nomad
 * as a consul-template template: the bucket user's password comes from the job's Vault secret,
 * the address the instance listens on and advertises from its server's `meta.private_ip`.
 *
 * Every instance runs every component (`scalable-single-binary`): distributor, ingester, querier,
 * query frontend, compactor and metrics generator, their rings gossiped over memberlist between
 * the instances, which find each other through the memberlist Consul service.
 */

/** Where the task's config is rendered (a `secrets/` file: it holds the password). */
export const TEMPO_CONFIG_FILE = 'secrets/tempo.yaml';

/**
 * Tempo's target. `all` is the one-instance monolith (its querier finds the frontend on 127.0.0.1,
 * its compactor runs without a ring); `scalable-single-binary` is the same set of components for
 * several instances sharing rings (Tempo's "scalable monolithic" deployment mode).
 */
export const TEMPO_TARGET = 'scalable-single-binary';

/** Local state (WALs of the ingester and of the metrics generator): inside the container, which the image's user owns. */
export const TEMPO_DATA_DIR = '/var/tempo';

/** The S3 region the client signs requests for; MinIO names its own `us-east-1` unless told otherwise. */
const S3_REGION = 'us-east-1';

/** The metrics generator's processors: RED metrics per span and the service graph (model.md §6.9). */
export const TEMPO_PROCESSORS = ['service-graphs', 'span-metrics'] as const;

/**
 * Replicas of each trace in the ingesters. A write needs a quorum of them, so two replicas would
 * need both instances up: with fewer than three instances each trace has one (the distributor
 * writes past an unhealthy ingester), with three or more it has three.
 */
export function tempoReplicationFactor(c: TempoCluster): number {
  return c.instances >= 3 ? 3 : 1;
}

/**
 * Where the generated metrics go: every VictoriaMetrics instance of the cluster's monitoring
 * cluster (each holds the whole history, as Prometheus writes them), at VictoriaMetrics's
 * Prometheus remote-write path. Empty without a monitoring cluster (monitoring/region-missing).
 */
export function tempoRemoteWriteUrls(model: Model, c: TempoCluster): string[] {
  const mon = monitoringClusterOf(model, c.region, c.monitoringCluster);
  if (!mon) return [];
  const port = monitoringPorts(mon).victoriaMetrics;
  return monitoringInstances(model, mon).map((i) => `http://${i.address}:${port}/api/v1/write`);
}

const MARK = {
  s3SecretKey: 'EPL_SECRET_S3_SECRET_KEY_END',
  instanceAddr: 'EPL_INSTANCE_ADDR_END',
} as const;

/** The configuration as data, with markers where the template puts the secret and the address. */
export function tempoConfigData(model: Model, c: TempoCluster) {
  const ports = tempoPorts(c);
  const ip = MARK.instanceAddr;
  const memberlistRing = { kvstore: { store: 'memberlist' } };
  const remoteWrite = tempoRemoteWriteUrls(model, c);
  return {
    target: TEMPO_TARGET,
    server: {
      http_listen_address: ip,
      http_listen_port: ports.http,
      grpc_listen_address: ip,
      grpc_listen_port: ports.grpc,
      log_level: 'info',
    },
    distributor: {
      // The rings' default address is eth0's or en0's, which a server need not have.
      ring: { ...memberlistRing, instance_addr: ip },
      receivers: {
        otlp: { protocols: { http: { endpoint: `${ip}:${ports.otlpHttp}` }, grpc: { endpoint: `${ip}:${ports.otlpGrpc}` } } },
      },
    },
    ingester: {
      lifecycler: { address: ip, ring: { ...memberlistRing, replication_factor: tempoReplicationFactor(c) } },
    },
    // Each instance's queriers pull work from its own query frontend.
    querier: { frontend_worker: { frontend_address: `${ip}:${ports.grpc}` } },
    compactor: {
      // One compactor per block: the instances share the blocks through this ring.
      ring: { ...memberlistRing, instance_addr: ip },
      compaction: { block_retention: `${c.retentionDays * 24}h` },
    },
    metrics_generator: {
      ring: { ...memberlistRing, instance_addr: ip },
      registry: { external_labels: { tempo_cluster: c.clusterName } },
      storage: {
        path: `${TEMPO_DATA_DIR}/generator/wal`,
        remote_write: remoteWrite.map((url) => ({ url })),
      },
    },
    storage: {
      trace: {
        backend: 's3',
        wal: { path: `${TEMPO_DATA_DIR}/wal` },
        s3: {
          bucket: c.bucket.bucketName,
          endpoint: `${minioServiceName(c.bucket.cluster)}.service.consul:${minioPorts(c.bucket.cluster).lb}`,
          region: S3_REGION,
          access_key: tempoBucketUserOf(c) ?? '',
          secret_key: MARK.s3SecretKey,
          // MinIO inside the private network: plain HTTP, buckets in the path, not the host name.
          insecure: true,
          forcepathstyle: true,
        },
      },
    },
    // Processors are per tenant: the defaults enable them for the only one. Without a monitoring
    // cluster their metrics would go nowhere.
    overrides: { defaults: { metrics_generator: { processors: remoteWrite.length > 0 ? [...TEMPO_PROCESSORS] : [] } } },
    memberlist: {
      bind_addr: [ip],
      bind_port: ports.memberlist,
      advertise_addr: ip,
      advertise_port: ports.memberlist,
      // Consul DNS answers with the instances whose memberlist port is up.
      join_members: [`dns+${tempoMemberlistServiceName(c)}.service.consul:${ports.memberlist}`],
      // Instances starting together may find none of the others in DNS yet: look again every minute.
      rejoin_interval: '1m',
    },
    // No usage reports to grafana.com from inside the platform.
    usage_report: { reporting_enabled: false },
  };
}

/** A field of the job's secret as a consul-template expression; `toJSON` makes it a YAML scalar whatever it holds. */
function secretField(c: TempoCluster, field: string): string {
  return `{{ with secret ${JSON.stringify(`epl/data/${tempoSecretPath(c)}`)} }}{{ .Data.data.${field} | toJSON }}{{ end }}`;
}

/** The configuration file, a consul-template template. */
export function tempoConfigYml(model: Model, c: TempoCluster): string {
  let text = stringify(tempoConfigData(model, c), { lineWidth: 0, aliasDuplicateObjects: false });
  const values: Record<keyof typeof MARK, string> = {
    s3SecretKey: secretField(c, TEMPO_SECRET_FIELDS.s3SecretKey),
    instanceAddr: '{{ env "meta.private_ip" }}',
  };
  for (const k of Object.keys(MARK) as (keyof typeof MARK)[]) {
    if (!text.includes(MARK[k])) throw new Error(`epl bug: the Tempo config lost its ${k}`);
    text = text.replaceAll(MARK[k], values[k]);
  }
  return text;
}
