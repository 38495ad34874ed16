// The list of subcommands. Add one import + one call per command module.
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerData } from './data.js';
import { registerRunCommand } from './run.js';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';

export function registerCommands(program: Command): void {
  void program;
  registerCheck(program);
  registerData(program);
  registerRunCommand(program);
  registerServe(program);
  registerWorker(program);
}
