import type { FileTree } from '../../../lib/files/file-tree';
import type { EmitContext } from '../context';
import { bootstrapBundleDir, bootstrapBundleOf } from './bundle';
import { bootstrapHost } from '../../plan/control-plane';
import { renderBootstrapScript } from './script';

/** Adds `bootstrap/<region>/bootstrap.sh` (no secret: 0755) and its bundle for every region with Consul servers. */
export function emitBootstrap(ctx: EmitContext, out: FileTree): void {
  for (const region of ctx.model.regions) {
    if (!bootstrapHost(ctx.model, region)) continue;
    out.add(`bootstrap/${region.regionName}/bootstrap.sh`, renderBootstrapScript(ctx, region), { mode: 0o755 });
    for (const f of bootstrapBundleOf(ctx, region)) out.add(`${bootstrapBundleDir(region)}/${f.name}`, f.content, { mode: 0o600, secret: true });
  }
}
