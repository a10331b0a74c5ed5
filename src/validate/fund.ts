/**
 * The budget line's derived figures, shared by the rules: the execution rate from the amounts
 * and the budget score it gives, as exact decimals.
 */
import type { FundTotal } from '../model/types.js';
import { Big, dec } from './decimal.js';

/** 执行率 as a fraction (executed / annual budget), or null when it cannot be computed. */
export function exactRate(total: FundTotal | null): Big | null {
  if (!total || total.executed === null || total.annualBudget === null || total.annualBudget === 0) return null;
  return dec(total.executed).div(dec(total.annualBudget));
}

/**
 * The budget scores the form may have computed: min(rate, 1) × 分值, from the exact ratio and
 * from the printed (already rounded) rate. Empty when neither can be computed.
 */
export function fundScoreCandidates(total: FundTotal | null): Big[] {
  if (!total || total.weight === null) return [];
  const weight = dec(total.weight);
  const rates: Big[] = [];
  const exact = exactRate(total);
  if (exact) rates.push(exact);
  if (total.executionRatePercent !== null) rates.push(dec(total.executionRatePercent).div(100));
  return rates.map((r) => (r.gt(1) ? new Big(1) : r).times(weight));
}
