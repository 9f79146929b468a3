// The embedded database holds password hashes and sealed SNMP credentials: its folder is the
// owner's alone (folders 0700, files 0600), for new files (umask) and for files an older version
// left readable by everyone.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** New files of this process: no access for group or others. */
export function privateUmask(): void {
  process.umask(0o077);
}

/** Takes group and other access away from `dir` and everything below it; returns how many it changed. */
export function makePrivate(dir: string): number {
  let changed = 0;
  const stack = [dir];
  while (stack.length) {
    const p = stack.pop()!;
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) continue;
    if ((st.mode & 0o077) !== 0) {
      chmodSync(p, st.mode & 0o700);
      changed += 1;
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) stack.push(path.join(p, e));
  }
  return changed;
}
