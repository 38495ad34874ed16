// Survey: runs every corpus indicator on SPY 1h and prints one line per script plus a summary.
// Usage: npx tsx packages/pine/test/corpus/survey.ts [filter] > out.tsv
import { indicatorFiles, runIndicator } from './indicator-runner.js';

const filter = process.argv[2];
const files = indicatorFiles().filter((f) => !filter || f.includes(filter));
const counts: Record<string, number> = {};
let total = 0;
for (const f of files) {
  const r = runIndicator(f);
  counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  total += r.ms;
  console.log(`${r.file}\t${r.outcome}\t${r.ms}\t${r.reason.replace(/\s+/g, ' ').slice(0, 300)}`);
}
console.error(JSON.stringify(counts), `files=${files.length}`, `ms=${total}`);
