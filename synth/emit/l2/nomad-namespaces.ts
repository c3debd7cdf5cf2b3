import type { Model } from '../../model/model';
import { ensureLines } from '../bootstrap/api-resource';
import { GENERIC_STEPS, type RegionL2 } from './region-plan';
import { changesFooter, httpScriptHeader } from './script-header';

/**
 * `scripts/provision-nomad-namespaces.sh` (stage 10): every namespace the region's jobs use, made
 * or corrected through Nomad's namespace API
 * (https://developer.hashicorp.com/nomad/api-docs/namespaces); `default` exists in every Nomad
 * and is left as it is.
 */
export function renderNamespacesScript(model: Model, l2: RegionL2): string {
  const lines = httpScriptHeader({
    model,
    region: l2.region,
    name: GENERIC_STEPS.namespaces.name,
    about: ["The Nomad namespaces of the region's jobs."],
    apis: ['nomad'],
  });
  if (l2.namespaces.length === 0) {
    lines.push('# No job of this region runs outside the default namespace.', 'echo "no namespaces to provision"', '');
    return lines.join('\n');
  }
  lines.push(`wait_for 'the Nomad leader' nomad "$nomad_url/v1/status/leader" '. != ""'`);
  for (const ns of l2.namespaces) {
    lines.push(
      ...ensureLines({
        api: 'nomad',
        label: `Nomad namespace ${ns}`,
        read: `/v1/namespace/${ns}`,
        current: '{Name, Description}',
        create: { method: 'POST', path: `/v1/namespace/${ns}` },
        update: { method: 'POST', path: `/v1/namespace/${ns}`, id: '.Name' },
        body: { Name: ns, Description: `epl: jobs of namespace ${ns}` },
      }),
    );
  }
  lines.push(...changesFooter(`nomad namespaces of region ${l2.region.regionName}`));
  return lines.join('\n');
}
