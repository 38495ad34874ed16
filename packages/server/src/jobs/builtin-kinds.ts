// The job kinds the product ships with. Tests add their own (infrastructure-only) kinds on top.
import { backtestKind } from '../backtests/backtest-kind.js';
import { downloadKind, importKind } from '../market/kinds.js';
import { optimizationKind } from '../optimize/optimization-kind.js';
import { kindRegistry, type JobKind, type KindRegistry } from './kinds.js';

export function builtinKinds(extra: readonly JobKind[] = []): KindRegistry {
  return kindRegistry([backtestKind, optimizationKind, downloadKind, importKind, ...extra]);
}
