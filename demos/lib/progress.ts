/**
 * The training progress bar every demo shows: steps done, ETA and the current loss, with what it means
 * (`lossNote`, e.g. "mean of the last 5 batches") (cli-progress). Where
 * the output is not a terminal (CI logs, tests) it prints a plain line every tenth of the run instead.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Step `done` of the total is finished; `loss` is the current training loss (none where nothing trains). */
  update(done: number, loss?: number): void;
  stop(): void;
}

export function trainingProgress(label: string, total: number, log: (line: string) => void, lossNote?: string): Progress {
  const note = lossNote ? ` (${lossNote})` : '';
  if (!process.stderr.isTTY) {
    const every = Math.max(1, Math.round(total / 10));
    const start = Date.now();
    return {
      update(done, loss) {
        if (done % every !== 0 && done !== total) return;
        const eta = done > 0 ? ((Date.now() - start) / done) * (total - done) : 0;
        log(`${label} ${done}/${total}${loss === undefined ? '' : `  loss ${loss.toFixed(4)}${note}`}  ETA ${(eta / 1000).toFixed(0)} s`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}  loss {loss}${note}  ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { loss: '…' });
  return {
    update: (done, loss) => bar.update(done, { loss: loss === undefined ? '–' : loss.toFixed(4) }),
    stop: () => bar.stop(),
  };
}
