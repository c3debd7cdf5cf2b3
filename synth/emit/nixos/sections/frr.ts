import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { planFrr } from '../../../plan/routing';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import type { EmitContext } from '../../context';

/**
 * FRR on routers (OSPF) and VPN gateways (BGP). The configuration holds the OSPF MD5 key and the
 * BGP passwords, and NixOS's `services.frr.config` would write it into the world-readable Nix
 * store. So the rendered frr.conf travels in the server's secret bundle, provision.sh installs it
 * into the secrets directory (before the rebuild), and `services.frr.configFile` points there:
 * the module links /etc/frr/frr.conf to that path instead of to a store file, and FRR reads it
 * at start and on reload.
 */
export function frrSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  const plan = planFrr(ctx.model, server);
  if (!plan) return n;
  return n.set(
    ['services', 'frr'],
    nix.attrs({
      configFile: secretPath(secretFileNames.frrConfig),
      ...(plan.ospf ? { ospfd: nix.attrs({ enable: true }) } : {}),
      ...(plan.bgp ? { bgpd: nix.attrs({ enable: true }) } : {}),
    }),
    `${[plan.ospf && 'OSPF over the dcrouter network', plan.bgp && 'BGP with the other datacenters\' gateways'].filter(Boolean).join(', ')}; the configuration is a secret file (it holds keys)`,
  );
}
