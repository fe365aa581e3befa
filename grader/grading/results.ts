/**
 * What one Vitest run produced, reduced to plain data: the only input of the grade report.
 * The collector is a Vitest reporter; it keeps no points logic of its own.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export interface TestOutcome {
  /** Full name: 'describe > test'. */
  name: string;
  /** The outermost describe block (in the public suites: the function under test), if any. */
  suite?: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  points: number | undefined;
  /** Error class names and messages, first error first. */
  errors: { name: string; message: string }[];
}

export interface ModuleOutcome {
  /** Absolute path of the test file. */
  file: string;
  tests: TestOutcome[];
  /** Errors that stopped the file from being collected at all (syntax error, import failure, crash). */
  errors: { name: string; message: string }[];
}

export interface RunOutcome {
  modules: ModuleOutcome[];
  /** Errors Vitest saw outside any test (an unhandled rejection in student code, a crashed worker). */
  unhandledErrors: string[];
}

type SerializedError = { name?: string; message?: string };
const plainError = (e: SerializedError) => ({ name: e.name ?? 'Error', message: e.message ?? String(e) });

/** The name of the outermost describe block around a test. */
function outermostSuite(test: TestCase): string | undefined {
  let name: string | undefined;
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) name = parent.name;
  return name;
}

export function moduleOutcome(module: TestModule): ModuleOutcome {
  return {
    file: module.moduleId,
    errors: module.errors().map(plainError),
    tests: [...module.children.allTests()].map((test) => {
      const result = test.result();
      return {
        name: test.fullName,
        suite: outermostSuite(test),
        state: result.state,
        points: test.meta().points,
        errors: (result.errors ?? []).map(plainError),
      };
    }),
  };
}

/** A reporter that hands the run's outcome to `done` when Vitest finishes. */
export function outcomeCollector(done: (outcome: RunOutcome) => void): Reporter {
  return {
    onTestRunEnd(testModules, unhandledErrors) {
      done({
        modules: testModules.map(moduleOutcome),
        unhandledErrors: unhandledErrors.map((e) => `${e.name ?? 'Error'}: ${e.message ?? ''}`),
      });
    },
  };
}
