import { describe, expect, it } from 'vitest';
import { Datacenter, DatacenterImplementation, DEFAULT_NIXPKGS, Network, type NixpkgsPin, type Server } from '../../../../constructs';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { renderProvisionScript } from '../../../../synth/emit/scripts/provision';
import { emitContext } from '../../../helpers/emit';
import { addServer, platform } from '../../../helpers/platform';

const APP_PIN: NixpkgsPin = { rev: 'a'.repeat(40), sha256: `1${'a'.repeat(51)}` };
const DC_PIN: NixpkgsPin = { rev: 'b'.repeat(40), sha256: 'sha256-+jkEZxs7bfOKfBIk430K+tK9IvXlwzqQQnppC2ZKFj4=' };

/** The pin a rendered file fetches: the url's commit and the sha256 next to it. */
function fetched(text: string): NixpkgsPin[] {
  return [...text.matchAll(/url = "https:\/\/github\.com\/NixOS\/nixpkgs\/archive\/([0-9a-f]+)\.tar\.gz";\n\s*sha256 = "([^"]+)";/g)].map((m) => ({ rev: m[1]!, sha256: m[2]! }));
}

/** The standard platform plus dc2 (server-e), with the given pins. */
async function render(pins: { app?: NixpkgsPin; dc2?: NixpkgsPin }) {
  const p = platform({
    ...(pins.app ? { app: { nixpkgs: pins.app } } : {}),
    extend: ({ region, dc, servers }) => {
      const dc2 = new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: dc.defaultDiskKind, ...(pins.dc2 ? { nixpkgs: pins.dc2 } : {}) });
      servers['server-e'] = addServer(dc2, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
    },
  });
  const ctx = await emitContext(p.app);
  return (host: string) => {
    const server: Server = p.servers[host]!;
    return { config: renderServerConfiguration(ctx, server), script: renderProvisionScript(ctx, server) };
  };
}

describe('the nixpkgs pin', () => {
  it('is the default without a pin; provision.sh fetches what configuration.nix names, once each', async () => {
    const files = (await render({}))('server-a');
    expect(fetched(files.config)).toEqual([DEFAULT_NIXPKGS]);
    // the script fetches it, and embeds the configuration that fetches it again from the store
    expect(fetched(files.script)).toEqual([DEFAULT_NIXPKGS, DEFAULT_NIXPKGS]);
    expect(files.config).toContain('nix.nixPath = [ "nixpkgs=${pinnedNixpkgs}" "nixos-config=/etc/nixos/configuration.nix" ];');
    expect(files.config).toContain('nix.registry.nixpkgs.to = {\n    type = "path";\n    path = pinnedNixpkgs;\n  };');
    expect(files.config).toContain('nix.channel.enable = false;');
    expect(files.config).toContain('system.stateVersion = "24.05";');
  });

  it("is the App's for every server, unless the datacenter names its own", async () => {
    const appOnly = await render({ app: APP_PIN });
    expect(fetched(appOnly('server-a').config)).toEqual([APP_PIN]);
    expect(fetched(appOnly('server-e').config)).toEqual([APP_PIN]);
    const both = await render({ app: APP_PIN, dc2: DC_PIN });
    expect(fetched(both('server-d').config)).toEqual([APP_PIN]);
    expect(fetched(both('server-e').config)).toEqual([DC_PIN]);
    expect(fetched(both('server-e').script)).toEqual([DC_PIN, DC_PIN]);
    const dcOnly = await render({ dc2: DC_PIN });
    expect(fetched(dcOnly('server-a').config)).toEqual([DEFAULT_NIXPKGS]);
    expect(fetched(dcOnly('server-e').config)).toEqual([DC_PIN]);
  });

  it('keeps stateVersion when the pin moves', async () => {
    const moved = (await render({ app: APP_PIN }))('server-a').config;
    expect(moved).toContain('system.stateVersion = "24.05";');
  });

  it('has the switch evaluate with the fetched nixpkgs and the installed configuration', async () => {
    const { script } = (await render({}))('server-a');
    const fetchAt = script.indexOf('nixpkgs="$(nix-instantiate --eval --json -E ');
    const installAt = script.indexOf('install_file /etc/nixos/configuration.nix');
    const switchLine = script.split('\n').find((l) => l.includes('nixos-rebuild switch'));
    expect(fetchAt).toBeGreaterThan(0);
    expect(fetchAt).toBeLessThan(installAt);
    expect(switchLine).toBe('NIX_PATH="nixpkgs=$nixpkgs:nixos-config=/etc/nixos/configuration.nix" nixos-rebuild switch || rebuild=$?');
    expect(script.indexOf(switchLine!)).toBeGreaterThan(installAt);
  });
});
