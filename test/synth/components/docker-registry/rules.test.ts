import { describe, it } from 'vitest';
import { BackendApplication, BackendDeployment, Datacenter, DatacenterImplementation, DockerRegistry, MinioCluster, Network, Region, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, expectPaths } from '../../../helpers/diagnostics';
import { addServer, platform } from '../../../helpers/platform';
import { addRegistry } from '../../../helpers/registry';

describe('docker-registry rules', () => {
  it('pass the region registry on a bucket of the region, with an application deployed', () => {
    const { app } = platform({
      extend: (p) => {
        addRegistry(p, { memoryMb: 32 });
        new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web') });
      },
    });
    expectDiagnostics(app, []);
  });

  it('pass a region without applications and without a registry', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fail a region that deploys applications without a registry (registry/region-missing)', () => {
    const { app } = platform({ extend: (p) => new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web') }) });
    expectDiagnostics(app, [{ code: 'registry/region-missing', path: 'us-west' }]);
  });

  it('fail a second registry in a region (registry/one-per-region)', () => {
    const { app } = platform({
      extend: (p) => {
        const first = addRegistry(p);
        new DockerRegistry(p.region, 'registry2', { bucket: first.bucket.cluster.bucket('docker2') });
      },
    });
    // Its bucket user is named after the region, so MinIO also reports the second user of that name.
    expectDiagnostics(app, [
      { code: 'registry/one-per-region', path: 'us-west/registry2' },
      { code: 'minio/bucket-users', path: 'us-west/registry2', prop: ['bucket'] },
    ]);
  });

  it('fail a registry on a bucket of another region (registry/bucket-region, DockerRegistryAndMinioClusterAreInDifferentRegions)', () => {
    const { app } = platform({
      extend: (p) => {
        const eu = new Region(p.app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
        const disks = ['eu-a', 'eu-b'].map((h, i) => addServer(dc, h, { interfaces: [{ name: 'eth0', network: Network.LAN, address: `10.18.0.${10 + i}/24` }] }));
        const euMinio = new MinioCluster(eu, 'eu-store', { instances: disks.map((s) => s.xfsVolume('minio', { disk: s.addDisk('vdb', { xfsFormat: true }) }) as ServerVolume) });
        new DockerRegistry(p.region, 'registry', { bucket: euMinio.bucket('docker') });
        // The registry of eu itself is right: only the one of us-west is reported.
        new DockerRegistry(eu, 'registry', { bucket: euMinio.bucket('docker-eu') });
      },
    });
    expectPaths(app, 'registry/bucket-region', ['us-west/registry']);
  });

  it('fail less than 32 MiB (registry/memory)', () => {
    for (const memoryMb of [31, 0, 40.5]) {
      expectDiagnostics(platform({ extend: (p) => addRegistry(p, { memoryMb }) }).app, [{ code: 'registry/memory', path: 'us-west/registry', prop: ['memoryMb'] }]);
    }
  });
});
