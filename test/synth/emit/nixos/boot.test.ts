import { describe, expect, it } from 'vitest';
import { DiskIdsPolicy, DiskKind, DiskMedium, Size } from '../../../../constructs';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { partitionPath } from '../../../../synth/emit/nixos/sections/boot';
import { expectDiagnostics } from '../../../helpers/diagnostics';
import { emitContext } from '../../../helpers/emit';
import { platform } from '../../../helpers/platform';

describe('boot settings', () => {
  it('names partitions the way the kernel and udev do', () => {
    expect(partitionPath('/dev/vda', 2)).toBe('/dev/vda2');
    expect(partitionPath('/dev/sdb', 1)).toBe('/dev/sdb1');
    expect(partitionPath('/dev/nvme0n1', 2)).toBe('/dev/nvme0n1p2');
    expect(partitionPath('/dev/disk/by-id/ata-SAMSUNG_S45N', 2)).toBe('/dev/disk/by-id/ata-SAMSUNG_S45N-part2');
  });

  it("follows a test VM's root disk wherever it is: GRUB on it, /boot on its second partition", async () => {
    const p = platform({
      storage: false,
      extend: ({ app, servers }) => {
        const nvme = new DiskKind(app, 'nvme', { medium: DiskMedium.NVME, capacity: Size.gibibytes(20) });
        for (const s of Object.values(servers)) s.addDisk('nvme0n1', { root: true, kind: nvme });
      },
    });
    expectDiagnostics(p.app, []);
    const text = renderServerConfiguration(await emitContext(p.app), p.servers['server-a']!);
    expect(text).toContain('boot.loader.grub.devices = [ "/dev/nvme0n1" ];');
    expect(text).toContain('fileSystems."/boot" = {\n    device = "/dev/nvme0n1p2";\n    fsType = "vfat";');
  });

  it('uses /dev/disk/by-id where the datacenter identifies disks by serial number', async () => {
    const p = platform({
      dc: { diskIdsPolicy: DiskIdsPolicy.REQUIRE_SERIAL },
      storage: false,
      extend: ({ servers }) => Object.values(servers).forEach((s, i) => s.addDisk(`virtio-root${i}`, { root: true })),
    });
    expectDiagnostics(p.app, []);
    const text = renderServerConfiguration(await emitContext(p.app), p.servers['server-a']!);
    expect(text).toContain('boot.loader.grub.devices = [ "/dev/disk/by-id/virtio-root0" ];');
    expect(text).toContain('device = "/dev/disk/by-id/virtio-root0-part2";');
  });
});
