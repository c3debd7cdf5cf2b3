import type { Region } from '../../constructs/core/region';

/**
 * The cluster of a kind a workload of `region` uses: the one it names (`explicit`), else the
 * region's only cluster, else the one marked `regionDefault`. Undefined when the region has
 * none, or several and not exactly one default (the kind's region-default rule says why).
 * Shared by the monitoring, Loki and Tempo pickers.
 */
export function regionClusterOf<C extends { readonly region: Region; readonly regionDefault: boolean }>(all: readonly C[], region: Region, explicit?: C): C | undefined {
  if (explicit) return explicit;
  const inRegion = all.filter((c) => c.region === region);
  if (inRegion.length === 1) return inRegion[0];
  const defaults = inRegion.filter((c) => c.regionDefault);
  return defaults.length === 1 ? defaults[0] : undefined;
}
