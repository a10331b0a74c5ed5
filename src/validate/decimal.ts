/**
 * Decimal arithmetic for the checks (big.js): never binary floating point, so that 9.765
 * rounds to 9.77. Printed figures are compared at their printed precision.
 */
import Big from 'big.js';
import { printedDecimals } from '../model/values.js';

export { Big };

/** The exact decimal a parsed number stands for (its shortest round-trip string). */
export function dec(n: number): Big {
  return new Big(String(n));
}

/** Round half up (`Big.roundHalfUp`) or truncate (`Big.roundDown`) at `dp` decimals. */
export function roundHalfUp(x: Big, dp: number): Big {
  return x.round(dp, Big.roundHalfUp);
}
export function truncate(x: Big, dp: number): Big {
  return x.round(dp, Big.roundDown);
}

/**
 * How a printed figure relates to the exact values it may have been computed from:
 * `rounded` when some candidate rounded half up at the printed precision gives it,
 * `truncated` when only truncation does, `null` when none does (a mismatch).
 */
export function printedMatch(printed: Big, dp: number, candidates: readonly Big[]): 'rounded' | 'truncated' | null {
  if (candidates.some((c) => roundHalfUp(c, dp).eq(printed))) return 'rounded';
  if (candidates.some((c) => truncate(c, dp).eq(printed))) return 'truncated';
  return null;
}

/** Decimals printed in a cell's raw text (`9.90` → 2, `100%` → 0); `fallback` when unreadable. */
export function precisionOf(raw: string | undefined, value: number, fallback = 2): number {
  const fromText = raw === undefined ? null : printedDecimals(raw);
  if (fromText !== null) return fromText;
  const s = String(value);
  const dot = s.indexOf('.');
  return dot < 0 ? Math.min(fallback, 0) : s.length - dot - 1;
}

/** A decimal as people read it: no exponent, no trailing zeros beyond `dp` if given. */
export function show(x: Big, dp?: number): string {
  return dp === undefined ? x.toFixed() : x.toFixed(dp);
}
