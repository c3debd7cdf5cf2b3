import type { PgShard } from '../../../constructs/apps/backend-application';
import { PgQuery, type PgMutator, type PgTransaction } from '../../../constructs/apps/pg-schema';
import type { PgArgType } from '../../../constructs/apps/sql';
import type { OutputColumn, VerifiedSchema } from '../../verify/pg/verify-schema';
import { ident, pascal, rawString, stringLiteral } from '../../../lib/formats/rust';
import { pgShardReadOnlyUrlEnv, pgShardUrlEnv } from '../../components/backend-app/env';

const ARG_TYPE: Record<PgArgType, { param: string; owned: string }> = {
  INT: { param: 'i32', owned: 'i32' },
  BIGINT: { param: 'i64', owned: 'i64' },
  FLOAT: { param: 'f32', owned: 'f32' },
  DOUBLE: { param: 'f64', owned: 'f64' },
  BOOL: { param: 'bool', owned: 'bool' },
  TEXT: { param: '&str', owned: 'String' },
  TIMESTAMP: { param: 'chrono::NaiveDateTime', owned: 'chrono::NaiveDateTime' },
};

type Statement = PgQuery | PgMutator;
const nameOf = (s: Statement) => (s instanceof PgQuery ? s.queryName : s.mutatorName);

/** The statements a shard's generated code covers: those listed and those its transactions use. */
export function shardStatements(shard: PgShard): Statement[] {
  const all: Statement[] = [...shard.queries, ...shard.mutators, ...shard.transactions.flatMap((t) => t.steps.map((s) => s.statement))];
  return [...new Set(all)];
}

function args(st: Statement): Array<{ name: string; type: PgArgType }> {
  const seen = new Map<string, PgArgType>();
  for (const a of st.sql.args) if (!seen.has(a.name)) seen.set(a.name, a.type);
  return [...seen].map(([name, type]) => ({ name, type }));
}

function columnType(c: OutputColumn): string {
  const t = ARG_TYPE[c.type].owned;
  return c.optional ? `Option<${t}>` : t;
}

/** Rust for one shard: a row struct, an argument struct and an async function per statement, and one function per transaction. */
export function renderPgShard(shard: PgShard, verified: VerifiedSchema): string {
  const p = `pg_${shard.shardName}`;
  const P = `Pg${pascal(shard.shardName)}`;
  const out: string[] = [`// Postgres shard '${shard.shardName}' (schema '${shard.schema.schemaName}'); its connection strings come from the deployment's Nomad job.`];
  out.push(
    [
      `/// The read-write connection string of shard '${shard.shardName}' (leader, \`_rw\` user).`,
      `pub fn epl_${p}_url() -> Result<String, std::env::VarError> {`,
      `    std::env::var(${stringLiteral(pgShardUrlEnv(shard.shardName))})`,
      '}',
      `/// The read-only connection string of shard '${shard.shardName}' (replicas, \`_ro\` user).`,
      `pub fn epl_${p}_ro_url() -> Result<String, std::env::VarError> {`,
      `    std::env::var(${stringLiteral(pgShardReadOnlyUrlEnv(shard.shardName))})`,
      '}',
    ].join('\n'),
  );
  for (const st of shardStatements(shard)) {
    const name = nameOf(st);
    const S = `${P}${pascal(name)}`;
    const a = args(st);
    out.push(
      [`/// Arguments of '${name}', for calling it from a transaction.`, '#[derive(Debug, Clone, PartialEq)]', `pub struct ${S}Args {`, ...a.map((x) => `    pub ${ident(x.name)}: ${ARG_TYPE[x.type].owned},`), '}'].join('\n'),
    );
    const params = a.map((x) => `${ident(x.name)}: ${ARG_TYPE[x.type].param}`);
    const binds = `&[${a.map((x) => `&${ident(x.name)}`).join(', ')}]`;
    const sqlConst = `${p.toUpperCase()}_${name.toUpperCase()}_SQL`;
    out.push(`const ${sqlConst}: &str = ${rawString(st.sql.text)};`);
    if (st instanceof PgQuery) {
      const columns = verified.queries[name] ?? [];
      out.push(
        [`/// A row of '${name}'; column types as the database reported them.`, '#[derive(Debug, Clone, PartialEq)]', `pub struct ${S}Row {`, ...columns.map((c) => `    pub ${ident(c.name)}: ${columnType(c)},`), '}'].join('\n'),
      );
      out.push(
        [
          `/// Runs '${name}'${st.mutating ? ' (writes)' : ''}.`,
          `pub async fn ${p}_${name}<C: tokio_postgres::GenericClient>(client: &C${params.map((x) => `, ${x}`).join('')}) -> Result<Vec<${S}Row>, tokio_postgres::Error> {`,
          `    let rows = client.query(${sqlConst}, ${binds}).await?;`,
          '    let mut out = Vec::with_capacity(rows.len());',
          '    for row in rows {',
          `        out.push(${S}Row { ${columns.map((c) => `${ident(c.name)}: row.try_get::<_, ${columnType(c)}>(${JSON.stringify(c.name)})?`).join(', ')} });`,
          '    }',
          '    Ok(out)',
          '}',
        ].join('\n'),
      );
    } else {
      out.push(
        [
          `/// Runs '${name}'; returns the number of rows it changed.`,
          `pub async fn ${p}_${name}<C: tokio_postgres::GenericClient>(client: &C${params.map((x) => `, ${x}`).join('')}) -> Result<u64, tokio_postgres::Error> {`,
          `    client.execute(${sqlConst}, ${binds}).await`,
          '}',
        ].join('\n'),
      );
    }
  }
  for (const tx of shard.transactions) out.push(renderTransaction(tx, p, P));
  return out.join('\n\n');
}

