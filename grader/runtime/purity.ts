/**
 * Did a student function change its arguments, and can its result cross a process boundary? Shared by the
 * child processes of the student's runs (grader/student/child.ts) and of graded runs (grader/sandbox/child.ts).
 */

/** Where `after` differs from `before`: the argument's index and a path like [0][2]. */
export function firstDifference(before: unknown[], after: unknown[]): { index: number; path: string } | undefined {
  for (let index = 0; index < before.length; index++) {
    const path = diffPath(before[index], after[index]);
    if (path !== undefined) return { index, path };
  }
  return undefined;
}

function diffPath(a: unknown, b: unknown): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return '';
  if (Array.isArray(a) !== Array.isArray(b)) return '';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = diffPath((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    if (inner !== undefined) return (Array.isArray(a) ? `[${key}]` : `.${key}`) + inner;
  }
  return undefined;
}

/** Parameter names as written in the student's source, for messages ("mutated its input x[0][1]"). */
export function parameterNames(fn: Function): string[] {
  const params = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  return params.split(',').map((p) => p.replace(/[=:].*$/s, '').trim());
}

/** The message of an InputMutationError. */
export function mutationMessage(fnName: string, fn: Function, change: { index: number; path: string }): string {
  const argName = parameterNames(fn)[change.index] || `argument ${change.index + 1}`;
  return `${fnName} mutated its input ${argName}${change.path}: inputs must stay unchanged`;
}

/** Whether IPC can carry the value (functions, symbols and class instances with private state cannot). */
export function isPlainData(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
