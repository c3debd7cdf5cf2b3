import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import { defineRule } from '../../rules/rule';
import { pgPorts } from './names';
import { spreadProblem } from '../../rules/regions/spread';

/** A numeric setting of a deployment and the range it must be in (inclusive). */
interface Setting {
  readonly prop: keyof PgDeployment & string;
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
}

const LAST_PORT_OFFSET = pgPorts({ instancePgPort: 0 } as PgDeployment).exporter;

const SETTINGS: readonly Setting[] = [
  { prop: 'sharedBuffersMb', min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'MiB' },
  { prop: 'workMemMb', min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'MiB' },
  { prop: 'maintenanceWorkMemMb', min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'MiB' },
  { prop: 'overheadMemMb', min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'MiB' },
  { prop: 'maxConnections', min: 10, max: 9999 },
  { prop: 'replicaRollingUpdateDelaySeconds', min: 60, max: 2 * 24 * 3600, unit: 's' },
  // The Postgres port and the five after it must all be ports.
  { prop: 'instancePgPort', min: 1, max: 65535 - LAST_PORT_OFFSET },
];

const range = (s: Setting) => (s.max === Number.MAX_SAFE_INTEGER ? `a whole number above ${s.min - 1}` : `a whole number from ${s.min} to ${s.max}`);

export const settingRange = defineRule({
  code: 'pg/deployment-setting-range',
  severity: 'error',
  title: "A Postgres deployment's numeric settings are whole numbers in their ranges",
  doc:
    'Memory settings (shared buffers, work mem, maintenance work mem, overhead) are positive MiB; max connections is 10 to 9999; ' +
    'the replica rolling update delay is 60 s to 2 days (a replica needs time to catch up, longer only stalls updates); ' +
    'the Postgres port leaves room for the five consecutive ports after it.',
  reference: ['pg_deployment column checks (model.md §6.4)'],
  check(model, report) {
    for (const d of model.pgDeployments) {
      for (const s of SETTINGS) {
        const v = d[s.prop] as number;
        if (!Number.isInteger(v) || v < s.min || v > s.max) report(d, `${s.prop} is ${v}${s.unit ? ' ' + s.unit : ''}, it must be ${range(s)}`, { prop: [s.prop] });
      }
      d.failoverPriorities.forEach((p, i) => {
        if (!Number.isInteger(p) || p < 0 || p > 1000) report(d, `instance ${i + 1} has failover priority ${p}, it must be a whole number from 0 to 1000`, { prop: ['instances', i, 'failoverPriority'] });
      });
    }
  },
});

export const failoverCandidates = defineRule({
  code: 'pg/deployment-failover-candidates',
  severity: 'error',
  title: 'A Postgres deployment has 2 instances that may become leader, 3 with synchronous replication',
  doc: 'An instance with failover priority 0 is never promoted. With fewer than two candidates the deployment cannot fail over; synchronous replication also needs a candidate besides the synchronous standby. Raise a priority above 0 or add an instance.',
  reference: ['PgDeploymentMustHaveAtLeastTwoNodes', 'PgDeploymentForSynchronousReplicationYouMustRunAtLeastThreeNodes'],
  check(model, report) {
    for (const d of model.pgDeployments) {
      const candidates = d.failoverPriorities.filter((p) => p > 0).length;
      const min = d.synchronousReplication ? 3 : 2;
      // Too few instances in all is the instance-count rule's finding.
      if (d.instances.length >= min && candidates < min) {
        report(d, `deployment '${d.deploymentName}' has ${candidates} instance(s) with failover priority above 0, it needs ${min}${d.synchronousReplication ? ' with synchronous replication' : ''}`, { prop: ['instances'] });
      }
    }
  },
});

export const datacenterSpread = defineRule({
  code: 'pg/deployment-datacenter-spread',
  severity: 'error',
  title: "In a multi-datacenter region, a Postgres deployment's instances span its datacenters evenly",
  doc:
    'A multi-datacenter region promises to survive the loss of a datacenter: two instances must be in two datacenters, more in at least three, ' +
    'and no datacenter may hold two more instances than another. Move an instance to a volume of a server in another datacenter.',
  reference: ['ApplicationInsideMultiDcRegionIsNotDistributedAcrossEnoughDatacenters', 'ApplicationInsideMultiDcRegionIsDistributedDistributedNonEqually'],
  check(model, report) {
    for (const d of model.pgDeployments) {
      const servers = d.instances.map((v) => model.serverOf(v)).filter((s) => s.datacenter.region === d.region);
      const problem = spreadProblem(d.region, servers);
      if (problem) report(d, `Postgres deployment '${d.deploymentName}': ${problem}`, { prop: ['instances'] });
    }
  },
});

export const pgComponentRules = [settingRange, failoverCandidates, datacenterSpread];
