// `pineback check/run --lib DIR`: library imports resolved from directories of Pine sources. Spawns the
// built CLI like a user would (after `npx tsc -b`).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test-support/shared.js';

const exec = promisify(execFile);
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'pineback.js');

async function pineback(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'pineback-lib-'));
const libDir = join(tmp, 'libs');
mkdirSync(join(libDir, 'nested'), { recursive: true });
// In a subdirectory: the scan is recursive. A non-library file in the directory is ignored.
writeFileSync(
  join(libDir, 'nested', 'bands.pine'),
  '// © alice\n//@version=6\nlibrary("Bands")\nexport mid(float a, float b) => (a + b) / 2\nplot(close)\n',
);
writeFileSync(join(libDir, 'not-a-library.pine'), '//@version=6\nindicator("x")\nplot(close)\n');

const script = join(tmp, 'uses-bands.pine');
writeFileSync(script, '//@version=6\nindicator("uses")\nimport alice/Bands/1 as b\nplot(b.mid(high, low), "Mid")\n');
const badExport = join(tmp, 'bad-export.pine');
writeFileSync(badExport, '//@version=6\nindicator("bad")\nimport alice/Bands/1 as b\nplot(b.nope(high))\n');
const data = join(tmp, 'bars.csv');
writeFileSync(data, 'time,open,high,low,close,volume\n1704067200000,10,12,8,11,100\n1704070800000,11,14,10,13,100\n');

describe('pineback --lib', () => {
  it('check: links the imports and checks calls against the library', async () => {
    const ok = await pineback(['check', '--lib', libDir, script]);
    expect(ok.code).toBe(0);
    const ko = await pineback(['check', '--json', '--lib', libDir, badExport]);
    expect(ko.code).toBe(1);
    const [report] = JSON.parse(ko.stdout) as { diagnostics: { message: string; line: number; column: number }[] }[];
    expect(report!.diagnostics).toEqual([expect.objectContaining({ message: "'nope' is not exported by library 'alice/Bands/1'", line: 4, column: 8 })]);
  });

  it('run: executes library functions; without --lib the import is an error', async () => {
    const plots = join(tmp, 'plots.csv');
    const res = await pineback(['run', script, '--data', data, '--lib', libDir, '--plots', plots]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = readFileSync(plots, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,open,high,low,close,Mid');
    expect(lines.slice(1).map((l) => Number(l.split(',').at(-1)))).toEqual([10, 12]);

    const missing = await pineback(['run', script, '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Library 'alice/Bands/1'");
  });

  it('run: a library directory that does not exist is a usage error', async () => {
    const res = await pineback(['run', script, '--data', data, '--lib', join(tmp, 'nowhere')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--lib');
  });
});
