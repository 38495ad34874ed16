// The list of subcommands. Add one import + one call per command module.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
