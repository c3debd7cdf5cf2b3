import type { Server } from '../../../../constructs/core/server';
import { wireguardPublicKey } from '../../../../lib/crypto/keys';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import { ADMIN_VPN_ADDRESS, vpnGateways, WIREGUARD_INTERFACE, WIREGUARD_PORT } from '../../../plan/vpn';
import { secretKeys } from '../../../secrets/keys';
import { once, type EmitContext } from '../../context';

/**
 * WireGuard on VPN gateways: a peer for the admin and, in every other datacenter, the gateway
 * with the same index, through which that datacenter's range is reached.
 */
export function wireguardSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  const all = vpnGateways(ctx.model);
  const me = all.find((g) => g.server === server);
  if (!me) return n;
  const publicKey = (key: string) => once(ctx, `wireguard-public:${key}`, () => wireguardPublicKey(ctx.secrets[key]!));
  const peers = [
    nix.attrs({ publicKey: publicKey(secretKeys.wireguardAdmin), allowedIPs: [`${ADMIN_VPN_ADDRESS}/32`] }),
    ...all
      .filter((g) => g.server.datacenter !== server.datacenter && g.index === me.index)
      .map((g) =>
        nix.attrs({
          publicKey: publicKey(secretKeys.wireguard(g.server)),
          allowedIPs: [g.vpnAddress.replace(/\/\d+$/, '/32'), g.datacenterCidr],
          ...(g.publicAddress ? { endpoint: `${g.publicAddress}:${WIREGUARD_PORT}` } : {}),
          persistentKeepalive: 25,
        }),
      ),
  ];
  return n.set(
    ['networking', 'wireguard', 'interfaces', WIREGUARD_INTERFACE],
    nix.attrs({ ips: [me.vpnAddress], listenPort: WIREGUARD_PORT, privateKeyFile: secretPath(secretFileNames.wireguardKey), peers }),
    'the admin peer and the paired gateway of every other datacenter',
  );
}
