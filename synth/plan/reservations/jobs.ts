import type { NomadGroup, NomadJob } from '../nomad/job';
import type { PlatformPlan } from '../platform';

const LOCK_ATTRIBUTE = /^\$\{meta\.lock_(.+)\}$/;
/** Constraints that place a stateless group: by labels, or on servers taking unassigned workloads. */
const STATELESS_ATTRIBUTE = /^\$\{meta\.(label_.+|run_unassigned_workloads)\}$/;

/** The locks a group is pinned to (`${meta.lock_<lock>} > 0` constraints). */
export function groupLocks(group: NomadGroup): string[] {
  return group.constraints.flatMap((c) => {
    const m = LOCK_ATTRIBUTE.exec(c.attribute);
    return m ? [m[1]!] : [];
  });
}

function bug(job: NomadJob, group: NomadGroup, what: string): never {
  throw new Error(`epl bug: Nomad job '${job.namespace}/${job.name}' group '${group.name}' ${what}`);
}

/**
 * The shape every planned job must have (invariants.md §7, "Internal"). Components build jobs
 * from checked models, so a violation is a bug in epl, never a user mistake: it throws.
 * - every task reserves memory (a whole number of MiB above 0);
 * - a stateful group (pinned to a server by a lock, or using a host volume, which exists on one
 *   server only) runs exactly one instance, is pinned by exactly one lock, and that lock is
 *   taken on some server (else the group never schedules);
 * - a stateless group (placed by labels or on servers taking unassigned workloads) runs at least
 *   one instance, is not pinned by a lock, and spreads its instances over distinct servers;
 * - a system job's groups run once per server and are not pinned.
 */
export function assertJobInvariants(plan: PlatformPlan): void {
  const taken = new Set(plan.locks.map((l) => l.lock));
  for (const { job } of plan.jobs) {
    for (const group of job.groups) {
      for (const task of group.tasks) {
        if (!Number.isInteger(task.memoryMb) || task.memoryMb <= 0) bug(job, group, `task '${task.name}' reserves ${task.memoryMb} MiB of memory; every task needs a whole number above 0`);
      }
      const locks = groupLocks(group);
      if (job.type === 'system') {
        if (group.count !== 1) bug(job, group, `has count ${group.count}; a system job runs one instance per server`);
        if (locks.length > 0) bug(job, group, 'is pinned to a lock; a system job runs on every server');
        continue;
      }
      const stateless = group.constraints.some((c) => STATELESS_ATTRIBUTE.test(c.attribute));
      if (stateless) {
        if (locks.length > 0) bug(job, group, 'is placed as a stateless group but also pinned to a lock');
        if (!Number.isInteger(group.count) || group.count < 1) bug(job, group, `has count ${group.count}; a stateless group runs at least one instance`);
        if (group.count > 1 && !group.constraints.some((c) => c.operator === 'distinct_hosts')) bug(job, group, `runs ${group.count} instances without a distinct_hosts constraint`);
      }
      const stateful = locks.length > 0 || group.volumes.length > 0;
      if (!stateful) continue;
      if (locks.length !== 1) bug(job, group, `is stateful but pinned by ${locks.length} locks; it needs exactly one`);
      if (group.count !== 1) bug(job, group, `is stateful but has count ${group.count}; a group pinned to a server runs once`);
      if (!taken.has(locks[0]!)) bug(job, group, `is pinned to lock '${locks[0]}', which no server holds`);
    }
  }
}
