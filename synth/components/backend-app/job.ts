import type { BackendDeployment } from '../../../constructs/apps/backend-application';
import type { Model } from '../../model/model';
import { appImagePlaceholder, type NomadConstraint, type NomadJob, type NomadTemplate } from '../../plan/nomad/job';
import { archConstraint, datacentersOf, DISTINCT_HOSTS, labelConstraints, PRIVATE_IP, ROLLING_UPDATE, UNASSIGNED_CONSTRAINT, vaultField } from '../../plan/nomad/common';
import { DEPLOYMENT_NAME_ENV, HEALTH_PATH, HTTP_SOCKET_ENV, METRICS_PATH, OTEL_SERVICE_NAME_ENV, OTLP_ENDPOINT_ENV, natsConnEnv, natsStreamEnv, pgShardReadOnlyUrlEnv, pgShardUrlEnv, s3BucketEnv, s3PasswordEnv, s3UriEnv, s3UserEnv } from './env';
import { appJobName, appPgSecretPath, appS3SecretPath, APP_S3_PASSWORD_FIELD, appServiceName } from './names';
import { wiredShards } from './secrets';
import { wiredBuckets, wiredStreams } from './wiring';
import { natsClientUrl } from '../nats/names';
import { minioEndpoint } from '../minio/names';
import { appBucketUser } from '../../../constructs/apps/backend-application';
import { scrapedBy } from '../monitoring/names';
import { tempoClusterOf, tempoOtlpHttpEndpoint } from '../tempo/names';

/** The port label of the app's HTTP port in its group. */
const HTTP = 'http';

/** The most memory an instance may use when its server has room, as a multiple of what it reserves. */
const MEMORY_MAX_FACTOR = 2;

/** Where the app's stateless instances may run: its labels, or the servers for unassigned workloads. */
function placementConstraints(d: BackendDeployment): NomadConstraint[] {
  return [
    archConstraint(d.workloadArchitecture),
    ...(d.placement ? labelConstraints(d.placement) : [UNASSIGNED_CONSTRAINT]),
    // Two instances on one server would also clash on the static port.
    ...(d.count > 1 ? [DISTINCT_HOSTS] : []),
  ];
}

/** Each wired shard's connection strings, from the job's own Vault secret, as environment variables. */
function pgTemplate(d: BackendDeployment): NomadTemplate | undefined {
  const lines = wiredShards(d).flatMap(({ shard }) => {
    const path = appPgSecretPath(d, shard);
    return [`${pgShardUrlEnv(shard)}=${vaultField(path, 'url')}`, `${pgShardReadOnlyUrlEnv(shard)}=${vaultField(path, 'ro_url')}`];
  });
  return lines.length === 0 ? undefined : { destination: 'secrets/pg.env', data: lines.join('\n') + '\n', env: true, changeMode: 'restart', perms: '0600' };
}

/** The password of the deployment's MinIO user on each wired bucket, from the job's own Vault secret. */
function s3Template(d: BackendDeployment): NomadTemplate | undefined {
  const lines = wiredBuckets(d).map(({ name }) => `${s3PasswordEnv(name)}=${vaultField(appS3SecretPath(d, name), APP_S3_PASSWORD_FIELD)}`);
  return lines.length === 0 ? undefined : { destination: 'secrets/s3.env', data: lines.join('\n') + '\n', env: true, changeMode: 'restart', perms: '0600' };
}

/**
 * Where each wired stream and bucket is: nothing secret. NATS is reachable on the LAN and VPN
 * only and has no credentials (as the reference); a bucket's password is in `s3Template`.
 */
function wiringEnv(d: BackendDeployment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, stream } of wiredStreams(d)) {
    env[natsConnEnv(name)] = natsClientUrl(stream.cluster);
    env[natsStreamEnv(name)] = stream.streamName;
  }
  for (const { name, bucket } of wiredBuckets(d)) {
    env[s3BucketEnv(name)] = bucket.bucketName;
    env[s3UriEnv(name)] = minioEndpoint(bucket.cluster);
    env[s3UserEnv(name)] = appBucketUser(d.deploymentName);
  }
  return env;
}

/** Where the instances send traces: the deployment's Tempo cluster, or its region's default; none without one (tempo/region-missing). */
function tracingEnv(model: Model, d: BackendDeployment): Record<string, string> {
  const tempo = tempoClusterOf(model, d.region, d.tracingCluster);
  return tempo ? { [OTLP_ENDPOINT_ENV]: tempoOtlpHttpEndpoint(tempo), [OTEL_SERVICE_NAME_ENV]: d.deploymentName } : {};
}

/**
 * The deployment's Nomad job: `count` instances of the application's image (built and pushed by
 * L2 provisioning, which replaces the placeholder with its digest), each serving HTTP on the
 * deployment's static port, registered in Consul with a health check and marked for scraping;
 * its databases, streams and buckets reach it as environment variables (env.ts).
 */
export function appJob(model: Model, d: BackendDeployment): NomadJob {
  const templates = [pgTemplate(d), s3Template(d)].filter((t): t is NomadTemplate => t !== undefined);
  return {
    name: appJobName(d),
    namespace: d.namespace,
    region: d.region.regionName,
    datacenters: datacentersOf(model, d.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: [
      {
        name: 'app',
        count: d.count,
        constraints: placementConstraints(d),
        ports: [{ label: HTTP, static: d.httpPort, hostNetwork: 'lan' }],
        volumes: [],
        // Consul drops the instance before it stops, so requests stop arriving first.
        shutdownDelay: '5s',
        services: [
          {
            name: appServiceName(d),
            port: HTTP,
            ...scrapedBy(model, d.region, METRICS_PATH, d.monitoringCluster),
            checks: [{ type: 'http', port: HTTP, path: HEALTH_PATH }],
          },
        ],
        tasks: [
          {
            name: 'app',
            image: appImagePlaceholder(d.workloadArchitecture, d.application.applicationName),
            env: { [HTTP_SOCKET_ENV]: `${PRIVATE_IP}:${d.httpPort}`, [DEPLOYMENT_NAME_ENV]: d.deploymentName, ...wiringEnv(d), ...tracingEnv(model, d) },
            memoryMb: d.memoryMb,
            memoryMaxMb: d.memoryMb * MEMORY_MAX_FACTOR,
            templates,
            volumeMounts: [],
            vault: templates.length > 0,
          },
        ],
      },
    ],
  };
}
