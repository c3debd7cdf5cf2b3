import { describe, it } from 'vitest';
import { BackendApplication, Datacenter, DatacenterImplementation, LokiCluster, MinioCluster, Network, Region, BackendDeployment, DockerRegistry, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, expectPaths } from '../../../helpers/diagnostics';
import { addLoki } from '../../../helpers/loki';
import { addServer, platform } from '../../../helpers/platform';

describe('loki rules', () => {
  it('pass the example-like cluster: writers on loki_writer servers, readers on loki_reader servers', () => {
    expectDiagnostics(platform({ extend: (p) => addLoki(p) }).app, []);
  });

  it('pass two clusters in a region with one marked regionDefault, and the bounds of every setting', () => {
    const { app } = platform({
      extend: (p) => {
        const first = addLoki(p, { regionDefault: true, retentionDays: 1, writers: 2, readers: 2, writerMemoryMb: 64, readerMemoryMb: 64, backendMemoryMb: 64 });
        addLoki(p, { writerHttpPort: 65530, retentionDays: 10000 }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(app, []);
  });

  it('fail a name that is not kebab-case (loki/cluster-name)', () => {
    const { app } = platform({
      extend: (p) => {
        const minio = addLoki(p).bucket.cluster;
        new LokiCluster(p.region, 'Main_1', { bucket: minio.bucket('loki-other'), regionDefault: true, writerHttpPort: 3020 });
      },
    });
    // The bucket user is named after the cluster, so MinIO also refuses it.
    expectDiagnostics(app, [
      { code: 'loki/cluster-name', path: 'us-west/Main_1' },
      { code: 'minio/bucket-users', path: 'us-west/Main_1', prop: ['bucket'] },
    ]);
  });

  it('fail fewer than 2 writers or readers (loki/instance-count)', () => {
    expectDiagnostics(platform({ extend: (p) => addLoki(p, { writers: 1 }) }).app, [{ code: 'loki/instance-count', path: 'us-west/main', prop: ['writers'] }]);
    expectDiagnostics(platform({ extend: (p) => addLoki(p, { readers: 1.5 }) }).app, [{ code: 'loki/instance-count', path: 'us-west/main', prop: ['readers'] }]);
  });

  it('fail a first port that leaves no room for the five after it (loki/ports)', () => {
    for (const writerHttpPort of [0, 65531, 3010.5]) {
      expectDiagnostics(platform({ extend: (p) => addLoki(p, { writerHttpPort }) }).app, [{ code: 'loki/ports', path: 'us-west/main', prop: ['writerHttpPort'] }]);
    }
  });

  it('fail a retention outside 1 to 10000 days (loki/retention)', () => {
    for (const retentionDays of [0, 10001, 2.5]) {
      expectDiagnostics(platform({ extend: (p) => addLoki(p, { retentionDays }) }).app, [{ code: 'loki/retention', path: 'us-west/main', prop: ['retentionDays'] }]);
    }
  });

  it('fail a role with less than 64 MiB (loki/memory)', () => {
    for (const prop of ['writerMemoryMb', 'readerMemoryMb', 'backendMemoryMb'] as const) {
      expectDiagnostics(platform({ extend: (p) => addLoki(p, { [prop]: 63 }) }).app, [{ code: 'loki/memory', path: 'us-west/main', prop: [prop] }]);
    }
  });

  it('fail several clusters in a region without a default, or with two (loki/region-default)', () => {
    const none = platform({
      extend: (p) => {
        const first = addLoki(p);
        addLoki(p, { writerHttpPort: 3020 }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(none.app, [{ code: 'loki/region-default', path: 'us-west' }]);
    const two = platform({
      extend: (p) => {
        const first = addLoki(p, { regionDefault: true });
        addLoki(p, { writerHttpPort: 3020, regionDefault: true }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(two.app, [{ code: 'loki/region-default', path: 'us-west/second', prop: ['regionDefault'] }]);
  });

  it('fail a bucket of another region (minio/bucket-region, LokiClusterMinIOBucketIsOutsideSpecifiedRegion)', () => {
    const { app } = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const disks = ['eu-a', 'eu-b'].map((h, i) => addServer(dc, h, { interfaces: [{ name: 'eth0', network: Network.LAN, address: `10.18.0.${10 + i}/24` }] }));
        const euMinio = new MinioCluster(eu, 'eu-store', { instances: disks.map((s) => s.xfsVolume('minio', { disk: s.addDisk('vdb', { xfsFormat: true }) }) as ServerVolume) });
        new LokiCluster(p.region, 'main', { bucket: euMinio.bucket('loki'), writerPlacement: { loki_writer: 'true' }, readerPlacement: { loki_reader: 'true' } });
      },
    });
    expectPaths(app, 'minio/bucket-region', ['us-west/main']);
  });

  it("fail an application on the cluster's bucket (minio/exclusive-bucket)", () => {
    const { app } = platform({
      extend: (p) => {
        const loki = addLoki(p);
        new DockerRegistry(p.region, 'registry', { bucket: loki.bucket.cluster.bucket('docker') });
        new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web'), buckets: { logs: loki.bucket } });
      },
    });
    expectPaths(app, 'minio/exclusive-bucket', ['us-west/web']);
  });

  it('fail writers placed on too few servers or on undeclared labels (placement rules over the reservations)', () => {
    expectPaths(platform({ extend: (p) => addLoki(p, { writers: 4 }) }).app, 'placement/not-enough-servers', ['us-west/main']);
    expectPaths(platform({ extend: (p) => addLoki(p, { backendPlacement: { log_tier: 'true' } }) }).app, 'placement/undeclared-label', ['us-west/main']);
  });
});
