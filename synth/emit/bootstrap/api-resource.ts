import { shq } from '../../../lib/shell/quote';
import { renderJq, type JqValue } from './jq-body';

/** The HTTP APIs the bootstrap speaks, each with its own CA and token header. */
export type Api = 'consul' | 'nomad' | 'vault';

/**
 * One object the bootstrap makes sure exists as epl wants it (a policy, a token, an auth method):
 * read it; when what `current` projects from the answer equals the body, nothing is written;
 * otherwise it is created (or updated when it exists).
 */
export interface ApiResource {
  readonly api: Api;
  /** What it is, for the script's output: `Consul policy agent`. */
  readonly label: string;
  /** Path (and query) to read it. */
  readonly read: string;
  /** jq program turning the read answer into the body's shape, for the comparison. */
  readonly current: string;
  readonly create: { readonly method: 'PUT' | 'POST'; readonly path: string };
  /** How an existing one is changed; `{ID}` in the path is what `id` (jq) finds in the read answer. */
  readonly update?: { readonly method: 'PUT' | 'POST'; readonly path: string; readonly id: string };
  readonly body: JqValue;
  /** jq variables bound with `--rawfile`: name → a shell word naming the file. */
  readonly files?: Readonly<Record<string, string>>;
  /** jq variables bound with `--arg`: name → a shell variable that `before` sets. */
  readonly args?: Readonly<Record<string, string>>;
  /** Shell lines run first (to learn what the body needs, such as an accessor). */
  readonly before?: readonly string[];
}

/** The shell lines that make sure `r` exists as wanted: its body built by jq, then `ensure`. */
export function ensureLines(r: ApiResource): string[] {
  const binds = [
    ...Object.entries(r.files ?? {}).map(([name, file]) => `--rawfile ${name} ${file}`),
    ...Object.entries(r.args ?? {}).map(([name, variable]) => `--arg ${name} "$${variable}"`),
  ];
  const u = r.update;
  return [
    `# ${r.label}`,
    ...(r.before ?? []),
    `jq -n ${binds.map((b) => `${b} `).join('')}${shq(renderJq(r.body))} > "$work/body"`,
    `ensure ${r.api} ${shq(r.label)} ${shq(r.read)} ${shq(r.current)} ${r.create.method} ${shq(r.create.path)} ${u ? `${u.method} ${shq(u.path)} ${shq(u.id)}` : "'' '' ''"}`,
  ];
}
