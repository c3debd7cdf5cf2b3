import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import app, { mainGrafana } from '../../examples/single-dc/epl';
import { buildModel } from '../../synth/model/build-model';
import { grafanaDashboards } from '../../synth/components/grafana';
import { grafanaDatasourcesYml, promxyConfigYml } from '../../synth/components/grafana/config';
import { walkConfig } from './hashicorp/walk';
import { DATASOURCES_SCHEMA, PROMXY_SCHEMA } from './grafana/grafana-keys';
import { DASHBOARD_SCHEMA, validate } from './grafana/dashboard-schema';

/**
 * examples/single-dc's `main` Grafana against the documented formats: Promxy's file against
 * promxy v0.0.81's example config, the datasources file against Grafana 9.5's provisioning
 * documentation, every generated dashboard against Grafana 9.5's dashboard schema
 * (kinds/dashboard/dashboard_kind.cue). Neither is packaged in Debian, so they do not run here.
 */
const model = buildModel(app);
const dashboards = grafanaDashboards(model, mainGrafana);

describe('Grafana of examples/single-dc main', () => {
  it("writes Promxy's documented keys, one server group per monitoring cluster", () => {
    const config = parse(promxyConfigYml(model, mainGrafana));
    expect(walkConfig(PROMXY_SCHEMA, config, { product: 'promxy', server: 'grafana-main' })).toEqual([]);
    expect(config.promxy.server_groups).toHaveLength(1);
    expect(config.promxy.server_groups[0].static_configs[0].targets).toEqual(['10.17.0.10:9090', '10.17.0.12:9090']);
  });

  it('reports an undocumented Promxy key (the walker is live)', () => {
    const config = parse(promxyConfigYml(model, mainGrafana));
    config.promxy.server_groups[0].antiaffinity = '10s';
    expect(walkConfig(PROMXY_SCHEMA, config, { product: 'promxy', server: 'grafana-main' })).toEqual([
      'promxy on grafana-main: promxy.server_groups[0].antiaffinity is not a documented key (https://github.com/jacksontj/promxy/blob/v0.0.81/cmd/promxy/config.yaml)',
    ]);
  });

  it("writes the provisioning documentation's datasource keys, with unique uids", () => {
    const text = grafanaDatasourcesYml(model, mainGrafana);
    // Nomad renders the file as a template: it must hold nothing of consul-template's.
    expect(text).not.toContain('{{');
    const config = parse(text);
    expect(walkConfig(DATASOURCES_SCHEMA, config, { product: 'grafana', server: 'grafana-main' })).toEqual([]);
    const uids = config.datasources.map((d: { uid: string }) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toEqual(['epl-promxy', 'epl-prom-default', 'epl-vm-default', 'epl-loki-main', 'epl-tempo-us-west']);
    expect(config.datasources.filter((d: { isDefault: boolean }) => d.isDefault)).toHaveLength(1);
    config.datasources[0].basicAuthPasword = 'x';
    expect(walkConfig(DATASOURCES_SCHEMA, config, { product: 'grafana', server: 'grafana-main' })).toHaveLength(1);
  });

  it("generates the servers', each component kind's and each app's dashboard, all valid against the dashboard schema", () => {
    expect(dashboards.map((d) => d.uid)).toEqual([
      'epl-servers-us-west',
      'epl-postgres-us-west',
      'epl-minio-us-west',
      'epl-nats-us-west',
      'epl-loki-us-west',
      'epl-tempo-us-west',
      'epl-monitoring-us-west',
      'epl-docker-registry-us-west',
      'epl-grafana-us-west',
      'epl-app-test-hello-world',
    ]);
    for (const d of dashboards) {
      expect(validate(DASHBOARD_SCHEMA, d), String(d.uid)).toEqual([]);
      // What the schema cannot say: unique panel ids, and panels inside the 24 columns without overlap.
      const panels = d.panels as { id: number; gridPos: { x: number; y: number; w: number; h: number } }[];
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      const cells = new Set<string>();
      for (const p of panels) {
        expect(p.gridPos.x + p.gridPos.w, String(d.uid)).toBeLessThanOrEqual(24);
        for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++)
          for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
            expect(cells.has(`${x},${y}`), `${String(d.uid)} panel ${p.id} overlaps`).toBe(false);
            cells.add(`${x},${y}`);
          }
      }
    }
  });

  it('refuses a broken dashboard (the schema is live)', () => {
    const d = structuredClone(dashboards[0]!) as Record<string, unknown> & { panels: Record<string, unknown>[] };
    delete d.schemaVersion;
    d.style = 'blue';
    d.panels[1]!.gridPos = { x: 20, y: 0, w: 25, h: 8 };
    delete d.panels[1]!.fieldConfig;
    d.panels[1]!.colour = 'red';
    expect(validate(DASHBOARD_SCHEMA, d).sort()).toEqual([
      '$.schemaVersion: is required',
      '$.style: should be one of light, dark',
    ].concat(validate(DASHBOARD_SCHEMA, { ...dashboards[0], panels: [d.panels[1]] }).filter((l) => l.startsWith('$.panels')).map((l) => l.replace('$.panels[0]', '$.panels[1]'))).sort());
    const panelProblems = validate(DASHBOARD_SCHEMA, { ...dashboards[0], panels: [d.panels[1]] });
    expect(panelProblems).toEqual(expect.arrayContaining(['$.panels[0].fieldConfig: is required', '$.panels[0].colour: is not a key of the schema', '$.panels[0].gridPos.w: should be from 1 to 24']));
  });
});
