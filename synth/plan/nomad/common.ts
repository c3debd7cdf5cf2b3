import type { Region } from '../../../constructs/core/region';
import { Architecture } from '../../../constructs/core/enums';
import type { Model } from '../../model/model';
import type { NomadConstraint, NomadUpdate } from './job';

/**
 * The parts every epl job shares (outputs.md §4.2), so components say only what is theirs.
 */

/** One group at a time, each healthy for 30 s before the next; no automatic revert. */
export const ROLLING_UPDATE: NomadUpdate = {
  maxParallel: 1,
  healthCheck: 'checks',
  minHealthyTime: '30s',
  stagger: '30s',
  healthyDeadline: '300s',
  progressDeadline: '600s',
  autoRevert: false,
};

/** Every group at once (for clusters that cannot run two versions side by side). */
export const ALL_AT_ONCE_UPDATE: NomadUpdate = { maxParallel: 0, minHealthyTime: '0s' };

/** Runs only on servers of the CPU architecture the images were built for. */
export function archConstraint(arch: Architecture): NomadConstraint {
  // Nomad reports the kernel's name for the architecture (`uname -m`): aarch64, not arm64.
  return { attribute: '${attr.kernel.arch}', value: arch === Architecture.ARM64 ? 'aarch64' : 'x86_64' };
}

/** No two allocations of the group on one server. */
export const DISTINCT_HOSTS: NomadConstraint = { attribute: '', operator: 'distinct_hosts', value: 'true' };

/** Pins a stateful group to the server holding `lock` (the server's Nomad client has `meta.lock_<lock>`). */
export function lockConstraint(lock: string): NomadConstraint {
  return { attribute: `\${meta.lock_${lock}}`, operator: '>', value: '0' };
}

/** Places a stateless group on servers with all `labels` (`meta.label_<key>`). */
export function labelConstraints(labels: Readonly<Record<string, string>>): NomadConstraint[] {
  return Object.keys(labels)
    .sort()
    .map((k) => ({ attribute: `\${meta.label_${k}}`, value: labels[k]! }));
}

/** Places a stateless group without labels on servers that accept unassigned workloads. */
export const UNASSIGNED_CONSTRAINT: NomadConstraint = { attribute: '${meta.run_unassigned_workloads}', operator: '>', value: '0' };

/** The datacenters of a region: a job may run in any of them. */
export function datacentersOf(model: Model, region: Region): string[] {
  return model.datacentersOf(region).map((d) => d.dcName).sort();
}

/** A task's address on its server's LAN (Nomad client meta `private_ip`). */
export const PRIVATE_IP = '${meta.private_ip}';

/** Where a job's own secrets live in Vault's `epl` mount: its policy reads `epl/data/<ns>/<job>/*`. */
export function jobSecretPath(namespace: string, job: string, name: string): string {
  return `${namespace}/${job}/${name}`;
}

/** A consul-template reference to one field of a job secret, for a task template. */
export function vaultField(path: string, field: string): string {
  return `{{ with secret ${JSON.stringify(`epl/data/${path}`)} }}{{ .Data.data.${field} }}{{ end }}`;
}
