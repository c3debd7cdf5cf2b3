import { describe, expect, it } from 'vitest';
import { Datacenter, DatacenterImplementation, LokiCluster, MonitoringCluster, NatsCluster, Network, Region, type App, type ServerVolume } from '../../../constructs';
import { expectDiagnostics, findings } from '../../helpers/diagnostics';
import { addLoki } from '../../helpers/loki';
import { addServer, platform, type Platform } from '../../helpers/platform';

const HOSTS = ['server-a', 'server-b', 'server-c', 'server-d'];
const volumesOf = (p: Platform, n: number, name: string): ServerVolume[] => HOSTS.slice(0, n).map((h) => p.servers[h]!.rootVolume(name));

/** A second region `eu` with one server, for clusters in the wrong region. */
function euRegion(p: Platform): { region: Region; volume: (name: string) => ServerVolume } {
  const region = new Region(p.app, 'eu');
  const dc = new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: p.dc.defaultDiskKind });
  const server = addServer(dc, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
  return { region, volume: (name) => server.rootVolume(name) };
}

const nats = (p: Platform, props: { monitoringCluster?: MonitoringCluster; lokiCluster?: LokiCluster } = {}) =>
  new NatsCluster(p.region, 'events', { instances: volumesOf(p, 3, 'nats'), ...props });

const monitoring = (p: Platform) => new MonitoringCluster(p.region, 'default', { instances: volumesOf(p, 2, 'mon'), alertmanagerInstances: volumesOf(p, 3, 'am') });

/** The rule's findings only: a cluster in a one-server region trips that region's own rules. */
const ruleFindings = (app: App) => findings(app).filter((d) => d.code === 'regions/telemetry-cluster-region').map((d) => ({ code: d.code, path: d.path, prop: d.prop, message: d.message }));

describe('regions/telemetry-cluster-region', () => {
  it('passes a workload naming the clusters of its own region, or none', () => {
    expectDiagnostics(platform({ extend: (p) => nats(p, { monitoringCluster: monitoring(p), lokiCluster: addLoki(p) }) }).app, []);
    expectDiagnostics(platform({ extend: (p) => nats(p) }).app, []);
  });

  it('fails a monitoring cluster of another region, at the prop', () => {
    const app = platform({
      extend: (p) => {
        const eu = euRegion(p);
        const far = new MonitoringCluster(eu.region, 'far', { instances: [eu.volume('mon'), eu.volume('mon2')], alertmanagerInstances: [eu.volume('am'), eu.volume('am2'), eu.volume('am3')] });
        nats(p, { monitoringCluster: far });
      },
    }).app;
    expect(ruleFindings(app)).toEqual([
      { code: 'regions/telemetry-cluster-region', path: 'us-west/events', prop: ['monitoringCluster'], message: "its monitoring cluster 'far' is in region 'eu', not in its own region 'us-west'" },
    ]);
  });

  it('fails a Loki cluster of another region, at the prop', () => {
    const app = platform({
      extend: (p) => {
        const local = addLoki(p);
        const far = new LokiCluster(euRegion(p).region, 'far', { bucket: local.bucket.cluster.bucket('loki-far') });
        nats(p, { lokiCluster: far });
      },
    }).app;
    expect(ruleFindings(app)).toEqual([
      { code: 'regions/telemetry-cluster-region', path: 'us-west/events', prop: ['lokiCluster'], message: "its Loki cluster 'far' is in region 'eu', not in its own region 'us-west'" },
    ]);
  });
});

describe('loki/region-missing', () => {
  const withNats = (opts: { loki: boolean; required: boolean }) =>
    platform({
      app: { requireRegionLogging: opts.required },
      extend: (p) => {
        nats(p);
        if (opts.loki) addLoki(p);
      },
    }).app;

  it('fails a region that runs a workload without a Loki cluster, at the region, naming the workload', () => {
    const found = expectDiagnostics(withNats({ loki: false, required: true }), [{ code: 'loki/region-missing', path: 'us-west' }]);
    expect(found[0]!.message).toBe("region 'us-west' runs us-west/events but has no LokiCluster to keep their logs");
    expect(found[0]!.related?.map((r) => r.path)).toEqual(['us-west/events']);
  });
  it('passes with a Loki cluster', () => expectDiagnostics(withNats({ loki: true, required: true }), []));
  it('passes a region of bare servers', () => expectDiagnostics(platform({ app: { requireRegionLogging: true } }).app, []));
  it('passes when the platform turns the rule off', () => expectDiagnostics(withNats({ loki: false, required: false }), []));
});
