import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatacenterImplementation, ServerKind } from '../../constructs';
import { renderServerConfiguration } from '../../synth/emit/nixos/configuration';
import { tempDir } from '../helpers/cli';
import { expectDiagnostics } from '../helpers/diagnostics';
import { emitContext } from '../helpers/emit';
import { platform } from '../helpers/platform';
import { hasTool, nixEnv, runTool } from '../helpers/tools';

/**
 * The single-dc platform in a bare-metal datacenter: machines of a kind of their own, disks by
 * serial number (the root disk marked), one of them formatted XFS.
 */
function bareMetal() {
  let kind: ServerKind | undefined;
  return platform({
    dc: { implementation: DatacenterImplementation.BARE_METAL },
    storage: false,
    servers: Object.fromEntries(
      ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, (props, app) => ({ ...props, kind: (kind ??= new ServerKind(app, 'r640', { cores: 16, memoryMiB: 65536 })) })]),
    ),
    extend: ({ servers }) => {
      for (const [n, s] of Object.values(servers).entries()) {
        s.addDisk(`ata-SAMSUNG_MZ7LH480_S45N${n}`, { root: true });
        s.xfsVolume('minio-docker', { disk: s.addDisk(`ata-WDC_WD40EFRX_WCC7K${n}`, { xfsFormat: true }) });
      }
    },
  });
}

describe('booting a bare-metal server', () => {
  it('is a platform every rule accepts', () => {
    expectDiagnostics(bareMetal().app, []);
  });

  it("imports the machine's hardware-configuration.nix and puts GRUB on the root disk by id", async () => {
    const p = bareMetal();
    const text = renderServerConfiguration(await emitContext(p.app), p.servers['server-b']!);
    if (!hasTool('nix-instantiate')) return;
    const file = path.join(tempDir(), 'configuration.nix');
    fs.writeFileSync(file, text);
    const expr = `let m = import ${file} { config = {}; pkgs = {}; lib = {}; modulesPath = "/m"; }; in {
      imports = map (i: if builtins.isPath i then "path:" + baseNameOf i else i) m.imports;
      inherit (m.boot) loader;
      kernelParams = m.boot.kernelParams or null;
      initrd = m.boot.initrd or null;
      devNodes = m.boot.zfs.devNodes or null;
      inherit (m) fileSystems;
    }`;
    const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      // The generated file brings the file systems and initrd modules of the machine.
      imports: ['path:hardware-configuration.nix'],
      loader: { grub: { enable: true, devices: ['/dev/disk/by-id/ata-SAMSUNG_MZ7LH480_S45N1'] } },
      kernelParams: null,
      initrd: null,
      devNodes: null,
      // Only what epl adds itself: no root file system that would clash with the generated one.
      fileSystems: { '/srv/xfs-jbods/ata-WDC_WD40EFRX_WCC7K1': { device: '/dev/disk/by-id/ata-WDC_WD40EFRX_WCC7K1', fsType: 'xfs', options: ['nofail'] } },
    });
  });
});
