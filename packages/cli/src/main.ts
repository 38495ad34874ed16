// Entry point of the `pineback` command. Each subcommand lives in its own module under
// commands/ and registers itself on the program; this file only wires them together.
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

const program = new Command();
program
  .name('pineback')
  .description('Run TradingView Pine Script on your own data with Strategy-Tester-exact results')
  .version('0.1.0');

registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
