/**
 * The files `epl init` writes: a project that synthesizes as it is and tests itself. `{{NAME}}`
 * is the project name and `{{EPL_VERSION}}` the running epl's version.
 */
export const INIT_TEMPLATE: Readonly<Record<string, string>> = {
  'package.json': `{
  "name": "{{NAME}}",
  "private": true,
  "type": "module",
  "scripts": {
    "synth": "epl synth",
    "validate": "epl validate",
    "diff": "epl diff",
    "test": "vitest run"
  },
  "dependencies": {
    "epl-platform": "^{{EPL_VERSION}}"
  },
  "devDependencies": {
    "typescript": "^5.9.3",
    "vitest": "^4.1.12"
  }
}
`,
  'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["epl.ts", "test"]
}
`,
  '.gitignore': `node_modules/
# The plain secrets file holds every key of the platform: never commit it.
# (\`npx epl secrets encrypt --recipient age1...\` makes epl.secrets.age, which you may commit.)
epl.secrets.yml
# The output may be committed: its secret bundles (out/secrets/) are ignored by out/.gitignore.
`,
  'epl.ts': `/**
 * The platform {{NAME}}: one region with one datacenter of local test VMs and three servers that
 * share the control plane. \`npx epl synth\` checks it and writes out/; see the epl docs.
 */
import { App, Datacenter, DatacenterImplementation, DiskKind, DiskMedium, Network, Region, Server, Size, Tld } from 'epl-platform';

const app = new App({
  projectName: '{{NAME}}',
  adminEmail: 'admin@example.com',
  // Your public SSH key, to log in to the servers as admin:
  // adminSshKeys: ['ssh-ed25519 AAAA... you@laptop'],
});

new Tld(app, 'example.com');
const region = new Region(app, 'eu-west', { isDnsMaster: true });
const dc = new Datacenter(region, 'dc1', {
  networkCidr: '10.18.0.0/16',
  implementation: DatacenterImplementation.TEST_VMS,
  defaultDiskKind: new DiskKind(app, 'ssd', { medium: DiskMedium.SSD, capacity: Size.gibibytes(40) }),
});

/** The two gateways have a public address and a WireGuard interface. */
const gateway = (n: number) => [
  { name: 'eth0', network: Network.LAN, address: \`10.18.0.\${10 + n}/24\` },
  { name: 'eth1', network: Network.INTERNET, address: \`203.0.113.\${10 + n}/24\` },
  { name: 'wg0', network: Network.VPN, address: \`172.21.18.\${10 + n}/16\` },
];
const controlPlane = { consulMaster: true, nomadMaster: true, vaultInstance: true };

const servers = [
  new Server(dc, 'server-a', { interfaces: gateway(0), roles: { ...controlPlane, dnsMaster: true, vpnGateway: true } }),
  new Server(dc, 'server-b', { interfaces: gateway(1), roles: { ...controlPlane, dnsSlave: true, vpnGateway: true } }),
  new Server(dc, 'server-c', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.12/24' }], roles: controlPlane }),
];
for (const server of servers) server.addDisk('vda');

export default app;
`,
  'test/platform.test.ts': `import { describe, expect, it } from 'vitest';
import { synthesizeApp } from 'epl-platform/testing';
import app from '../epl.js';

describe('the platform', () => {
  it('has no errors', async () => {
    const result = await synthesizeApp(app);
    expect(result.errors).toEqual([]);
  });

  it('runs a Consul server on each of the three control-plane servers', async () => {
    const result = await synthesizeApp(app);
    for (const host of ['server-a', 'server-b', 'server-c']) {
      expect(result.file(\`l1-provisioning/\${host}/configuration.nix\`)).toContain('bootstrap_expect = 3;');
    }
  });
});
`,
  'README.md': `# {{NAME}}

The platform, described with [epl](https://www.npmjs.com/package/epl-platform) in \`epl.ts\`.

\`\`\`sh
npm install && npx epl synth     # check the platform and write out/ (secrets go to epl.secrets.yml)
npm install && npm test          # the platform's own tests (test/)
\`\`\`

\`npx epl diff\` shows what a change does to the output before you write it; \`npx epl validate\`
checks without writing. Keep \`epl.secrets.yml\` private and backed up, or encrypt it with
\`npx epl secrets encrypt --recipient age1...\`.
`,
};
