import { describe, expect, it } from 'vitest';
import { arg, PgSchema, Region, sql, t, VersionedType } from '../../../constructs';
import { expectDiagnostics, expectPaths, findings } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

// Names from the trust review that reached outputs unchecked: each is now a diagnostic at the
// construct, before anything is written.
describe('user names that would break an output', () => {
  it('admin emails an SOA record cannot carry', () => {
    for (const adminEmail of ['admin;x@example.com', 'a(b@example.com', '"quoted"@example.com', `${'x'.repeat(70)}@example.com`, 'admin@example', 'admin @example.com']) {
      expectDiagnostics(platform({ app: { adminEmail } }).app, [{ code: 'meta/invalid-admin-email', path: '', prop: ['adminEmail'] }]);
    }
    expectDiagnostics(platform({ app: { adminEmail: 'first.last+ops@mail.example.com' } }).app, []);
  });

  it('zpool names zpool would read as an option, a keyword or a disk', () => {
    for (const name of ['-f', 'mirror', 'raidz2', 'log', 'c0d1', 'a_b', 'Pool']) {
      const p = platform({ extend: ({ servers }) => servers['server-b']!.addZpool(name, { vdevs: [] }) });
      expect(findings(p.app).filter((d) => d.code === 'disks/invalid-zpool-name').map((d) => d.path), name).toEqual([`us-west/dc1/server-b/zpools/${name.replace(/\//g, '%2F')}`]);
    }
  });

  it('names with a leading or doubled dash', () => {
    const p = platform({ extend: ({ app }) => [new Region(app, '-west'), new Region(app, 'we--st'), new Region(app, 'west-')] });
    expect(findings(p.app).filter((d) => d.code === 'names/invalid-region-name').map((d) => d.path).sort()).toEqual(['-west', 'we--st', 'west-']);
  });

  it('hostnames and regions named like the name servers, or admin', () => {
    const p = platform({ rename: { 'server-a': 'ns1' }, extend: ({ app }) => [new Region(app, 'ns2'), new Region(app, 'admin')] });
    const found = findings(p.app).map((d) => `${d.code} @ ${d.path}`);
    expect(found).toEqual(expect.arrayContaining(['names/invalid-hostname @ us-west/dc1/ns1', 'names/invalid-region-name @ ns2', 'names/invalid-region-name @ admin']));
  });

  it('SQL argument names that are not Rust names', () => {
    const p = platform();
    const s = new PgSchema(p.app, 'db');
    s.migration(1, { upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE foo;' });
    const data = s.dataset('d', { rows: { foo: [{ id: 1 }] } });
    s.query('q', { sql: sql`SELECT id FROM foo WHERE id = ${arg.int('my id')} OR id = ${arg.int('self')} OR id = ${arg.int('Id')}`, tests: [{ dataset: data, arguments: { 'my id': 1, self: 1, Id: 1 }, outputs: [{ id: 1 }] }] });
    expectPaths(p.app, 'pg/invalid-argument-name', ['db/query-q', 'db/query-q', 'db/query-q']);
    expect(findings(p.app).filter((d) => d.code === 'pg/invalid-argument-name').map((d) => d.message).sort()).toEqual([
      "argument name 'Id' of 'q' must be a snake_case name (not self, super or crate)",
      "argument name 'my id' of 'q' must be a snake_case name (not self, super or crate)",
      "argument name 'self' of 'q' must be a snake_case name (not self, super or crate)",
    ]);
  });

  it('a versioned type named like the version of another', () => {
    const p = platform();
    new VersionedType(p.app, 'msg').snapshot(1, { a: t.i64().at(0) });
    new VersionedType(p.app, 'msg_v1').snapshot(1, { a: t.i64().at(0) });
    expectDiagnostics(p.app, [{ code: 'types/invalid-type-name', path: 'msg_v1' }]);
  });

  it('extra packages that are not nixpkgs attribute paths', () => {
    const p = platform({ servers: { 'server-b': (props) => ({ ...props, extraPackages: ['htop', 'vim; rm -rf /', 'pkgs."x"'] }) } });
    expectDiagnostics(p.app, [
      { code: 'servers/invalid-extra-package', path: 'us-west/dc1/server-b', prop: ['extraPackages', 1] },
      { code: 'servers/invalid-extra-package', path: 'us-west/dc1/server-b', prop: ['extraPackages', 2] },
    ]);
  });
});
