/**
 * The port of difflib.SequenceMatcher (scripts/field/sequence-matcher.ts) and of the Python
 * semantics score.py relies on (scripts/field/py.ts), against values computed with CPython 3.11:
 *
 *   python3 -c "from difflib import SequenceMatcher as S; print(repr(S(None, a, b).ratio()))"
 *   python3 -c "print(repr(round(x, 4)), repr(float(s)), repr(s))"
 *
 * (each value below is what that printed for the case's a, b, x or s).
 */
import { describe, expect, it } from 'vitest';
import { floatRepr, parsePyJson, pyFloat, pyRepr, pyRound, pyStr } from '../../scripts/field/py.js';
import { norm, numeq } from '../../scripts/field/score.js';
import { SequenceMatcher } from '../../scripts/field/sequence-matcher.js';

describe('SequenceMatcher.ratio is difflib’s', () => {
  it.each([
    ['abcd', 'bcde', 0.75],
    ['', '', 1.0],
    ['abc', '', 0.0],
    ['养护绿地面积', '养护绿地面积率', 0.9230769230769231],
    ['区改完成时限', '整改完成时限', 0.8333333333333334],
    // Code points, not UTF-16 units: 𠀀 is one element (a UTF-16 count would give 0.5).
    ['𠀀a', 'a', 0.6666666666666666],
    // The longest block first, then each side: less than the longest common subsequence would give.
    ['abxcd', 'cdxab', 0.4],
    ['qabxcdr', 'cdxabq', 0.3076923076923077],
  ])('%j vs %j → %d', (a, b, ratio) => {
    expect(new SequenceMatcher(a, b).ratio()).toBe(ratio);
  });

  it('finds the matching blocks difflib finds', () => {
    // S(None, 'qabxcdr', 'cdxabq').get_matching_blocks() → [Match(a=1, b=3, size=2), Match(a=7, b=6, size=0)]
    expect(new SequenceMatcher('qabxcdr', 'cdxabq').getMatchingBlocks()).toEqual([
      { a: 1, b: 3, size: 2 },
      { a: 7, b: 6, size: 0 },
    ]);
  });

  it('applies autojunk from 200 elements of b on: popular elements are left out of the index', () => {
    const a = 'x' + 'ab'.repeat(100);
    const b = 'ab'.repeat(100) + 'y'; // 201 elements; a and b occur 100 times each > 201 // 100 + 1
    expect(new SequenceMatcher(a, b).ratio()).toBe(0.0);
    expect(new SequenceMatcher(a, b, false).ratio()).toBe(0.9950248756218906);
    const c = '满意度'.repeat(70);
    const d = '满意度指标'.repeat(45);
    expect(new SequenceMatcher(c, d).ratio()).toBe(0.013793103448275862);
    expect(new SequenceMatcher(c, d, false).ratio()).toBe(0.6206896551724138);
    // Below 200 elements nothing is popular.
    expect(new SequenceMatcher('ab'.repeat(99), 'ab'.repeat(99)).bpopular.size).toBe(0);
  });
});

describe('Python semantics', () => {
  it('round(x, 4) rounds half to even on the exact binary value', () => {
    expect(pyRound(0.03125, 4)).toBe(0.0312); // an exact tie: to even
    expect(pyRound(0.00005, 4)).toBe(0.0001); // the double is a little above the tie
    expect(pyRound(2.675, 2)).toBe(2.67); // the double is a little below
    expect(pyRound(2 / 3, 4)).toBe(0.6667);
  });

  it('repr(float) and str of values', () => {
    expect(floatRepr(1)).toBe('1.0');
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(1e15)).toBe('1000000000000000.0');
    expect(floatRepr(0.0001)).toBe('0.0001');
    expect(floatRepr(0.00001)).toBe('1e-05');
    expect(floatRepr(3.2e-7)).toBe('3.2e-07');
    expect(pyStr(null)).toBe('None');
    // json.loads keeps 10 an int and 10.0 a float.
    expect(pyRepr(parsePyJson('[10, 10.0, "a\'b", null]'))).toBe(`[10, 10.0, "a'b", None]`);
    expect(pyRepr('tab\t\u3000中')).toBe("'tab\\t\\u3000中'");
  });

  it('float(s)', () => {
    expect(pyFloat(' 5 ')).toBe(5);
    expect(pyFloat('1_000')).toBe(1000);
    expect(pyFloat('１２')).toBe(12);
    expect(pyFloat('-Infinity')).toBe(-Infinity);
    expect(pyFloat('')).toBeNull();
    expect(pyFloat('1__0')).toBeNull();
    expect(pyFloat('0x10')).toBeNull();
  });

  it('score.py’s norm and numeq', () => {
    expect(norm("'=2")).toBe('=2');
    expect(norm(' ≥ 90 %（年）：')).toBe('≥90%(年):');
    expect(norm('>=5\u3000')).toBe('≥5');
    expect(numeq('63.32', '63.32%')).toBe(true);
    expect(numeq('1,000', 1000n)).toBe(true);
    expect(numeq('', null)).toBe(true);
    expect(numeq('', 0n)).toBe(false);
    expect(numeq('90.891', 90.89)).toBe(false);
  });
});
