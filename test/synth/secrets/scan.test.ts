import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../synth/model/build-model';
import { loadEntry } from '../../../synth/cli/load-entry';
import { neededSecrets, secretKeys } from '../../../synth/secrets/needed';
import { storedKeys } from '../../../synth/secrets/requests';
import { secretFilesOf } from '../../../synth/plan/server-files';
import { parseSecretsFile } from '../../../synth/secrets/secrets-file';
import { EXAMPLE, readTree, synthExample } from '../../helpers/cli';

/** Every output file is scanned for every secret value (and every long line of a multi-line one). */
describe('secrets appear only where they are needed', () => {
  let files: Record<string, string>;
  let secrets: Record<string, string>;
  let allowed: Map<string, Set<string>>;
  beforeAll(async () => {
    const out = await synthExample();
    files = readTree(out);
    secrets = parseSecretsFile(files['secrets.yml']!);
    const loaded = await loadEntry(EXAMPLE);
    const model = buildModel(loaded.app!);
    const requests = neededSecrets(model);
    allowed = new Map(requests.flatMap(storedKeys).map((k) => [k, new Set(['secrets.yml'])]));
    for (const server of model.servers) {
      for (const f of secretFilesOf(requests, server)) allowed.get(f.secretKey)!.add(`l1-provisioning/${server.hostname}/provision.sh`);
    }
    // Service fragments built from secrets (consul-secrets.json, nomad-secrets.json) go to every server of the region.
    const fragmentReaders: Array<[RegExp, (s: (typeof model.servers)[number]) => boolean]> = [
      [/^consul_gossip_key$|^consul_region_.*_acl_(agent|default)_token$/, () => true],
      [/^consul_region_.*_acl_management_token$/, (s) => s.roles.consulMaster],
      [/^nomad_gossip_key$/, (s) => s.roles.nomadMaster],
    ];
    for (const key of allowed.keys()) {
      for (const [pattern, reads] of fragmentReaders) {
        if (pattern.test(key)) for (const s of model.servers.filter(reads)) allowed.get(key)!.add(`l1-provisioning/${s.hostname}/provision.sh`);
      }
    }
    allowed.get(secretKeys.wireguardAdmin)!.add('admin-wg.conf');
  });

  it('finds no secret outside the secrets file and the provisioning scripts of servers that need it', () => {
    const leaks: string[] = [];
    for (const [key, value] of Object.entries(secrets)) {
      // Certificates are public (servers and clients present them to anyone); their keys are not.
      if (key.endsWith('_cert_pem')) continue;
      const needles = [value, ...value.split('\n').map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith('-----'))];
      for (const [file, content] of Object.entries(files)) {
        if (allowed.get(key)?.has(file)) continue;
        if (needles.some((n) => content.includes(n))) leaks.push(`${key} in ${file}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(Object.keys(secrets).length).toBeGreaterThan(50);
  });

  it('finds each placed secret in the provisioning script of a server that needs it', () => {
    // The scan above must be able to fail: the values really are in the files they are allowed in.
    const consulCert = secrets['consul_tls_server_server-a_key_pem']!;
    expect(files['l1-provisioning/server-a/provision.sh']).toContain(consulCert);
    expect(files['l1-provisioning/server-d/provision.sh']).not.toContain(consulCert);
    expect(files['admin-wg.conf']).toContain(secrets[secretKeys.wireguardAdmin]);
  });

  it('never ships a CA private key to a server', () => {
    for (const ca of ['consul_tls_ca_key_pem', 'nomad_tls_ca_key_pem', 'vault_tls_ca_key_pem']) {
      expect(allowed.get(ca)).toEqual(new Set(['secrets.yml']));
    }
  });
});
