import type { Server } from '../../../../constructs/core/server';
import type { LokiCluster } from '../../../../constructs/services/loki-cluster';
import { NixAttrs, nix, type NixValue } from '../../../../lib/nix/value';
import { LOKI_CLUSTER_LABEL, lokiClusterOf, lokiClustersIn, lokiPushEndpoint } from '../../../components/loki/names';
import type { EmitContext } from '../../context';
import { lanAddressOf } from '../../../plan/control-plane';

/** The disk buffer of each Loki sink, in bytes (vector's minimum is 256 MiB). */
const BUFFER_BYTES = 268435488;

/** A vector component id for a cluster: its kebab-case name with underscores, so ids stay plain identifiers. */
function sinkId(c: LokiCluster): string {
  return `loki_${c.clusterName.replace(/-/g, '_')}`;
}

/** The id of the transform that routes container logs by their `epl_loki_cluster` label. */
const ROUTE = 'docker_by_cluster';

/**
 * vector on every server (outputs.md §4.1 log_forwarding): the journal and every container's logs
 * go to the region's default Loki cluster, `epl-loki-<cluster>-writer.service.consul` at its
 * writers' HTTP port, buffered on disk while it is unreachable. In a region with several Loki
 * clusters a container labelled `epl_loki_cluster=<name>` ships to that cluster instead. A region
 * without a Loki cluster runs no vector: logs stay in the journal and Docker's json files.
 */
export function vectorSection(ctx: EmitContext, server: Server): NixAttrs {
  const region = server.datacenter.region;
  const all = lokiClustersIn(ctx.model, region);
  // Several clusters and no default is loki/region-default's finding; the first stands in.
  const target = lokiClusterOf(ctx.model, region) ?? all[0];
  const n = new NixAttrs();
  if (!target) return n;
  const others = all.filter((c) => c !== target);
  const labels = nix.attrs({ host: server.hostname, region: region.regionName, source: '{{ source_type }}' });
  const sink = (c: LokiCluster, inputs: string[]) =>
    nix.attrs({ type: 'loki', inputs, endpoint: lokiPushEndpoint(c), encoding: nix.attrs({ codec: 'json' }), labels, buffer: nix.attrs({ type: 'disk', max_size: BUFFER_BYTES, when_full: 'block' }) });
  const sinks: Record<string, NixValue> = {};
  const settings: Record<string, NixValue> = {
    sources: nix.attrs({ journald: nix.attrs({ type: 'journald' }), docker: nix.attrs({ type: 'docker_logs' }), vector_metrics: nix.attrs({ type: 'internal_metrics' }) }),
  };
  // Its own metrics (events in and out, buffer use, errors) for the region's Prometheus.
  sinks.prometheus = nix.attrs({ type: 'prometheus_exporter', inputs: ['vector_metrics'], address: `${lanAddressOf(ctx.model, server)}:9598` });
  if (others.length === 0) {
    sinks[sinkId(target)] = sink(target, ['journald', 'docker']);
  } else {
    // Names are kebab-case (loki/cluster-name); JSON string literals are VRL string literals for them.
    const label = `.label.${LOKI_CLUSTER_LABEL}`;
    const route: Record<string, NixValue> = { [sinkId(target)]: `!includes(${JSON.stringify(others.map((c) => c.clusterName))}, ${label})` };
    for (const c of others) route[sinkId(c)] = `${label} == ${JSON.stringify(c.clusterName)}`;
    settings.transforms = nix.attrs({ [ROUTE]: nix.attrs({ type: 'route', inputs: ['docker'], route: nix.attrs(route) }) });
    sinks[sinkId(target)] = sink(target, ['journald', `${ROUTE}.${sinkId(target)}`]);
    for (const c of others) sinks[sinkId(c)] = sink(c, [`${ROUTE}.${sinkId(c)}`]);
  }
  settings.sinks = nix.attrs(sinks);
  return n
    .set(['services', 'vector'], nix.attrs({ enable: true, journaldAccess: true, settings: nix.attrs(settings) }), `logs go to Loki cluster '${target.clusterName}' (${lokiPushEndpoint(target)}), buffered on disk until it is up`)
    .set(['systemd', 'services', 'vector', 'serviceConfig', 'SupplementaryGroups'], ['docker'], 'reads container logs from the Docker socket');
}
