import type { Region } from '../../../constructs/core/region';
import type { ConsulToken, L2File, L2Step, PlannedJob, VaultSecret } from '../../components/component';
import { compareCodePoints } from '../../../lib/text/order';
import type { PlatformPlan } from '../../plan/platform';
import { nomadJobFileName } from '../../plan/nomad/job';

/** The scripts every region's L2 provisioning has, whatever its components. */
export const GENERIC_STEPS = {
  vaultSecrets: { stage: 10, name: 'provision-vault-secrets' },
  namespaces: { stage: 10, name: 'provision-nomad-namespaces' },
  systemJobs: { stage: 20, name: 'schedule-nomad-system-jobs' },
  appJobs: { stage: 60, name: 'schedule-nomad-app-jobs' },
} as const;

/** A script of the runner: its stage and file name (`scripts/<name>.sh`). */
export interface StepRef {
  readonly stage: number;
  readonly name: string;
}

/** What one region's L2 provisioning renders, taken from the platform plan. */
export interface RegionL2 {
  readonly region: Region;
  readonly vaultSecrets: readonly VaultSecret[];
  readonly consulTokens: readonly ConsulToken[];
  readonly systemJobs: readonly PlannedJob[];
  readonly appJobs: readonly PlannedJob[];
  /** Namespaces of the region's jobs other than `default`, sorted. */
  readonly namespaces: readonly string[];
  readonly steps: readonly L2Step[];
  readonly files: readonly L2File[];
}

/** Names that end up in file names, URLs and script words without quoting. */
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;
/** Nomad's namespace names (https://developer.hashicorp.com/nomad/docs/other-specifications/namespace). */
const NOMAD_NAMESPACE = /^[a-zA-Z0-9-]{1,128}$/;

/** A job's file under `nomad-jobs/`, as the Nomad emitter names it. */
export function jobFileName(job: PlannedJob): string {
  return nomadJobFileName(job.job);
}

/**
 * The region's part of the plan. Component mistakes (a name that is not a file name, two steps of
 * one name) are bugs in epl, not the user's: they throw.
 */
export function regionL2(plan: PlatformPlan, region: Region): RegionL2 {
  const mine = <T extends { readonly region: Region }>(xs: readonly T[]) => xs.filter((x) => x.region === region);
  const jobs = plan.jobs.filter((j) => j.job.region === region.regionName);
  for (const j of jobs) {
    if (!SAFE_NAME.test(j.job.name) || !NOMAD_NAMESPACE.test(j.job.namespace)) throw new Error(`epl bug: Nomad job ${j.job.namespace}/${j.job.name} has a name that cannot be a file name`);
  }
  const byFile = (a: PlannedJob, b: PlannedJob) => compareCodePoints(jobFileName(a), jobFileName(b));
  const steps = [...mine(plan.l2Steps)].sort((a, b) => a.stage - b.stage || compareCodePoints(a.name, b.name));
  const taken = new Set<string>(Object.values(GENERIC_STEPS).map((s) => s.name));
  for (const s of steps) {
    if (!SAFE_NAME.test(s.name) || !Number.isInteger(s.stage) || s.stage < 0) throw new Error(`epl bug: L2 step ${JSON.stringify(s.name)} (stage ${s.stage}) of region ${region.regionName} is not a file name and a stage`);
    if (taken.has(s.name)) throw new Error(`epl bug: two L2 steps of region ${region.regionName} are named ${s.name}`);
    taken.add(s.name);
  }
  return {
    region,
    vaultSecrets: mine(plan.vaultSecrets),
    consulTokens: [...mine(plan.consulTokens)].sort((a, b) => compareCodePoints(a.name, b.name)),
    systemJobs: jobs.filter((j) => j.stage === 'system').sort(byFile),
    appJobs: jobs.filter((j) => j.stage === 'app').sort(byFile),
    namespaces: [...new Set(jobs.map((j) => j.job.namespace))].filter((n) => n !== 'default').sort(compareCodePoints),
    steps,
    files: mine(plan.l2Files),
  };
}

/** Every script the runner runs, by stage then name. */
export function stepsOf(l2: RegionL2): StepRef[] {
  return [...Object.values(GENERIC_STEPS), ...l2.steps.map((s) => ({ stage: s.stage, name: s.name }))].sort((a, b) => a.stage - b.stage || compareCodePoints(a.name, b.name));
}
