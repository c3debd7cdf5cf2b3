import { defineRule } from '../rule';

export const invalidTld = defineRule({
  code: 'dns/invalid-tld',
  severity: 'error',
  title: 'A TLD is a registered domain: one label and a suffix',
  doc: 'epl serves the zones of registered domains such as `epl-infra.net`: exactly one dot, a kebab-case label and an alphabetic suffix. Subdomains are created by epl inside it.',
  check(model, report) {
    for (const t of model.tlds) {
      if (!/^[a-z0-9-]+\.[a-z]+$/.test(t.domain)) report(t, `'${t.domain}' is not a registered domain of the form 'name.suffix'`);
    }
  },
});

export const noTld = defineRule({
  code: 'dns/no-tld',
  severity: 'error',
  title: 'The platform has a TLD',
  doc: 'Internal names (`<host>.<region>.<tld>`), certificates and admin sites live under the admin TLD. Define one with `new Tld(app, \'example.com\')`.',
  check(model, report) {
    if (model.tlds.length === 0 && model.servers.length > 0) report(model.app, 'no TLD is defined: add one with new Tld(app, domain)');
  },
});

export const ambiguousAdminTld = defineRule({
  code: 'dns/ambiguous-admin-tld',
  severity: 'error',
  title: 'Exactly one TLD is the admin TLD',
  doc: 'With several TLDs, mark the one for internal names and admin sites with `admin: true`, and only that one.',
  check(model, report) {
    if (model.tlds.length < 2) {
      const only = model.tlds[0];
      if (only && only.adminFlag === false) report(only, `the only TLD '${only.domain}' is marked admin: false, but one TLD must be the admin TLD`, { prop: ['admin'] });
      return;
    }
    const flagged = model.tlds.filter((t) => t.adminFlag === true);
    if (flagged.length === 0) {
      report(model.tlds[0]!, `${model.tlds.length} TLDs are defined and none is marked admin: true`);
    } else if (flagged.length > 1) {
      for (const t of flagged.slice(1)) {
        report(t, `'${t.domain}' is marked admin: true, but so is '${flagged[0]!.domain}'`, {
          prop: ['admin'],
          related: [{ construct: flagged[0]!, message: 'also marked admin' }],
        });
      }
    }
  },
});
