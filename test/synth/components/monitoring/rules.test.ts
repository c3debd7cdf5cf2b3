import { describe, expect, it, vi } from 'vitest';
import { Datacenter, DatacenterImplementation, MonitoringCluster, NatsCluster, Network, Region, type App, type MonitoringClusterProps, type Server, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics, findings, type Expected } from '../../../helpers/diagnostics';
import { addServer, platform, type Platform } from '../../../helpers/platform';

const HOSTS = ['server-a', 'server-b', 'server-c', 'server-d'];

/** A `<name>` root volume on each of the first `n` standard servers. */
const volumesOf = (p: Platform, n: number, name: string): ServerVolume[] => HOSTS.slice(0, n).map((h) => p.servers[h]!.rootVolume(name));

/** The defaults of a valid cluster: 2 instances on server-a/b, 3 Alertmanagers on server-a/b/c. */
function standard(p: Platform, suffix = ''): MonitoringClusterProps {
  return { instances: volumesOf(p, 2, `mon${suffix}`), alertmanagerInstances: volumesOf(p, 3, `am${suffix}`) };
}

/** The standard platform with the presence rule on and cluster `name` (props changed by `props`). */
function withCluster(props: (p: Platform) => Partial<MonitoringClusterProps> = () => ({}), name = 'c'): App {
  return platform({
    app: { requireRegionMonitoring: true },
    extend: (p) => {
      const extra = props(p);
      new MonitoringCluster(p.region, name, {
        ...extra,
        instances: extra.instances ?? volumesOf(p, 2, 'mon'),
        alertmanagerInstances: extra.alertmanagerInstances ?? volumesOf(p, 3, 'am'),
      });
    },
  }).app;
}

const AT = 'us-west/c';

describe('monitoring/cluster-name', () => {
  it('passes a kebab-case name', () => expectDiagnostics(withCluster(undefined, 'default'), []));
  it('fails another name', () => expectDiagnostics(withCluster(undefined, 'Mon_1'), [{ code: 'monitoring/cluster-name', path: 'us-west/Mon_1' }]));
});

describe('monitoring/instance-count', () => {
  it('passes 2 or 3 instances and 3 Alertmanagers', () => {
    expectDiagnostics(withCluster((p) => ({ instances: volumesOf(p, 3, 'mon') })), []);
  });
  it('passes 5 Alertmanagers', () => {
    const app = withCluster((p) => {
      const e = addServer(p.dc, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.14/24' }] });
      return { alertmanagerInstances: [...volumesOf(p, 4, 'am'), e.rootVolume('am')] };
    });
    expectDiagnostics(app, []);
  });
  for (const n of [1, 4]) {
    it(`fails ${n} instances`, () => expectDiagnostics(withCluster((p) => ({ instances: volumesOf(p, n, 'mon') })), [{ code: 'monitoring/instance-count', path: AT, prop: ['instances'] }]));
  }
  for (const n of [2, 4]) {
    it(`fails ${n} Alertmanagers`, () =>
      expectDiagnostics(withCluster((p) => ({ alertmanagerInstances: volumesOf(p, n, 'am') })), [{ code: 'monitoring/instance-count', path: AT, prop: ['alertmanagerInstances'] }]));
  }
});

describe('monitoring/instance-placement', () => {
  it('passes a Prometheus and an Alertmanager on one server', () => expectDiagnostics(withCluster(), []));

  it('fails two Alertmanagers on one server, once (not also as a port clash or a double lock)', () => {
    const app = withCluster((p) => {
      const [a, b] = volumesOf(p, 2, 'am');
      return { alertmanagerInstances: [a!, b!, p.servers['server-a']!.rootVolume('am-2')] };
    });
    expectDiagnostics(app, [{ code: 'monitoring/instance-placement', path: AT, prop: ['alertmanagerInstances', 2] }]);
  });

  it('fails an instance in another region', () => {
    const app = withCluster((p) => {
      const eu = new Region(p.app, 'eu');
      const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
      const far = addServer(dc, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] }).rootVolume('mon');
      return { instances: [volumesOf(p, 1, 'mon')[0]!, far] };
    });
    // The new region trips its own quorum rules; only this rule's findings matter here.
    expect(findings(app).filter((d) => d.code === 'monitoring/instance-placement').map((d) => [d.path, d.prop])).toEqual([[AT, ['instances', 1]]]);
  });
});

describe('monitoring/setting-range', () => {
  it('passes the ends of every range', () => {
    expectDiagnostics(withCluster(() => ({ prometheusPort: 65532, retentionMonths: 9999, prometheusMemoryMb: 256, victoriaMetricsMemoryMb: 64, alertmanagerMemoryMb: 32 })), []);
    expectDiagnostics(withCluster(() => ({ prometheusPort: 1, retentionMonths: 1 })), []);
  });
  const cases: Array<[string, Partial<MonitoringClusterProps>, string]> = [
    ['a port without room for the three after it', { prometheusPort: 65533 }, 'prometheusPort'],
    ['port 0', { prometheusPort: 0 }, 'prometheusPort'],
    ['no retention', { retentionMonths: 0 }, 'retentionMonths'],
    ['a retention above 9999 months', { retentionMonths: 10000 }, 'retentionMonths'],
    ['a fractional retention', { retentionMonths: 1.5 }, 'retentionMonths'],
    ['Prometheus under 256 MiB', { prometheusMemoryMb: 255 }, 'prometheusMemoryMb'],
    ['VictoriaMetrics under 64 MiB', { victoriaMetricsMemoryMb: 63 }, 'victoriaMetricsMemoryMb'],
    ['Alertmanager under 32 MiB', { alertmanagerMemoryMb: 31 }, 'alertmanagerMemoryMb'],
  ];
  for (const [what, props, prop] of cases) {
    it(`fails ${what}`, () => expectDiagnostics(withCluster(() => props), [{ code: 'monitoring/setting-range', path: AT, prop: [prop] }]));
  }
});

