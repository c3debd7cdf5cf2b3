import type { EplConstruct } from '../../../constructs/core/epl-construct';
import { planPlatform } from '../../plan/platform';
import { KEBAB_CASE } from '../patterns';
import { defineRule } from '../rule';

/**
 * What every component's Nomad jobs share: names that Nomad, file names and Vault paths accept,
 * and no two jobs of one name. Checked over the merged plan, so a new component needs no rule
 * of its own for them.
 */

/** Nomad's own limit on a namespace name is 128 characters; epl keeps them to one DNS label. */
const MAX_NAMESPACE = 63;

export const namespaceName = defineRule({
  code: 'nomad/namespace-name',
  severity: 'error',
  title: 'Nomad namespaces are kebab-case with at most 63 characters',
  doc: 'A namespace names the job in Nomad, its Vault path (`epl/<namespace>/<job>/...`) and its job file in `l2-provisioning/<region>/nomad-jobs/`, so it is kebab-case: no slashes, dots or spaces.',
  reference: ['nomad_namespace: kebab-case (model.md §1)'],
  check(model, report) {
    const seen = new Set<string>();
    for (const { job, origin } of planPlatform(model).jobs) {
      const ns = job.namespace;
      if ((KEBAB_CASE.test(ns) && ns.length <= MAX_NAMESPACE) || seen.has(`${origin.construct.node.path}\0${ns}`)) continue;
      seen.add(`${origin.construct.node.path}\0${ns}`);
      report(origin.construct, `namespace '${ns}' must be kebab-case (a-z, 0-9, -) with 1 to ${MAX_NAMESPACE} characters`, { prop: ['namespace'] });
    }
  },
});

export const jobNameUnique = defineRule({
  code: 'nomad/job-name-unique',
  severity: 'error',
  title: 'No two jobs of a region share a namespace and name',
  doc: "Nomad knows a job by region, namespace and name: a second job of the same name would replace the first at every L2 run. Jobs are named after their deployment or cluster (`pg-<name>`, `app-<name>`, `minio-<name>`, ...), so two of a kind with one name in a region, e.g. in two of your own scopes, collide. Rename one, or put it in another namespace.",
  check(model, report) {
    const first = new Map<string, EplConstruct>();
    for (const { job, origin } of planPlatform(model).jobs) {
      const key = `${job.region}\0${job.namespace}\0${job.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, origin.construct);
        continue;
      }
      report(origin.construct, `job '${job.namespace}/${job.name}' of region '${job.region}' is already ${earlier.node.path}'s`, { related: [{ construct: earlier, message: 'the first job of that name' }] });
    }
  },
});
