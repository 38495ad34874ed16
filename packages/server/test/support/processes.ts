// Child processes for fault tests: servers and workers that a test can SIGKILL mid-job.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  proc: ChildProcess;
  /** The first JSON line the process printed. */
  ready: Record<string, string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startChild(fixture: 'server-process' | 'worker-process', env: Record<string, string>): Promise<Child> {
  const file = fileURLToPath(new URL(`../fixtures/${fixture}.ts`, import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`${fixture} did not start: ${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(t);
        resolve(JSON.parse(line));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`${fixture} exited with ${code}: ${err}`));
    });
  });
  return {
    proc,
    ready,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
