import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { dollarTag, pgDollarQuote, pgIdent, pgLiteral, psqlArg } from '../../../lib/formats/postgres';
import { hasTool, runTool } from '../../helpers/tools';

const HOSTILE = ["it's", 'a "b"', 'back\\slash', "\\'; DROP TABLE x; --", '$$ $epl$ $epl_1$', ':v :\'v\' `id` $(id)', 'line\nbreak', 'tab\there', 'ünï'];

describe('Postgres quoting', () => {
  it('quotes identifiers, literals and dollar-quoted text so Postgres reads them back byte for byte', async () => {
    const db = new PGlite();
    try {
      for (const scs of ['on', 'off']) {
        await db.exec(`SET standard_conforming_strings = ${scs}`);
        for (const text of HOSTILE) {
          const r = await db.query<Record<string, string>>(`SELECT ${pgLiteral(text)} AS lit, ${pgDollarQuote(text)} AS dollar, 1 AS ${pgIdent(text)}`);
          expect(r.rows[0]!.lit, `${scs}: ${text}`).toBe(text);
          expect(r.rows[0]!.dollar).toBe(`\n${text}\n`);
          expect(r.fields.map((f) => f.name)[2]).toBe(text);
        }
      }
    } finally {
      await db.close();
    }
  });

  it('picks a dollar-quote tag that the text does not hold', () => {
    expect(dollarTag('plain')).toBe('epl');
    expect(dollarTag('$epl$ and $epl_1$')).toBe('epl_2');
    expect(dollarTag('$epl$', 'x')).toBe('x');
    expect(() => dollarTag('', 'bad tag')).toThrow();
  });

  it('quotes psql meta-command arguments', () => {
    const url = process.env.EPL_TEST_POSTGRES_URL;
    if (!url || !hasTool('psql')) return;
    for (const text of HOSTILE.filter((t) => !t.includes('\n'))) {
      const r = runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url], { input: `\\echo ${psqlArg(text)}\n` });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, text).toBe(`${text}\n`);
    }
  });
});
