import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { renderNomadJob } from './job-hcl';
import { nomadJobFileName, type NomadJob } from '../../plan/nomad/job';

/** Where a job's file goes: the region's L2 folder, which the runner copies to the provisioning server (outputs.md §4). */
export function nomadJobPath(job: Pick<NomadJob, 'region' | 'namespace' | 'name'>): string {
  return `l2-provisioning/${job.region}/nomad-jobs/${nomadJobFileName(job)}`;
}

/** Adds `l2-provisioning/<region>/nomad-jobs/<namespace>_<job>.hcl` for every planned job. */
export function emitNomadJobs({ plan }: EmitContext, out: FileTree): void {
  for (const { job } of plan.jobs) out.add(nomadJobPath(job), renderNomadJob(job));
}
