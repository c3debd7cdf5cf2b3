import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import app, { mainLoki } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { component } from '../../synth/components/loki';
import { walkConfig } from './hashicorp/walk';
import { LOKI_CONFIG_SCHEMA } from './loki/loki-keys';

/**
 * The Loki configuration of examples/single-dc's `main` cluster against Loki 2.9.9's documented
 * configuration (loki/loki-keys.ts): every key of the file is documented for its block with the
 * documented value type, and every command-line flag is one the documentation (or, for the hidden
 * `-legacy-read-mode`, the source's flag registration) gives. Loki is not packaged in Debian, so
 * `loki -verify-config` does not run here.
 */

const job = component.plan(buildModel(app)).jobs!.find((j) => j.origin.construct === mainLoki)!.job;

/** What Nomad renders: each consul-template expression replaced by a value of its kind. */
function rendered(template: string): unknown {
  return parse(template.replace(/\{\{ with secret [^}]*\}\}\{\{ \.Data\.data\.\w+ \| toJSON \}\}\{\{ end \}\}/g, '"secret-value"').replace(/\{\{ env "meta\.private_ip" \}\}/g, '10.17.0.10'));
}

/**
 * Flags the v2.9.9 configuration reference documents ("CLI flag: -…", and `-config.file` in its
 * introduction), and `-legacy-read-mode` (pkg/loki/loki.go: "Set to false to disable the legacy
 * read mode and use new scalable mode with 3rd backend target").
 */
const DOCUMENTED_FLAGS = ['config.file', 'target', 'legacy-read-mode', 'server.http-listen-address', 'server.http-listen-port', 'server.grpc-listen-address', 'server.grpc-listen-port'];

describe('Loki config of examples/single-dc main', () => {
  it('has only documented keys with documented value types', () => {
    const templates = job.groups.flatMap((g) => g.tasks.flatMap((t) => t.templates.filter((x) => x.destination === 'secrets/config.yml')));
    expect(templates).toHaveLength(3);
    for (const t of templates) expect(walkConfig(LOKI_CONFIG_SCHEMA, rendered(t.data), { product: 'loki', server: 'loki-main' })).toEqual([]);
  });

  it('reports an undocumented key and a wrong type (the walker is live)', () => {
    const config = rendered(job.groups[0]!.tasks[0]!.templates[0]!.data) as Record<string, Record<string, unknown>>;
    const broken = { ...config, common: { ...config.common, memberlist_ring: true, replication_factor: 'three' } };
    expect(walkConfig(LOKI_CONFIG_SCHEMA, broken, { product: 'loki', server: 'loki-main' })).toEqual([
      'loki on loki-main: common.memberlist_ring is not a documented key (https://grafana.com/docs/loki/v2.9.x/configure/#common)',
      'loki on loki-main: common.replication_factor should be an int, is string "three"',
    ]);
  });

  it('passes each role only documented flags, with its own target', () => {
    for (const g of job.groups) {
      const args = g.tasks[0]!.args!;
      for (const a of args) expect(DOCUMENTED_FLAGS, a).toContain(/^-([a-z.-]+)=/.exec(a)?.[1]);
    }
    expect(job.groups.map((g) => g.tasks[0]!.args!.find((a) => a.startsWith('-target=')))).toEqual(['-target=write', '-target=read', '-target=backend']);
  });
});
