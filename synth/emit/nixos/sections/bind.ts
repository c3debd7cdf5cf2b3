import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { lanAddressOf } from '../../../plan/control-plane';
import { BIND_DIR } from '../../../plan/server-files';
import type { EmitContext } from '../../context';

/** BIND on DNS masters and slaves: the platform's zones, DNSSEC signing, consul. forwarding. */
export function bindSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  const zones = ctx.zones.filter((z) => z.master === server || z.slaves.includes(server));
  if (zones.length === 0) return n;
  const zoneAttrs = new NixAttrs();
  for (const z of zones) {
    const isMaster = z.master === server;
    const masterIp = z.master ? lanAddressOf(ctx.model, z.master) : undefined;
    const slaveIps = z.slaves.map((s) => lanAddressOf(ctx.model, s));
    const extra = isMaster && z.signed ? `dnssec-policy epl;\ninline-signing yes;\nkey-directory "${BIND_DIR}/keys";\n` : '';
    zoneAttrs.set(
      z.name,
      nix.attrs({
        master: isMaster,
        file: isMaster ? `${BIND_DIR}/${z.name}.zone` : `${BIND_DIR}/${z.name}.slave.zone`,
        masters: isMaster || !masterIp ? [] : [masterIp],
        slaves: isMaster ? slaveIps : [],
        extraConfig: extra,
      }),
    );
  }
  const policy = [
    'dnssec-policy "epl" {',
    '  keys {',
    '    ksk key-directory lifetime unlimited algorithm ed25519;',
    '    zsk key-directory lifetime unlimited algorithm ed25519;',
    '  };',
    '};',
    'zone "consul" {',
    '  type forward;',
    '  forward only;',
    '  forwarders { 127.0.0.1 port 8600; };',
    '};',
  ].join('\n');
  return n.set(
    ['services', 'bind'],
    nix.attrs({
      enable: true,
      directory: BIND_DIR,
      forwarders: ['1.1.1.1', '9.9.9.9'],
      cacheNetworks: ['127.0.0.0/8', '10.0.0.0/8', '172.21.0.0/16'],
      zones: zoneAttrs,
      extraConfig: nix.multiline(policy + '\n'),
    }),
    'zone files and DNSSEC keys are installed by provision.sh; BIND signs the zones inline',
  );
}
