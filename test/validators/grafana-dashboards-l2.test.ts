import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthExampleInMemory, tempDir } from '../helpers/cli';

const STUB = path.join(__dirname, '..', 'helpers', 'hashicorp-stub.cjs');
const VAULT_ROOT = 'hvs.example-root';
const NOMAD_TOKEN = '0c7a3f52-3333-4a1b-9c2d-3e4f5a6b7c8d';
const CONSUL_MANAGEMENT = '1d8b4e63-4444-4b2c-8d3e-4f5a6b7c8d9e';
const SERVICE = 'epl-grafana-main';
const SECRET = 'system/grafana-main/config';
const GRAFANA = '10.17.0.12:3000';

interface Post {
  user: string;
  password: string;
  dashboard: { uid: string; title: string; id?: unknown };
  overwrite?: boolean;
  message?: string;
  folderId?: number;
  folderUid?: string;
}

/** A Consul health entry of Grafana's service; `Address: ''` is how Consul says "the node's". */
function instance(node: string, address: string, status: 'passing' | 'critical') {
  return { Node: { Node: node, Address: address }, Service: { ID: `${SERVICE}-${node}`, Service: SERVICE, Address: '', Port: 3000 }, Checks: [{ CheckID: 'serfHealth', Status: 'passing' }, { CheckID: `service:${SERVICE}`, Status: status }] };
}

/**
 * Stage 70 of the single-dc example (provision-grafana-dashboards.sh) run as generated against the
 * stand-in of Consul, Vault and Grafana's HTTP API (test/helpers/hashicorp-stub.cjs and
 * grafana-stub.cjs): the admin password is the one stage 10 put in Vault, the instance the one
 * Consul says is healthy, every dashboard file is written once, and only what differs is written again.
 */
