import { describe, it } from 'vitest';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

describe('meta rules', () => {
  it('passes the standard platform', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fails an empty project name', () => {
    expectDiagnostics(platform({ app: { projectName: '' } }).app, [{ code: 'meta/project-name-empty', path: '', prop: ['projectName'] }]);
  });

  it('fails a project name longer than 32 characters', () => {
    expectDiagnostics(platform({ app: { projectName: 'a'.repeat(33) } }).app, [{ code: 'meta/project-name-too-long', path: '', prop: ['projectName'] }]);
  });

  it('passes a project name of exactly 32 characters', () => {
    expectDiagnostics(platform({ app: { projectName: 'a'.repeat(32) } }).app, []);
  });

  it('fails a project name that is not kebab-case', () => {
    expectDiagnostics(platform({ app: { projectName: 'Single_DC' } }).app, [{ code: 'meta/project-name-not-kebab-case', path: '', prop: ['projectName'] }]);
  });

  it('fails an admin email that is not an address', () => {
    expectDiagnostics(platform({ app: { adminEmail: 'admin at example' } }).app, [{ code: 'meta/invalid-admin-email', path: '', prop: ['adminEmail'] }]);
  });

  it('fails an admin SSH key that is not a public key line', () => {
    const mismatched = 'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGXbpSJbwKt6FYKDsA/j6G+aJhgB1B3m4PkhBtgSZ5sf wrong-type';
    expectDiagnostics(platform({ app: { adminSshKeys: ['not a key', mismatched] } }).app, [
      { code: 'meta/invalid-admin-ssh-key', path: '', prop: ['adminSshKeys', 0] },
      { code: 'meta/invalid-admin-ssh-key', path: '', prop: ['adminSshKeys', 1] },
    ]);
  });

  it('warns when no admin SSH key is given, unless acknowledged', () => {
    const p = platform({ app: { adminSshKeys: [] } });
    const [d] = expectDiagnostics(p.app, [{ code: 'meta/no-admin-ssh-keys', path: '' }]);
    if (d?.severity !== 'warning') throw new Error('expected a warning');
    const q = platform({ app: { adminSshKeys: [] } });
    q.app.acknowledgeWarning('meta/no-admin-ssh-keys', 'test VMs, reached through the generated key');
    expectDiagnostics(q.app, []);
  });
});
