// Offset → 1-based line/column. Columns count UTF-16 code units, like editors and TradingView.

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Offsets at which each line starts; `\n`, `\r\n` and lone `\r` all end a line. */
export function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function lineColumnFromStarts(lineStarts: readonly number[], offset: number): LineColumn {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineColumn(source: string, offset: number): LineColumn {
  return lineColumnFromStarts(computeLineStarts(source), offset);
}
