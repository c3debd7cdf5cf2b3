/**
 * Docker image references as the Docker distribution grammar defines them
 * (github.com/distribution/reference): `[host[:port]/]path[/path...]`, where a path component is
 * lowercase letters and digits joined by `.`, `_`, `__` or dashes. Repositories reach Nomad job
 * files and shell scripts, so a rule checks them against this before anything is written.
 */

/** One path component of a repository: `library`, `patroni-pg`, `prometheus_nats`. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A registry host: DNS-like labels (upper case allowed, as Docker does). */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
/** `sha256:` and 64 lowercase hex digits. */
export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Why `repository` is not a valid repository name (without tag or digest), or undefined when it is.
 * As in Docker, the first component is a registry only when it has a `.` or `:` or is `localhost`.
 */
export function dockerRepositoryProblem(repository: string): string | undefined {
  if (repository === '') return 'it is empty';
  if (repository.length > 255) return 'it is longer than 255 characters';
  if (repository.includes('@')) return 'it holds a digest: give it in `digest`';
  const parts = repository.split('/');
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const [host, port, ...rest] = first.split(':');
    if (rest.length > 0 || !HOST.test(host!)) return `registry '${first}' is not a host name with an optional port`;
    if (port !== undefined && !(/^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65535)) return `registry '${first}' has a bad port`;
    parts.shift();
  }
  const last = parts[parts.length - 1]!;
  if (last.includes(':') && PATH_COMPONENT.test(last.slice(0, last.indexOf(':')))) {
    return `'${last}' holds a tag: give it in \`tag\` (informational) and pin the build by \`digest\``;
  }
  const bad = parts.find((part) => !PATH_COMPONENT.test(part));
  if (bad !== undefined) return `path component '${bad}' is not lowercase letters and digits joined by '.', '_', '__' or '-'`;
  return undefined;
}
