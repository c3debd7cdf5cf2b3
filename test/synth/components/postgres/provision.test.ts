import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDeployment, PgSchema, type ServerVolume } from '../../../../constructs';
import app, { testdbDeployment } from '../../../../examples/single-dc/epl';
import { pgMigrationFiles, pgProvisionStep } from '../../../../synth/components/postgres/provision';
import { pgAdminSecretPath, pgDatabaseSecretPath, pgUsers } from '../../../../synth/components/postgres/names';
import { buildModel } from '../../../../synth/model/build-model';
import { platform } from '../../../helpers/platform';
import { hasTool, runTool } from '../../../helpers/tools';
import { admin, canRunScripts, connect, runScript, serverUrl, tempDir, uniqueName, writeScript, type ScriptRun } from './server';

/** A region with one deployment: a managed database (two migrations) and an unmanaged one. */
function provisioned() {
  const id = uniqueName('prov');
  let deployment!: PgDeployment;
  const p = platform({
    extend: (p) => {
      const schema = new PgSchema(p.app, `${id}_schema`);
      schema.migration(1, { upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE foo;' });
      schema.migration(2, { upgrade: 'CREATE TABLE bar ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE bar;' });
      const volumes = ['server-a', 'server-b'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume);
      deployment = new PgDeployment(p.region, id.replace(/_/g, '-'), { instances: volumes });
      deployment.database(`${id}_app`, schema);
      deployment.unmanagedDatabase(`${id}_raw`);
    },
  });
  const model = buildModel(p.app);
  return { id, model, region: p.region, deployment };
}

/** Passwords with everything SQL, psql and the shell could misread. */
const hostile = (who: string) => `${who}'pw\\"$HOME\`id\`:x;--`;

const TOKEN = 'test-vault-token';

/** A stub of Vault's KV v2 API: serves `secrets` to the right token, logs every request. */
async function stubVault(secrets: Record<string, Record<string, string>>) {
  const requests: Array<{ url: string; token: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    const token = req.headers['x-vault-token'] as string | undefined;
    requests.push({ url: req.url ?? '', token });
    const m = /^\/v1\/epl\/data\/(.+)$/.exec(req.url ?? '');
    const data = m ? secrets[m[1]!] : undefined;
    if (token !== TOKEN) res.writeHead(403).end('{"errors":["permission denied"]}');
    else if (!data) res.writeHead(404).end('{"errors":[]}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { data, metadata: { version: 1 } } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('provision-pg-instances (L2 stage 30)', () => {
  it("is the region's stage 30 step, and absent where a region has no Postgres", () => {
    const model = buildModel(app);
    const step = pgProvisionStep(model, testdbDeployment.region)!;
    expect(step).toMatchObject({ stage: 30, name: 'provision-pg-instances', region: testdbDeployment.region });
    expect(step.script).toContain('master.epl-pg-testdb.service.consul');
    expect(step.script).toContain('5433');
    for (const db of ['testdb_a', 'grafana', 'bbtest']) expect(step.script).toContain(`vault_read system/pg-testdb/db-${db}`);
    expect(step.script.match(/pg-migrations\/up_testdb\.sh/g)).toHaveLength(1);
    expect(pgMigrationFiles(model, testdbDeployment.region).map((f) => [f.path, f.mode])).toEqual([['pg-migrations/up_testdb.sh', 0o755]]);
    const empty = platform();
    expect(pgProvisionStep(buildModel(empty.app), empty.region)).toBeUndefined();
    expect(pgMigrationFiles(buildModel(empty.app), empty.region)).toEqual([]);
  });

  it('passes shellcheck, as bash and as sh', () => {
    if (!hasTool('shellcheck')) return;
    const dir = tempDir();
    const { model, region } = provisioned();
    const scripts = [pgProvisionStep(buildModel(app), testdbDeployment.region)!.script, pgProvisionStep(model, region)!.script];
    scripts.forEach((script, i) => {
      const file = writeScript(dir, `step-${i}.sh`, script);
      for (const shell of [[], ['--shell=sh']]) {
        const r = runTool('shellcheck', [...shell, '--severity=style', file]);
        expect(r.stdout, `${i} ${shell.join(' ')}`).toBe('');
        expect(r.status).toBe(0);
      }
    });
  });

  describe('run against a real Postgres with a stub Vault', () => {
    const setup = canRunScripts() && hasTool('curl') && hasTool('jq') ? provisioned() : undefined;
    const names = setup && {
      app: `${setup.id}_app`,
      raw: `${setup.id}_raw`,
      users: setup.deployment.databases.map(pgUsers),
    };
    const passwords = {
      superuser: serverUrl ? decodeURIComponent(new URL(serverUrl).password) : '',
      exporter: hostile('exporter'),
      app: { rw: hostile('app-rw'), ro: hostile('app-ro') },
      raw: { rw: hostile('raw-rw'), ro: hostile('raw-ro') },
    };
    let vault: Awaited<ReturnType<typeof stubVault>>;
    let dir: string;
    let script: string;
    const runs: ScriptRun[] = [];

    beforeAll(async () => {
      if (!setup) return;
      const [appDb, rawDb] = setup.deployment.databases;
      vault = await stubVault({
        [pgAdminSecretPath(setup.deployment)]: { superuser_password: passwords.superuser, exporter_password: passwords.exporter },
        [pgDatabaseSecretPath(appDb!)]: { rw_password: passwords.app.rw, ro_password: passwords.app.ro },
        [pgDatabaseSecretPath(rawDb!)]: { rw_password: passwords.raw.rw, ro_password: passwords.raw.ro },
      });
      // Laid out as in l2-provisioning/<region>/: the step in scripts/, the runners in pg-migrations/.
      dir = tempDir();
      const step = pgProvisionStep(setup.model, setup.region)!;
      script = writeScript(dir, `scripts/${step.name}.sh`, step.script);
      for (const f of pgMigrationFiles(setup.model, setup.region)) writeScript(dir, f.path, f.content, f.mode);
      const u = new URL(serverUrl!);
      const env = {
        VAULT_ADDR: `${vault.url}/`,
        VAULT_TOKEN: TOKEN,
        EPL_TEST_PG_HOST: u.hostname,
        EPL_TEST_PG_PORT: u.port || '5432',
        EPL_TEST_PG_SUPERUSER: decodeURIComponent(u.username),
        EPL_TEST_PG_WAIT_TRIES: '3',
      };
      for (let i = 0; i < 2; i++) runs.push(await runScript(script, env));
    }, 120_000);

    afterAll(async () => {
      if (!setup) return;
      await vault.close();
      for (const db of [names!.app, names!.raw]) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      for (const u of names!.users) await admin(`DROP ROLE IF EXISTS ${u.rw}; DROP ROLE IF EXISTS ${u.ro}`);
    });

    it('succeeds twice, migrating once, reading every secret with the token in a header', () => {
      if (!setup) return;
      for (const r of runs) expect(r.status, r.stderr).toBe(0);
      expect(runs[0]!.stderr.match(/epl: applied migration \d+/g)).toEqual(['epl: applied migration 1', 'epl: applied migration 2']);
      expect(runs[1]!.stderr).toBe('');
      expect(runs[1]!.stdout).toContain(`migrated to schema ${setup.id}_schema`);
      expect(runs[1]!.stdout).toMatch(/provision-pg-instances: done\n$/);
      expect(new Set(vault.requests.map((r) => r.url)).size).toBe(3);
      expect(vault.requests.every((r) => r.token === TOKEN)).toBe(true);
      // No password in what the script printed.
      for (const r of runs) for (const pw of [passwords.exporter, passwords.app.rw, passwords.app.ro]) expect(r.stdout + r.stderr).not.toContain(pw);
    });

    it('makes the databases owned by their read-write users, with epl_schema_migrations only where managed', async () => {
      if (!setup) return;
      const c = await connect('postgres');
      try {
        const r = await c.query('SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1) ORDER BY datname', [[names!.app, names!.raw]]);
        expect(r.rows).toEqual([
          { datname: names!.app, owner: `${names!.app}_rw` },
          { datname: names!.raw, owner: `${names!.raw}_rw` },
        ]);
      } finally {
        await c.end();
      }
      const rw = await connect(names!.app, `${names!.app}_rw`, passwords.app.rw);
      try {
        expect((await rw.query('SELECT logical_time FROM epl_schema_migrations ORDER BY 1')).rows.map((x) => x.logical_time)).toEqual(['1', '2']);
        expect((await rw.query("SELECT tableowner FROM pg_tables WHERE tablename = 'foo'")).rows).toEqual([{ tableowner: `${names!.app}_rw` }]);
        await rw.query('INSERT INTO foo VALUES (1) ON CONFLICT DO NOTHING');
      } finally {
        await rw.end();
      }
      const raw = await connect(names!.raw, `${names!.raw}_rw`, passwords.raw.rw);
      try {
        expect((await raw.query("SELECT to_regclass('epl_schema_migrations') IS NULL AS none")).rows[0].none).toBe(true);
        await raw.query('CREATE TABLE IF NOT EXISTS mine ( id INT PRIMARY KEY )');
      } finally {
        await raw.end();
      }
    });

    it('lets the read-only users read every table, present and future, and write nothing', async () => {
      if (!setup) return;
      for (const [db, pw] of [
        [names!.app, passwords.app.ro],
        [names!.raw, passwords.raw.ro],
      ] as const) {
        const ro = await connect(db, `${db}_ro`, pw);
        try {
          const table = db === names!.app ? 'foo' : 'mine';
          await ro.query(`SELECT count(*) FROM ${table}`);
          await expect(ro.query(`INSERT INTO ${table} VALUES (2)`)).rejects.toMatchObject({ code: '42501' });
          await expect(ro.query('CREATE TABLE nope ( id INT )')).rejects.toMatchObject({ code: '42501' });
        } finally {
          await ro.end();
        }
      }
      // A table made after provisioning (default privileges) is readable too.
      const rw = await connect(names!.app, `${names!.app}_rw`, passwords.app.rw);
      await rw.query('CREATE TABLE IF NOT EXISTS later ( id INT PRIMARY KEY )').finally(() => rw.end());
      const ro = await connect(names!.app, `${names!.app}_ro`, passwords.app.ro);
      await ro.query('SELECT count(*) FROM later').finally(() => ro.end());
      // Another database's users may not connect.
      await expect(connect(names!.app, `${names!.raw}_ro`, passwords.raw.ro)).rejects.toMatchObject({ code: '42501' });
    });

    it('makes the exporter user, a pg_monitor member with its password', async () => {
      if (!setup) return;
      const c = await connect('postgres', 'postgres_exporter', passwords.exporter);
      try {
        const r = await c.query("SELECT pg_has_role('postgres_exporter', 'pg_monitor', 'member') AS monitor");
        expect(r.rows[0].monitor).toBe(true);
      } finally {
        await c.end();
      }
    });

    it('stops with a clear message when Vault lacks a field, or the master never answers', async () => {
      if (!setup) return;
      const env = { VAULT_ADDR: vault.url, VAULT_TOKEN: TOKEN, EPL_TEST_PG_HOST: '127.0.0.1', EPL_TEST_PG_PORT: '1', EPL_TEST_PG_SUPERUSER: 'nobody', EPL_TEST_PG_WAIT_TRIES: '1' };
      const down = await runScript(script, env);
      expect(down.status).toBe(1);
      expect(down.stderr).toContain(`provision-pg-instances: the master of ${setup.deployment.deploymentName} at 127.0.0.1:1 is not ready (tried 1 times`);
      const denied = await runScript(script, { ...env, VAULT_TOKEN: 'wrong' });
      expect(denied.status).toBe(1);
      expect(denied.stderr).toContain(`reading epl/${pgAdminSecretPath(setup.deployment)} from Vault: HTTP 403`);
      const partial = await stubVault({ [pgAdminSecretPath(setup.deployment)]: { superuser_password: 'x' } });
      try {
        const missing = await runScript(script, { ...env, VAULT_ADDR: partial.url });
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain(`Vault secret epl/${pgAdminSecretPath(setup.deployment)} has no field exporter_password (stage 10 makes it)`);
      } finally {
        await partial.close();
      }
      // The runners were found beside scripts/ without EPL_PROVISIONING_DIR.
      expect(fs.existsSync(path.join(dir, 'pg-migrations'))).toBe(true);
    });
  });
});
