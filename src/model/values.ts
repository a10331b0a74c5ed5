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
 * big integers, never by floating-point subtraction.
 */

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

/** A finite number as `digits × 10^-scale`, from its shortest round-trip decimal string. */
function toScaled(n: number): { digits: bigint; scale: number } {
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

/**
 * Compare two numbers as the decimals they print as (shortest round-trip representation), so
 * `0.1 + 0.2` is not a concern for parsed values: `compareDecimal(47.04, 47.04) === 0`.
 * Returns -1, 0 or 1.
 */
export function compareDecimal(a: number, b: number): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const xa = x.digits * 10n ** BigInt(scale - x.scale);
  const ya = y.digits * 10n ** BigInt(scale - y.scale);
  return xa < ya ? -1 : xa > ya ? 1 : 0;
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
// Target met?

/** Unit spellings that mean the same thing, for `isMet` (key → canonical). */
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  分: '分钟',
  min: '分钟',
  万: '万元',
  时: '小时',
  h: '小时',
  天: '日',
  百分比: '%',
};

function unitKey(unit: string): string {
  const u = unit.trim();
  return UNIT_ALIASES[u] ?? u;
}

/** Units are compatible when equal after aliasing, or when one side has none. */
export function unitsCompatible(a: string, b: string): boolean {
  const x = unitKey(a);
  const y = unitKey(b);
  return x === '' || y === '' || x === y;
}

/** A set of reals: an interval with optional bounds (null = unbounded). */
interface Interval {
  lo: number | null;
  loOpen: boolean;
  hi: number | null;
  hiOpen: boolean;
}

function intervalOf(op: TargetOp, value: number, upper: number | undefined, bare: 'point' | Direction): Interval {
  if (upper !== undefined) return { lo: value, loOpen: false, hi: upper, hiOpen: false };
  switch (op) {
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
  const c = compareDecimal(a.lo, b.lo);
  return c > 0 || (c === 0 && (a.loOpen || !b.loOpen));
}

function upperWithin(a: Interval, b: Interval): boolean {
  if (b.hi === null) return true;
  if (a.hi === null) return false;
  const c = compareDecimal(a.hi, b.hi);
  return c < 0 || (c === 0 && (a.hiOpen || !b.hiOpen));
}

function isSubset(a: Interval, b: Interval): boolean {
  return lowerWithin(a, b) && upperWithin(a, b);
}

function isDisjoint(a: Interval, b: Interval): boolean {
  // a lies entirely above b, or entirely below it.
  const above = (x: Interval, y: Interval): boolean => {
    if (x.lo === null || y.hi === null) return false;
    const c = compareDecimal(x.lo, y.hi);
    return c > 0 || (c === 0 && (x.loOpen || y.hiOpen));
  };
  return above(a, b) || above(b, a);
}

/**
 * Is the actual meeting the target? Decidable only when both are numeric and their units are
 * compatible (`unitsCompatible`: equal after aliasing `分`/`分钟`, `万`/`万元`, or one side
 * without a unit); otherwise null (`3工作日` vs `100%`, qualitative `正常运转` vs `正常运转`).
 *
 * The target is a set of acceptable values: `≥ t`, `> t`, `≤ t`, `< t`, `= t`, a range
 * `[lo, upper]`; a bare number (op '') is read by `direction`: `higher-better` → `≥ t`,
 * `lower-better` → `≤ t`, and by default (no direction given) equality counts as met and a
 * bigger actual too, i.e. the same as `higher-better` (seed form 8: `50` vs `60` is met).
 * The actual is a point, or a bound when it carries an operator (`≤47.04万元` → any value up
 * to 47.04). Met → true when every value the actual allows is acceptable, false when none is,
 * null when the bound straddles the target.
 *
 * Comparison is exact on the printed decimals (`compareDecimal`).
 */
export function isMet(target: ParsedTarget, actual: ParsedTarget, direction?: Direction): boolean | null {
  if (target.value === null || actual.value === null) return null;
  if (target.qualitative || actual.qualitative) return null;
  if (!unitsCompatible(target.unit, actual.unit)) return null;
  const acceptable = intervalOf(target.op, target.value, target.upper, direction ?? 'higher-better');
  const observed = intervalOf(actual.op, actual.value, actual.upper, 'point');
  if (isSubset(observed, acceptable)) return true;
  if (isDisjoint(observed, acceptable)) return false;
  return null;
}