function renderTransaction(tx: PgTransaction, p: string, P: string): string {
  const T = `${P}Tx${pascal(tx.transactionName)}`;
  const fields: string[] = [];
  const params: string[] = [];
  const body: string[] = [];
  for (const step of tx.steps) {
    const name = nameOf(step.statement);
    const S = `${P}${pascal(name)}`;
    const result = step.statement instanceof PgQuery ? `Vec<${S}Row>` : 'u64';
    const call = (a: string) => `${p}_${name}(&tx${args(step.statement).map((x) => `, ${x.type === 'TEXT' ? '&' : ''}${a}.${ident(x.name)}`).join('')}).await?`;
    if (step.many) {
      fields.push(`    pub ${ident(name)}: Vec<${result}>,`);
      params.push(`${ident(name)}: &[${S}Args]`);
      body.push(`    let mut ${name}_out = Vec::with_capacity(${ident(name)}.len());`, `    for a in ${ident(name)} {`, `        ${name}_out.push(${call('a')});`, '    }');
    } else {
      fields.push(`    pub ${ident(name)}: ${result},`);
      params.push(`${ident(name)}: ${S}Args`);
      body.push(`    let ${name}_out = ${call(ident(name))};`);
    }
  }
  const start = tx.readOnly ? 'client.build_transaction().read_only(true).start().await?' : 'client.transaction().await?';
  return [
    `/// What transaction '${tx.transactionName}' returns, step by step.`,
    '#[derive(Debug, Clone, PartialEq)]',
    `pub struct ${T}Output {`,
    ...fields,
    '}',
    '',
    `/// Runs transaction '${tx.transactionName}'${tx.readOnly ? ' (read-only)' : ''}: every step, then commit.`,
    `pub async fn ${p}_tx_${tx.transactionName}(client: &mut tokio_postgres::Client, ${params.join(', ')}) -> Result<${T}Output, tokio_postgres::Error> {`,
    `    let tx = ${start};`,
    ...body,
    '    tx.commit().await?;',
    `    Ok(${T}Output { ${tx.steps.map((s) => `${ident(nameOf(s.statement))}: ${nameOf(s.statement)}_out`).join(', ')} })`,
    '}',
  ].join('\n');
}

/** Whether a shard binds or reads timestamps (chrono with the tokio-postgres chrono feature). */
export function shardNeedsChrono(shard: PgShard, verified: VerifiedSchema): boolean {
  return shardStatements(shard).some((s) => s.sql.args.some((a) => a.type === 'TIMESTAMP') || (verified.queries[nameOf(s)] ?? []).some((c) => c.type === 'TIMESTAMP'));
}
