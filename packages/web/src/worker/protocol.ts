// Messages between the app and the compiler worker. Diagnostics use packages/pine's shape (span
// offsets + 1-based line/column) so the editor can underline exact ranges.
import type { InputSpec, InputValues, RunResult, Settings } from '../api/types.js';

export interface WorkerDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  from: number;
  to: number;
  line: number;
  column: number;
  code?: string;
}

export interface CheckReply {
  diagnostics: WorkerDiagnostic[];
  inputs: InputSpec[];
  kind: 'strategy' | 'indicator' | 'library' | null;
  title: string | null;
}

/** Columnar bars as the API's /data/bars pages deliver them (concatenated). */
export interface LocalBars {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: (number | null)[];
}

export interface LocalRunRequest {
  source: string;
  bars: LocalBars;
  symbol: string;
  timeframe: string;
  settings: Settings;
  inputs: InputValues;
}

export type WorkerRequest =
  | { id: number; type: 'check'; source: string }
  | { id: number; type: 'run'; request: LocalRunRequest };

export type WorkerResponse =
  | { id: number; type: 'check'; reply: CheckReply }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'run'; result: RunResult }
  | { id: number; type: 'error'; message: string };
