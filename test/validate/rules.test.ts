import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FundTotal } from '../../src/model/types.js';
import { Big, printedMatch, roundHalfUp, truncate } from '../../src/validate/decimal.js';
import { validateProject } from '../../src/validate/index.js';
import { indicator, project } from '../support/project.js';

const codes = (p: ReturnType<typeof project>): string[] => validateProject({ project: p, provenance: {} }).map((f) => `${f.severity}:${f.code}${f.indicator ? `#${f.indicator}` : ''}`);
const withFund = (fund: Partial<FundTotal>): Partial<ReturnType<typeof project>> => {
  const base = project().funds;
  return { funds: { ...base, total: { ...(base.total as FundTotal), ...fund } } };
};

describe('rounding rules', () => {
  it('rounds half up in decimal: 9.765 → 9.77 (binary floats give 9.76)', () => {
    expect(roundHalfUp(new Big('9.765'), 2).toFixed(2)).toBe('9.77');
    expect(truncate(new Big('9.765'), 2).toFixed(2)).toBe('9.76');
    expect(printedMatch(new Big('9.77'), 2, [new Big('9.765')])).toBe('rounded');
    expect(printedMatch(new Big('9.76'), 2, [new Big('9.765')])).toBe('truncated');
    expect(printedMatch(new Big('9.9'), 1, [new Big('9.972')])).toBe('truncated');
    expect(printedMatch(new Big('9.75'), 2, [new Big('9.765')])).toBeNull();
  });

  it('property: any value printed rounded or truncated at 1 or 2 decimals is consistent; one step off is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom(1, 2), (units, dp) => {
        const x = new Big(units).div(100_000); // 5 decimals
        const rounded = roundHalfUp(x, dp);
        const truncated = truncate(x, dp);
        expect(printedMatch(rounded, dp, [x])).toBe('rounded');
        expect(printedMatch(truncated, dp, [x])).toBe(rounded.eq(truncated) ? 'rounded' : 'truncated');
        const step = new Big(1).div(10 ** dp);
        expect(printedMatch(rounded.plus(step), dp, [x])).toBeNull();
        if (truncated.minus(step).gte(0)) expect(printedMatch(truncated.minus(step), dp, [x])).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('rules', () => {
  it('a consistent form raises nothing', () => {
    expect(codes(project())).toEqual([]);
  });

  it('execution-rate-mismatch, and rounding-convention for a truncated rate', () => {
    expect(codes(project(withFund({ executionRate: '96.74%', executionRatePercent: 96.74, score: 9.67 })))).toContain('error:execution-rate-mismatch');
    // 127.85 / 128.18 = 99.7425… → 99.74 either way; 2/3 = 66.666… → 66.67 rounded, 66.66 truncated.
    const third = project({ ...withFund({ annualBudget: 3, executed: 2, executionRate: '66.66%', executionRatePercent: 66.66, score: 6.67 }), totalScore: 96.67 });
    expect(codes(third)).toEqual(['info:rounding-convention']);
  });

  it('fund-score-mismatch; the score may come from the printed rate (97.65% × 10 = 9.765 → 9.77)', () => {
    expect(codes(project({ ...withFund({ score: 9.79 }), totalScore: 99.79 }))).toEqual(['error:fund-score-mismatch']);
    const seed9 = project({ ...withFund({ annualBudget: 51, executed: 49.8, executionRate: '97.65%', executionRatePercent: 97.65, score: 9.77 }), totalScore: 99.77 });
    expect(codes(seed9)).toEqual([]);
  });

  it('without a printed budget score: missing-field, and the total checked with the computed one', () => {
    const seed5 = project({ ...withFund({ annualBudget: 66.82, executed: 51.62, executionRate: '77.25%', executionRatePercent: 77.25, score: null }), totalScore: 97.72 });
    expect(codes(seed5)).toEqual(['warning:missing-field']);
    expect(codes({ ...seed5, totalScore: 98.72 })).toEqual(['warning:missing-field', 'error:total-mismatch']);
  });

  it('total-mismatch, weights-not-100, score-above-weight', () => {
    expect(codes(project({ totalScore: 98.97 }))).toEqual(['error:total-mismatch']);
    const heavy = project({ indicators: [indicator(1, '≥1个', '1个', 51, 51), indicator(2, '≥95%', '96%', 40, 40)], totalScore: 100.97 });
    expect(codes(heavy)).toEqual(['error:weights-not-100']);
    // The budget 分值 unread: no weights verdict (the unreadable cell is its own finding).
    expect(codes(project({ ...withFund({ weight: null }), totalScore: 99.97 }))).not.toContain('error:weights-not-100');
    const over = project({ indicators: [indicator(1, '≥1个', '1个', 50, 51), indicator(2, '≥95%', '96%', 40, 39)] });
    expect(codes(over)).toEqual(['error:score-above-weight#1']);
  });

  it('target-missed-full-score and suspicious-target', () => {
    const missed = project({ indicators: [indicator(1, '≥400000', '40000', 50, 50), indicator(2, '≥0个', '1个', 40, 40)] });
    expect(codes(missed)).toEqual(['warning:target-missed-full-score#1', 'warning:suspicious-target#2']);
    const rate = project({ indicators: [indicator(1, '≥1个', '1个', 50, 50), indicator(2, '≥400%', '400%', 40, 40)] });
    expect(codes(rate)).toEqual(['warning:suspicious-target#2']);
    // A miss with a reduced score is the form working as intended.
    const reduced = project({ indicators: [indicator(1, '≥100人', '80人', 50, 40), indicator(2, '≥95%', '96%', 40, 40)], totalScore: 89.97 });
    expect(codes(reduced)).toEqual([]);
  });

  it('formulaic-actuals when every actual equals its target (at least three indicators)', () => {
    const copied = project({
      indicators: [indicator(1, '≥1个', '1个', 30, 30), indicator(2, '≥95%', '95%', 30, 30), indicator(3, '正常运转', '正常运转', 30, 30)],
    });
    expect(codes(copied)).toEqual(['info:formulaic-actuals']);
  });
});
