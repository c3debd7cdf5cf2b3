/**
 * The checks of image uses as pure functions over the uses, so they are tested without a
 * component; the rules in uses.ts run them over every component's uses.
 */
import type { ImageUse } from '../../components/component';
import type { Report } from '../rule';

/** Each finding once per choosing construct, prop and pin, however many workloads share it. */
function distinct(uses: readonly ImageUse[], key: (u: ImageUse) => string): ImageUse[] {
  const seen = new Set<string>();
  return uses.filter((u) => {
    const k = `${u.origin.construct.node.path}\0${JSON.stringify(u.origin.prop ?? [])}\0${u.pin.node.path}\0${key(u)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Reports every use whose pin is not of the set the workload expects. */
export function checkImageSets(uses: readonly ImageUse[], report: Report): void {
  for (const use of distinct(uses, (u) => u.set)) {
    if (use.pin.set === use.set) continue;
    report(use.origin.construct, `pin '${use.pin.pinName}' holds '${use.pin.set}' images, but '${use.set}' is needed here`, {
      ...(use.origin.prop ? { prop: use.origin.prop } : {}),
      related: [{ construct: use.pin, prop: ['set'], message: `pin '${use.pin.pinName}' is defined here` }],
    });
  }
}

/** Reports every use whose pin has no image for the workload's architecture. */
export function checkImageArchitectures(uses: readonly ImageUse[], report: Report): void {
  for (const use of distinct(uses, (u) => u.architecture)) {
    if (use.pin.imageOf(use.architecture)) continue;
    const has = [...new Set(use.pin.images.map((i) => i.architecture ?? 'x86_64'))];
    report(use.origin.construct, `pin '${use.pin.pinName}' has no ${use.architecture} image (${has.length ? `it has ${has.join(', ')}` : 'it has none'}), and the workload runs on ${use.architecture} servers`, {
      ...(use.origin.prop ? { prop: use.origin.prop } : {}),
      related: [{ construct: use.pin, prop: ['images'], message: `pin '${use.pin.pinName}' is defined here` }],
    });
  }
}
