import { stringify } from 'yaml';
import type { DockerRegistry } from '../../../constructs/services/docker-registry';
import { minioEndpoint } from '../minio/names';
import { registryBucketUser, registrySecretPath, REGISTRY_SECRET_FIELDS } from './secrets';

/** Where the task's config.yml is rendered (a `secrets/` file: it holds the bucket user's password). */
export const REGISTRY_CONFIG_FILE = 'secrets/config.yml';

/**
 * The S3 region the storage driver signs requests for. MinIO accepts any region it is not told
 * otherwise about and names its own `us-east-1`; the driver requires one.
 */
const S3_REGION = 'us-east-1';

/** The secret key as a consul-template expression; `toJSON` makes it a YAML scalar whatever it holds. */
const SECRET_KEY = `{{ with secret ${JSON.stringify(`epl/data/${registrySecretPath()}`)} }}{{ .Data.data.${REGISTRY_SECRET_FIELDS.s3SecretKey} | toJSON }}{{ end }}`;
const SECRET_MARK = 'EPL_SECRET_S3_SECRET_KEY_END';

/**
 * The registry's config.yml (https://distribution.github.io/distribution/about/configuration/) as
 * a consul-template template. Images go to the registry's MinIO bucket over the cluster's S3
 * endpoint: plain HTTP inside the private network, path-style addressing (the driver uses path
 * style whenever `regionendpoint` is set), blobs served by the registry itself rather than by
 * redirects to MinIO. The listen addresses and the HTTP secret come from the task's environment
 * (`REGISTRY_HTTP_ADDR`, `REGISTRY_HTTP_DEBUG_ADDR`, `REGISTRY_HTTP_SECRET`), which override
 * the file.
 */
export function registryConfigYml(r: DockerRegistry): string {
  const config = {
    version: 0.1,
    log: { level: 'info', formatter: 'text', fields: { service: 'registry' } },
    storage: {
      s3: {
        accesskey: registryBucketUser(r) ?? '',
        secretkey: SECRET_MARK,
        region: S3_REGION,
        regionendpoint: minioEndpoint(r.bucket.cluster),
        bucket: r.bucket.bucketName,
        secure: false,
        v4auth: true,
      },
      cache: { blobdescriptor: 'inmemory' },
      // Clients fetch blobs from the registry; a redirect would send them to MinIO's address.
      redirect: { disable: true },
      // Uploads abandoned by a failed push are removed after a week.
      maintenance: { uploadpurging: { enabled: true, age: '168h', interval: '24h', dryrun: false } },
    },
    http: {
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      debug: { prometheus: { enabled: true, path: '/metrics' } },
    },
    // While the bucket is unreachable the registry answers 503, so its Consul check fails.
    health: { storagedriver: { enabled: true, interval: '10s', threshold: 3 } },
  };
  const text = stringify(config, { lineWidth: 0 });
  if (!text.includes(SECRET_MARK)) throw new Error('epl bug: the registry config lost its secret key');
  return text.replace(SECRET_MARK, SECRET_KEY);
}
