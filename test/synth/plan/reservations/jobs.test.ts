import { describe, expect, it } from 'vitest';
import type { NomadGroup, NomadJob, NomadTask } from '../../../../synth/plan/nomad/job';
import { DISTINCT_HOSTS, UNASSIGNED_CONSTRAINT, lockConstraint } from '../../../../synth/plan/nomad/common';
import type { PlatformPlan } from '../../../../synth/plan/platform';
import { assertJobInvariants, groupLocks } from '../../../../synth/plan/reservations';
import { platform } from '../../../helpers/platform';
import { emptyPlan } from './plans';

const task: NomadTask = { name: 'main', image: 'busybox@sha256:00', memoryMb: 64, templates: [], volumeMounts: [] };
const group = (g: Partial<NomadGroup>): NomadGroup => ({ name: 'g', count: 1, constraints: [], ports: [], volumes: [], services: [], tasks: [task], ...g });
const job = (groups: NomadGroup[], type: NomadJob['type'] = 'service'): NomadJob => ({ name: 'j', namespace: 'epl', region: 'us-west', datacenters: ['dc1'], type, groups });

const p = platform();
const origin = { construct: p.region };
const planOf = (j: NomadJob): PlatformPlan => ({ ...emptyPlan(), jobs: [{ job: j, stage: 'system', origin }], locks: [{ server: p.servers['server-a']!, lock: 'pg-main', origin }] });

const stateful = group({ constraints: [lockConstraint('pg-main')], volumes: [{ name: 'data', source: 'pgtest1', readOnly: false }] });
const stateless = group({ count: 3, constraints: [UNASSIGNED_CONSTRAINT, DISTINCT_HOSTS] });

describe('assertJobInvariants', () => {
  it('accepts well-formed stateful, stateless and system jobs', () => {
    expect(() => assertJobInvariants(planOf(job([stateful, stateless])))).not.toThrow();
    expect(() => assertJobInvariants(planOf(job([group({})], 'system')))).not.toThrow();
    expect(groupLocks(stateful)).toEqual(['pg-main']);
  });

  it.each([
    ['a task without memory', job([group({ tasks: [{ ...task, memoryMb: 0 }] })]), /task 'main' reserves 0 MiB/],
    ['a stateful group of two', job([{ ...stateful, count: 2 }]), /is stateful but has count 2/],
    ['a host volume without a lock', job([group({ volumes: stateful.volumes })]), /pinned by 0 locks/],
    ['two locks', job([group({ constraints: [lockConstraint('pg-main'), lockConstraint('pg-b')] })]), /pinned by 2 locks/],
    ['a lock no server holds', job([group({ constraints: [lockConstraint('nowhere')] })]), /lock 'nowhere', which no server holds/],
    ['a stateless group pinned to a lock', job([group({ constraints: [UNASSIGNED_CONSTRAINT, lockConstraint('pg-main')] })]), /stateless group but also pinned/],
    ['a stateless group of none', job([group({ count: 0, constraints: [UNASSIGNED_CONSTRAINT] })]), /runs at least one instance/],
    ['stateless instances that may share a server', job([group({ count: 2, constraints: [UNASSIGNED_CONSTRAINT] })]), /without a distinct_hosts/],
    ['a system group of two', job([group({ count: 2 })], 'system'), /a system job runs one instance per server/],
    ['a pinned system group', job([group({ constraints: [lockConstraint('pg-main')] })], 'system'), /a system job runs on every server/],
  ])('throws an epl bug for %s', (_, bad, message) => {
    expect(() => assertJobInvariants(planOf(bad))).toThrow(/^epl bug: Nomad job 'epl\/j' group 'g' /);
    expect(() => assertJobInvariants(planOf(bad))).toThrow(message);
  });
});
