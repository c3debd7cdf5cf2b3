import { Construct } from 'constructs';

/**
 * The child of `parent` named `name`, created on first use: groups a server's disks, pools and
 * volumes under `disks/`, `zpools/` and `volumes/` in construct paths.
 */
export function container(parent: Construct, name: string): Construct {
  return (parent.node.tryFindChild(name) as Construct | undefined) ?? new Construct(parent, name);
}

/**
 * A construct id for `name` under `scope` that never clashes: a second definition with the same
 * name gets a suffixed id, so synth can report the duplicate as a diagnostic (with every other
 * problem) instead of the constructs library throwing at the first one.
 */
export function uniqueChildId(scope: Construct, name: string): string {
  const base = String(name).replace(/\//g, '%2F') || '(empty)';
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}#${n}`;
  return id;
}

/** Whether a construct is a second (or later) definition of a name, as `uniqueChildId` marks it. */
export function isRedefinition(construct: Construct): boolean {
  return /#\d+$/.test(construct.node.id);
}
