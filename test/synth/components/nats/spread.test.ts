import { describe, it, vi } from 'vitest';
import type { App, Region, Server } from '../../../../constructs';
import type { Expected } from '../../../helpers/diagnostics';

/**
 * A fresh examples/multi-dc (three datacenters in region eu-central) with a NATS cluster on these
 * servers, checked by the rules of the same fresh module graph (see the Postgres spread test).
 */
async function expectWith(hosts: readonly string[], expected: Expected[]): Promise<void> {
  vi.resetModules();
  const app = (await import('../../../../examples/multi-dc/epl')).default as App;
  const { NatsCluster } = await import('../../../../constructs');
  const { expectDiagnostics } = await import('../../../helpers/diagnostics');
  const region = app.node.findChild('eu-central') as Region;
  const server = (h: string) => app.node.findAll().find((c) => (c as Server).hostname === h) as Server;
  new NatsCluster(region, 'events', { instances: hosts.map((h) => server(h).rootVolume('nats')) });
  // examples/multi-dc runs no workload, so it has no monitoring cluster: this one is the region's first.
  expectDiagnostics(app, [...expected, { code: 'monitoring/region-missing', path: 'eu-central' }, { code: 'loki/region-missing', path: 'eu-central' }]);
}

describe('nats/cluster-datacenter-spread', () => {
  it('passes instances in every datacenter of a multi-datacenter region', async () => {
    await expectWith(['dc1-s1', 'dc2-s1', 'dc3-s1'], []);
  });

  it('fails instances in too few datacenters, or spread unevenly', async () => {
    const at = [{ code: 'nats/cluster-datacenter-spread', path: 'eu-central/events', prop: ['instances'] }];
    await expectWith(['dc1-s1', 'dc3-s1', 'dc3-s2'], at);
    await expectWith(['dc1-s1', 'dc2-s1', 'dc3-s1', 'dc3-s2', 'dc3-rtr1'], at);
  });
});
