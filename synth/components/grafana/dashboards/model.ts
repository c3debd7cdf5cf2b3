/**
 * Typed builders for Grafana dashboards (the JSON model of Grafana 9.5, kinds/dashboard/
 * dashboard_kind.cue, schemaVersion 36): a dashboard is a title, a uid, variables and rows of
 * panels; the builders fill the fields the schema requires and lay the panels out on the 24-column
 * grid, so the generators only say what to show.
 */

/** A datasource reference: the plugin type and the uid the provisioning file gave it. */
export interface DatasourceRef {
  readonly type: 'prometheus' | 'loki';
  readonly uid: string;
}

/** What a panel shows: a PromQL or LogQL expression, with a legend for time series. */
export interface Query {
  readonly expr: string;
  /** Grafana's legend template (`{{host}}`). @default - the series' labels */
  readonly legend?: string;
}

/** A panel as the generators describe it. */
export interface PanelSpec {
  readonly title: string;
  readonly kind: 'timeseries' | 'stat' | 'logs';
  readonly datasource: DatasourceRef;
  readonly queries: readonly Query[];
  /** Grafana's unit id ('percentunit', 'bytes', 'Bps', 's', 'reqps', 'short'). @default 'short' */
  readonly unit?: string;
  readonly description?: string;
  /** Columns of the 24-column grid. @default 12 (8 for stats, 24 for logs) */
  readonly width?: number;
}

/** A row of panels under a title. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** A query variable over a label's values (`label_values(up, host)`). */
export interface VariableSpec {
  readonly name: string;
  readonly label: string;
  readonly datasource: DatasourceRef;
  readonly query: string;
  /** @default false */
  readonly multi?: boolean;
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly variables?: readonly VariableSpec[];
  readonly rows: readonly RowSpec[];
}

/** The JSON model Grafana stores (what `POST /api/dashboards/db` takes as `dashboard`). */
export type DashboardJson = Record<string, unknown>;

/** The JSON schema version of Grafana 9.5's dashboards. */
export const SCHEMA_VERSION = 36;

const PANEL_HEIGHT = 8;
const GRID_WIDTH = 24;

function defaultWidth(p: PanelSpec): number {
  return p.width ?? (p.kind === 'stat' ? 8 : p.kind === 'logs' ? GRID_WIDTH : 12);
}

function panelJson(p: PanelSpec, id: number, gridPos: { x: number; y: number; w: number; h: number }): Record<string, unknown> {
  const options =
    p.kind === 'logs'
      ? { showTime: true, wrapLogMessage: true, sortOrder: 'Descending', enableLogDetails: true }
      : p.kind === 'stat'
        ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'auto' }
        : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'none' } };
  return {
    id,
    type: p.kind,
    title: p.title,
    ...(p.description ? { description: p.description } : {}),
    datasource: { ...p.datasource },
    gridPos,
    transparent: false,
    repeatDirection: 'h',
    transformations: [],
    options,
    fieldConfig: { defaults: p.kind === 'logs' ? {} : { unit: p.unit ?? 'short' }, overrides: [] },
    targets: p.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: { ...p.datasource },
      expr: q.expr,
      ...(q.legend ? { legendFormat: q.legend } : {}),
    })),
  };
}

function variableJson(v: VariableSpec): Record<string, unknown> {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    type: 'query',
    name: v.name,
    label: v.label,
    global: false,
    hide: 0,
    skipUrlSync: false,
    index: -1,
    state: 'Done',
    datasource: { ...v.datasource },
    query: { query: v.query, refId: `${v.name}-query` },
    definition: v.query,
    refresh: 2,
    multi: v.multi ?? false,
    includeAll: v.multi ?? false,
    sort: 1,
  };
}

/** The dashboard's JSON: rows as row panels, each followed by its panels laid out left to right, wrapping at 24 columns. */
export function dashboardJson(d: DashboardSpec): DashboardJson {
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const row of d.rows) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { x: 0, y, w: GRID_WIDTH, h: 1 }, panels: [] });
    y += 1;
    let x = 0;
    for (const p of row.panels) {
      const w = Math.min(defaultWidth(p), GRID_WIDTH);
      if (x + w > GRID_WIDTH) {
        x = 0;
        y += PANEL_HEIGHT;
      }
      panels.push(panelJson(p, id++, { x, y, w, h: PANEL_HEIGHT }));
      x += w;
    }
    if (row.panels.length > 0) y += PANEL_HEIGHT;
  }
  return {
    uid: d.uid,
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    tags: [...d.tags],
    style: 'dark',
    timezone: 'browser',
    editable: false,
    graphTooltip: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    schemaVersion: SCHEMA_VERSION,
    templating: { list: (d.variables ?? []).map(variableJson) },
    annotations: { list: [] },
    links: [],
    panels,
  };
}

/** A PromQL string literal for a label matcher: names are kebab-case, but quotes and backslashes are escaped all the same. */
export function promString(s: string): string {
  return JSON.stringify(s);
}

/** A regular expression matching `s` literally (RE2), for `=~` matchers. */
export function reQuote(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
