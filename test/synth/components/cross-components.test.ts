import { describe, expect, it } from 'vitest';
import { MinioCluster, NatsCluster, VersionedType, type ServerVolume } from '../../../constructs';
import { expectDiagnostics, findings } from '../../helpers/diagnostics';
import { platform, type Platform } from '../../helpers/platform';

/** What crosses components: ports and volumes of the MinIO and NATS clusters checked together. */

const HOSTS = ['server-a', 'server-b', 'server-c'];

function minio(p: Platform): MinioCluster {
  const volumes = HOSTS.map((h) => p.servers[h]!.node.findAll().find((c): c is ServerVolume => (c as ServerVolume).volumeName === 'minio-docker')!);
  return new MinioCluster(p.region, 'global', { instances: volumes });
}

describe('MinIO and NATS on the same servers', () => {
  it('share servers without a finding on their default ports and own volumes', () => {
    const p = platform({
      extend: (p) => {
        minio(p);
        new NatsCluster(p.region, 'main', { instances: HOSTS.map((h) => p.servers[h]!.rootVolume('nats')) }).stream('events', { type: new VersionedType(p.app, 'ev') });
      },
    });
    expect(findings(p.app).filter((d) => d.code.startsWith('placement/') || d.code.startsWith('disks/'))).toEqual([]);
  });

  it('is a port clash where a NATS port is a MinIO port, at the NATS instance on each server', () => {
    const p = platform({
      extend: (p) => {
        minio(p);
        new NatsCluster(p.region, 'main', { clientsPort: 9001, instances: HOSTS.map((h) => p.servers[h]!.rootVolume('nats')) });
      },
    });
    const clashes = findings(p.app).filter((d) => d.code === 'placement/port-used-twice');
    expect(clashes.map((d) => [d.path, d.prop])).toEqual(HOSTS.map((_, i) => ['us-west/main', ['instances', i]]));
    clashes.forEach((d, i) => expect(d.message).toBe(`ports 9001, 9002 of 'nats main clients' (us-west/main) are already taken by 'minio global console' (us-west/global) on server '${HOSTS[i]}'`));
  });

  it('is a usage contract breach where NATS writes the exclusive volume MinIO writes', () => {
    const p = platform({
      extend: (p) => {
        const m = minio(p);
        new NatsCluster(p.region, 'main', { clientsPort: 4222, instances: m.instances });
      },
    });
    expectDiagnostics(
      p.app,
      HOSTS.map((_, i) => ({ code: 'disks/volume-usage-contract', path: 'us-west/main', prop: ['instances', i] })),
    );
  });
});
