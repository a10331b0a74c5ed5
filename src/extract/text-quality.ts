/**
 * Does a page's text layer say what the page shows? The per-page decision between the text
 * path and OCR: a page goes to OCR when it has no usable text layer.
 *
 * - **No text** (no non-blank run) but an image: a scanned page.
 * - **Garbage**: `(cid:NNN)` codes (what a text extractor writes for a glyph it cannot map),
 *   U+FFFD, private-use characters (U+E000–U+F8FF and planes 15–16), control characters, and CJK
 *   radical code points (U+2E80–U+2EFF, U+2F00–U+2FDF) with no equivalent ideograph — in at
 *   least `GARBAGE_SHARE` of the page's characters. Radicals that do have an equivalent unified
 *   ideograph (`⽬` for `目`: the cmaps of some CJK fonts) are not garbage: `repairText`
 *   (text.ts) maps them to that ideograph when the text is extracted, which is exact, and this
 *   module counts any that are still there as the ideograph they stand for.
 * - **Mojibake** from a font without a ToUnicode map (`ÏîÄ¿Ãû³Æ` for 项目名称, GBK bytes read as
 *   Latin-1): at least `FOREIGN_SHARE` of the characters outside Chinese, ASCII and the
 *   punctuation and symbols a form uses; or, on a page whose ruling lines form a table, fewer
 *   than `MIN_CJK_SHARE` Chinese characters among the letters (digits and punctuation left out,
 *   so a page holding only `总分 100 99.97` is fine), counted when there are at least
 *   `MIN_LETTERS` letters.
 * - **A scan with a text layer** (an image covering ≥ `SCAN_COVERAGE` of the page, as from a
 *   scanner's own OCR) and no vector ruling lines: the text may be right, but the table's grid
 *   can only come from the pixels.
 *
 * The thresholds leave every digital page of the committed fixtures on the text path, with a
 * wide margin: on their 162 pages there is no garbage and no foreign character at all, and a
 * ruled page has at least 97 % Chinese among its letters (seed page 10: 3 Latin letters).
 */
import { RADICAL_TO_IDEOGRAPH } from './radicals.js';
import { SCAN_COVERAGE } from './render.js';
import type { PageContent, Segment } from './types.js';

/** A page with at least this fraction of garbage characters goes to OCR. */
export const GARBAGE_SHARE = 0.05;
/** A page with at least this fraction of characters outside the ordinary sets goes to OCR. */
export const FOREIGN_SHARE = 0.3;
/** A ruled page with fewer Chinese characters than this among its letters goes to OCR. */
export const MIN_CJK_SHARE = 0.5;
/** …when it has at least this many letters. */
export const MIN_LETTERS = 8;

export type OcrReason = 'no-text' | 'garbage' | 'mojibake' | 'scan';

/** Text path, or OCR with the reason and a phrase saying why (for a finding). */
export type TextLayerVerdict = { ocr: false } | { ocr: true; reason: OcrReason; why: string };

/** What the characters of a text are (whitespace not counted). */
export interface CharCounts {
  /** Non-blank characters; a `(cid:NNN)` code counts as one. */
  total: number;
  /** CJK ideographs (and radicals that stand for one). */
  cjk: number;
  /** Latin letters, ASCII or full-width. */
  latin: number;
  /** Digits, punctuation and the symbols forms use (`≥ ≤ — ％ · ×`). */
  neutral: number;
  /** Characters of no script a Chinese form is written in (Latin-1 letters, Greek, kana…). */
  foreign: number;
  cid: number;
  replacement: number;
  privateUse: number;
  control: number;
  /** Radicals with no equivalent ideograph. */
  radical: number;
}

const CID = /\(cid:\d+\)/gu;

/** Count the kinds of characters in `text`. */
export function countChars(text: string): CharCounts {
  const c: CharCounts = { total: 0, cjk: 0, latin: 0, neutral: 0, foreign: 0, cid: 0, replacement: 0, privateUse: 0, control: 0, radical: 0 };
  const rest = text.replace(CID, () => {
    c.cid++;
    return ' ';
  });
  for (const ch of rest) {
    const cp = ch.codePointAt(0) as number;
    if (/\s/u.test(ch)) continue;
    const kind = charKind(cp);
    c[kind]++;
  }
  c.total = c.cid + c.cjk + c.latin + c.neutral + c.foreign + c.replacement + c.privateUse + c.control + c.radical;
  return c;
}

type CharKind = Exclude<keyof CharCounts, 'total' | 'cid'>;

