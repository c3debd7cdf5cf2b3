import { describe, expect, it } from 'vitest';
import {
  Datacenter,
  DatacenterImplementation,
  NatsCluster,
  Network,
  Region,
  Size,
  VersionedType,
  t,
  type App,
  type NatsClusterProps,
  type NatsStreamProps,
  type ServerVolume,
} from '../../../../constructs';
import { expectDiagnostics, findings } from '../../../helpers/diagnostics';
import { addServer, platform, type Platform } from '../../../helpers/platform';

const HOSTS = ['server-a', 'server-b', 'server-c', 'server-d'];

/** A `nats` root volume on each of the first `n` standard servers. */
const volumesOf = (p: Platform, n: number): ServerVolume[] => HOSTS.slice(0, n).map((h) => p.servers[h]!.rootVolume('nats'));

/**
 * A platform whose only constructs beyond the standard ones are cluster `name` (on three servers
 * unless `props` says otherwise) and its streams, each `[name, props]`.
 */
function withCluster(props: (p: Platform) => Partial<NatsClusterProps> = () => ({}), streams: ReadonlyArray<[string, Partial<NatsStreamProps>]> = [], name = 'c'): App {
  return platform({
    extend: (p) => {
      const type = new VersionedType(p.app, 'msg');
      type.snapshot(1, { id: t.i64().at(0) });
      const extra = props(p);
      const c = new NatsCluster(p.region, name, { ...extra, instances: extra.instances ?? volumesOf(p, 3) });
      for (const [s, sp] of streams) c.stream(s, { type, ...sp });
    },
  }).app;
}

const AT = 'us-west/c';

describe('nats/cluster-name', () => {
  it('passes a kebab-case name', () => expectDiagnostics(withCluster(undefined, [], 'main-nats'), []));
  it('fails another name', () => expectDiagnostics(withCluster(undefined, [], 'Main_Nats'), [{ code: 'nats/cluster-name', path: 'us-west/Main_Nats' }]));
});

describe('nats/cluster-instance-count', () => {
  it('passes 3 and 5 instances', () => {
    expectDiagnostics(withCluster(), []);
    const five = withCluster((p) => {
      const e = addServer(p.dc, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.14/24' }] });
      return { instances: [...volumesOf(p, 4), e.rootVolume('nats')] };
    });
    expectDiagnostics(five, []);
  });
  for (const n of [1, 2, 4]) {
    it(`fails ${n} instances`, () => expectDiagnostics(withCluster((p) => ({ instances: volumesOf(p, n) })), [{ code: 'nats/cluster-instance-count', path: AT, prop: ['instances'] }]));
  }
});

describe('nats/cluster-instance-placement', () => {
  it('fails two instances on one server, once (not also as a port clash or a double lock)', () => {
    const app = withCluster((p) => {
      const [a, b] = volumesOf(p, 2);
      return { instances: [a!, b!, p.servers['server-a']!.rootVolume('nats-2')] };
    });
    expectDiagnostics(app, [{ code: 'nats/cluster-instance-placement', path: AT, prop: ['instances', 2] }]);
  });

  it('fails an instance in another region', () => {
    const app = withCluster((p) => {
      const eu = new Region(p.app, 'eu');
      const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
      const far = addServer(dc, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] }).rootVolume('nats');
      return { instances: [...volumesOf(p, 2), far] };
    });
    // The new region trips its own quorum rules; only this rule's findings matter here.
    expect(findings(app).filter((d) => d.code === 'nats/cluster-instance-placement').map((d) => [d.path, d.prop])).toEqual([[AT, ['instances', 2]]]);
  });
});

describe('nats/cluster-setting-range', () => {
  it('passes the ends of every range', () => {
    expectDiagnostics(withCluster(() => ({ clientsPort: 65532, instanceMemoryMb: 32, maxFileStore: Size.gibibytes(1) })), []);
    expectDiagnostics(withCluster(() => ({ clientsPort: 1 })), []);
  });
  const cases: Array<[string, Partial<NatsClusterProps>, string]> = [
    ['a client port without room for the three after it', { clientsPort: 65533 }, 'clientsPort'],
    ['port 0', { clientsPort: 0 }, 'clientsPort'],
    ['31 MiB of memory', { instanceMemoryMb: 31 }, 'instanceMemoryMb'],
    ['fractional memory', { instanceMemoryMb: 64.5 }, 'instanceMemoryMb'],
    ['a file store under 1 GiB', { maxFileStore: Size.mebibytes(1023) }, 'maxFileStore'],
  ];
  for (const [name, props, prop] of cases) {
    it(`fails ${name}`, () => expectDiagnostics(withCluster(() => props), [{ code: 'nats/cluster-setting-range', path: AT, prop: [prop] }]));
  }
});

describe('nats/stream-name', () => {
  it('passes snake_case names', () => expectDiagnostics(withCluster(undefined, [['orders', {}], ['order_events_2', {}]]), []));
  it('fails a name that is not snake_case', () => expectDiagnostics(withCluster(undefined, [['Orders', {}]]), [{ code: 'nats/stream-name', path: `${AT}/Orders` }]));
  it('fails a name declared twice', () => expectDiagnostics(withCluster(undefined, [['orders', {}], ['orders', {}]]), [{ code: 'nats/stream-name', path: `${AT}/orders#2` }]));
});

describe('nats/stream-limits', () => {
  it('passes the ends of every range', () => {
    expectDiagnostics(withCluster(undefined, [['low', { maxBytes: Size.mebibytes(16), maxMessageSize: Size.bytes(1024), duplicateWindowSeconds: 1 }]]), []);
    expectDiagnostics(withCluster(undefined, [['high', { maxBytes: Size.mebibytes(64), maxMessageSize: Size.mebibytes(64), duplicateWindowSeconds: 25200 }]]), []);
  });
  const cases: Array<[string, Partial<NatsStreamProps>, string]> = [
    ['max bytes under 16 MiB', { maxBytes: Size.mebibytes(15) }, 'maxBytes'],
    ['a max message size under 1 KiB', { maxMessageSize: Size.bytes(1023) }, 'maxMessageSize'],
    ['a max message size over 64 MiB', { maxBytes: Size.gibibytes(1), maxMessageSize: Size.mebibytes(65) }, 'maxMessageSize'],
    ['a max message size over max bytes', { maxBytes: Size.mebibytes(16), maxMessageSize: Size.mebibytes(32) }, 'maxMessageSize'],
    ['a duplicate window of 0', { duplicateWindowSeconds: 0 }, 'duplicateWindowSeconds'],
    ['a duplicate window over 7 hours', { duplicateWindowSeconds: 25201 }, 'duplicateWindowSeconds'],
    ['a fractional duplicate window', { duplicateWindowSeconds: 1.5 }, 'duplicateWindowSeconds'],
  ];
  for (const [name, props, prop] of cases) {
    it(`fails ${name}`, () => expectDiagnostics(withCluster(undefined, [['s', props]]), [{ code: 'nats/stream-limits', path: `${AT}/s`, prop: [prop] }]));
  }
});
