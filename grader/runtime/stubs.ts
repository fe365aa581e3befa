/**
 * Turns a solution file into the student's stub. Solution code sits between
 *
 *     // BEGIN SOLUTION hint: one line telling the student where to start
 *     …
 *     // END SOLUTION
 *
 * inside a function body; the stub keeps everything else (imports, signatures, types, doc comments) and
 * replaces each block with a throw of a TODO error that names the function and carries the hint.
 */
const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION(?: hint: (.*))?$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;
const FUNCTION_NAME = /function\s+([A-Za-z_$][\w$]*)/;

/** Every TODO error starts with this; the grader reports such failures as "not implemented yet". */
export const TODO_PREFIX = 'TODO: implement';


export function stubFromSolution(source: string, fileName: string): string {
  const out: string[] = [];
  let open: { line: number; indent: string; fn: string; hint: string } | undefined;
  let currentFunction: string | undefined;
  source.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) throw new Error(`${fileName}:${lineNo}: BEGIN SOLUTION inside the block opened at line ${open.line}`);
      if (!currentFunction) throw new Error(`${fileName}:${lineNo}: BEGIN SOLUTION outside a function`);
      const hint = begin[2]?.trim();
      if (!hint) throw new Error(`${fileName}:${lineNo}: BEGIN SOLUTION needs 'hint: …' for the student`);
      open = { line: lineNo, indent: begin[1] ?? '', fn: currentFunction, hint };
      return;
    }
    if (END.test(line)) {
      if (!open) throw new Error(`${fileName}:${lineNo}: END SOLUTION without BEGIN SOLUTION`);
      const message = `${TODO_PREFIX} ${open.fn}. Hint: ${open.hint}`;
      out.push(`${open.indent}throw new Error(${JSON.stringify(message)});`);
      open = undefined;
      return;
    }
    if (open) return;
    currentFunction = FUNCTION_NAME.exec(line)?.[1] ?? currentFunction;
    out.push(line);
  });
  if (open) throw new Error(`${fileName}:${open.line}: BEGIN SOLUTION is never closed`);
  return out.join('\n');
}
