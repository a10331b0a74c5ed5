/**
 * Value parsers for the cells of a 项目支出绩效自评表: amounts (万元), weights and scores,
 * percentages, and the free-text target / actual values of the indicator table.
 *
 * Pure functions, no I/O. Input is a cell's text as extracted (text layer or OCR): it may hold
 * full-width characters (`１２３．４５`, `％`, `＞＝`), thousands separators (`1,234.56`,
 * `1，234.56`), spaces inside numbers from OCR (`99. 91`, `1 036.44`, `≤156.6 456万`), a
 * trailing unit (`万元`) and dashes meaning "none" (`-`, `—`, `/`, `无`, empty).
 *
 * Numbers are returned as JS numbers parsed from the printed decimal string, so they carry the
 * printed precision exactly as far as a double can (`191.2947` stays `191.2947`). Comparisons
 * go through `compareDecimal`, which compares the shortest decimal representations as scaled
 * big integers, never by floating-point subtraction. `isMet` converts between units of one kind
 * (`万元`/`元`/`亿元`, `分钟`/`小时`/`天`, `月`/`年`, `%`/`‰`, `万人次`/`人次`) by scaling those
 * big integers, so a converted comparison is as exact as an unconverted one.
 */
import { MEASURE_WORDS } from '../dictionary.js';

/** Result of parsing a numeric cell. `empty`: a dash, `无` or nothing printed. */
export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'invalid'; text: string };

/** Comparison operator of a target (`''`: none printed). */
export type TargetOp = '≥' | '≤' | '=' | '>' | '<' | '';

/**
 * A parsed 年度指标值 / 实际完成值.
 *
 * - `value`: the number as printed, in the printed unit (`99.74%` → 99.74, `18.40万元/人年` →
 *   18.4); null when the text has no leading number (qualitative or empty).
 * - `unit`: the text after the number, whitespace removed (`个`, `%`, `分钟`, `万元/人年`), with
 *   the operator words `以上` / `以下` / `以内` moved into `op`.
 * - `qualitative`: non-empty text that is not a number (`正常运转`, `优良中低差`, `同比上升`):
 *   judged by the unit, never computed. An empty cell is neither numeric nor qualitative.
 * - `upper`: only for a range (`90%-100%`, `1~3个`). A range is read as `op: '≥'` with
 *   `value` the lower bound and `upper` the upper bound (inclusive): the target is met by any
 *   actual inside the range. Absent for every other target.
 */
export interface ParsedTarget {
  op: TargetOp;
  value: number | null;
  unit: string;
  qualitative: boolean;
  upper?: number;
}

/** Whether a bigger actual is better (`higher-better`) or a smaller one (`lower-better`). */
export type Direction = 'higher-better' | 'lower-better';

// ---------------------------------------------------------------------------------------------
// Text normalization

/** Texts that mean "nothing printed" in a numeric cell (after `normalizeValueText`). */
const EMPTY_TEXTS = new Set(['', '-', '--', '/', '\\', '无', '一', '空', 'n/a', 'N/A', '不适用']);

/**
 * NFKC (full-width digits, letters, `％`, `，`, `．`, `＞＝` → ASCII), one spelling per operator
 * (`>=`, `≧`, `⩾` → `≥`; `<=`, `≦`, `⩽` → `≤`), every dash (`—`, `–`, `－`, `―`) → `-`,
 * the ideographic full stop inside a number (`99。74`) → `.`, runs of whitespace → one space,
 * trimmed. `一` (OCR's reading of `—`) is left alone here; `parseAmount` treats it as empty.
 */
export function normalizeValueText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/g, (m) => (m.length > 1 ? '--' : '-'))
    .replace(/(\d)\s*。\s*(\d)/g, '$1.$2')
    .replace(/>=|=>|≧|⩾/g, '≥')
    .replace(/<=|=<|≦|⩽/g, '≤')
    .replace(/\s+/g, ' ')
    .trim();
}

