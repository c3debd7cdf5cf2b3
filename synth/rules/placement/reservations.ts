import type { Model } from '../../model/model';
import { planPlatform, type PlatformPlan } from '../../plan/platform';
import {
  findLockClashes,
  findMemoryOverruns,
  findPortClashes,
  findUndeclaredPlacementLabels,
  placeStateless,
  type PlacementFinding,
} from '../../plan/reservations';
import { defineRule, type Report, type Rule } from '../rule';
import { MIN_SERVER_MEMORY_MIB } from '../servers/memory-floor';

/*
 * Thin rules over synth/plan/reservations: the checks are pure functions of the platform plan
 * (every component's contributions, L1 services included), tested there with hand-made plans.
 */

type PlanOf = (model: Model) => PlatformPlan;

function reportAll(findings: readonly PlacementFinding[], report: Report): void {
  for (const f of findings) report(f.construct, f.message, { ...(f.prop ? { prop: f.prop } : {}), ...(f.related ? { related: f.related } : {}) });
}

const portUsedTwice = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/port-used-twice',
    severity: 'error',
    title: 'A port is reserved at most once per server',
    doc: 'Workloads use host networking, so two services on one port of one server cannot both start. The platform\'s own daemons (Consul 8300–8302, 8500, 8501, 8600; Nomad 4646–4648; Vault 8200–8201; BIND 53 and 953; node_exporter 9100; cAdvisor 9280; WireGuard 51820; FRR; sshd 22) hold their ports on the servers they run on. A stateless workload may land on any server of its region that runs unassigned workloads, so its port is held on all of them. Choose another port.',
    reference: ['DoublePortUseAttemptDetected', 'DoublePortUseForAllServersAttemptDetected'],
    check(model, report) {
      reportAll(findPortClashes(model, planOf(model)), report);
    },
  });

const serverMemoryExceeded = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/server-memory-exceeded',
    severity: 'error',
    title: "What is pinned to a server stays below its kind's memory",
    doc: "The platform's own daemons and the instances bound to a server (stateful deployments on its volumes) reserve memory there; together they must stay strictly below the server kind's memory. Give the workload less memory, move an instance to another server, or use a bigger kind.",
    reference: ['ServerCannotReserveMoreMemory'],
    check(model, report) {
      // Kinds below the platform's floor are reported by servers/server-kind-memory-too-small.
      reportAll(findMemoryOverruns(model, planOf(model), MIN_SERVER_MEMORY_MIB), report);
    },
  });

const notEnoughServers = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/not-enough-servers',
    severity: 'error',
    title: 'A stateless workload has a distinct server for every instance',
    doc: 'Instances of one stateless workload never share a server, so that losing a server loses one instance. Without labels they may run on the servers of their region that run unassigned workloads (`runUnassignedWorkloads`, on by default); with labels, on the servers carrying all of them. Lower the instance count, or add or label servers.',
    reference: ['ServerCannotPlaceStatelessWorkload', 'FailedToFindPlacements'],
    check(model, report) {
      reportAll(placeStateless(model, planOf(model)).tooFewServers, report);
    },
  });

const statelessMemoryExceeded = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/stateless-memory-exceeded',
    severity: 'error',
    title: 'Stateless workloads fit in the memory their servers have left',
    doc: "epl packs the instances of stateless workloads onto their eligible servers, largest first, each on the server with the most memory left; every instance must fit strictly below the server kind's memory beside what is pinned there. Give the workload less memory or fewer instances, or add servers.",
    reference: ['ServerCannotReserveMoreStatelessMemory', 'ServerCannotReserveMoreStatelessPlacedMemory'],
    check(model, report) {
      reportAll(placeStateless(model, planOf(model)).overMemory, report);
    },
  });

const serverLockedTwice = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/server-locked-twice',
    severity: 'error',
    title: 'A stateful deployment runs at most one instance per server',
    doc: "A stateful deployment (Postgres, NATS, MinIO, ...) takes a lock on each server it runs an instance on, and its Nomad groups are pinned to the lock. Two instances on one server would fail together and could not both be scheduled. Put the instances on volumes of different servers.",
    reference: ['AttemptedToLockServerTwiceWithSameLabel'],
    check(model, report) {
      reportAll(findLockClashes(planOf(model)), report);
    },
  });

const undeclaredPlacementLabel = (planOf: PlanOf): Rule =>
  defineRule({
    code: 'placement/undeclared-label',
    severity: 'error',
    title: "Placement labels are declared in the App's serverLabels",
    doc: "A workload placed by labels runs only on servers carrying them; a label name not declared in the App's `serverLabels` can be on no server, so the workload would never be scheduled. Declare the name, or fix its spelling.",
    reference: ['InvalidServerLabelInQuery'],
    check(model, report) {
      reportAll(findUndeclaredPlacementLabels(model, planOf(model)), report);
    },
  });

/**
 * The placement rules over the plan `planOf` gives: the platform's own (every component) unless
 * a test passes a hand-made plan.
 */
export function placementRules(planOf: PlanOf = (model) => planPlatform(model)): Rule[] {
  return [portUsedTwice, serverMemoryExceeded, notEnoughServers, statelessMemoryExceeded, serverLockedTwice, undeclaredPlacementLabel].map((make) => make(planOf));
}
