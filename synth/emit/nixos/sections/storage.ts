import type { Server } from '../../../../constructs/core/server';
import { nix, NixAttrs } from '../../../../lib/nix/value';
import { planStorage } from '../../../plan/storage';
import type { EmitContext } from '../../context';

/** ZFS support, extra pools, XFS mounts, and loading dataset keys at boot. */
export function storageSection(ctx: EmitContext, server: Server): NixAttrs {
  const plan = planStorage(ctx.model, server);
  const n = new NixAttrs()
    .set(['boot', 'supportedFilesystems'], nix.attrs({ zfs: true }))
    .set(['services', 'zfs', 'autoScrub', 'enable'], true);
  if (plan.pools.length > 0) n.set(['boot', 'zfs', 'extraPools'], plan.pools.map((p) => p.name));
  for (const x of plan.xfsDisks) {
    n.set(['fileSystems', x.mountpoint], nix.attrs({ device: x.device, fsType: 'xfs', options: ['nofail'] }));
  }
  if (plan.datasets.some((d) => d.encryption)) {
    n.set(
      ['systemd', 'services', 'epl-zfs-load-keys'],
      nix.attrs({
        description: 'Load the keys of encrypted epl volumes',
        wantedBy: ['zfs-mount.service'],
        before: ['zfs-mount.service'],
        after: ['zfs-import.target'],
        path: [nix.expr('config.boot.zfs.package')],
        serviceConfig: nix.attrs({ Type: 'oneshot', RemainAfterExit: true }),
        script: 'zfs load-key -a || true',
      }),
      'encrypted datasets read their key from the secrets directory; zfs-mount does not load keys itself',
    );
  }
  return n;
}
