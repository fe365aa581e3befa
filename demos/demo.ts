/**
 * What a demo is: a named, self-contained training or visual experiment. `npm run demo` lists them,
 * `npm run demo -- <name>` runs one (demos/cli.ts).
 *
 * Demos ship in the student release in plain text: they train with TensorFlow.js itself (tfjs-core,
 * tfjs-layers) and may import `reference/backend.ts` for the backend, but nothing else from reference/,
 * solutions/ or grader/hidden/. With `--student` a demo runs the student's own functions (exercises/) where it
 * can, on weights it trained.
 */
export interface DemoOptions {
  /** Use the student's functions from exercises/ where the demo can (`--student`). */
  student: boolean;
  /** A much shorter run with the same code path (`--quick`): for the course's smoke tests. */
  quick: boolean;
  /** Seed of every random choice of the run (`--seed`, default 1). */
  seed: number;
  /** Where the SVG plots go (default `.seqlab/plots/`). */
  plotDir: string;
  /** Progress and result lines (default: console.log). */
  log: (line: string) => void;
}

export interface DemoResult {
  /**
   * The training loss at the end, when the demo trains: the last loss its progress line logged, the mean of the
   * latest `finalLossBatches` training-batch losses (demos/lib/train.ts, finalTrainingLoss).
   */
  finalLoss?: number;
  finalLossBatches?: number;
  /** What the demo found, by name: accuracies, samples, neighbours … (printed as a table at the end). */
  metrics: Record<string, number | string>;
  /** Paths of the plots written. */
  plots: string[];
}

export interface Demo {
  name: string;
  /** One line for the listing. */
  summary: string;
  /** The exercises whose functions `--student` uses (empty when the demo has no student mode). */
  studentExercises: readonly string[];
  run(options: DemoOptions): Promise<DemoResult>;
}
