/**
 * Grafana 9.5's dashboard JSON schema, transcribed from grafana/grafana's
 * kinds/dashboard/dashboard_kind.cue (lineage schema 0.0, `schemaVersion: uint16 | *36`, the
 * version 9.4 and 9.5 ship) into a small JSON-schema-like language, with a walker. Fields with a
 * CUE default (`style: "light" | *"dark"`) are required here: a dashboard epl writes states them.
 * `...` in CUE (an open struct) is `open: true`; a closed struct refuses unknown keys.
 */

export type S =
  | { readonly t: 'string'; readonly enum?: readonly string[]; readonly minLength?: number }
  | { readonly t: 'int'; readonly min?: number; readonly max?: number; readonly enum?: readonly number[] }
  | { readonly t: 'number' }
  | { readonly t: 'bool' }
  | { readonly t: 'any' }
  | { readonly t: 'array'; readonly of: S }
  | { readonly t: 'object'; readonly required: Readonly<Record<string, S>>; readonly optional?: Readonly<Record<string, S>>; readonly open?: boolean }
  | { readonly t: 'oneOf'; readonly of: readonly S[] }
  /** A string or `false` (the dashboard's `refresh`). */
  | { readonly t: 'stringOrFalse' };

const str: S = { t: 'string' };
const bool: S = { t: 'bool' };
const num: S = { t: 'number' };
const any: S = { t: 'any' };
const uint32: S = { t: 'int', min: 0, max: 2 ** 32 - 1 };
const arr = (of: S): S => ({ t: 'array', of });
const obj = (required: Record<string, S>, optional: Record<string, S> = {}, open = false): S => ({ t: 'object', required, optional, open });
const anyObj = obj({}, {}, true);

/** #DataSourceRef */
const DataSourceRef = obj({}, { type: str, uid: str });
/** #GridPos */
const GridPos = obj({ h: { t: 'int', min: 1, max: 2 ** 32 - 1 }, w: { t: 'int', min: 1, max: 24 }, x: { t: 'int', min: 0, max: 23 }, y: uint32 }, { static: bool });
/** #ThresholdsConfig */
const ThresholdsConfig = obj({ mode: { t: 'string', enum: ['absolute', 'percentage'] }, steps: arr(obj({ color: str }, { value: num, index: { t: 'int' }, state: str })) });
/** #FieldConfig */
const FieldConfig = obj(
  {},
  {
    displayName: str,
    displayNameFromDS: str,
    description: str,
    path: str,
    writeable: bool,
    filterable: bool,
    unit: str,
    decimals: num,
    min: num,
    max: num,
    mappings: arr(anyObj),
    thresholds: ThresholdsConfig,
    color: obj({ mode: str }, { fixedColor: str, seriesBy: { t: 'string', enum: ['min', 'max', 'last'] } }),
    links: arr(any),
    noValue: str,
    custom: anyObj,
  },
);
/** #MatcherConfig */
const MatcherConfig = obj({ id: str }, { options: any });
/** #FieldConfigSource */
const FieldConfigSource = obj({ defaults: FieldConfig, overrides: arr(obj({ matcher: MatcherConfig, properties: arr(obj({ id: str }, { value: any })) })) });
/** #DashboardLink */
const DashboardLink = obj({ title: str, type: { t: 'string', enum: ['link', 'dashboards'] }, icon: str, tooltip: str, url: str, tags: arr(str), asDropdown: bool, targetBlank: bool, includeVars: bool, keepTime: bool });
/** #DataTransformerConfig */
const DataTransformerConfig = obj({ id: str, options: any }, { disabled: bool, filter: MatcherConfig });

/** #Panel (closed) */
export const Panel = obj(
  {
    type: { t: 'string', minLength: 1 },
    transparent: bool,
    repeatDirection: { t: 'string', enum: ['h', 'v'] },
    transformations: arr(DataTransformerConfig),
    options: anyObj,
    fieldConfig: FieldConfigSource,
  },
  {
    id: uint32,
    pluginVersion: str,
    tags: arr(str),
    targets: arr(anyObj),
    title: str,
    description: str,
    datasource: DataSourceRef,
    gridPos: GridPos,
    links: arr(DashboardLink),
    repeat: str,
    repeatPanelId: { t: 'int' },
    maxDataPoints: num,
    thresholds: arr(any),
    timeRegions: arr(any),
    interval: str,
    timeFrom: str,
    timeShift: str,
    libraryPanel: obj({ name: str, uid: str }),
  },
);
/** #RowPanel */
export const RowPanel = obj({ type: { t: 'string', enum: ['row'] }, collapsed: bool, id: uint32, panels: arr(Panel) }, { title: str, datasource: DataSourceRef, gridPos: GridPos, repeat: str });