describe('Grafana dashboards of the single-dc example through the API', () => {
  let dir: string;
  let env: Record<string, string>;
  let statePath: string;
  let logPath: string;
  let secretsPath: string;
  let dashboards: Record<string, Record<string, unknown>>;
  let password: string;

  const state = () => JSON.parse(fs.readFileSync(statePath, 'utf8'));
  const edit = (f: (s: any) => void) => {
    const s = state();
    f(s);
    fs.writeFileSync(statePath, JSON.stringify(s));
  };
  const posts = (): Post[] => state().grafana.posts;
  const run = (script: string) => {
    fs.writeFileSync(logPath, '');
    return spawnSync('sh', [path.join(dir, 'scripts', script)], { encoding: 'utf8', env: { ...process.env, ...env } });
  };
  const dashboardRun = () => run('provision-grafana-dashboards.sh');

  beforeAll(async () => {
    const { files, modes } = await synthExampleInMemory();
    const root = tempDir();
    for (const [p, content] of Object.entries(files)) {
      if (!p.startsWith('l2-provisioning/us-west/') && !p.startsWith('secrets/bootstrap/us-west/')) continue;
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), content, { mode: modes[p] });
    }
    dir = path.join(root, 'l2-provisioning/us-west');
    const dashDir = path.join(dir, 'grafana-dashboards/main');
    dashboards = Object.fromEntries(fs.readdirSync(dashDir).map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dashDir, f), 'utf8'))]));
    const cas: Record<string, string> = {};
    for (const name of ['consul', 'nomad', 'vault']) fs.writeFileSync((cas[name] = path.join(root, `${name}-ca.crt`)), `${name} CA\n`);
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nexec ${process.execPath} ${STUB} "$@"\n`, { mode: 0o755 });
    statePath = path.join(root, 'state.json');
    logPath = path.join(root, 'requests.log');
    secretsPath = path.join(root, 'secrets.txt');
    fs.writeFileSync(secretsPath, [VAULT_ROOT, NOMAD_TOKEN, CONSUL_MANAGEMENT].join('\n') + '\n');
    fs.writeFileSync(
      statePath,
      JSON.stringify({
        consul: { management: CONSUL_MANAGEMENT, policies: {}, tokens: {}, authMethods: {}, bindingRules: [], services: { [SERVICE]: [instance('server-a', '10.17.0.99', 'critical'), instance('server-c', '10.17.0.12', 'passing')] } },
        nomad: { bootstrap: NOMAD_TOKEN },
        vault: { keys: ['k'], threshold: 1, root: VAULT_ROOT, instances: { '10.17.0.11': { sealed: false, given: [] } }, auth: {}, mounts: { 'epl/': { type: 'kv', options: { version: '2' } } }, jwtConfig: {}, roles: {}, policies: {} },
      }),
    );
    env = {
      PATH: `${bin}:${process.env.PATH}`,
      STUB_STATE: statePath,
      STUB_LOG: logPath,
      STUB_CAS: JSON.stringify(cas),
      STUB_SECRETS: secretsPath,
      VAULT_TOKEN: VAULT_ROOT,
      NOMAD_TOKEN,
      CONSUL_HTTP_TOKEN: CONSUL_MANAGEMENT,
      CONSUL_CACERT: cas.consul!,
      NOMAD_CACERT: cas.nomad!,
      VAULT_CACERT: cas.vault!,
      EPL_L2_WAIT_TRIES: '2',
      EPL_L2_TOKEN_DIR: path.join(root, 'secrets/bootstrap/us-west'),
    };
    // Stage 10 makes the admin password, which the Grafana job starts with.
    const secrets = run('provision-vault-secrets.sh');
    expect(secrets.status, secrets.stderr).toBe(0);
    password = state().vault.kv.epl[SECRET].data.admin_password;
    expect(password).toMatch(/^\S{16,}$/);
    fs.appendFileSync(secretsPath, `${password}\n`);
    edit((s) => (s.grafana = { instances: [GRAFANA], adminPassword: password }));
  }, 120_000);

  it('writes every generated dashboard once, as the admin with the password from Vault, to the healthy instance', () => {
    const r = dashboardRun();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/grafana dashboards of region us-west: 10 changes\n$/);
    const uids = Object.keys(dashboards).sort();
    expect(uids).toHaveLength(10);
    expect(posts().map((p) => p.dashboard.uid).sort()).toEqual(uids);
    for (const p of posts()) {
      // The documented body: the dashboard with id null, overwrite (epl owns these dashboards), a message; the General folder.
      expect(p).toEqual({ user: 'admin', password, dashboard: { ...dashboards[p.dashboard.uid], id: null }, overwrite: true, message: 'epl' });
    }
    // Only the passing instance was asked (the critical one's address answers nothing).
    expect(fs.readFileSync(logPath, 'utf8')).toContain(`POST grafana ${GRAFANA}/api/dashboards/db`);
    for (const [uid, d] of Object.entries(state().grafana.dashboards as Record<string, Record<string, unknown>>)) expect({ ...d, id: undefined, version: undefined }).toEqual({ ...dashboards[uid], id: undefined, version: undefined });
  });

  it('writes nothing the second time, and again only the dashboard changed in Grafana', () => {
    const before = posts().length;
    const again = dashboardRun();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nothing to change\n$/);
    expect(fs.readFileSync(logPath, 'utf8')).not.toMatch(/^POST /m);
    expect(posts()).toHaveLength(before);

    // Someone edits a dashboard in Grafana's UI (a new version, another title and panel).
    edit((s) => {
      const d = s.grafana.dashboards['epl-servers-us-west'];
      s.grafana.dashboards['epl-servers-us-west'] = { ...d, title: 'edited by hand', panels: [], version: d.version + 1 };
    });
    const changed = dashboardRun();
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('wrote dashboard epl-servers-us-west\n');
    expect(changed.stdout).toMatch(/: 1 changes\n$/);
    expect(posts().slice(before).map((p) => p.dashboard.uid)).toEqual(['epl-servers-us-west']);
    const back = state().grafana.dashboards['epl-servers-us-west'];
    expect(back).toEqual({ ...dashboards['epl-servers-us-west'], id: back.id, version: 3 });
  });

  it('stops with a clear message when Grafana refuses the password in Vault', () => {
    edit((s) => (s.grafana.adminPassword = 'the-one-grafana-started-with'));
    const r = dashboardRun();
    edit((s) => (s.grafana.adminPassword = password));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`provision-grafana-dashboards: Grafana at http://${GRAFANA} refused the admin password in Vault (${SECRET}; Grafana keeps the one it first started with): HTTP 401`);
    expect(fs.readFileSync(logPath, 'utf8')).not.toMatch(/^POST /m);
  });

  it('waits for a healthy instance and for Grafana to answer, then fails', () => {
    edit((s) => (s.consul.services[SERVICE] = [instance('server-a', '10.17.0.99', 'critical')]));
    const none = dashboardRun();
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain(`provision-grafana-dashboards: a healthy instance of ${SERVICE} is not ready (waited 4 seconds)`);

    // Consul says passing, but nothing answers at its address.
    edit((s) => (s.consul.services[SERVICE] = [instance('server-a', '10.17.0.99', 'passing')]));
    const down = dashboardRun();
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain('provision-grafana-dashboards: Grafana at http://10.17.0.99:3000 is not ready (waited 4 seconds): curl: (7) Failed to connect');

    // Up, but its database is not.
    edit((s) => {
      s.consul.services[SERVICE] = [instance('server-c', '10.17.0.12', 'passing')];
      s.grafana.database = 'failing';
    });
    const noDb = dashboardRun();
    edit((s) => delete s.grafana.database);
    expect(noDb.status).not.toBe(0);
    expect(noDb.stderr).toContain(`Grafana at http://${GRAFANA} is not ready`);
    expect(dashboardRun().stdout).toMatch(/nothing to change\n$/);
  });
});
