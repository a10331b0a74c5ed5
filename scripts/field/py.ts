/**
 * The few Python semantics score.py leans on, so that its TypeScript port (score.ts) gives the
 * same metrics and the same fails list, character for character:
 *
 * - `json.load`: objects keep their key order (a Map: a plain object would move integer-like
 *   keys first), integers stay integers (bigint) apart from floats (number), so `10` and `10.0`
 *   print as Python prints them; NaN / Infinity are accepted as Python's json accepts them.
 * - `str()` and `repr()` of those values (the fails list quotes values with `!r`).
 * - `float()` of a string (whitespace stripped, `_` between digits, Unicode digits, inf / nan).
 * - `round(x, n)`: round half to even on the exact binary value.
 */

/** A value as Python's json module reads it: int → bigint, float → number, object → Map. */
export type Py = null | boolean | string | bigint | number | Py[] | PyDict;
export type PyDict = Map<string, Py>;

// ---------------------------------------------------------------------------------------------
// json.loads

const JSON_WS = /[ \t\n\r]*/y;
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

/** Python's `json.loads`, strict as it is (trailing commas and comments are errors). */
export function parsePyJson(text: string): Py {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`JSON: ${what} at character ${at}`);
  };
  const skip = (): void => {
    JSON_WS.lastIndex = at;
    JSON_WS.exec(text);
    at = JSON_WS.lastIndex;
  };
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) at = re.lastIndex;
    return m;
  };
  const literal = (word: string): boolean => {
    if (!text.startsWith(word, at)) return false;
    at += word.length;
    return true;
  };
  const string = (): string => {
    const m = match(JSON_STRING) ?? fail('a string expected');
    return JSON.parse(m[0]) as string;
  };
  const value = (): Py => {
    skip();
    const c = text[at];
    if (c === '{') {
      at++;
      const out: PyDict = new Map();
      skip();
      if (text[at] === '}') {
        at++;
        return out;
      }
      for (;;) {
        skip();
        const key = string();
        skip();
        if (text[at++] !== ':') fail("':' expected");
        out.set(key, value());
        skip();
        const sep = text[at++];
        if (sep === '}') return out;
        if (sep !== ',') fail("',' or '}' expected");
      }
    }
    if (c === '[') {
      at++;
      const out: Py[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return out;
      }
      for (;;) {
        out.push(value());
        skip();
        const sep = text[at++];
        if (sep === ']') return out;
        if (sep !== ',') fail("',' or ']' expected");
      }
    }
    if (c === '"') return string();
    if (literal('null')) return null;
    if (literal('true')) return true;
    if (literal('false')) return false;
    if (literal('NaN')) return NaN;
    if (literal('Infinity')) return Infinity;
    if (literal('-Infinity')) return -Infinity;
    const m = match(JSON_NUMBER) ?? fail('a value expected');
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const result = value();
  skip();
  if (at < text.length) fail('extra data');
  return result;
}

// ---------------------------------------------------------------------------------------------
// str() and repr()

/** `repr(float)`: the shortest digits that read back, fixed notation for 1e-4 ≤ |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits, as Python does.
  const [mantissa, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1; // x = 0.digits × 10^decpt
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const e = decpt - 1;
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${frac}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Characters `repr` escapes: str.isprintable() is false for C* and Z* categories (space excepted). */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** `repr(str)`. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x7f || ch === ' ' || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + quote;
}

/** `repr(x)`. */
export function pyRepr(x: Py): string {
  if (typeof x === 'string') return strRepr(x);
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  if (x instanceof Map) return `{${[...x].map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  return pyStr(x);
}

/** `str(x)` (what an f-string prints). */
export function pyStr(x: Py): string {
  if (x === null) return 'None';
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (typeof x === 'string') return x;
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'number') return floatRepr(x);
  return pyRepr(x);
}

/** Python truthiness. */
export function pyTruthy(x: Py): boolean {
  if (x === null || x === false || x === '' || x === 0n || x === 0) return false;
  if (Array.isArray(x)) return x.length > 0;
  if (x instanceof Map) return x.size > 0;
  return !Number.isNaN(x);
}

/** `a == b` for the values score.py compares (numbers across int and float, deep for containers). */
export function pyEq(a: Py, b: Py): boolean {
  const num = (v: Py): number | bigint | null => (typeof v === 'number' || typeof v === 'bigint' ? v : typeof v === 'boolean' ? (v ? 1n : 0n) : null);
  const na = num(a);
  const nb = num(b);
  // bigint == number compares the values, as Python's int == float does.
  if (na !== null && nb !== null) return na == nb;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => pyEq(v, b[i] as Py));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && pyEq(v, b.get(k) as Py));
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// float() and round()

/** What str.isspace() holds (Unicode 14, Python 3.11): `\s` in a Python str pattern matches these. */
export const PY_WHITESPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const IS_PY_SPACE = new RegExp(`^[${PY_WHITESPACE}]$`);
const DECIMAL_DIGIT = /\p{Nd}/u;
const DIGITS = '[0-9](?:_?[0-9])*';
const FLOAT_LITERAL = new RegExp(`^[+-]?(?:(?:${DIGITS}\\.(?:${DIGITS})?|\\.${DIGITS}|${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`, 'i');

/** The value of a Unicode decimal digit (digits 0–9 are contiguous runs in Unicode). */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0) as number;
  let run = 0;
  while (cp > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--;
    run++;
  }
  return run % 10;
}

/**
 * `float(s)`, or null where Python raises ValueError. Like CPython, Unicode spaces and decimal
 * digits are first mapped to ASCII, then surrounding spaces are stripped.
 */
export function pyFloat(s: string): number | null {
  let ascii = '';
  for (const ch of s) {
    if (IS_PY_SPACE.test(ch)) ascii += ' ';
    else if (ch.charCodeAt(0) > 0x7f && DECIMAL_DIGIT.test(ch)) ascii += String(digitValue(ch));
    else if (ch.charCodeAt(0) > 0x7f) return null;
    else ascii += ch;
  }
  const t = ascii.trim();
  if (!FLOAT_LITERAL.test(t)) return null;
  const lower = t.toLowerCase().replace(/^[+-]/, '');
  const negative = t.startsWith('-');
  if (lower === 'nan') return NaN;
  if (lower === 'inf' || lower === 'infinity') return negative ? -Infinity : Infinity;
  return Number(t.replaceAll('_', ''));
}

/** The exact value of a finite double as numerator / 2^shift (shift ≥ 0). */
function exactBinary(x: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = (bits >> 52n) & 0x7ffn;
  let mantissa = bits & 0xfffffffffffffn;
  let exp = biased === 0n ? -1074n : biased - 1075n;
  if (biased !== 0n) mantissa |= 1n << 52n;
  let numerator = negative ? -mantissa : mantissa;
  if (exp > 0n) {
    numerator <<= exp;
    exp = 0n;
  }
  return { numerator, shift: -exp };
}

/** `round(x, ndigits)` for ndigits ≥ 0: half to even on the exact value, then the nearest double. */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const { numerator, shift } = exactBinary(x);
  const scaled = numerator * 10n ** BigInt(ndigits); // x × 10^n = scaled / 2^shift
  const den = 1n << shift;
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let q = abs / den;
  const twice = (abs % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const result = Number(`${q}e-${ndigits}`); // string to number rounds correctly, as Python's strtod does
  return negative ? -result : result;
}