/** #VariableModel (open: each kind of variable adds its own keys) */
const VariableModel = obj(
  {
    id: str,
    type: { t: 'string', enum: ['query', 'adhoc', 'constant', 'datasource', 'interval', 'textbox', 'custom', 'system'] },
    name: str,
    global: bool,
    hide: { t: 'int', enum: [0, 1, 2] },
    skipUrlSync: bool,
    index: { t: 'int' },
    state: { t: 'string', enum: ['NotStarted', 'Loading', 'Streaming', 'Done', 'Error'] },
  },
  { label: str, rootStateKey: str, error: anyObj, description: str, query: { t: 'oneOf', of: [str, anyObj] }, datasource: DataSourceRef },
  true,
);
/** #AnnotationQuery (open) */
const AnnotationQuery = obj({ name: str, datasource: DataSourceRef, enable: bool, iconColor: str }, { hide: bool, filter: anyObj, target: anyObj, type: str }, true);

/** The dashboard (`spec` of the kind). */
export const DASHBOARD_SCHEMA: S = obj(
  {
    style: { t: 'string', enum: ['light', 'dark'] },
    editable: bool,
    graphTooltip: { t: 'int', enum: [0, 1, 2] },
    schemaVersion: { t: 'int', min: 0, max: 65535 },
  },
  {
    id: { t: 'oneOf', of: [{ t: 'int' }] },
    uid: str,
    title: str,
    description: str,
    revision: { t: 'int' },
    gnetId: str,
    tags: arr(str),
    timezone: str,
    time: obj({ from: str, to: str }),
    timepicker: obj({ hidden: bool, refresh_intervals: arr(str), collapse: bool, enable: bool, time_options: arr(str) }),
    fiscalYearStartMonth: { t: 'int', min: 0, max: 11 },
    liveNow: bool,
    weekStart: str,
    refresh: { t: 'stringOrFalse' },
    version: uint32,
    panels: arr({ t: 'oneOf', of: [Panel, RowPanel] }),
    templating: obj({}, { list: arr(VariableModel) }),
    annotations: obj({}, { list: arr(AnnotationQuery) }),
    links: arr(DashboardLink),
    snapshot: anyObj,
  },
);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problems of `value` against `schema`, one line each, with the JSON path (none when it conforms). */
export function validate(schema: S, value: unknown, path = '$'): string[] {
  switch (schema.t) {
    case 'any':
      return [];
    case 'string':
      if (typeof value !== 'string') return [`${path}: should be a string`];
      if (schema.enum && !schema.enum.includes(value)) return [`${path}: should be one of ${schema.enum.join(', ')}`];
      if (schema.minLength !== undefined && value.length < schema.minLength) return [`${path}: should not be empty`];
      return [];
    case 'int':
      if (!Number.isInteger(value)) return [`${path}: should be an integer`];
      if (schema.enum && !schema.enum.includes(value as number)) return [`${path}: should be one of ${schema.enum.join(', ')}`];
      if ((schema.min !== undefined && (value as number) < schema.min) || (schema.max !== undefined && (value as number) > schema.max)) return [`${path}: should be from ${schema.min} to ${schema.max}`];
      return [];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: should be a number`];
    case 'bool':
      return typeof value === 'boolean' ? [] : [`${path}: should be a bool`];
    case 'stringOrFalse':
      return typeof value === 'string' || value === false ? [] : [`${path}: should be a string or false`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => validate(schema.of, v, `${path}[${i}]`)) : [`${path}: should be a list`];
    case 'oneOf': {
      const results = schema.of.map((s) => validate(s, value, path));
      if (results.some((r) => r.length === 0)) return [];
      // The alternative that fits best explains the failure.
      return results.reduce((a, b) => (b.length < a.length ? b : a));
    }
    case 'object': {
      if (!isObj(value)) return [`${path}: should be an object`];
      const out: string[] = [];
      for (const k of Object.keys(schema.required)) if (!(k in value)) out.push(`${path}.${k}: is required`);
      for (const [k, v] of Object.entries(value)) {
        const s = schema.required[k] ?? schema.optional?.[k];
        if (s) out.push(...validate(s, v, `${path}.${k}`));
        else if (!schema.open) out.push(`${path}.${k}: is not a key of the schema`);
      }
      return out;
    }
  }
}
