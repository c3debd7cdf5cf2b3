import { describe, it } from 'vitest';
import { BackendApplication, PgSchema, StreamRole, VersionedType, t } from '../../../../constructs';
import { expectDiagnostics } from '../../../helpers/diagnostics';
import { platform } from '../../../helpers/platform';

describe('apps/env-variable-clash', () => {
  it("passes an application whose shard, stream and bucket names give distinct variables", () => {
    const { app } = platform({
      extend: (p) => {
        const a = new BackendApplication(p.app, 'web');
        const schema = new PgSchema(p.app, 'db');
        schema.migration(1, { upgrade: 'CREATE TABLE t ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE t;' });
        a.pgShard('main', { schema });
        a.pgShard('main_archive', { schema });
        const ev = new VersionedType(p.app, 'ev');
        ev.snapshot(1, { id: t.i64().at(0) });
        a.stream('main', { type: ev, role: StreamRole.PRODUCER });
        a.bucket('main');
      },
    });
    expectDiagnostics(app, []);
  });

  it("fails a shard 'x_ro' beside a shard 'x', at the second shard", () => {
    const { app } = platform({
      extend: (p) => {
        const a = new BackendApplication(p.app, 'web');
        const schema = new PgSchema(p.app, 'db');
        schema.migration(1, { upgrade: 'CREATE TABLE t ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE t;' });
        a.pgShard('x', { schema });
        a.pgShard('x_ro', { schema });
      },
    });
    expectDiagnostics(app, [{ code: 'apps/env-variable-clash', path: 'web/pg-x_ro' }]);
  });
});
