/**
 * Declares a test that is worth points. The points travel as Vitest test metadata and are summed only
 * by the grade report (grader/grading/report.ts).
 */
import { test } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    points?: number;
  }
}

export function graded(name: string, points: number, body: () => Promise<unknown>): void {
  test(name, { meta: { points } }, body);
}
