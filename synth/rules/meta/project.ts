import { isSoaEmail } from '../../../lib/formats/dns';
import { defineRule } from '../rule';
import { KEBAB_CASE } from '../patterns';

export const projectNameEmpty = defineRule({
  code: 'meta/project-name-empty',
  severity: 'error',
  title: 'The project name must not be empty',
  doc: 'The project name prefixes generated names such as the shell prompt of every server. Give the App a `projectName`.',
  reference: ['EnvironmentProjectNameCannotBeEmpty'],
  check(model, report) {
    if (model.app.projectName === '') report(model.app, "project name is empty", { prop: ['projectName'] });
  },
});

export const projectNameTooLong = defineRule({
  code: 'meta/project-name-too-long',
  severity: 'error',
  title: 'The project name has at most 32 characters',
  doc: 'The project name is embedded in generated names that have length limits. Use at most 32 characters.',
  reference: ['EnvironmentProjectNameMustBeNotTooLong'],
  check(model, report) {
    const name = model.app.projectName;
    if (name.length > 32) report(model.app, `project name '${name}' has ${name.length} characters, at most 32 are allowed`, { prop: ['projectName'] });
  },
});

export const projectNameNotKebabCase = defineRule({
  code: 'meta/project-name-not-kebab-case',
  severity: 'error',
  title: 'The project name is kebab-case',
  doc: 'The project name may contain only lower-case letters, digits and dashes (`single-dc`), because it is used in host-level names and paths.',
  reference: ['EnvironmentProjectNameMustBeKebabCase'],
  check(model, report) {
    const name = model.app.projectName;
    if (name !== '' && !KEBAB_CASE.test(name)) {
      report(model.app, `project name '${name}' is not kebab-case: use only a-z, 0-9 and -`, { prop: ['projectName'] });
    }
  },
});

export const invalidAdminEmail = defineRule({
  code: 'meta/invalid-admin-email',
  severity: 'error',
  title: 'The admin email is an email address',
  doc: 'Certificate authorities send expiry and account mail to the admin email when certificates are obtained automatically, and every zone names it as its responsible mailbox (SOA), so it must be a plain `user@domain.tld` address whose user part (at most 63 characters, no quotes, spaces or parentheses) fits one DNS label.',
  check(model, report) {
    const email = model.app.adminEmail;
    if (!isSoaEmail(email) || !email.slice(email.lastIndexOf('@') + 1).includes('.')) report(model.app, `admin email '${email}' is not a plain email address (user@domain.tld, the user part at most 63 characters)`, { prop: ['adminEmail'] });
  },
});
