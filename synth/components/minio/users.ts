import { BucketAccess, type BucketGrant, type MinioBucket, type MinioCluster } from '../../../constructs/services/minio-cluster';

/**
 * The MinIO users of a cluster: one per `grant.user`, holding every bucket its grants name. The
 * consumers record the grants (the registry, app deployments, later Loki and Tempo); provisioning
 * makes the user, its policy and the policy's attachment (see provision.ts).
 */
export interface MinioUser {
  readonly user: string;
  /** Each bucket the user may use, once, with the widest access granted on it. */
  readonly buckets: readonly { readonly bucket: MinioBucket; readonly access: BucketAccess }[];
  /** The grants that made the user, in the order of the cluster's buckets. */
  readonly grants: readonly BucketGrant[];
}

/** The root user's name (its password is generated in Vault). */
export const MINIO_ROOT_USER = 'epl-minio-root';

/** The users of a cluster, in order of first grant over the cluster's buckets. */
export function minioUsers(c: MinioCluster): MinioUser[] {
  const users = new Map<string, { buckets: Map<MinioBucket, BucketAccess>; grants: BucketGrant[] }>();
  for (const bucket of c.buckets) {
    for (const g of bucket.grants) {
      const u = users.get(g.user) ?? { buckets: new Map<MinioBucket, BucketAccess>(), grants: [] as BucketGrant[] };
      users.set(g.user, u);
      u.grants.push(g);
      // Read-write includes read-only: a second, narrower grant does not narrow the first.
      if (u.buckets.get(bucket) !== BucketAccess.READ_WRITE) u.buckets.set(bucket, g.access);
    }
  }
  return [...users].map(([user, u]) => ({ user, buckets: [...u.buckets].map(([bucket, access]) => ({ bucket, access })), grants: u.grants }));
}

/** The name of a user's policy: prefixed, so no user shadows a built-in policy (`readwrite`). */
export function minioPolicyName(user: string): string {
  return `epl-user-${user}`;
}

/**
 * S3 actions per access (https://min.io/docs/minio/linux/administration/identity-access-management/policy-based-access-control.html):
 * on the bucket itself listing and locating it, on its objects reading and, for read-write,
 * writing, deleting and multipart uploads. Neither grants bucket administration (deleting the
 * bucket, changing its lock or versioning configuration): the cluster's job owns the buckets.
 */
const ACTIONS: Record<BucketAccess, { bucket: string[]; objects: string[] }> = {
  [BucketAccess.READ_ONLY]: {
    bucket: ['s3:GetBucketLocation', 's3:ListBucket'],
    objects: ['s3:GetObject', 's3:GetObjectRetention', 's3:GetObjectLegalHold'],
  },
  [BucketAccess.READ_WRITE]: {
    bucket: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
    objects: ['s3:GetObject', 's3:GetObjectRetention', 's3:GetObjectLegalHold', 's3:PutObject', 's3:DeleteObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
  },
};

/** A user's policy document: the actions of its access on exactly its buckets. */
export function minioUserPolicy(u: MinioUser): string {
  const statements = [BucketAccess.READ_WRITE, BucketAccess.READ_ONLY].flatMap((access) => {
    const names = u.buckets.filter((b) => b.access === access).map((b) => b.bucket.bucketName);
    if (names.length === 0) return [];
    return [
      { Effect: 'Allow', Action: ACTIONS[access].bucket, Resource: names.map((n) => `arn:aws:s3:::${n}`) },
      { Effect: 'Allow', Action: ACTIONS[access].objects, Resource: names.map((n) => `arn:aws:s3:::${n}/*`) },
    ];
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
