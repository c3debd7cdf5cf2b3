import { describe, it } from 'vitest';
import { Architecture, AvailabilityMode, Datacenter, DatacenterImplementation, DiskIdsPolicy, Network, ServerKind } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { addServer, platform, withRoles } from '../../helpers/platform';

describe('control-plane quorum rules', () => {
  for (const [svc, role, host] of [
    ['consul', 'consulMaster', 'server-a'],
    ['nomad', 'nomadMaster', 'server-a'],
    ['vault', 'vaultInstance', 'server-b'],
  ] as const) {
    it(`fails a region with 2 ${svc} servers`, () => {
      const app = platform({ servers: { [host]: withRoles({ [role]: false }) } }).app;
      expectDiagnostics(app, [{ code: `servers/${svc}-quorum`, path: 'us-west' }]);
    });

    it(`fails a region with 4 ${svc} servers`, () => {
      const other = ['server-a', 'server-b', 'server-c', 'server-d'];
      const app = platform({ servers: Object.fromEntries(other.map((h) => [h, withRoles({ [role]: true })])) }).app;
      expectDiagnostics(app, [{ code: `servers/${svc}-quorum`, path: 'us-west' }]);
    });

    it(`passes a region with 5 ${svc} servers`, () => {
      const app = platform({
        servers: Object.fromEntries(['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, withRoles({ [role]: true })])),
        extend: ({ dc }) => addServer(dc, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.14/24' }], roles: { [role]: true } }),
      }).app;
      expectDiagnostics(app, []);
    });

    it(`fails ${svc} servers concentrated in one datacenter of a multi-datacenter region`, () => {
      const app = platform({
        region: { isDnsMaster: true, availabilityMode: AvailabilityMode.MULTI_DC },
        extend: ({ region }) => {
          new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
          new Datacenter(region, 'dc3', { networkCidr: '10.19.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
        },
      }).app;
      expectDiagnostics(app, [
        { code: 'servers/consul-quorum-spread', path: 'us-west/dc1' },
        { code: 'servers/nomad-quorum-spread', path: 'us-west/dc1' },
        { code: 'servers/vault-quorum-spread', path: 'us-west/dc1' },
      ]);
    });
  }

  it('passes quorum members spread over three datacenters', () => {
    const app = platform({
      region: { isDnsMaster: true, availabilityMode: AvailabilityMode.MULTI_DC },
      servers: {
        'server-a': withRoles({ consulMaster: false, nomadMaster: false }),
        'server-b': withRoles({ consulMaster: false, vaultInstance: false }),
        'server-d': withRoles({ nomadMaster: false, vaultInstance: false }),
      },
      extend: ({ region, dc: dc1 }) => {
        for (const n of [2, 3]) {
          const dc = new Datacenter(region, `dc${n}`, {
            networkCidr: `10.1${6 + n}.0.0/16`,
            implementation: DatacenterImplementation.TEST_VMS,
            defaultDiskKind: dc1.defaultDiskKind,
          });
          // dc2's gateways are public, so each dc2-dc3 tunnel has a side to dial
          const interfaces = (last: number) => [
            { name: 'eth0', network: Network.LAN, address: `10.1${6 + n}.0.${last}/24` },
            ...(n === 2 ? [{ name: 'eth1', network: Network.INTERNET, address: `88.88.88.${last}/24` }] : []),
            { name: 'wg0', network: Network.VPN, address: `172.21.${n}.${last}/16` },
          ];
          const roles = { consulMaster: true, nomadMaster: true, vaultInstance: true, vpnGateway: true };
          addServer(dc, `server-${n}a`, { interfaces: interfaces(10), roles });
          addServer(dc, `server-${n}b`, { interfaces: interfaces(11), roles: { vpnGateway: true } });
        }
      },
    }).app;
    // dc1 keeps one member of each cluster (server-c), dc2 and dc3 one each.
    expectDiagnostics(app, []);
  });
});

describe('server kind rules', () => {
  it('fails a server without a kind in a datacenter without a default', () => {
    const app = platform({ dc: { implementation: DatacenterImplementation.BARE_METAL, diskIdsPolicy: DiskIdsPolicy.REQUIRE_DEVNAME } }).app;
    expectDiagnostics(
      app,
      ['a', 'b', 'c', 'd'].map((x) => ({ code: 'servers/no-server-kind', path: `us-west/dc1/server-${x}`, prop: ['kind'] })),
    );
  });

  it('passes bare-metal servers that name their kind or use the datacenter default', () => {
    const app = platform({
      dc: { implementation: DatacenterImplementation.BARE_METAL, diskIdsPolicy: DiskIdsPolicy.REQUIRE_DEVNAME },
      servers: Object.fromEntries(
        ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, (p, a) => ({ ...p, kind: new ServerKind(a, `bm-${h}`, { cores: 16, memoryMiB: 65536 }) })]),
      ),
    }).app;
    expectDiagnostics(app, []);
  });

  it('fails a kind marked not eligible', () => {
    const app = platform({
      servers: { 'server-a': (p, a) => ({ ...p, kind: new ServerKind(a, 'mac', { cores: 8, memoryMiB: 16384, nonEligibleReason: 'x86_64_mac is not supported' }) }) },
    }).app;
    expectDiagnostics(app, [{ code: 'servers/server-kind-not-eligible', path: 'us-west/dc1/server-a', prop: ['kind'] }]);
  });

  it('fails kinds with impossible cores or memory', () => {
    const app = platform({
      extend: ({ app: a }) => {
        new ServerKind(a, 'no-cores', { cores: 0, memoryMiB: 1024 });
        new ServerKind(a, 'half-core', { cores: 1.5, memoryMiB: 1024 });
        new ServerKind(a, 'tiny-memory', { cores: 1, memoryMiB: 64 });
      },
    }).app;
    expectDiagnostics(app, [
      { code: 'servers/invalid-server-kind-cores', path: 'no-cores', prop: ['cores'] },
      { code: 'servers/invalid-server-kind-cores', path: 'half-core', prop: ['cores'] },
      { code: 'servers/invalid-server-kind-memory', path: 'tiny-memory', prop: ['memoryMiB'] },
    ]);
  });

  it('passes kinds at the limits', () => {
    const app = platform({
      extend: ({ app: a }) => {
        new ServerKind(a, 'smallest', { cores: 1, memoryMiB: 128 });
        new ServerKind(a, 'largest', { cores: 1024, memoryMiB: 64 * 1024 * 1024 });
      },
    }).app;
    expectDiagnostics(app, []);
  });
});

describe('label rules', () => {
  it('fails a label name that is not snake_case', () => {
    const app = platform({ app: { serverLabels: ['loki_reader', 'loki_writer', 'Rack-Id'] } }).app;
    expectDiagnostics(app, [{ code: 'servers/invalid-label-name', path: '', prop: ['serverLabels', 2] }]);
  });

  it('fails a label that is not declared on the App', () => {
    const app = platform({ app: { serverLabels: ['loki_reader'] } }).app;
    expectDiagnostics(app, [
      { code: 'servers/undeclared-label', path: 'us-west/dc1/server-b', prop: ['labels', 'loki_writer'] },
      { code: 'servers/undeclared-label', path: 'us-west/dc1/server-c', prop: ['labels', 'loki_writer'] },
      { code: 'servers/undeclared-label', path: 'us-west/dc1/server-d', prop: ['labels', 'loki_writer'] },
    ]);
  });

  it('fails a label value with quotes', () => {
    const app = platform({ servers: { 'server-a': (p) => ({ ...p, labels: { loki_reader: 'yes"' } }) } }).app;
    expectDiagnostics(app, [{ code: 'servers/invalid-label-value', path: 'us-west/dc1/server-a', prop: ['labels', 'loki_reader'] }]);
  });

  it('passes declared labels with plain values', () => {
    const app = platform({ servers: { 'server-a': (p) => ({ ...p, labels: { loki_reader: 'rack 1.2_a-b+c' } }) } }).app;
    expectDiagnostics(app, []);
  });
});

describe('ssh interface rule', () => {
  it('fails two interfaces marked ssh', () => {
    const app = platform({
      servers: { 'server-c': (p) => ({ ...p, interfaces: p.interfaces.map((i) => (i.name === 'wg0' ? i : { ...i, ssh: true })) }) },
    }).app;
    expectDiagnostics(app, [{ code: 'servers/multiple-ssh-interfaces', path: 'us-west/dc1/server-c', prop: ['interfaces', 1, 'ssh'] }]);
  });

  it('passes one interface marked ssh', () => {
    const app = platform({ servers: { 'server-c': (p) => ({ ...p, interfaces: p.interfaces.map((i) => (i.name === 'eth0' ? { ...i, ssh: true } : i)) }) } }).app;
    expectDiagnostics(app, []);
  });

  it('fails a server whose kind has less memory than the platform needs', () => {
    const app = platform({ servers: { 'server-a': (p, a) => ({ ...p, kind: new ServerKind(a, 'small', { cores: 1, memoryMiB: 1535 }) }) } }).app;
    expectDiagnostics(app, [{ code: 'servers/server-kind-memory-too-small', path: 'us-west/dc1/server-a', prop: ['kind'] }]);
  });

  it('fails every server of a small test-VM kind', () => {
    const p = platform({ servers: Object.fromEntries(['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, (s, a) => ({ ...s, kind: ServerKind.testVm(a, { cores: 2, memoryMiB: 1024 }) })])) });
    expectDiagnostics(
      p.app,
      ['a', 'b', 'c', 'd'].map((x) => ({ code: 'servers/server-kind-memory-too-small', path: `us-west/dc1/server-${x}`, prop: ['kind'] })),
    );
  });

  it('passes a kind with exactly the memory floor, and unused small kinds', () => {
    const app = platform({
      servers: { 'server-a': (p, a) => ({ ...p, kind: new ServerKind(a, 'floor', { cores: 1, memoryMiB: 1536 }) }) },
      extend: ({ app: a }) => new ServerKind(a, 'unused-small', { cores: 1, memoryMiB: 512 }),
    }).app;
    expectDiagnostics(app, []);
  });

  it('fails an arm64 server kind without the opt-in', () => {
    const app = platform({ servers: { 'server-a': (p, a) => ({ ...p, kind: new ServerKind(a, 'graviton', { cores: 4, memoryMiB: 8192, architecture: Architecture.ARM64 }) }) } }).app;
    expectDiagnostics(app, [{ code: 'servers/arm64-not-enabled', path: 'us-west/dc1/server-a', prop: ['kind'] }]);
  });

  it('passes an arm64 server kind with experimentalArm64Support', () => {
    const app = platform({
      app: { experimentalArm64Support: true },
      servers: { 'server-a': (p, a) => ({ ...p, kind: new ServerKind(a, 'graviton', { cores: 4, memoryMiB: 8192, architecture: Architecture.ARM64 }) }) },
    }).app;
    expectDiagnostics(app, []);
  });
});
