import { describe, expect, it } from 'vitest';
import { BucketAccess, DockerRegistry, MinioBucket, MinioCluster, NatsCluster, NatsStream, Size, VersionedType, ZfsRecordSize } from '../../constructs';
import { buildModel } from '../../synth/model/build-model';
import { findings } from '../helpers/diagnostics';
import { platform } from '../helpers/platform';

describe('cluster service constructs', () => {
  it('take the reference defaults', () => {
    const p = platform();
    const vols = Object.values(p.servers).map((s) => s.rootVolume('svc'));
    const minio = new MinioCluster(p.region, 'global', { instances: vols });
    const type = new VersionedType(p.app, 'msg');
    const nats = new NatsCluster(p.region, 'main', { instances: vols.slice(0, 3) });
    const stream = nats.stream('events', { type });
    expect([minio.namespace, minio.apiPort, minio.instanceMemoryMb, minio.lbMemoryMb, minio.expectedZfsRecordSize, minio.multipleDiskMediumsOk]).toEqual(['epl', 9000, 1024, 64, ZfsRecordSize.M1, false]);
    expect([nats.clientsPort, nats.instanceMemoryMb, nats.maxFileStore.bytes]).toEqual([4222, 256, Size.tebibytes(1024).bytes]);
    expect([stream.maxBytes.bytes, stream.maxMessageSize.bytes, stream.enableSubjects, stream.enableMessageId, stream.duplicateWindowSeconds]).toEqual([
      Size.gibibytes(1).bytes,
      Size.mebibytes(1).bytes,
      false,
      false,
      120,
    ]);
    expect(stream.cluster).toBe(nats);
    expect(minio.bucket('docker').lockingEnabled).toBe(true);
  });

  it('record a registry as the exclusive read-write user of its bucket', () => {
    const p = platform();
    const minio = new MinioCluster(p.region, 'global', { instances: Object.values(p.servers).map((s) => s.rootVolume('svc')) });
    const bucket = minio.bucket('docker');
    const registry = new DockerRegistry(p.region, 'registry', { bucket });
    expect(bucket.grants).toEqual([{ consumer: registry, prop: ['bucket'], user: `docker-registry-${p.region.regionName}`, access: BucketAccess.READ_WRITE, exclusive: true }]);
    expect(bucket.cluster).toBe(minio);
  });

  it('are found by the model by class, in tree order', () => {
    const p = platform();
    const vols = Object.values(p.servers).map((s) => s.rootVolume('svc'));
    const a = new MinioCluster(p.region, 'a', { instances: vols });
    const b = new MinioCluster(p.region, 'b', { instances: vols });
    const buckets = [a.bucket('one'), b.bucket('two')];
    const model = buildModel(p.app);
    expect(model.ofType(MinioCluster)).toEqual([a, b]);
    expect(model.ofType(MinioBucket)).toEqual(buckets);
    expect(model.ofType(NatsStream)).toEqual([]);
    expect(model.ofType(MinioCluster)).toBe(model.ofType(MinioCluster));
  });

  it('outside a region are a diagnostic at the construct, not an exception', () => {
    const p = platform();
    const vols = Object.values(p.servers).map((s) => s.rootVolume('svc'));
    new NatsCluster(p.app, 'stray', { instances: vols });
    expect(findings(p.app).filter((d) => d.path === 'stray').map((d) => d.code)).toContain('props/wrong-scope');
  });
});
