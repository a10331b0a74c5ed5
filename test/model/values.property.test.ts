/**
 * Property tests (fast-check) for the value parsers: a number printed any way a form or OCR
 * prints it reads back exactly; a target built from a random operator spelling, value, unit
 * and spacing reads back its operator, value and unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, isMet, parseAmount, parsePercent, parseTarget, type TargetOp } from '../../src/model/values.js';

/** A decimal as printed: integer digits (no leading zeros) and fraction digits (maybe none). */
const decimalArb = fc.record({
  int: fc.bigInt({ min: 0n, max: 99_999_999_999n }).map(String),
  frac: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 6 }),
  negative: fc.boolean(),
});

function canonicalText(d: { int: string; frac: string; negative: boolean }): string {
  return `${d.negative ? '-' : ''}${d.int}${d.frac === '' ? '' : `.${d.frac}`}`;
}

function groupThousands(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9.,%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Insert OCR spaces between digits of the integer part at random positions. */
function withOcrSpaces(int: string, positions: number[]): string {
  const chars = [...int];
  const set = new Set(positions.map((p) => (chars.length > 1 ? 1 + (p % (chars.length - 1)) : -1)));
  return chars.map((c, i) => (set.has(i) ? ` ${c}` : c)).join('');
}

const printing = fc.record({
  separator: fc.constantFrom('', ',', '，'),
  fullWidth: fc.boolean(),
  trailingZeros: fc.nat({ max: 3 }),
  unit: fc.constantFrom('', '万元', '元', '万', ' 万元', '分'),
  ocrSpaces: fc.array(fc.nat(), { maxLength: 3 }),
  spaceAfterPoint: fc.boolean(),
  padding: fc.constantFrom('', ' ', '  '),
});

describe('parseAmount round trip', () => {
  it('reads back a decimal printed with separators, full width, trailing zeros, OCR spaces and a unit', () => {
    fc.assert(
      fc.property(decimalArb, printing, (d, p) => {
        const expected = Number(canonicalText(d));
        const frac = d.frac + '0'.repeat(p.trailingZeros);
        const int =
          p.separator !== '' ? groupThousands(d.int, p.separator) : withOcrSpaces(d.int, p.ocrSpaces);
        let body = `${d.negative ? '-' : ''}${int}${frac === '' ? '' : `.${p.spaceAfterPoint ? ' ' : ''}${frac}`}`;
        if (p.fullWidth) body = toFullWidth(body);
        const text = `${p.padding}${body}${p.unit}${p.padding}`;
        const parsed = parseAmount(text);
        expect(parsed).toEqual({ kind: 'number', value: expected });
        // Exact: the value prints back as the canonical decimal (no binary drift).
        if (parsed.kind === 'number') expect(compareDecimal(parsed.value, Number(canonicalText(d)))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back a percentage with or without its % sign', () => {
    fc.assert(
      fc.property(decimalArb, fc.constantFrom('%', '％', ' %', ''), fc.boolean(), (d, sign, fullWidth) => {
        const text = `${fullWidth ? toFullWidth(canonicalText(d)) : canonicalText(d)}${sign}`;
        expect(parsePercent(text)).toEqual({ kind: 'number', value: Number(canonicalText(d)) });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and returns invalid with the original text for non-numbers', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const parsed = parseAmount(s);
        if (parsed.kind === 'invalid') expect(parsed.text).toBe(s);
        if (parsed.kind === 'number') expect(Number.isFinite(parsed.value)).toBe(true);
        parseTarget(s);
        parsePercent(s);
      }),
      { numRuns: 500 },
    );
  });
});

/** Operator spellings → canonical op; `suffix` is a word the spelling needs after the unit. */
const OPERATOR_SPELLINGS: readonly { prefix: string; suffix: string; op: TargetOp }[] = [
  { prefix: '≥', suffix: '', op: '≥' },
  { prefix: '>=', suffix: '', op: '≥' },
  { prefix: '＞＝', suffix: '', op: '≥' },
  { prefix: '不低于', suffix: '', op: '≥' },
  { prefix: '不少于', suffix: '', op: '≥' },
  { prefix: '大于等于', suffix: '', op: '≥' },
  { prefix: '达到', suffix: '', op: '≥' },
  { prefix: '≤', suffix: '', op: '≤' },
  { prefix: '<=', suffix: '', op: '≤' },
  { prefix: '＜＝', suffix: '', op: '≤' },
  { prefix: '不高于', suffix: '', op: '≤' },
  { prefix: '不超过', suffix: '', op: '≤' },
  { prefix: '不多于', suffix: '', op: '≤' },
  { prefix: '小于等于', suffix: '', op: '≤' },
  { prefix: '控制在', suffix: '以内', op: '≤' },
  { prefix: '', suffix: '以内', op: '≤' },
  { prefix: '', suffix: '以上', op: '≥' },
  { prefix: '=', suffix: '', op: '=' },
  { prefix: '＝', suffix: '', op: '=' },
  { prefix: '>', suffix: '', op: '>' },
  { prefix: '＞', suffix: '', op: '>' },
  { prefix: '<', suffix: '', op: '<' },
  { prefix: '＜', suffix: '', op: '<' },
  { prefix: '', suffix: '', op: '' },
];

const UNITS = ['', '个', '%', '％', '分钟', '万元', '万元/人年', '次', '工作日', '条', '小时', '年', '人', '万', '套', '台'];

describe('parseTarget round trip', () => {
  it('recovers operator, value and unit from any spelling and spacing', () => {
    const spacing = fc.constantFrom('', ' ', '  ');
    fc.assert(
      fc.property(
        fc.constantFrom(...OPERATOR_SPELLINGS),
        decimalArb.map((d) => ({ ...d, negative: false })),
        fc.constantFrom(...UNITS),
        fc.tuple(spacing, spacing, spacing, spacing, spacing),
        fc.constantFrom('', ',', '，'),
        fc.boolean(),
        (spelling, d, unit, [s0, s1, s2, s3, s4], separator, fullWidth) => {
          const int = separator === '' ? d.int : groupThousands(d.int, separator);
          let number = `${int}${d.frac === '' ? '' : `.${d.frac}`}`;
          if (fullWidth) number = toFullWidth(number);
          const text = `${s0}${spelling.prefix}${s1}${number}${s2}${unit}${s3}${spelling.suffix}${s4}`;
          const parsed = parseTarget(text);
          expect(parsed).toEqual({
            op: spelling.op,
            value: Number(canonicalText(d)),
            unit: unit.normalize('NFKC'),
            qualitative: false,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('isMet agrees with the operator on random values (exact decimals)', () => {
    const ops = ['≥', '≤', '>', '<', '='] as const;
    const small = fc.record({
      int: fc.integer({ min: 0, max: 999 }).map(String),
      frac: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 3 }),
      negative: fc.constant(false),
    });
    fc.assert(
      fc.property(fc.constantFrom(...ops), small, small, fc.constantFrom('', '%', '个'), (op, a, b, unit) => {
        const tv = canonicalText(a);
        const av = canonicalText(b);
        const c = compareDecimal(Number(av), Number(tv));
        const expected = { '≥': c >= 0, '≤': c <= 0, '>': c > 0, '<': c < 0, '=': c === 0 }[op];
        expect(isMet(parseTarget(`${op}${tv}${unit}`), parseTarget(`${av}${unit}`))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
