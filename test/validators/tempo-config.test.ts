import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import app, { mainTempo } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { component } from '../../synth/components/tempo';
import { walkConfig } from './hashicorp/walk';
import { TEMPO_CONFIG_SCHEMA } from './tempo/tempo-keys';

/**
 * The Tempo configuration of examples/single-dc's `us-west` cluster against Tempo 2.7.1's
 * documented configuration (tempo/tempo-keys.ts): every key of the file is documented for its
 * block with the documented value type. Tempo parses the file strictly, so an unknown key would
 * stop every instance; Tempo is not packaged in Debian, so `tempo -config.verify` does not run here.
 */

const job = component.plan(buildModel(app)).jobs!.find((j) => j.origin.construct === mainTempo)!.job;
const task = job.groups[0]!.tasks[0]!;
const template = task.templates.find((t) => t.destination === 'secrets/tempo.yaml')!;

/** What Nomad renders: each consul-template expression replaced by a value of its kind. */
function rendered(text: string): Record<string, unknown> {
  return parse(text.replace(/\{\{ with secret [^}]*\}\}\{\{ \.Data\.data\.\w+ \| toJSON \}\}\{\{ end \}\}/g, '"secret-value"').replace(/\{\{ env "meta\.private_ip" \}\}/g, '10.17.0.10'));
}

const ctx = { product: 'tempo', server: 'tempo-us-west' };

describe('Tempo config of examples/single-dc us-west', () => {
  it('renders to YAML with no template expression left', () => {
    const config = rendered(template.data);
    expect(JSON.stringify(config)).not.toContain('{{');
    expect(template.perms).toBe('0600');
  });

  it('has only documented keys with documented value types', () => {
    expect(walkConfig(TEMPO_CONFIG_SCHEMA, rendered(template.data), ctx)).toEqual([]);
  });

  it('reports an undocumented key and a wrong type (the walker is live)', () => {
    const config = rendered(template.data) as Record<string, Record<string, unknown>>;
    const broken = { ...config, compactor: { ...config.compactor, retention_days: 30 }, memberlist: { ...config.memberlist, bind_port: '4312' } };
    expect(walkConfig(TEMPO_CONFIG_SCHEMA, broken, ctx)).toEqual([
      'tempo on tempo-us-west: compactor.retention_days is not a documented key (https://grafana.com/docs/tempo/v2.7.x/configuration/#compactor)',
      'tempo on tempo-us-west: memberlist.bind_port should be an int, is string "4312"',
    ]);
  });

  it('catches a key misplaced into another block', () => {
    const config = rendered(template.data) as Record<string, Record<string, unknown>>;
    const storage = config.storage as { trace: Record<string, unknown> };
    const broken = { ...config, storage: { trace: { ...storage.trace, bucket: 'tempo' } } };
    expect(walkConfig(TEMPO_CONFIG_SCHEMA, broken, ctx)).toEqual(['tempo on tempo-us-west: storage.trace.bucket is not a documented key']);
  });

  it('passes only the documented -config.file flag', () => {
    expect(task.args).toEqual(['-config.file=/secrets/tempo.yaml']);
  });
});
