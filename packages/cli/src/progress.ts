// A progress bar on stderr for long runs, only when stderr is a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

export function startProgress(stream: NodeJS.WriteStream, total: number, minBars = 200_000): Progress | null {
  if (!stream.isTTY || total < minBars) return null;
  const bar = new cliProgress.SingleBar({ stream, format: 'running [{bar}] {percentage}% {value}/{total} bars', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
