import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { BIND_DIR } from '../../../plan/server-files';
import type { EmitContext } from '../../context';
import { renderNamedConf } from '../../dns/named-conf';

/** BIND on DNS masters and slaves: the platform's zones, DNSSEC signing, consul. forwarding. */
export function bindSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  if (!ctx.zones.some((z) => z.master === server || z.slaves.includes(server))) return n;
  return n.set(
    ['services', 'bind'],
    nix.attrs({
      enable: true,
      directory: BIND_DIR,
      configFile: nix.call('pkgs.writeText', ['named.conf', nix.multiline(renderNamedConf(ctx, server))]),
    }),
    'epl writes the whole named.conf (views are beyond the module\'s options); zone files and DNSSEC keys are installed by provision.sh, and BIND signs the zones inline',
  );
}
