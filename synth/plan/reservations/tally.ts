import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { Server } from '../../../constructs/core/server';
import type { PropPath } from '../../../lib/diagnostics/types';
import type { Origin, PortReservation, ServerLock } from '../../components/component';
import type { Model } from '../../model/model';
import type { PlatformPlan } from '../platform';

/** Another construct a finding involves (the rule layer turns it into a diagnostic's `related`). */
export interface FindingRelated {
  readonly construct: EplConstruct;
  readonly prop?: PropPath;
  readonly message: string;
}

/** A reservation problem, located at the construct (and prop) the user should change. */
export interface PlacementFinding {
  readonly construct: EplConstruct;
  readonly prop?: PropPath;
  readonly message: string;
  readonly related?: readonly FindingRelated[];
}

/** Memory held on one server, by an L1 daemon (no origin) or a workload bound to the server. */
export interface PinnedMemory {
  readonly owner: string;
  readonly mib: number;
  readonly origin?: Origin;
}

/** A port held on one server; `regionWide` when it comes from a reservation on the whole region. */
export interface HeldPort {
  readonly reservation: PortReservation;
  readonly regionWide: boolean;
}

/** What is reserved on one server before stateless workloads are bin-packed. */
export interface ServerTally {
  readonly server: Server;
  /** The kind's memory, or undefined when the server has no valid kind (other rules say so). */
  readonly kindMiB: number | undefined;
  /** Built-ins first, then workloads in plan order. */
  readonly pinned: readonly PinnedMemory[];
  readonly pinnedMiB: number;
  /** Built-ins, then server-bound workloads, then the region's region-wide ports. */
  readonly ports: readonly HeldPort[];
  readonly locks: readonly ServerLock[];
}

/** The kind's memory when it is usable for arithmetic. */
export function kindMemoryOf(server: Server): number | undefined {
  const mib = server.effectiveKind?.memoryMiB;
  return mib !== undefined && Number.isInteger(mib) && mib > 0 ? mib : undefined;
}

/** `'consul http' (built-in)` or `'pg testdb' (us-west/testdb)`: a holder as messages name it. */
export function describeHolder(owner: string, origin: Origin | undefined): string {
  return `'${owner}' (${origin ? origin.construct.node.path : 'built-in'})`;
}

/** Where a finding about a holder goes: its origin, or the server it is on for a built-in. */
export function locate(origin: Origin | undefined, server: EplConstruct, prop?: PropPath): { construct: EplConstruct; prop?: PropPath } {
  if (origin) return { construct: origin.construct, ...(origin.prop ? { prop: origin.prop } : {}) };
  return { construct: server, ...(prop ? { prop } : {}) };
}

/** Built-ins (no origin) before workloads, each group in plan order. */
function builtinsFirst<T extends { readonly origin?: Origin }>(items: readonly T[]): T[] {
  return [...items.filter((i) => !i.origin), ...items.filter((i) => i.origin)];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every server's pinned memory, ports and locks, grouped in one pass over the plan. */
export function tallyServers(model: Model, plan: PlatformPlan): Map<Server, ServerTally> {
  const memory = new Map<Server, PinnedMemory[]>();
  for (const m of builtinsFirst(plan.memory)) if ('server' in m.on) push(memory, m.on.server, { owner: m.owner, mib: m.mib, ...(m.origin ? { origin: m.origin } : {}) });
  const ports = new Map<Server, HeldPort[]>();
  const regionPorts = new Map<unknown, HeldPort[]>();
  for (const p of builtinsFirst(plan.ports)) {
    if ('server' in p.on) push(ports, p.on.server, { reservation: p, regionWide: false });
    else push(regionPorts, p.on.region, { reservation: p, regionWide: true });
  }
  const locks = new Map<Server, ServerLock[]>();
  for (const l of plan.locks) push(locks, l.server, l);
  const tallies = new Map<Server, ServerTally>();
  for (const server of model.servers) {
    const pinned = memory.get(server) ?? [];
    const wide = server.runUnassignedWorkloads ? regionPorts.get(server.datacenter.region) ?? [] : [];
    tallies.set(server, {
      server,
      kindMiB: kindMemoryOf(server),
      pinned,
      pinnedMiB: pinned.reduce((sum, m) => sum + m.mib, 0),
      ports: [...(ports.get(server) ?? []), ...wide],
      locks: locks.get(server) ?? [],
    });
  }
  return tallies;
}
