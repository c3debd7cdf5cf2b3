import type { Region } from '../../../constructs/core/region';
import type { Server } from '../../../constructs/core/server';
import type { MemoryReservation, Origin } from '../../components/component';
import type { Model } from '../../model/model';
import { compareCodePoints } from '../../../lib/text/order';
import { plural } from '../../../lib/text/plural';
import type { PlatformPlan } from '../platform';
import { describeHolder, tallyServers, type PlacementFinding } from './tally';

/** A stateless reservation: per instance, on whichever servers the bin-packing picks. */
export type StatelessReservation = Extract<MemoryReservation, { on: { region: Region } }>;

/** One instance of a stateless reservation on the server it was packed onto. */
export interface PlacedInstance {
  readonly owner: string;
  readonly mib: number;
  readonly origin: Origin;
  /** 1-based. */
  readonly instance: number;
}

export interface StatelessPlacement {
  readonly byServer: ReadonlyMap<Server, readonly PlacedInstance[]>;
  /** Too few eligible servers for the instances (anti-affinity: one instance per server). */
  readonly tooFewServers: readonly PlacementFinding[];
  /** An instance that does not fit in the memory left on the server it was packed onto. */
  readonly overMemory: readonly PlacementFinding[];
}

function isStateless(m: MemoryReservation): m is StatelessReservation {
  return 'region' in m.on;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort(compareCodePoints)
    .map((k) => `${k}=${labels[k]}`)
    .join(', ');
}

/** Servers a reservation may use: those with all its labels, else those running unassigned workloads. */
export function eligibleServers(model: Model, r: StatelessReservation): Server[] {
  const labels = r.on.labels;
  const servers = model.serversInRegion(r.on.region);
  if (labels && Object.keys(labels).length > 0) return servers.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return servers.filter((s) => s.runUnassignedWorkloads);
}

/**
 * Bin-packs the stateless reservations onto servers by free memory, as a check that Nomad can
 * place them: largest first, each instance on the eligible server with the most memory left that
 * does not already hold an instance of the same reservation. Free memory starts at the kind's
 * memory minus what is pinned to the server; a server without a valid kind counts as unbounded
 * (the server rules report it). Deterministic: ties go by reservation owner, then hostname.
 */
export function placeStateless(model: Model, plan: PlatformPlan): StatelessPlacement {
  const tallies = tallyServers(model, plan);
  const free = new Map<Server, number>();
  for (const t of tallies.values()) free.set(t.server, t.kindMiB === undefined ? Infinity : t.kindMiB - t.pinnedMiB);
  const byServer = new Map<Server, PlacedInstance[]>();
  const tooFewServers: PlacementFinding[] = [];
  const overMemory: PlacementFinding[] = [];
  const order = plan.memory
    .filter(isStateless)
    .map((r, index) => ({ r, index }))
    .sort((a, b) => b.r.mib - a.r.mib || compareCodePoints(a.r.owner, b.r.owner) || a.index - b.index)
    .map((x) => x.r);
  for (const r of order) {
    const labelled = r.on.labels && Object.keys(r.on.labels).length > 0;
    const where = labelled ? `servers with labels ${labelText(r.on.labels!)}` : 'servers that run unassigned workloads';
    const candidates = eligibleServers(model, r).sort((a, b) => compareCodePoints(a.hostname, b.hostname));
    const at = { construct: r.origin.construct, ...(r.origin.prop ? { prop: r.origin.prop } : {}) };
    const countAt = { construct: r.origin.construct, ...((r.on.instancesProp ?? r.origin.prop) ? { prop: r.on.instancesProp ?? r.origin.prop } : {}) };
    // A label no server can carry is findUndeclaredPlacementLabels' finding, not a shortage.
    const undeclared = Object.keys(r.on.labels ?? {}).some((k) => !model.app.serverLabels.includes(k));
    if (candidates.length < r.on.instances && !undeclared) {
      tooFewServers.push({
        ...countAt,
        message: `${describeHolder(r.owner, r.origin)} needs ${plural(r.on.instances, 'instance')} on distinct servers, but region '${r.on.region.regionName}' has ${candidates.length} ${where}${candidates.length ? ` (${candidates.map((s) => s.hostname).join(', ')})` : ''}`,
      });
    }
    const used = new Set<Server>();
    let reported = false;
    for (let i = 1; i <= Math.min(r.on.instances, candidates.length); i++) {
      let best: Server | undefined;
      for (const s of candidates) if (!used.has(s) && (best === undefined || free.get(s)! > free.get(best)!)) best = s;
      const server = best!;
      used.add(server);
      const left = free.get(server)! - r.mib;
      if (left > 0) {
        free.set(server, left);
        const list = byServer.get(server) ?? [];
        list.push({ owner: r.owner, mib: r.mib, origin: r.origin, instance: i });
        byServer.set(server, list);
      } else if (!reported) {
        // Left unplaced: what it would take is not free, so it must not crowd out the workloads
        // packed after it into findings of their own.
        reported = true;
        const kind = server.effectiveKind!;
        overMemory.push({
          ...at,
          message: `instance ${i} of ${describeHolder(r.owner, r.origin)} (${r.mib} MiB) does not fit on '${server.hostname}', the ${labelled ? 'matching server' : 'server'} with the most memory left: only ${left + r.mib} MiB of the ${kind.memoryMiB} MiB of kind '${kind.kindName}' are free`,
          related: [{ construct: server, message: `'${server.hostname}' is the best of the ${where}` }],
        });
      }
    }
  }
  return { byServer, tooFewServers, overMemory };
}
