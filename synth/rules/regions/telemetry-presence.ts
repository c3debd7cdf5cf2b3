import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { Region } from '../../../constructs/core/region';
import type { App } from '../../../constructs/core/app';
import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { LokiCluster } from '../../../constructs/services/loki-cluster';
import { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { TelemetryUse } from '../../components/component';
import type { Model } from '../../model/model';
import { planPlatform } from '../../plan/platform';
import { defineRule, type Rule } from '../rule';

interface Presence {
  readonly code: string;
  readonly signal: 'metrics' | 'logs' | 'traces';
  /** What the signal is called in a message ("metrics"), and who keeps it ("monitoring cluster"). */
  readonly says: string;
  readonly what: string;
  readonly clusterType: abstract new (...args: never[]) => EplConstruct & { readonly region: Region };
  readonly flag: keyof Pick<App, 'requireRegionMonitoring' | 'requireRegionLogging' | 'requireRegionTracing'>;
  readonly title: string;
  readonly doc: string;
  readonly reference: readonly string[];
}

/** The workloads of each region that send `signal` (monitoring clusters count theirs as kept). */
function sendersByRegion(model: Model, signal: Presence['signal']): Map<Region, TelemetryUse[]> {
  const out = new Map<Region, TelemetryUse[]>();
  for (const use of planPlatform(model).telemetry) {
    if (!use[signal] || !use.region) continue;
    out.set(use.region, [...(out.get(use.region) ?? []), use]);
  }
  return out;
}

/**
 * "A region whose workloads send this signal has a cluster to keep it": one rule per signal,
 * read from every component's telemetry contributions. A region of bare servers (L1 only) may go
 * without while it is being built; the App's flag turns the rule off for a platform under
 * construction.
 */
export function telemetryPresenceRule(p: Presence): Rule {
  return defineRule({
    code: p.code,
    severity: 'error',
    title: p.title,
    doc: p.doc,
    reference: p.reference,
    check(model, report) {
      if (!model.app[p.flag]) return;
      const covered = new Set(model.ofType(p.clusterType).map((c) => c.region));
      for (const [region, uses] of sendersByRegion(model, p.signal)) {
        if (covered.has(region)) continue;
        const names = [...new Set(uses.map((u) => u.origin.construct.node.path))].sort();
        report(region, `region '${region.regionName}' runs ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''} but has no ${p.what} to keep their ${p.says}`, {
          related: uses.slice(0, 3).map((u) => ({ construct: u.origin.construct, message: `its ${p.says} have no ${p.what}` })),
        });
      }
    },
  });
}

export const monitoringRegionMissing = telemetryPresenceRule({
  code: 'monitoring/region-missing',
  signal: 'metrics',
  says: 'metrics',
  what: 'MonitoringCluster',
  clusterType: MonitoringCluster,
  flag: 'requireRegionMonitoring',
  title: 'A region that runs workloads has a monitoring cluster',
  doc:
    "Every component registers its metrics with its region's default monitoring cluster, which also scrapes the servers' daemons and evaluates the alerts; " +
    'without one nothing in the region is watched. Add `new MonitoringCluster(region, ..., { instances, alertmanagerInstances })` on volumes of the region. ' +
    'A region that runs no Nomad job yet (only its servers) may go without one; `App.requireRegionMonitoring: false` turns the rule off for a platform under construction.',
  reference: ['NoMonitoringClusterInsideRegion'],
});

export const lokiRegionMissing = telemetryPresenceRule({
  code: 'loki/region-missing',
  signal: 'logs',
  says: 'logs',
  what: 'LokiCluster',
  clusterType: LokiCluster,
  flag: 'requireRegionLogging',
  title: 'A region that runs workloads has a Loki cluster',
  doc:
    "Every server's vector ships the journal and the containers' logs to its region's default Loki cluster; without one they stay on the server, " +
    'rotated away by Docker and journald. Add `new LokiCluster(region, ..., { bucket })` on a MinIO bucket of the region. ' +
    'A region that runs no Nomad job yet may go without one; `App.requireRegionLogging: false` turns the rule off for a platform under construction.',
  reference: ['NoLoggingClusterInsideRegion'],
});

export const tempoRegionMissing = telemetryPresenceRule({
  code: 'tempo/region-missing',
  signal: 'traces',
  says: 'traces',
  what: 'TempoCluster',
  clusterType: TempoCluster,
  flag: 'requireRegionTracing',
  title: 'A region that runs backend applications has a Tempo cluster',
  doc:
    "Backend applications send their traces to their region's Tempo cluster (`OTEL_EXPORTER_OTLP_ENDPOINT`); without one their traces are lost. " +
    'Add `new TempoCluster(region, ..., { bucket })` on a MinIO bucket of the region. `App.requireRegionTracing: false` turns the rule off for a platform under construction.',
  reference: ['NoTempoClusterInsideRegion', 'ApplicationTracingClusterDoesntExistInRegion'],
});
