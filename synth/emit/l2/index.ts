import type { FileMode, FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { bootstrapHost } from '../../plan/control-plane';
import { GENERIC_STEPS, regionL2, stepsOf } from './region-plan';
import { renderRunner } from './runner';
import { apiEnvDefaults } from './script-header';
import { renderNamespacesScript } from './nomad-namespaces';
import { renderScheduleScript } from './schedule-jobs';
import { renderVaultSecretsScript } from './vault-secrets';

export { regionL2, stepsOf, jobFileName, GENERIC_STEPS } from './region-plan';
export { renderRunner, L2_LOG_DIR } from './runner';
export { renderVaultSecretsScript } from './vault-secrets';
export { renderNamespacesScript } from './nomad-namespaces';
export { renderScheduleScript, PLACEHOLDER_MARK } from './schedule-jobs';

/** Where a region's L2 provisioning goes in the output. */
export function l2Dir(regionName: string): string {
  return `l2-provisioning/${regionName}`;
}

/**
 * `l2-provisioning/<region>/` for every region with a control plane (it runs on the region's
 * bootstrap host): the staged runner `provision.sh`, the generic scripts (Vault secrets and Consul
 * tokens, Nomad namespaces, system and app jobs), the components' own steps and files. The job
 * files themselves (`nomad-jobs/`) are the Nomad emitter's.
 */
export function emitL2(ctx: EmitContext, out: FileTree): void {
  for (const region of ctx.model.regions) {
    if (!bootstrapHost(ctx.model, region)) continue;
    const l2 = regionL2(ctx.plan, region);
    const dir = l2Dir(region.regionName);
    const script = (name: string, text: string) => out.add(`${dir}/scripts/${name}.sh`, text, { mode: 0o755 });
    out.add(`${dir}/provision.sh`, renderRunner(region.regionName, stepsOf(l2), apiEnvDefaults(ctx.model, region)), { mode: 0o755 });
    script(GENERIC_STEPS.vaultSecrets.name, renderVaultSecretsScript(ctx.model, l2));
    script(GENERIC_STEPS.namespaces.name, renderNamespacesScript(ctx.model, l2));
    script(GENERIC_STEPS.systemJobs.name, renderScheduleScript(ctx.model, region, 'system', l2.systemJobs));
    script(GENERIC_STEPS.appJobs.name, renderScheduleScript(ctx.model, region, 'app', l2.appJobs));
    for (const s of l2.steps) script(s.name, s.script);
    for (const f of l2.files) {
      if (f.path.startsWith('/') || f.path.split('/').some((p) => p === '..' || p === '.' || p === '') || f.path === 'provision.sh' || f.path.startsWith('scripts/')) {
        throw new Error(`epl bug: L2 file ${JSON.stringify(f.path)} of region ${region.regionName} is not a free path under ${dir}/`);
      }
      const mode = f.mode ?? 0o644;
      if (![0o644, 0o755, 0o600, 0o700].includes(mode)) throw new Error(`epl bug: L2 file ${f.path} with mode ${mode.toString(8)}`);
      out.add(`${dir}/${f.path}`, f.content, { mode: mode as FileMode });
    }
  }
}