/** The standard platform with clusters `one` and `two` (on their own volumes), their defaults as given. */
function twoClusters(oneDefault: boolean, twoDefault: boolean): App {
  return platform({
    app: { requireRegionMonitoring: true },
    extend: (p) => {
      new MonitoringCluster(p.region, 'one', { ...standard(p), regionDefault: oneDefault });
      // Ports of its own: both run on the same servers.
      new MonitoringCluster(p.region, 'two', { ...standard(p, '-2'), prometheusPort: 9190, regionDefault: twoDefault });
    },
  }).app;
}

describe('monitoring/region-default', () => {
  it("passes a region's only cluster, not marked", () => expectDiagnostics(withCluster(), []));
  it('passes two clusters, one the default', () => expectDiagnostics(twoClusters(true, false), []));
  it('fails two clusters and no default, at the region', () => expectDiagnostics(twoClusters(false, false), [{ code: 'monitoring/region-default', path: 'us-west' }]));
  it('fails two defaults, at the second', () => expectDiagnostics(twoClusters(true, true), [{ code: 'monitoring/region-default', path: 'us-west/two', prop: ['regionDefault'] }]));
});

describe('monitoring/region-missing', () => {
  const withNats = (opts: { monitoring: boolean; required: boolean }) =>
    platform({
      app: { requireRegionMonitoring: opts.required },
      extend: (p) => {
        new NatsCluster(p.region, 'events', { instances: volumesOf(p, 3, 'nats') });
        if (opts.monitoring) new MonitoringCluster(p.region, 'default', standard(p));
      },
    }).app;

  it('fails a region that runs a job without a monitoring cluster, at the region', () => {
    const found = expectDiagnostics(withNats({ monitoring: false, required: true }), [{ code: 'monitoring/region-missing', path: 'us-west' }]);
    expect(found[0]!.message).toContain('us-west/events');
  });
  it('passes with a monitoring cluster', () => expectDiagnostics(withNats({ monitoring: true, required: true }), []));
  it('passes a region of bare servers', () => expectDiagnostics(platform({ app: { requireRegionMonitoring: true } }).app, []));
  it('passes when the platform turns the rule off', () => expectDiagnostics(withNats({ monitoring: false, required: false }), []));
});

/**
 * A monitoring cluster in examples/multi-dc's multi-datacenter region eu-central, Prometheus on
 * `hosts` and Alertmanagers on `amHosts` (a fresh module graph per case, as MinIO's spread test).
 */
async function expectSpread(hosts: readonly string[], amHosts: readonly string[], expected: Expected[]): Promise<void> {
  vi.resetModules();
  const app = (await import('../../../../examples/multi-dc/epl')).default as App;
  const c = await import('../../../../constructs');
  const { expectDiagnostics: expectFresh } = await import('../../../helpers/diagnostics');
  const region = app.node.findChild('eu-central') as Region;
  const server = (h: string) => app.node.findAll().find((x) => (x as Server).hostname === h) as Server;
  new c.MonitoringCluster(region, 'watch', { instances: hosts.map((h) => server(h).rootVolume('mon')), alertmanagerInstances: amHosts.map((h) => server(h).rootVolume('am')) });
  // examples/multi-dc runs no workload, so it has no Loki cluster: this cluster's logs are the region's first.
  expectFresh(app, [...expected, { code: 'loki/region-missing', path: 'eu-central' }]);
}

describe('monitoring/datacenter-spread', () => {
  it('passes instances in every datacenter of a multi-datacenter region', async () => {
    await expectSpread(['dc1-s1', 'dc2-s1', 'dc3-s1'], ['dc1-s1', 'dc2-s1', 'dc3-s1'], []);
    await expectSpread(['dc1-s1', 'dc2-s1'], ['dc1-s1', 'dc2-s1', 'dc3-s1'], []);
  });

  it('fails Prometheus or Alertmanager instances in too few datacenters, or spread unevenly', async () => {
    const at = (prop: string) => ({ code: 'monitoring/datacenter-spread', path: 'eu-central/watch', prop: [prop] });
    await expectSpread(['dc3-s1', 'dc3-s2'], ['dc1-s1', 'dc2-s1', 'dc3-s1'], [at('instances')]);
    await expectSpread(['dc1-s1', 'dc2-s1'], ['dc1-s1', 'dc3-s1', 'dc3-s2'], [at('alertmanagerInstances')]);
    await expectSpread(['dc1-s1', 'dc2-s1'], ['dc1-s1', 'dc2-s1', 'dc3-s1', 'dc3-s2', 'dc3-rtr1'], [at('alertmanagerInstances')]);
  });
});
