/**
 * ZFS pool and dataset names as epl creates them (`zpool create <pool>`, `<pool>/epl-<volume>`).
 * zpool(8) reserves the vdev keywords and names that look like Solaris disks (`c0d1`), and a name
 * with a leading dash would be read as an option.
 */
const RESERVED = new Set(['mirror', 'raidz', 'raidz1', 'raidz2', 'raidz3', 'draid', 'draid1', 'draid2', 'draid3', 'spare', 'log', 'cache', 'special', 'dedup', 'rpool']);

/** Why `name` cannot be a pool name, or undefined when it can. */
export function zpoolNameProblem(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) return 'use a lower-case letter, then letters, digits and inner dashes';
  if (RESERVED.has(name)) return `'${name}' is a ZFS keyword${name === 'rpool' ? ' (rpool is the root pool)' : ''}`;
  if (/^c[0-9]/.test(name)) return "names starting with 'c' and a digit look like disks to zpool";
  return undefined;
}
