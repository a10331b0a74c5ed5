/**
 * Unit conversion in the target-met decision (src/model/values.ts): `isMet` on targets and
 * actuals printed in different units of one kind (万元/元/亿元, 分钟/小时/天, 月/年, %/‰,
 * 万人次/人次), `unitsCompatible`, `convertToUnit`; table-driven cases and fast-check
 * properties checked against an exact BigInt oracle written here, independently of the module.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  convertToUnit,
  isKnownUnit,
  isMet,
  parseActual,
  parseTarget,
  unitsCompatible,
  UNIT_CHARACTERS,
  type Direction,
} from '../../src/model/values.js';

type Dir = Direction | undefined;

describe('isMet across units', () => {
  const cases: [target: string, actual: string, direction: Dir, expected: boolean | null][] = [
    // From the issue.
    ['≤20分钟', '0.5小时', undefined, false],
    ['≤2小时', '90分钟', undefined, true],
    ['≤65.88万元', '658800元', undefined, true],
    ['≥1亿元', '9000万元', undefined, false],
    ['≤3个工作日', '2天', undefined, null],
    // Money.
    ['≤65.88万元', '658801元', undefined, false],
    ['≤65.88万元', '658799.99元', undefined, true],
    ['≤65.88万', '658800元', undefined, true], // bare 万 next to money is 万元
    ['≥1亿元', '10000万元', undefined, true],
    ['≥1亿', '100000000元', undefined, true],
    ['≥1亿元', '99999999.99元', undefined, false],
    ['≤12万元', '120000', undefined, false], // a unit-less actual is read in the target's unit
    ['1041.03万元', '10364400元', 'lower-better', true], // bare target, lower-better
    ['1041.03万元', '10364400元', 'higher-better', false],
    ['=5万元', '50000元', undefined, true],
    ['≤8.82万元', '≤88200元', undefined, true], // an actual bound, converted
    ['≤8.82万元', '≥88201元', undefined, false],
    ['≤156.6456万', '1566456元', undefined, true],
    ['≤156.6456万', '1566456.01元', undefined, false],
    ['≥5千元', '0.5万元', undefined, true],
    ['18.40万元/人年', '184000元/人年', 'lower-better', true],
    ['18.40万元/人年', '184001元/人年', 'lower-better', false],
    ['≤18万', '18万人次', undefined, null], // bare 万 is money, not a count
    ['≤18万元', '18万元/人年', undefined, null],
    // Counts with a magnitude.
    ['≥1.2万人次', '12000人次', undefined, true],
    ['≥1.2万人次', '11999人次', undefined, false],
    ['≥5000人次', '0.5万人次', undefined, true],
    ['≥10万条', '99999条', undefined, false],
    ['≥1个', '1万个', undefined, true],
    ['≥1万人次', '20000人', undefined, null], // 人 is not 人次
    // Time.
    ['≤20分钟', '20分', undefined, true],
    ['≤20分钟', '1200秒', undefined, true],
    ['≤20分钟', '1201秒', undefined, false],
    ['≤20分钟', '0.3小时', undefined, true], // 18 minutes
    ['≤20分钟', '0.34小时', undefined, false], // 20.4 minutes
    ['≤2小时', '120min', undefined, true],
    ['≤2小时', '121min', undefined, false],
    ['≤2h', '7200秒', undefined, true],
    ['≤2时', '2.5小时', undefined, false],
    ['≤24小时', '1天', undefined, true],
    ['≤24小时', '1.5日', undefined, false],
    ['≤1天', '1440分钟', undefined, true],
    ['≤1天', '1441分钟', undefined, false],
    ['≤1周', '7天', undefined, true],
    ['<1周', '7天', undefined, false],
    ['4小时', '3.5小时', 'lower-better', true],
    ['4小时', '210分钟', 'lower-better', true],
    ['4小时', '250分钟', 'lower-better', false],
    ['1-2小时', '90分钟', undefined, true], // a range, converted
    ['1-2小时', '121分钟', undefined, false],
    ['≤2小时', '≤90分钟', undefined, true],
    ['≤2小时', '≤3小时', undefined, null], // the bound straddles the target
    // Working days are not days.
    ['≤3个工作日', '3工作日', undefined, true],
    ['3个工作日内', '2个工作日', undefined, true],
    ['≤3工作日', '4个工作日', undefined, false],
    ['≤3个工作日', '24小时', undefined, null],
    ['≤3天', '2个工作日', undefined, null],
    // Months and years.
    ['≥1年', '12个月', undefined, true],
    ['≥1年', '11个月', undefined, false],
    ['≤6个月', '0.5年', undefined, true],
    ['≤1季度', '3个月', undefined, true],
    ['≥30年', '360月', undefined, true],
    ['≤1年', '365天', undefined, null], // no fixed ratio
    ['≤1个月', '30天', undefined, null],
    // Percentages.
    ['≥95%', '95％', undefined, true],
    ['≥95％', '95', undefined, true], // unit-less actual next to a % target: same unit
    ['≥95%', '0.96', undefined, null], // 0.96 may be 96% or 0.96%: undecided
    ['≤5%', '0.03', undefined, true], // 3% or 0.03%: within 5% either way
    ['≥90%', '0.5', undefined, false], // 50% or 0.5%: missed either way
    ['≥90%', '1', undefined, false], // a whole 1 reads as 1%
    ['≥0.96', '95%', undefined, null], // the same ambiguity on the target side (96% or 0.96%)
    ['≥0.9', '95%', undefined, true], // 95% meets 90% and 0.9% alike
    ['≥1%', '15‰', undefined, true],
    ['≥2%', '15‰', undefined, false],
    ['≤5‰', '0.5%', undefined, true],
    ['≥95%', '0.96个', undefined, null], // incompatible units
    // Incompatible kinds.
    ['≤2小时', '2万元', undefined, null],
    ['≥1年', '1天', undefined, null],
    ['≥90%', '90分钟', undefined, null],
    ['≥1个', '1次', undefined, null],
  ];
  it.each(cases)('%s vs %s (%s) → %s', (target, actual, direction, expected) => {
    expect(isMet(parseTarget(target), parseActual(actual), direction)).toBe(expected);
  });

  it('never decides qualitative or empty values, whatever the units', () => {
    expect(isMet(parseTarget('≤2小时'), parseActual('正常'), undefined)).toBeNull();
    expect(isMet(parseTarget('—'), parseActual('90分钟'), undefined)).toBeNull();
  });
});

describe('unitsCompatible', () => {
  const cases: [string, string, boolean][] = [
    ['万元', '元', true],
    ['亿元', '万元', true],
    ['万', '元', true],
    ['万', '亿元', true],
    ['千元', '万', true],
    ['万人次', '人次', true],
    ['万', '人次', false],
    ['万', '万人次', false],
    ['小时', '分钟', true],
    ['h', 'min', true],
    ['时', '秒', true],
    ['天', '小时', true],
    ['日', '天', true],
    ['周', '天', true],
    ['工作日', '个工作日', true],
    ['工作日', '天', false],
    ['工作日', '小时', false],
    ['个月', '年', true],
    ['月', '季度', true],
    ['年', '天', false],
    ['月', '天', false],
    ['%', '％', true],
    ['%', '‰', true],
    ['%', '个', false],
    ['', '工作日', true],
    ['万元/人年', '元/人年', true],
    ['万元/人年', '万元', false],
    ['个', '条', false],
    [' 小 时 ', 'H', true],
  ];
  it.each(cases)('%s ~ %s → %s', (a, b, expected) => {
    expect(unitsCompatible(a, b)).toBe(expected);
    expect(unitsCompatible(b, a)).toBe(expected);
  });
});

describe('convertToUnit', () => {
  const cases: [number, string, string, number | null][] = [
    [65.88, '万元', '元', 658800],
    [658800, '元', '万元', 65.88],
    [1, '亿元', '万元', 10000],
    [9000, '万元', '亿元', 0.9],
    [156.6456, '万', '元', 1566456],
    [90, '分钟', '小时', 1.5],
    [0.5, '小时', '分钟', 30],
    [1.5, '天', '小时', 36],
    [1, '周', '分钟', 10080],
    [1, '年', '个月', 12],
    [18, '个月', '年', 1.5],
    [95, '%', '‰', 950],
    [1.2, '万人次', '人次', 12000],
    [18.4, '万元/人年', '元/人年', 184000],
    [0.1, '万元', '元', 1000], // exact, not 0.1 × 10000 in binary
    [3, '工作日', '天', null],
    [1, '年', '天', null],
    [5, '个', '%', null],
    [5, '', '万元', 5],
    [5, '万元', '', 5],
  ];
  it.each(cases)('%d %s → %s = %s', (value, from, to, expected) => {
    expect(convertToUnit(value, from, to)).toBe(expected);
  });

  it('returns the nearest double for a non-terminating quotient', () => {
    expect(convertToUnit(20, '分钟', '小时')).toBe(1 / 3);
    expect(convertToUnit(1, '天', '周')).toBe(1 / 7);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, against an oracle written here

/** Units by kind, with their size in a base unit of the kind (independent of the module). */
const KINDS: Readonly<Record<string, Readonly<Record<string, bigint>>>> = {
  money: { 元: 1n, 千元: 1_000n, 万元: 10_000n, 万: 10_000n, 亿元: 100_000_000n, 亿: 100_000_000n },
  time: {
    秒: 1n,
    分钟: 60n,
    分: 60n,
    min: 60n,
    小时: 3_600n,
    时: 3_600n,
    h: 3_600n,
    天: 86_400n,
    日: 86_400n,
    周: 604_800n,
  },
  month: { 月: 1n, 个月: 1n, 季度: 3n, 年: 12n },
  percent: { '‰': 1n, '%': 10n, '％': 10n },
  visits: { 人次: 1n, 万人次: 10_000n },
  perCapita: { '元/人年': 1n, '万元/人年': 10_000n },
  workday: { 工作日: 1n, 个工作日: 1n },
};