function isEmptyText(normalized: string): boolean {
  return EMPTY_TEXTS.has(normalized) || /^-+$/.test(normalized);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * A number at the start of a string: optional sign, digits possibly split by OCR spaces or
 * grouped by commas, optional fraction (spaces allowed around the point: `99. 91`).
 */
const NUMBER_SOURCE = String.raw`[+-]?\d(?:[\d ,]*\d)?(?: ?\. ?\d(?:[\d ]*\d)?)?`;
const LEADING_NUMBER = new RegExp(`^(${NUMBER_SOURCE})`);
const WHOLE_NUMBER = new RegExp(`^${NUMBER_SOURCE}$`);

/**
 * The canonical decimal string of a matched number token (spaces and thousands separators
 * dropped), or null when its commas are not thousands grouping (`1,2` is not a number here:
 * a comma for a decimal point is an OCR error that must surface, not be guessed).
 */
function cleanNumberToken(token: string): string | null {
  const compact = token.replace(/ /g, '');
  if (compact.includes(',')) {
    const [intPart = '', ...rest] = compact.split('.');
    if (rest.length > 1) return null;
    if (!/^[+-]?\d{1,3}(?:,\d{3})+$/.test(intPart)) return null;
  }
  const plain = compact.replace(/,/g, '');
  return /^[+-]?\d+(?:\.\d+)?$/.test(plain) ? plain : null;
}

/** Trailing units accepted after an amount, weight or score. */
const AMOUNT_UNIT = /\s*(?:万元|元|万|分)$/;

/**
 * Parse an amount (万元), a weight (分值) or a score (得分).
 * `—`, `-`, `/`, `无`, empty → `empty`; `1,234.56`, `1 036.44`, `１２３．４５万元` → number;
 * anything else (including a stray `%`) → `invalid` with the original text.
 */
export function parseAmount(text: string): ParsedNumber {
  const t = normalizeValueText(text);
  if (isEmptyText(t)) return { kind: 'empty' };
  const body = t.replace(AMOUNT_UNIT, '').trim();
  const value = parseNumberBody(body);
  return value === null ? { kind: 'invalid', text } : { kind: 'number', value };
}

/**
 * Parse a percentage as printed, in percent units: `99.74%` → 99.74, `90.40 ％` → 90.4.
 * The `%` sign may be missing (`99.74` → 99.74). Dashes and empty → `empty`.
 */
export function parsePercent(text: string): ParsedNumber {
  const t = normalizeValueText(text);
  if (isEmptyText(t)) return { kind: 'empty' };
  const body = t.replace(/\s*%$/, '').trim();
  const value = parseNumberBody(body);
  return value === null ? { kind: 'invalid', text } : { kind: 'number', value };
}

function parseNumberBody(body: string): number | null {
  if (!WHOLE_NUMBER.test(body)) return null;
  const clean = cleanNumberToken(body);
  return clean === null ? null : Number(clean);
}

/**
 * Number of fraction digits as printed (`9.9` → 1, `9.90` → 2, `10` → 0, `99.74%` → 2), for the
 * rounding checks that work "at the printed precision"; null when the text is not a number
 * (amount or percentage syntax).
 */
export function printedDecimals(text: string): number | null {
  const t = normalizeValueText(text)
    .replace(/\s*%$/, '')
    .replace(AMOUNT_UNIT, '')
    .trim();
  if (!WHOLE_NUMBER.test(t)) return null;
  const clean = cleanNumberToken(t);
  if (clean === null) return null;
  const dot = clean.indexOf('.');
  return dot < 0 ? 0 : clean.length - dot - 1;
}

// ---------------------------------------------------------------------------------------------
// Exact decimal comparison

/** An exact decimal `digits × 10^-scale` (scale ≥ 0). */
interface Dec {
  digits: bigint;
  scale: number;
}

/** A finite number as `digits × 10^-scale`, from its shortest round-trip decimal string. */
function toScaled(n: number): Dec {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new RangeError(`unexpected number format: ${s}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = m;
  let scale = frac.length - Number(exp);
  let digits = BigInt(int + frac);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/** Exact comparison of two scaled decimals. */
function compareDec(x: Dec, y: Dec): -1 | 0 | 1 {
  const scale = Math.max(x.scale, y.scale);
  const xa = x.digits * 10n ** BigInt(scale - x.scale);
  const ya = y.digits * 10n ** BigInt(scale - y.scale);
  return xa < ya ? -1 : xa > ya ? 1 : 0;
}

/**
 * Compare two numbers as the decimals they print as (shortest round-trip representation), so
 * `0.1 + 0.2` is not a concern for parsed values: `compareDecimal(47.04, 47.04) === 0`.
 * Returns -1, 0 or 1.
 */
export function compareDecimal(a: number, b: number): -1 | 0 | 1 {
  return compareDec(toScaled(a), toScaled(b));
}

// ---------------------------------------------------------------------------------------------
// Targets and actuals

/** Operator words and symbols at the start of a target, longest first. */
const PREFIX_OPERATORS: readonly (readonly [string, Exclude<TargetOp, ''>])[] = [
  ['大于或等于', '≥'],
  ['小于或等于', '≤'],
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['控制在', '≤'],
  ['至少', '≥'],
  ['达到', '≥'],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['等于', '='],
  ['≥', '≥'],
  ['≤', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

/** Operator words after the unit: `90%以上`, `5万元以下`, `3个工作日内`, `控制在5%以内`. */
const SUFFIX_OPERATORS: readonly (readonly [RegExp, Exclude<TargetOp, ''>])[] = [
  [/(?:及以上|以上)$/, '≥'],
  [/(?:及以下|以下)$/, '≤'],
  [/(?:以内|之内|内)$/, '≤'],
];

/** Range separators between two numbers: `90%-100%`, `1~3个`, `80%至90%`. */
const RANGE_TAIL = new RegExp(`^([^\\d~至到-]*?) ?(?:-|~|至|到) ?(${NUMBER_SOURCE})(.*)$`);

const EMPTY_TARGET: ParsedTarget = { op: '', value: null, unit: '', qualitative: false };
const QUALITATIVE_TARGET: ParsedTarget = { op: '', value: null, unit: '', qualitative: true };

/**
 * Parse a 年度指标值: `≥1个`, `≤ 20 分钟`, `=2`, `100%`, `不低于95%`, `控制在5%以内`,
 * `18.40万元/人年` (op ''), `≥1,500,000条`; qualitative text (`正常运转`, `优良中低差`,
 * `可达到预期指标`, `未超过`) → `{ op: '', value: null, unit: '', qualitative: true }`;
 * empty or a dash → `{ op: '', value: null, unit: '', qualitative: false }`.
 *
 * A value is read only when the text starts with it (after an operator): a sentence with a
 * number inside (`提前3天完成`) is qualitative. Ranges: see `ParsedTarget.upper`.
 */
export function parseTarget(text: string): ParsedTarget {
  const t = normalizeValueText(text);
  if (isEmptyText(t)) return { ...EMPTY_TARGET };

  let op: TargetOp = '';
  let rest = t;
  for (const [word, sym] of PREFIX_OPERATORS) {
    if (rest.startsWith(word)) {
      op = sym;
      rest = rest.slice(word.length).trimStart();
      break;
    }
  }

  const numberMatch = LEADING_NUMBER.exec(rest);
  if (!numberMatch) return { ...QUALITATIVE_TARGET };
  const token = numberMatch[1] ?? '';
  const clean = cleanNumberToken(token);
  if (clean === null) return { ...QUALITATIVE_TARGET };
  const value = Number(clean);
  let tail = rest.slice(token.length);

  if (op === '') {
    const range = RANGE_TAIL.exec(tail);
    const upperClean = range ? cleanNumberToken(range[2] ?? '') : null;
    if (range && upperClean !== null) {
      const firstUnit = compactUnit(range[1] ?? '');
      const secondUnit = compactUnit(range[3] ?? '');
      const upper = Number(upperClean);
      const [lo, hi] = compareDecimal(value, upper) <= 0 ? [value, upper] : [upper, value];
      return { op: '≥', value: lo, unit: secondUnit || firstUnit, qualitative: false, upper: hi };
    }
  }

  tail = compactUnit(tail);
  for (const [pattern, sym] of SUFFIX_OPERATORS) {
    if (pattern.test(tail)) {
      tail = tail.replace(pattern, '');
      if (op === '') op = sym;
      break;
    }
  }
  return { op, value, unit: tail, qualitative: false };
}

/** A unit as printed, whitespace removed (`万元 / 人年` → `万元/人年`). */
function compactUnit(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Parse a 实际完成值. Same grammar as a target: an actual may carry an operator too
 * (`≤47.04万元`, meaning "stayed within 47.04万元"), which `isMet` reads as a bound.
 */
export function parseActual(text: string): ParsedTarget {
  return parseTarget(text);
}

// ---------------------------------------------------------------------------------------------
// Units

/**
 * A unit resolved for comparison: its dimension and its size in the dimension's base unit.
 * `dim: ''` is "no unit printed". Base units: 元 (money), 秒 (time), 月 (calendar months),
 * ‰ (rates), 工作日 (working days: a dimension of its own, never converted to 天).
 * Any other unit is a dimension of its own (`u:个`, `u:人次`), comparable only with itself and
 * with its 万 / 亿 multiples (`万人次` = 10 000 `人次`).
 */
interface UnitInfo {
  dim: string;
  factor: bigint;
}

const NO_UNIT: UnitInfo = { dim: '', factor: 1n };

/** Known units (normalized key → dimension and size in the base unit). */
const UNIT_TABLE: ReadonlyMap<string, UnitInfo> = new Map(
  (
    [
      // Money, base 元. A bare 万 / 亿 (`≤65.88万`, `12万`) is read as 万元 / 亿元: comparable
      // with money and with itself, not with counts (`万` vs `人次` stays undecided).
      ['money', 1n, ['元', '元人民币']],
      ['money', 1_000n, ['千元']],
      ['money', 10_000n, ['万元', '万', '万元人民币']],
      ['money', 1_000_000n, ['百万元', '百万']],
      ['money', 10_000_000n, ['千万元', '千万']],
      ['money', 100_000_000n, ['亿元', '亿']],
      // Time, base 秒. 分 is 分钟 here: a score in 分 is never compared with a duration.
      ['time', 1n, ['秒', '秒钟', 's', 'sec', 'secs', 'second', 'seconds']],
      ['time', 60n, ['分钟', '分', 'min', 'mins', 'minute', 'minutes']],
      ['time', 3_600n, ['小时', '个小时', '时', '钟头', '个钟头', 'h', 'hr', 'hrs', 'hour', 'hours']],
      ['time', 86_400n, ['天', '日', 'day', 'days']],
      ['time', 604_800n, ['周', '个周', '星期', '个星期', 'week', 'weeks']],
      // Calendar months, base 月 (a month has no fixed number of days, a year has 12 months).
      ['month', 1n, ['月', '个月']],
      ['month', 3n, ['季度', '个季度']],
      ['month', 12n, ['年']],
      // Working days: comparable only with working days.
      ['workday', 1n, ['工作日', '个工作日']],
      // Rates, base ‰ (`%` and `％` are one spelling after NFKC).
      ['percent', 1n, ['‰']],
      ['percent', 10n, ['%', '百分比']],
    ] as const
  ).flatMap(([dim, factor, keys]) => keys.map((k) => [k, { dim, factor }] as const)),
);

/** Magnitude prefixes read as multipliers on any other unit: `万人次`, `万条`, `万元/人年`. */
const MAGNITUDE_PREFIXES: readonly (readonly [string, bigint])[] = [
  ['千万', 10_000_000n],
  ['百万', 1_000_000n],
  ['亿', 100_000_000n],
  ['万', 10_000n],
];

/** A unit's comparison key: NFKC, whitespace removed, ASCII lower-cased. */
function unitKeyText(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function resolveUnit(unit: string): UnitInfo {
  const key = unitKeyText(unit);
  if (key === '') return NO_UNIT;
  const known = UNIT_TABLE.get(key);
  if (known) return known;
  for (const [prefix, multiplier] of MAGNITUDE_PREFIXES) {
    if (key.length > prefix.length && key.startsWith(prefix)) {
      const base = resolveUnit(key.slice(prefix.length));
      if (base.dim !== '') return { dim: base.dim, factor: base.factor * multiplier };
    }
  }
  return { dim: `u:${key}`, factor: 1n };
}

/**
 * Is `unit` one a target is printed with: a money, time, calendar or rate unit of the table
 * above or a counting word (`MEASURE_WORDS`), optionally with a magnitude prefix (`万人次`),
 * a per-part (`万元/人年`, `次/年`) and an operator word after it (`以上`, `以内`).
 */
export function isKnownUnit(unit: string): boolean {
  let key = unitKeyText(unit);
  for (const [pattern] of SUFFIX_OPERATORS) key = key.replace(pattern, '');
  if (key === '') return false;
  const known = (k: string): boolean => {
    if (UNIT_TABLE.has(k) || MEASURE_WORDS.includes(k)) return true;
    const prefix = MAGNITUDE_PREFIXES.find(([p]) => k.length > p.length && k.startsWith(p));
    return prefix !== undefined && known(k.slice(prefix[0].length));
  };
  const parts = key.split('/');
  return parts.length <= 2 && known(parts[0] ?? '') && (parts[1] === undefined || /^[\u4e00-\u9fff]{1,3}$/u.test(parts[1]));
}

/** Every Chinese character of the known units and operator words (an OCR whitelist for a unit). */
export const UNIT_CHARACTERS: string = [
  ...new Set([...[...UNIT_TABLE.keys(), ...MEASURE_WORDS, ...MAGNITUDE_PREFIXES.map(([p]) => p), '以上以下以内之内及'].join('')].filter((c) => /[\u4e00-\u9fff]/u.test(c))),
].join('');

/**
 * Can `isMet` compare a value in unit `a` with one in unit `b`? True when the units are the
 * same after aliasing (`分`/`分钟`, `万`/`万元`, `天`/`日`, `个月`/`月`, `%`/`％`), when they
 * measure the same thing and convert exactly (`万元`/`元`/`亿元`, `万人次`/`人次`,
 * `秒`/`分钟`/`小时`/`天`/`周`, `月`/`季度`/`年`, `%`/`‰`, `万X`/`X` for any unit X), or when
 * one side has no unit (it is read in the other side's unit). `工作日` is comparable only with
 * `工作日`; `天` and `月`, `年` and `天` are not comparable (no fixed ratio).
 */
export function unitsCompatible(a: string, b: string): boolean {
  const x = resolveUnit(a);
  const y = resolveUnit(b);
  return x.dim === '' || y.dim === '' || x.dim === y.dim;
}

/**
 * Convert `value` printed in unit `from` to unit `to`: `convertToUnit(65.88, '万元', '元')` →
 * 658800, `convertToUnit(90, '分钟', '小时')` → 1.5, `convertToUnit(1, '年', '个月')` → 12.
 * Null when the units are not comparable (`unitsCompatible` false: `工作日` → `天`, `个` → `%`).
 * A missing unit on either side means "the same unit": the value is returned unchanged.
 *
 * The conversion is done on the printed decimal with BigInt arithmetic, so the result is the
 * exact decimal whenever that terminates (`658800`, `1.5`); a non-terminating quotient
 * (20分钟 → 0.333…小时) is the nearest double. `isMet` never goes through this function: it
 * compares the exact decimals in the base unit.
 */
export function convertToUnit(value: number, from: string, to: string): number | null {
  const f = resolveUnit(from);
  const t = resolveUnit(to);
  if (f.dim === '' || t.dim === '') return value;
  if (f.dim !== t.dim) return null;
  if (f.factor === t.factor) return value;
  const d = toScaled(value);
  return Number(divideToDecimalString(d.digits * f.factor, 10n ** BigInt(d.scale) * t.factor));
}

/** `num / den` (den > 0) as a decimal string: exact when it terminates, else 25 significant digits. */
function divideToDecimalString(num: bigint, den: bigint): string {
  const negative = num < 0n;
  const n = negative ? -num : num;
  const intPart = n / den;
  let rem = n % den;
  let frac = '';
  let significant = intPart === 0n ? 0 : intPart.toString().length;
  while (rem !== 0n && significant < 25) {
    rem *= 10n;
    const digit = rem / den;
    rem %= den;
    frac += digit.toString();
    if (significant > 0 || digit !== 0n) significant += 1;
  }
  return `${negative ? '-' : ''}${intPart}${frac === '' ? '' : `.${frac}`}`;
}

// ---------------------------------------------------------------------------------------------
// Target met?

/** A set of reals: an interval with optional bounds (null = unbounded), in a base unit. */
interface Interval {
  lo: Dec | null;
  loOpen: boolean;
  hi: Dec | null;
  hiOpen: boolean;
}

/** A value in its unit's base unit, exactly: `65.88` 万元 → 658800 (元). */
function inBase(value: number, factor: bigint): Dec {
  const d = toScaled(value);
  return { digits: d.digits * factor, scale: d.scale };
}

function intervalOf(v: ParsedTarget & { value: number }, factor: bigint, bare: 'point' | Direction): Interval {
  const value = inBase(v.value, factor);
  if (v.upper !== undefined) return { lo: value, loOpen: false, hi: inBase(v.upper, factor), hiOpen: false };
  switch (v.op) {
    case '≥':
      return { lo: value, loOpen: false, hi: null, hiOpen: false };
    case '>':
      return { lo: value, loOpen: true, hi: null, hiOpen: false };
    case '≤':
      return { lo: null, loOpen: false, hi: value, hiOpen: false };
    case '<':
      return { lo: null, loOpen: false, hi: value, hiOpen: true };
    case '=':
      return { lo: value, loOpen: false, hi: value, hiOpen: false };
    case '':
      if (bare === 'higher-better') return { lo: value, loOpen: false, hi: null, hiOpen: false };
      if (bare === 'lower-better') return { lo: null, loOpen: false, hi: value, hiOpen: false };
      return { lo: value, loOpen: false, hi: value, hiOpen: false };
  }
}

/** Does lower bound `a` start at or after lower bound `b` (a's side is no wider)? */
function lowerWithin(a: Interval, b: Interval): boolean {
  if (b.lo === null) return true;
  if (a.lo === null) return false;
  const c = compareDec(a.lo, b.lo);
  return c > 0 || (c === 0 && (a.loOpen || !b.loOpen));
}

function upperWithin(a: Interval, b: Interval): boolean {
  if (b.hi === null) return true;
  if (a.hi === null) return false;
  const c = compareDec(a.hi, b.hi);
  return c < 0 || (c === 0 && (a.hiOpen || !b.hiOpen));
}

function isSubset(a: Interval, b: Interval): boolean {
  return lowerWithin(a, b) && upperWithin(a, b);
}

function isDisjoint(a: Interval, b: Interval): boolean {
  // a lies entirely above b, or entirely below it.
  const above = (x: Interval, y: Interval): boolean => {
    if (x.lo === null || y.hi === null) return false;
    const c = compareDec(x.lo, y.hi);
    return c > 0 || (c === 0 && (x.loOpen || y.hiOpen));
  };
  return above(a, b) || above(b, a);
}

const DEC_ZERO: Dec = { digits: 0n, scale: 0 };
const DEC_ONE: Dec = { digits: 1n, scale: 0 };

/**
 * Could these unit-less numbers be a rate printed as a fraction (`0.96` for 96%)? True when
 * every number is within [0, 1] and one lies strictly between (a `0.x` figure): `1` or `0`
 * alone read as percent.
 */
function looksLikeFraction(v: ParsedTarget & { value: number }): boolean {
  const nums = [toScaled(v.value), ...(v.upper === undefined ? [] : [toScaled(v.upper)])];
  const inUnit = nums.every((d) => compareDec(d, DEC_ZERO) >= 0 && compareDec(d, DEC_ONE) <= 0);
  const inside = nums.some((d) => compareDec(d, DEC_ZERO) > 0 && compareDec(d, DEC_ONE) < 0);
  return inUnit && inside;
}

/** 100% in the percent base unit (‰): the factor that reads a fraction as a rate. */
const FRACTION_IN_PERMILLE = 1_000n;

function hasValue(v: ParsedTarget): v is ParsedTarget & { value: number } {
  return v.value !== null;
}

/**
 * Is the actual meeting the target? Decidable only when both are numeric and their units are
 * comparable (`unitsCompatible`); otherwise null (`3工作日` vs `100%`, `≤3个工作日` vs `2天`,
 * qualitative `正常运转` vs `正常运转`).
 *
 * Units: values in different units of one kind are compared after exact conversion to the
 * base unit (`≤65.88万元` vs `658800元` → true, `≤20分钟` vs `0.5小时` → false, `≥1亿元` vs
 * `9000万元` → false, `≥1年` vs `12个月` → true); see `unitsCompatible` for what converts.
 * A side without a unit is read in the other side's unit (`≥90%` vs `90` → true), except that
 * a unit-less `0.x` figure next to a rate (`≥95%` vs `0.96`) may be a fraction (96%) or a
 * percentage (0.96%): both readings are tried, and the result is null unless they agree
 * (`≥90%` vs `0.5` → false either way).
 *
 * The target is a set of acceptable values: `≥ t`, `> t`, `≤ t`, `< t`, `= t`, a range
 * `[lo, upper]`; a bare number (op '') is read by `direction`: `higher-better` → `≥ t`,
 * `lower-better` → `≤ t`, and by default (no direction given) equality counts as met and a
 * bigger actual too, i.e. the same as `higher-better` (seed form 8: `50` vs `60` is met).
 * The actual is a point, or a bound when it carries an operator (`≤47.04万元` → any value up
 * to 47.04). Met → true when every value the actual allows is acceptable, false when none is,
 * null when the bound straddles the target.
 *
 * Comparison is exact on the printed decimals (BigInt scaling, no binary floating point).
 */
export function isMet(target: ParsedTarget, actual: ParsedTarget, direction?: Direction): boolean | null {
  if (!hasValue(target) || !hasValue(actual)) return null;
  if (target.qualitative || actual.qualitative) return null;
  const tu = resolveUnit(target.unit);
  const au = resolveUnit(actual.unit);

  /** Readings as [target factor, actual factor], each a way to put both in one unit. */
  const readings: (readonly [bigint, bigint])[] = [];
  if (tu.dim === '' || au.dim === '') {
    readings.push([1n, 1n]);
    if (tu.dim === 'percent' && looksLikeFraction(actual)) readings.push([tu.factor, FRACTION_IN_PERMILLE]);
    if (au.dim === 'percent' && looksLikeFraction(target)) readings.push([FRACTION_IN_PERMILLE, au.factor]);
  } else if (tu.dim === au.dim) {
    readings.push([tu.factor, au.factor]);
  } else {
    return null;
  }

  let verdict: boolean | null | undefined;
  for (const [tf, af] of readings) {
    const acceptable = intervalOf(target, tf, direction ?? 'higher-better');
    const observed = intervalOf(actual, af, 'point');
    const met = isSubset(observed, acceptable) ? true : isDisjoint(observed, acceptable) ? false : null;
    if (met === null || (verdict !== undefined && verdict !== met)) return null;
    verdict = met;
  }
  return verdict ?? null;
}
