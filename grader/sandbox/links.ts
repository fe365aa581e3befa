/**
 * Symbolic links under node_modules that would let student code walk out of what Node's permission model
 * allows. The model compares paths as written: `<allowed>/pkg/link/..` passes the check while the kernel
 * resolves `link` first. Under bubblewrap nothing outside the binds exists, so only the fallback needs this.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The top-level entries of `modules` holding a link that points to a folder (anywhere: `link/..` climbs
 * from its target) or outside `modules`. npm's own links (`.bin/*` → a file of a package) are safe.
 */
export function packagesWithEscapingLinks(modules: string, entries: readonly string[]): Map<string, string> {
  const unsafe = new Map<string, string>();
  const visit = (entry: string, dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) visit(entry, path);
      else if (item.isSymbolicLink() && !unsafe.has(entry)) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          continue; // dangling: leads nowhere
        }
        const outside = relative(modules, target).startsWith(`..${sep}`) || relative(modules, target) === '..';
        if (outside || statSync(target).isDirectory()) unsafe.set(entry, relative(modules, path));
      }
    }
  };
  for (const entry of entries) {
    const path = join(modules, entry);
    try {
      if (statSync(path).isDirectory()) visit(entry, path);
    } catch {
      unsafe.set(entry, entry); // a dangling top-level link
    }
  }
  return unsafe;
}
