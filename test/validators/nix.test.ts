import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample } from '../helpers/cli';
import { hasTool, nixEnv, runTool } from '../helpers/tools';
import { DEFAULT_NIXPKGS } from '../../constructs';

describe('nix-instantiate --parse on every emitted .nix file', () => {
  let out: string;
  let nixFiles: string[];
  /** The servers' configuration.nix files (the others: the L2 app image expression). */
  let configs: string[];
  beforeAll(async () => {
    out = await synthExample();
    nixFiles = Object.keys(readTree(out)).filter((f) => f.endsWith('.nix'));
    configs = nixFiles.filter((f) => f.startsWith('l1-provisioning/'));
  });

  it('finds the four server configurations and the app image expression', () => {
    expect(configs).toHaveLength(4);
    expect(nixFiles.filter((f) => !configs.includes(f))).toEqual(['l2-provisioning/us-west/app-images/image.nix']);
  });

  it('parses', () => {
    if (!hasTool('nix-instantiate')) return;
    for (const file of nixFiles) {
      const r = runTool('nix-instantiate', ['--parse', path.join(out, file)], { env: nixEnv() });
      expect(r.errors, file).toEqual([]);
      expect(r.status, `${file}: ${r.stderr}`).toBe(0);
    }
  });

  it('evaluates to a NixOS module function taking config, pkgs, lib and modulesPath', () => {
    if (!hasTool('nix-instantiate')) return;
    for (const file of configs) {
      const expr = `builtins.functionArgs (import ${path.join(out, file)})`;
      const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
      expect(r.status, r.stderr).toBe(0);
      expect(Object.keys(JSON.parse(r.stdout)).sort()).toEqual(['config', 'lib', 'modulesPath', 'pkgs']);
    }
  });

  it('evaluates the module body with stand-in arguments to the intended values', () => {
    if (!hasTool('nix-instantiate')) return;
    // Evaluate the attribute set the module returns (imports left out: they name files on the
    // server) and read back a few settings through the real evaluator.
    const file = path.join(out, 'l1-provisioning/server-c/configuration.nix');
    const expr = `let m = import ${file} { config = {}; pkgs = { writeText = name: text: { inherit name text; }; }; lib = {}; modulesPath = "/m"; }; in {
      inherit (m.networking) hostName hostId defaultGateway;
      addrs = m.networking.interfaces.eth1.ipv4.addresses;
      fw = m.networking.firewall.interfaces.eth1;
      trusted = m.networking.firewall.trustedInterfaces;
      keys = builtins.length m.users.users.admin.openssh.authorizedKeys.keys;
      consul = { inherit (m.services.consul.extraConfig) datacenter server bootstrap_expect retry_join; };
      nomadVolumes = builtins.attrNames m.services.nomad.settings.client.host_volume;
      vaultPeers = m.services.vault.storageConfig;
      namedConf = m.services.bind.configFile.name;
      secondaryZones = builtins.length (builtins.filter (l: l == "    type secondary;") (builtins.split "\n" m.services.bind.configFile.text));
      wgPeers = builtins.length m.networking.wireguard.interfaces.wg0.peers;
    }`;
    const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      hostName: 'server-c',
      hostId: expect.stringMatching(/^[0-9a-f]{8}$/),
      defaultGateway: { address: '77.77.77.1', interface: 'eth1' },
      addrs: [{ address: '77.77.77.12', prefixLength: 24 }],
      fw: { allowedTCPPorts: [22, 53, 80, 443], allowedUDPPorts: [53, 51820] },
      trusted: ['eth0', 'wg0'],
      keys: 2,
      consul: { datacenter: 'us-west', server: true, bootstrap_expect: 3, retry_join: ['10.17.0.10', '10.17.0.11'] },
      nomadVolumes: ['clickhouse', 'minio-docker', 'mon-am', 'mon-default', 'nats1', 'pgtest1'],
      vaultPeers: expect.stringContaining('leader_api_addr = "https://10.17.0.11:8200"'),
      namedConf: 'named.conf',
      secondaryZones: 4,
      // the admin; no other datacenter yet
      wgPeers: 1,
    });
  });

  it('boots a test VM: the image\'s ZFS root, GRUB on the root disk, virtio drivers, serial console', () => {
    if (!hasTool('nix-instantiate')) return;
    // What configuration.nix says about booting, read back through the real evaluator; the
    // imports as strings (paths by their file name), so the generated hardware-configuration.nix
    // shows if it is imported.
    const file = path.join(out, 'l1-provisioning/server-a/configuration.nix');
    const fetch = 'a: "/nix/store/fetched-${baseNameOf a.url}"';
    const expr = `let m = scopedImport { builtins = builtins // { fetchTarball = ${fetch}; }; } ${file} { config = {}; pkgs = {}; lib = {}; modulesPath = "/m"; }; in {
      imports = map (i: if builtins.isPath i then "path:" + baseNameOf i else i) m.imports;
      inherit (m.boot) loader kernelParams supportedFilesystems;
      initrdModules = m.boot.initrd.availableKernelModules;
      inherit (m.boot.zfs) devNodes extraPools;
      inherit (m) fileSystems;
    }`;
    const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      imports: ['/m/profiles/qemu-guest.nix'],
      loader: { grub: { enable: true, devices: ['/dev/vda'], extraConfig: expect.stringContaining('serial --unit=0 --speed=115200') } },
      kernelParams: ['console=tty0', 'console=ttyS0,115200'],
      supportedFilesystems: { zfs: true },
      initrdModules: expect.arrayContaining(['virtio_pci', 'virtio_blk']),
      devNodes: '/dev/disk/by-path',
      extraPools: ['extra'],
      fileSystems: {
        '/': { device: 'rpool/root', fsType: 'zfs' },
        '/nix': { device: 'rpool/nix', fsType: 'zfs' },
        '/var': { device: 'rpool/var', fsType: 'zfs' },
        '/var/log': { device: 'rpool/var/log', fsType: 'zfs' },
        '/boot': { device: '/dev/vda2', fsType: 'vfat' },
        '/srv/xfs-jbods/vdb': { device: '/dev/vdb', fsType: 'xfs', options: ['nofail'] },
      },
    });
  });

  it('names the pinned nixpkgs for nixos-rebuild, nix-shell and `nix shell`, and keeps no channel', () => {
    if (!hasTool('nix-instantiate')) return;
    for (const file of configs) {
      // fetchTarball stood in for (the evaluation stays offline), through the file's own scope.
      const fetch = 'a: "/nix/store/fetched-${baseNameOf a.url}-${a.sha256}"';
      const expr = `let m = scopedImport { builtins = builtins // { fetchTarball = ${fetch}; }; } ${path.join(out, file)} { config = {}; pkgs = {}; lib = {}; modulesPath = "/m"; }; in {
        inherit (m.nix) nixPath;
        nixPathConf = m.nix.settings.nix-path;
        registry = m.nix.registry.nixpkgs.to;
        channels = m.nix.channel.enable;
        stateVersion = m.system.stateVersion;
      }`;
      const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
      expect(r.status, r.stderr).toBe(0);
      const source = `/nix/store/fetched-${DEFAULT_NIXPKGS.rev}.tar.gz-${DEFAULT_NIXPKGS.sha256}`;
      const nixPath = [`nixpkgs=${source}`, 'nixos-config=/etc/nixos/configuration.nix'];
      expect(JSON.parse(r.stdout), file).toEqual({ nixPath, nixPathConf: nixPath, registry: { type: 'path', path: source }, channels: false, stateVersion: '24.05' });
    }
  });
});