/** Two units of one kind, the first no smaller than the second (so the ratio is an integer). */
const unitPairArb = fc
  .constantFrom(...Object.values(KINDS))
  .chain((kind) => fc.tuple(fc.constantFrom(...Object.entries(kind)), fc.constantFrom(...Object.entries(kind))))
  .map(([a, b]) => (a[1] >= b[1] ? { coarse: a, fine: b } : { coarse: b, fine: a }))
  .map(({ coarse, fine }) => ({ a: coarse[0], b: fine[0], fa: coarse[1], fb: fine[1], ratio: coarse[1] / fine[1] }));

/** A non-negative decimal string as printed: `0`, `12`, `0.5`, `65.88`, `156.6456`. */
const decimalArb = fc
  .record({
    int: fc.integer({ min: 0, max: 9_999 }),
    frac: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 4 }),
  })
  .map(({ int, frac }) => canonical(`${int}${frac === '' ? '' : `.${frac}`}`));

/** An exact decimal as BigInt digits and scale. */
function scaled(text: string): { digits: bigint; scale: number } {
  const [int = '0', frac = ''] = text.split('.');
  return { digits: BigInt(int + frac), scale: frac.length };
}

/** A decimal string without superfluous zeros (`1.50` → `1.5`, `007` → `7`, `2.0` → `2`). */
function canonical(text: string): string {
  const { digits, scale } = scaled(text);
  return format(digits, scale);
}

