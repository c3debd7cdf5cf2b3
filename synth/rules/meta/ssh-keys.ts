import { defineRule } from '../rule';

const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

/** Whether `key` is an OpenSSH public key line whose blob names the same key type. */
function isPublicKey(key: string): boolean {
  const [type, blob] = key.trim().split(/\s+/);
  if (!type || !blob || !KEY_TYPES.has(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return false;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 4) return false;
  const len = bytes.readUInt32BE(0);
  return bytes.subarray(4, 4 + len).toString('latin1') === type;
}

export const invalidAdminSshKey = defineRule({
  code: 'meta/invalid-admin-ssh-key',
  severity: 'error',
  title: 'Admin SSH keys are OpenSSH public keys',
  doc: 'Each admin SSH key is written to every server\'s authorized keys. A key that is not a single OpenSSH public key line (`ssh-ed25519 AAAA... comment`) would lock the admin out, so synth rejects it. Paste the contents of the `.pub` file.',
  check(model, report) {
    model.app.adminSshKeys.forEach((key, i) => {
      if (!isPublicKey(key) || key.includes('\n')) {
        const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
        report(model.app, `admin SSH key '${shown}' is not an OpenSSH public key line`, { prop: ['adminSshKeys', i] });
      }
    });
  },
});

export const noAdminSshKeys = defineRule({
  code: 'meta/no-admin-ssh-keys',
  severity: 'warning',
  title: 'At least one admin SSH key is given',
  doc: 'Without `adminSshKeys` only the root key epl generates into the secrets file can log in to the servers. Add your public key, or acknowledge the warning on the App if that is intended.',
  check(model, report) {
    if (model.app.adminSshKeys.length === 0) report(model.app, 'no admin SSH keys: only the generated key can log in to servers');
  },
});
