import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The path `p` names once symlinks are followed, one by one (the last target may not exist yet),
 * so epl writes through a link the user made instead of replacing it with a real file.
 */
export function followLinks(p: string): string {
  let current = path.resolve(p);
  for (let hops = 0; hops < 40; hops++) {
    const st = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!st?.isSymbolicLink()) break;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  try {
    return path.join(fs.realpathSync(path.dirname(current)), path.basename(current));
  } catch {
    return current;
  }
}
