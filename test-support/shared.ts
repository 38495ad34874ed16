// Where the shared reference material lives: `../shared` beside the repository (as in CI),
// or $PINEBACK_SHARED when set.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = process.env.PINEBACK_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
export const TV_DIR = join(SHARED_DIR, 'refdata', 'tradingview');
export const MARKET_DIR = join(SHARED_DIR, 'refdata', 'market');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');
export const BUILTINS_JSON = join(SHARED_DIR, 'docs', 'pine-v6-builtins.json');

if (!existsSync(SHARED_DIR)) {
  throw new Error(`shared reference material not found at ${SHARED_DIR} (set PINEBACK_SHARED)`);
}
