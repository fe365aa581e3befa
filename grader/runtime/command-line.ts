/**
 * What seqlab's two command lines share (grader/grading/cli.ts for everyone, grader/teacher/cli.ts for the
 * teacher): dispatch on the first argument, and the exit status contract — 0 whenever the work completed
 * (or the exit code a command set), 2 when it could not run, with the message and the command's usage.
 */
/** A problem with the grader's own input or environment: the CLI prints it and exits non-zero. */
export class GraderError extends Error {
  override name = 'GraderError';
}

export type Commands = Record<string, (args: string[]) => Promise<void>>;

export async function runCommandLine(commands: Commands, usage: string): Promise<never> {
  try {
    const [name, ...args] = process.argv.slice(2);
    const command = commands[name ?? ''];
    if (!command) throw new GraderError(`unknown command '${name ?? ''}'; commands: ${Object.keys(commands).join(', ')}`);
    await command(args);
    // Vitest and the wasm backend can leave handles open; the work is done and written.
    process.exit(process.exitCode ?? 0);
  } catch (error) {
    const known = error instanceof GraderError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    console.error(`seqlab: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}`);
    // A command with its own usage (collect, regrade, snapshot, gradebook, shard) attaches it to the error.
    if (known) console.error((error as { usage?: string }).usage ?? usage);
    process.exit(2);
  }
}
