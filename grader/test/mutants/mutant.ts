/**
 * A deliberately wrong implementation: the solution file of one exercise with one text edit. The
 * self-test grades every mutant and asserts it loses points in its own exercise.
 */
export interface Mutant {
  name: string;
  /** Text that must occur in the solution file (the edit fails loudly if the solution changed). */
  find: string;
  replace: string;
  /** Replace every occurrence of `find` instead of only the first. */
  all?: boolean;
  /** An import line to add at the top of the file, when the edit needs one. */
  addImport?: string;
  /** File inside the exercise folder, when not the exercise's main module. */
  file?: string;
}
