import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { Region } from '../../constructs/core/region';
import type { Model } from '../model/model';
import { KEBAB_CASE } from './patterns';
import { defineRule, type Rule } from './rule';

/**
 * Rules every kind of cluster service shares, made per kind: the name is kebab-case (it becomes
 * job, service and bucket-user names) and a region with several clusters of the kind marks one
 * as its default.
 */

interface Named extends EplConstruct {
  readonly region: Region;
  readonly regionDefault?: boolean;
}

interface Kind<C extends Named> {
  /** The rule's code. */
  readonly code: string;
  /** How a message names the kind: 'Tempo cluster'. */
  readonly kind: string;
  readonly all: (model: Model) => readonly C[];
  readonly nameOf: (c: C) => string;
  readonly doc: string;
  readonly reference?: readonly string[];
}

/** `<kind>/cluster-name`: the name is kebab-case (a-z, 0-9, -). */
export function kebabNameRule<C extends Named>(k: Kind<C>): Rule {
  return defineRule({
    code: k.code,
    severity: 'error',
    title: `${k.kind[0]!.toUpperCase()}${k.kind.slice(1)} names are kebab-case`,
    doc: k.doc,
    ...(k.reference ? { reference: k.reference } : {}),
    check(model, report) {
      for (const c of k.all(model)) if (!KEBAB_CASE.test(k.nameOf(c))) report(c, `${k.kind} name '${k.nameOf(c)}' is not kebab-case (a-z, 0-9, -)`);
    },
  });
}

/**
 * `<kind>/region-default`: a region's only cluster of the kind is its default; with several,
 * exactly one is marked `regionDefault` (none: at the region; a second: at it).
 */
export function regionDefaultRule<C extends Named>(k: Kind<C>): Rule {
  return defineRule({
    code: k.code,
    severity: 'error',
    title: `A region with several ${k.kind}s marks exactly one as its default`,
    doc: k.doc,
    ...(k.reference ? { reference: k.reference } : {}),
    check(model, report) {
      const byRegion = new Map<Region, C[]>();
      for (const c of k.all(model)) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
      for (const [region, list] of byRegion) {
        if (list.length < 2) continue;
        const defaults = list.filter((c) => c.regionDefault);
        if (defaults.length === 0) {
          report(region, `region '${region.regionName}' has ${list.length} ${k.kind}s (${list.map(k.nameOf).join(', ')}) and none is its default: set regionDefault on one`, {
            related: list.map((c) => ({ construct: c, message: `a ${k.kind} of the region` })),
          });
        }
        for (const extra of defaults.slice(1)) {
          report(extra, `region '${region.regionName}' already has the default ${k.kind} '${k.nameOf(defaults[0]!)}'`, {
            prop: ['regionDefault'],
            related: [{ construct: defaults[0]!, prop: ['regionDefault'], message: 'the first default of the region' }],
          });
        }
      }
    },
  });
}
