import { describe, expect, it } from 'vitest';
import { BackendApplication, BackendDeployment, Datacenter, DatacenterImplementation, DockerRegistry, MinioCluster, Network, Region, TempoCluster, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, expectPaths } from '../../../helpers/diagnostics';
import { addTempo } from '../../../helpers/tempo';
import { addServer, platform } from '../../../helpers/platform';

const AT = 'us-west/us-west';

describe('tempo rules', () => {
  it('pass the example-like cluster', () => {
    expectDiagnostics(platform({ extend: (p) => addTempo(p) }).app, []);
  });

  it('pass two clusters in a region with one marked regionDefault, and the bounds of every setting', () => {
    const { app } = platform({
      extend: (p) => {
        const first = addTempo(p, { regionDefault: true, retentionDays: 1, instances: 2, memoryMb: 64 });
        addTempo(p, { httpPort: 65531, retentionDays: 10000 }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(app, []);
  });

  it('fail a name that is not kebab-case (tempo/cluster-name)', () => {
    const { app } = platform({
      extend: (p) => {
        const minio = addTempo(p, { regionDefault: true }).bucket.cluster;
        new TempoCluster(p.region, 'Traces_1', { bucket: minio.bucket('tempo-other'), httpPort: 4320 });
      },
    });
    // The bucket user is named after the cluster, so MinIO also refuses it.
    expectDiagnostics(app, [
      { code: 'tempo/cluster-name', path: 'us-west/Traces_1' },
      { code: 'minio/bucket-users', path: 'us-west/Traces_1', prop: ['bucket'] },
    ]);
  });

  it('fail fewer than 2 instances (tempo/instance-count)', () => {
    for (const instances of [1, 2.5, 0]) {
      expectDiagnostics(platform({ extend: (p) => addTempo(p, { instances }) }).app, [{ code: 'tempo/instance-count', path: AT, prop: ['instances'] }]);
    }
  });

  it('fail a first port that leaves no room for the four after it (tempo/ports)', () => {
    for (const httpPort of [0, 65532, 4310.5]) {
      expectDiagnostics(platform({ extend: (p) => addTempo(p, { httpPort }) }).app, [{ code: 'tempo/ports', path: AT, prop: ['httpPort'] }]);
    }
  });

  it('fail a retention outside 1 to 10000 days (tempo/retention)', () => {
    for (const retentionDays of [0, 10001, 2.5]) {
      expectDiagnostics(platform({ extend: (p) => addTempo(p, { retentionDays }) }).app, [{ code: 'tempo/retention', path: AT, prop: ['retentionDays'] }]);
    }
  });

  it('fail less than 64 MiB (tempo/memory)', () => {
    expectDiagnostics(platform({ extend: (p) => addTempo(p, { memoryMb: 63 }) }).app, [{ code: 'tempo/memory', path: AT, prop: ['memoryMb'] }]);
  });

  it('fail several clusters in a region without a default, or with two (tempo/region-default)', () => {
    const none = platform({
      extend: (p) => {
        const first = addTempo(p);
        addTempo(p, { httpPort: 4320 }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(none.app, [{ code: 'tempo/region-default', path: 'us-west' }]);
    const two = platform({
      extend: (p) => {
        const first = addTempo(p, { regionDefault: true });
        addTempo(p, { httpPort: 4320, regionDefault: true }, 'second', first.bucket.cluster);
      },
    });
    expectDiagnostics(two.app, [{ code: 'tempo/region-default', path: 'us-west/second', prop: ['regionDefault'] }]);
  });

  describe('tempo/region-missing', () => {
    const withApp = (opts: { tempo: boolean; required: boolean }) =>
      platform({
        app: { requireRegionTracing: opts.required },
        extend: (p) => {
          new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web') });
          // The application's image is pushed to the region's registry (registry/region-missing).
          const minio = new MinioCluster(p.region, 'global', { instances: ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume) });
          new DockerRegistry(p.region, 'registry', { bucket: minio.bucket('docker') });
          if (opts.tempo) addTempo(p, {}, 'us-west', minio);
        },
      }).app;

    it('fails a region that runs a backend application without a Tempo cluster, at the region', () => {
      const found = expectDiagnostics(withApp({ tempo: false, required: true }), [{ code: 'tempo/region-missing', path: 'us-west' }]);
      expect(found[0]!.message).toContain('web');
    });
    it('passes with a Tempo cluster in the region', () => expectDiagnostics(withApp({ tempo: true, required: true }), []));
    it('passes when App.requireRegionTracing is false', () => expectDiagnostics(withApp({ tempo: false, required: false }), []));
    it('passes a region without backend applications', () => expectDiagnostics(platform({ app: { requireRegionTracing: true } }).app, []));
  });

  it('fail a bucket of another region (minio/bucket-region, TempoClusterMinIOBucketIsOutsideSpecifiedRegion)', () => {
    const { app } = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const disks = ['eu-a', 'eu-b'].map((h, i) => addServer(dc, h, { interfaces: [{ name: 'eth0', network: Network.LAN, address: `10.18.0.${10 + i}/24` }] }));
        const euMinio = new MinioCluster(eu, 'eu-store', { instances: disks.map((s) => s.xfsVolume('minio', { disk: s.addDisk('vdb', { xfsFormat: true }) }) as ServerVolume) });
        new TempoCluster(p.region, 'us-west', { bucket: euMinio.bucket('tempo') });
      },
    });
    expectPaths(app, 'minio/bucket-region', [AT]);
  });

  it("fail another consumer on the cluster's bucket (minio/exclusive-bucket)", () => {
    const { app } = platform({
      extend: (p) => {
        const tempo = addTempo(p);
        new DockerRegistry(p.region, 'registry', { bucket: tempo.bucket });
      },
    });
    expectPaths(app, 'minio/exclusive-bucket', ['us-west/registry']);
  });

  it('fail instances placed on too few servers or on undeclared labels (placement rules over the reservations)', () => {
    expectPaths(platform({ extend: (p) => addTempo(p, { instances: 5 }) }).app, 'placement/not-enough-servers', [AT]);
    expectPaths(platform({ extend: (p) => addTempo(p, { placement: { trace_tier: 'true' } }) }).app, 'placement/undeclared-label', [AT]);
  });
});