function charKind(cp: number): CharKind {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return 'latin';
  if (cp < 0x7f) return 'neutral';
  if (isIdeograph(cp)) return 'cjk';
  if (cp >= 0x2e80 && cp <= 0x2fdf) return RADICAL_TO_IDEOGRAPH.has(cp) ? 'cjk' : 'radical';
  if (cp === 0xfffd) return 'replacement';
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return 'privateUse';
  if (isFormSymbol(cp)) return 'neutral';
  return 'foreign';
}

function isIdeograph(cp: number): boolean {
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // unified ideographs
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x20000 && cp <= 0x3ffff) // planes 2–3
  );
}

/** Punctuation and symbols of Chinese forms (besides ASCII): not a sign of a broken font. */
function isFormSymbol(cp: number): boolean {
  return (
    cp === 0xa0 || // no-break space
    cp === 0xb0 || // °
    cp === 0xb1 || // ±
    cp === 0xb7 || // ·
    cp === 0xd7 || // ×
    cp === 0xf7 || // ÷
    (cp >= 0x2000 && cp <= 0x206f) || // general punctuation: — “ ” ‘ ’ … ‰
    (cp >= 0x2100 && cp <= 0x27bf) || // letterlike, number forms (Ⅱ), arrows, math (≥ ≤), technical, enclosed (①), box drawing, shapes (□ ■), dingbats (✓)
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation: 、。《》【】
    (cp >= 0x3200 && cp <= 0x33ff) || // enclosed CJK (㈠), CJK compatibility (㎡)
    (cp >= 0xfe10 && cp <= 0xfe6f) || // vertical, compatibility and small forms
    (cp >= 0xff00 && cp <= 0xffef) // full-width digits and punctuation (letters are counted as Latin before)
  );
}

/** Ruling lines that form a table: at least two horizontal and two vertical ones, apart. */
export function hasRulingTable(segments: readonly Segment[]): boolean {
  const positions = (axis: 'h' | 'v'): number => new Set(segments.filter((s) => s.axis === axis).map((s) => Math.round(s.pos))).size;
  return positions('h') >= 2 && positions('v') >= 2;
}

/** Whether a page goes to OCR, and why. */
export function textLayerVerdict(page: PageContent): TextLayerVerdict {
  const p = page.pageNumber;
  const c = countChars(page.runs.map((r) => r.text).join(' '));
  if (c.total === 0) {
    return page.imageCount > 0 ? { ocr: true, reason: 'no-text', why: `page ${p} is a scanned image` } : { ocr: false };
  }
  const garbage = c.cid + c.replacement + c.privateUse + c.control + c.radical;
  if (garbage >= GARBAGE_SHARE * c.total) {
    const kinds: [number, string][] = [
      [c.cid, 'cid:… codes'],
      [c.replacement, 'U+FFFD replacement characters'],
      [c.privateUse, 'private-use characters'],
      [c.control, 'control characters'],
      [c.radical, 'CJK radicals that stand for no character'],
    ];
    const named = kinds.filter(([n]) => n > 0).sort((a, b) => b[0] - a[0]).map(([, name]) => name);
    return { ocr: true, reason: 'garbage', why: `page ${p}'s text layer is unreadable (${named.join(', ')}: ${percent(garbage, c.total)} of its characters)` };
  }
  if (c.foreign >= FOREIGN_SHARE * c.total) {
    return { ocr: true, reason: 'mojibake', why: `page ${p}'s text layer is unreadable (${percent(c.foreign, c.total)} of its characters are in no script of a Chinese form: a font without a Unicode map?)` };
  }
  const ruled = hasRulingTable(page.segments);
  const letters = c.cjk + c.latin + c.foreign;
  if (ruled && letters >= MIN_LETTERS && c.cjk < MIN_CJK_SHARE * letters) {
    return { ocr: true, reason: 'mojibake', why: `page ${p}'s text layer is unreadable (a ruled table with only ${percent(c.cjk, letters)} Chinese among its letters: a font without a Unicode map?)` };
  }
  if (!ruled && (page.scanCoverage ?? 0) >= SCAN_COVERAGE) {
    return { ocr: true, reason: 'scan', why: `page ${p} is a scanned image whose text layer has no ruling lines for a table` };
  }
  return { ocr: false };
}

/** The short form: does the page go to OCR? */
export function needsOcr(page: PageContent): boolean {
  return textLayerVerdict(page).ocr;
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)} %`;
}
