import { DatacenterImplementation } from '../../../../constructs/core/enums';
import type { Server } from '../../../../constructs/core/server';
import type { Disk } from '../../../../constructs/storage/disk';
import { nix, NixAttrs, type NixValue } from '../../../../lib/nix/value';
import type { Model } from '../../../model/model';
import { devicePath } from '../../../plan/storage';
import type { EmitContext } from '../../context';

/**
 * The ZFS file systems of a test VM's root pool, mounted through fstab (`mountpoint=legacy`), as
 * the test VM image lays them out.
 */
export const TEST_VM_ROOT_DATASETS: ReadonlyArray<readonly [mountpoint: string, dataset: string]> = [
  ['/', 'rpool/root'],
  ['/nix', 'rpool/nix'],
  ['/var', 'rpool/var'],
  ['/var/log', 'rpool/var/log'],
];

/** Partition of a test VM's root disk that holds `/boot`: 1 is GRUB's BIOS boot partition, 3 the root pool. */
const TEST_VM_BOOT_PARTITION = 2;

/** Kernel modules the initrd may need to reach a test VM's root disk (virtio, or emulated SATA/SCSI). */
const TEST_VM_INITRD_MODULES = ['ahci', 'sd_mod', 'sr_mod', 'virtio_blk', 'virtio_pci', 'virtio_scsi', 'xhci_pci'];

/** GRUB on the serial line as well as the screen, at the speed the kernel console uses. */
const GRUB_SERIAL = ['serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1', 'terminal_input --append serial', 'terminal_output --append serial'].join('\n');

/** The device node of partition `n` of a disk: `/dev/vda2`, `/dev/nvme0n1p2`, `/dev/disk/by-id/<id>-part2`. */
export function partitionPath(device: string, n: number): string {
  if (device.startsWith('/dev/disk/')) return `${device}-part${n}`;
  return /\d$/.test(device) ? `${device}p${n}` : `${device}${n}`;
}

/**
 * The server's root disks, where GRUB goes. The rule `disks/root-disk-count` makes this exactly
 * one disk before anything is emitted; none here is a bug in epl.
 */
function rootDisks(model: Model, server: Server): readonly Disk[] {
  const roots = model.rootDisksOf(server);
  if (roots.length === 0) throw new Error(`server ${server.hostname} has no root disk; disks/root-disk-count should have reported it`);
  return roots;
}

/** Whether epl states the whole disk layout itself (test VMs) rather than taking the machine's. */
function isTestVm(server: Server): boolean {
  return server.datacenter.implementation === DatacenterImplementation.TEST_VMS;
}

/**
 * The modules that describe the machine itself, and why: on test VMs the QEMU guest profile
 * (virtio drivers); everywhere else the `hardware-configuration.nix` that `nixos-generate-config`
 * wrote on the machine (its file systems and initrd modules). Test VMs do not import one: epl sets
 * their file systems itself, and a generated one would define `fileSystems."/"` a second time.
 */
export function hardwareImports(server: Server): { readonly modules: NixValue[]; readonly comment: string } {
  return isTestVm(server)
    ? { modules: [nix.expr('(modulesPath + "/profiles/qemu-guest.nix")')], comment: 'virtio drivers; the disk layout of the test VM image is set below, not taken from a generated hardware-configuration.nix' }
    : { modules: [nix.path('./hardware-configuration.nix')], comment: 'hardware-configuration.nix is the one nixos-generate-config wrote on the machine (file systems, initrd modules)' };
}

/**
 * What the machine needs to boot, which `nixos-generate-config` had put in the configuration.nix
 * epl replaces: the boot loader always; on test VMs also the file systems, initrd drivers and the
 * serial console.
 */
export function bootSection(ctx: EmitContext, server: Server): NixAttrs {
  const devices = rootDisks(ctx.model, server).map((d) => devicePath(ctx.model, d));
  const n = new NixAttrs()
    .set(['boot', 'loader', 'grub', 'enable'], true)
    .set(['boot', 'loader', 'grub', 'devices'], devices, 'GRUB (BIOS) on the root disk; the boot loader the installer chose is kept in configuration.nix.epl-original');
  if (!isTestVm(server)) return n;
  n.set(['boot', 'loader', 'grub', 'extraConfig'], nix.multiline(`${GRUB_SERIAL}\n`), 'the boot menu on the serial console too (virsh console)');
  n.set(['boot', 'kernelParams'], ['console=tty0', 'console=ttyS0,115200'], 'kernel and login on the serial console; the last console is the one /dev/console writes to');
  n.set(['boot', 'initrd', 'availableKernelModules'], TEST_VM_INITRD_MODULES, 'the drivers stage 1 needs to find the root pool');
  n.set(['boot', 'zfs', 'devNodes'], '/dev/disk/by-path', 'pools are found here, root and extra: virtio disks without a serial number have no entry in /dev/disk/by-id, the default');
  TEST_VM_ROOT_DATASETS.forEach(([mountpoint, dataset], i) => {
    n.set(['fileSystems', mountpoint], nix.attrs({ device: dataset, fsType: 'zfs' }), i === 0 ? 'the root pool of the test VM image (datasets with mountpoint=legacy)' : undefined);
  });
  n.set(
    ['fileSystems', '/boot'],
    nix.attrs({ device: partitionPath(devices[0]!, TEST_VM_BOOT_PARTITION), fsType: 'vfat' }),
    'kernels and initrds live here, where GRUB can read them without ZFS support',
  );
  return n;
}