function format(digits: bigint, scale: number): string {
  const s = digits.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/** `text × factor`, exactly, as a decimal string. */
function times(text: string, factor: bigint): string {
  const { digits, scale } = scaled(text);
  return format(digits * factor, scale);
}

/** Exact comparison of `x × fx` and `y × fy`. */
function compareScaled(x: string, fx: bigint, y: string, fy: bigint): number {
  const a = scaled(x);
  const b = scaled(y);
  const scale = Math.max(a.scale, b.scale);
  const l = a.digits * fx * 10n ** BigInt(scale - a.scale);
  const r = b.digits * fy * 10n ** BigInt(scale - b.scale);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The decimal strings stay exact through JS numbers (at most 15 significant digits). */
function fitsDouble(text: string): boolean {
  return text.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length <= 15;
}

type TargetShape = { op: '≥' | '≤' | '>' | '<' | '=' | ''; direction: Dir } | { op: 'range'; direction: Dir };
const targetShapeArb: fc.Arbitrary<TargetShape> = fc.record({
  op: fc.constantFrom('≥', '≤', '>', '<', '=', '', 'range'),
  direction: fc.constantFrom<Dir>(undefined, 'higher-better', 'lower-better'),
});

/** A target text in `unit` for values `lo` (and `hi`, for a range). */
function targetText(shape: TargetShape, lo: string, hi: string, unit: string): string {
  return shape.op === 'range' ? `${lo}-${hi}${unit}` : `${shape.op}${lo}${unit}`;
}

/** The oracle: is actual `x` (in base units via fx) acceptable for the target (via ft)? */
function oracle(shape: TargetShape, lo: string, hi: string, ft: bigint, x: string, fx: bigint): boolean {
  const c = compareScaled(x, fx, lo, ft);
  switch (shape.op) {
    case '≥':
      return c >= 0;
    case '>':
      return c > 0;
    case '≤':
      return c <= 0;
    case '<':
      return c < 0;
    case '=':
      return c === 0;
    case '':
      return shape.direction === 'lower-better' ? c <= 0 : c >= 0;
    case 'range':
      return c >= 0 && compareScaled(x, fx, hi, ft) <= 0;
  }
}

/** Order two decimals for a range target. */
function ordered(x: string, y: string): [string, string] {
  return compareDecimal(Number(x), Number(y)) <= 0 ? [x, y] : [y, x];
}

describe('isMet across units: properties', () => {
  it('gives the same verdict with the actual converted to another unit of the same kind', () => {
    fc.assert(
      fc.property(
        targetShapeArb,
        decimalArb,
        decimalArb,
        decimalArb,
        fc.constantFrom('', '≤', '≥'),
        unitPairArb,
        fc.boolean(),
        (shape, t1, t2, x, actualOp, { a, b, ratio }, targetInFine) => {
          const [lo, hi] = ordered(t1, t2);
          const xFine = times(x, ratio); // x in unit a = xFine in unit b
          fc.pre(fitsDouble(xFine) && fitsDouble(times(lo, ratio)) && fitsDouble(times(hi, ratio)));
          const sameUnit = isMet(
            parseTarget(targetText(shape, lo, hi, a)),
            parseActual(`${actualOp}${x}${a}`),
            shape.direction,
          );
          // Actual converted to the finer unit.
          expect(
            isMet(parseTarget(targetText(shape, lo, hi, a)), parseActual(`${actualOp}${xFine}${b}`), shape.direction),
          ).toBe(sameUnit);
          // Or the target converted to the finer unit while the actual stays in the coarser one.
          if (targetInFine) {
            const fineTarget = targetText(shape, times(lo, ratio), times(hi, ratio), b);
            expect(isMet(parseTarget(fineTarget), parseActual(`${actualOp}${x}${a}`), shape.direction)).toBe(sameUnit);
          }
          // And a point actual is always decided.
          if (actualOp === '') expect(sameUnit).not.toBeNull();
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agrees with an exact oracle for any two units of one kind', () => {
    fc.assert(
      fc.property(targetShapeArb, decimalArb, decimalArb, decimalArb, unitPairArb, fc.boolean(), (shape, t1, t2, x, pair, swap) => {
        const [lo, hi] = ordered(t1, t2);
        // Target in either unit, actual in the other.
        const [tu, ft, au, fa] = swap ? [pair.b, pair.fb, pair.a, pair.fa] : [pair.a, pair.fa, pair.b, pair.fb];
        const got = isMet(parseTarget(targetText(shape, lo, hi, tu)), parseActual(`${x}${au}`), shape.direction);
        expect(got).toBe(oracle(shape, lo, hi, ft, x, fa));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with the oracle at and next to the converted boundary', () => {
    fc.assert(
      fc.property(
        targetShapeArb,
        decimalArb,
        decimalArb,
        unitPairArb,
        fc.constantFrom(-1n, 0n, 1n),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (shape, t1, t2, { a, b, fa, fb, ratio }, sign, k, atUpper) => {
          const [lo, hi] = ordered(t1, t2);
          // The bound in the finer unit, nudged by ±10^-k or not at all.
          const edge = scaled(times(shape.op === 'range' && atUpper ? hi : lo, ratio));
          const scale = Math.max(edge.scale, k);
          const digits = edge.digits * 10n ** BigInt(scale - edge.scale) + sign;
          fc.pre(digits >= 0n);
          const x = format(digits, scale);
          fc.pre(fitsDouble(x));
          const got = isMet(parseTarget(targetText(shape, lo, hi, a)), parseActual(`${x}${b}`), shape.direction);
          expect(got).toBe(oracle(shape, lo, hi, fa, x, fb));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('is monotone in the actual: met for ≥ stays met for a bigger actual, for ≤ for a smaller one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '>', '≤', '<'),
        decimalArb,
        decimalArb,
        decimalArb,
        unitPairArb,
        fc.boolean(),
        (op, t, x1, x2, { a, b }, actualInFine) => {
          const [small, big] = ordered(x1, x2);
          const target = parseTarget(`${op}${t}${a}`);
          const unit = actualInFine ? b : a;
          const metSmall = isMet(target, parseActual(`${small}${unit}`));
          const metBig = isMet(target, parseActual(`${big}${unit}`));
          expect(metSmall).not.toBeNull();
          expect(metBig).not.toBeNull();
          if (op === '≥' || op === '>') {
            if (metSmall) expect(metBig).toBe(true);
          } else if (metBig) {
            expect(metSmall).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never decides across kinds that do not convert', () => {
    const pairs: [string, string][] = [
      ['工作日', '天'],
      ['个工作日', '小时'],
      ['年', '天'],
      ['月', '日'],
      ['%', '个'],
      ['万', '人次'],
      ['万元', '分钟'],
      ['人次', '人'],
    ];
    fc.assert(
      fc.property(targetShapeArb, decimalArb, decimalArb, decimalArb, fc.constantFrom(...pairs), fc.boolean(), (shape, t1, t2, x, [u, v], swap) => {
        const [lo, hi] = ordered(t1, t2);
        const [tu, au] = swap ? [v, u] : [u, v];
        expect(isMet(parseTarget(targetText(shape, lo, hi, tu)), parseActual(`${x}${au}`), shape.direction)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('convertToUnit scales exactly and round-trips', () => {
    fc.assert(
      fc.property(decimalArb, unitPairArb, (x, { a, b, ratio }) => {
        const fine = times(x, ratio);
        fc.pre(fitsDouble(fine));
        expect(convertToUnit(Number(x), a, b)).toBe(Number(fine));
        expect(convertToUnit(Number(fine), b, a)).toBe(Number(x));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a unit-less 0.x actual next to a rate target as undecided unless both readings agree', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '≤', '>', '<', '='),
        decimalArb,
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 3 }).filter((f) => /[1-9]/.test(f)),
        (op, t, frac) => {
          const x = canonical(`0.${frac}`);
          const shape: TargetShape = { op, direction: undefined };
          const asPercent = oracle(shape, t, t, 1n, x, 1n);
          const asFraction = oracle(shape, t, t, 1n, x, 100n);
          const got = isMet(parseTarget(`${op}${t}%`), parseActual(x));
          expect(got).toBe(asPercent === asFraction ? asPercent : null);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('isKnownUnit (what OCR accepts as a unit read after a number)', () => {
  it('knows money, time, rates, counting words, with magnitude, per-part and operator words', () => {
    for (const u of ['个', '次', '人次', '万人次', '小时', '分钟', '个工作日', '年', '万元', '万', '亿元', '%', '平方米', '万元/人年', '次/年', '年以上', '个以内', '场']) {
      expect(isKnownUnit(u), u).toBe(true);
    }
  });
  it('refuses misreadings and phrases', () => {
    for (const u of ['', '了', '人个', '型全', '素八', '正常运转', '执行亩', '1个', '万/', '个/年/月']) {
      expect(isKnownUnit(u), u).toBe(false);
    }
  });
  it('UNIT_CHARACTERS holds every Chinese character of the known units, once', () => {
    for (const c of '个次人小时分钟年万元亿工作日平方米以上内') expect(UNIT_CHARACTERS).toContain(c);
    expect(new Set(UNIT_CHARACTERS).size).toBe([...UNIT_CHARACTERS].length);
    expect(UNIT_CHARACTERS).not.toMatch(/[A-Za-z0-9%]/);
  });
});
