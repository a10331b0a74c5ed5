/**
 * Reading a target or actual cell (`≥1个`, `≤20分钟`, `99.74%`, `正常运转`) in parts — see
 * target-cell.ts for why. One line of text only; a wrapped cell is left to the plain reading.
 * The glyph columns of the cell (ink components grouped by horizontal overlap) decide between
 * the readings: digits are narrow single strokes standing on one band, shorter than Chinese
 * characters.
 *
 * 1. The sign opening the cell is recognized from its shape (`signAtStart`) and blanked.
 *    The rest is read by the Chinese model, with the position of each character; a character
 *    read where the cell has no ink (a speck, the blanked sign) is dropped.
 * 2. Nothing but Chinese, as many characters as the ink is wide, and not starting with a
 *    digit-high glyph nor made of digit strokes only: a phrase (`优`, `未超过`), kept as read.
 *    (`7` and `1个` are read `了`: not a phrase.)
 * 3. Otherwise the trailing Chinese characters are the unit; the cell is cut after as many
 *    glyph columns as the reading has characters before the unit, and past any further
 *    digit-like column; the left side is read with the digit whitelist. A unit read with
 *    doubt is read again alone (as in step 4); when the digit reading finds nothing, the
 *    Chinese reading of the number stands in (`I个` → 1个, `onesFromStrokes`).
 * 4. When that gives no number and known unit (`isKnownUnit`), the cell is cut between glyph
 *    columns instead, left to right: digits on the left, a Chinese character first on the
 *    right, which is read alone among the characters of known units. The first cut giving a
 *    number and a known unit wins.
 * 5. Else a number without unit (`7`, `10`), when the glyphs allow one (`plainNumber`).
 * 6. Otherwise `undefined`: the caller keeps its own reading.
 *
 * Every number reading has a `%` read as `96` repaired from the glyph columns (`percentRead`:
 * `90%` → 9096, `≤2%` → ≤296).
 */
import { UNIT_CHARACTERS, isKnownUnit } from '../model/values.js';
import type { CellCrop, CellVariant, OcrCellResult, OcrEngine } from './engine.js';
import { blankColumns, cellColumns, digitBand, percentRead, signAtStart, type GlyphColumn } from './target-cell.js';
import { cleanNumberText, cleanSpacing, onesFromStrokes } from './cell-text.js';

export interface TargetEngines {
  /** Chinese + English, with the digit whitelist for numbers. */
  mixed: OcrEngine;
  /** Chinese alone: reads units and phrases the English model takes over. */
  chinese: OcrEngine;
}

/** A number part's reading and its cleaned digits (`cleanNumberText`, then `percentRead`). */
type NumberReading = OcrCellResult & { digits: string };

const CJK_CHAR = /^[\u3400-\u9fff]$/u;
const NUMBER = /^\d+(?:,\d{3})*(?:\.\d+)?%?$/u;
/** A glyph column lower than this share of the line's ink height is a digit's (or `.`, `%`). */
const DIGIT_HEIGHT = 0.93;
/** Settings a number part is read again with when line mode gives no number. */
const NUMBER_RETRIES: readonly CellVariant[] = [{ scale: 2, psm: 8 }, { scale: 2, psm: 13 }];
/**
 * A unit read alone is binarized at this gray level first: a lone blurred `个` is read as
 * 人/本/次 in gray and as 个 binarized (27 of 27 on the 200-dpi seed scans, 2 of 27 in gray).
 */
const UNIT_INK = 150;
/**
 * A unit the Chinese model read in the line below this confidence is read again alone
 * (`unitAlone`). On the 150/200/300-dpi and odd-page seed scans, the units step 3 read wrong
 * (`11个` → 11页, `2小时` → 2时, `≥30年` → 30本, `万元` → 万天) had 0.83–0.91; of the 507
 * read right, 10 had less than 0.92.
 */
const UNIT_SURE = 0.92;
/** At most this many cuts are tried in step 4 (two readings each). */
const MAX_CUTS = 4;

/**
 * Does a phrase of `chars` Chinese characters fit ink `width` pixels wide and `height` high?
 * Chinese characters are about as wide as high; digits about half as wide.
 */
export function phraseFits(chars: number, width: number, height: number): boolean {
  return chars > 0 && width >= (0.75 * chars - 0.05) * height && width <= (1.2 * chars + 0.1) * height;
}

export async function readTargetCell(crop: CellCrop, dpi: number, engines: TargetEngines, pageNumber?: number): Promise<OcrCellResult | undefined> {
  if (crop.lines !== 1 || crop.lineHeight <= 0) return undefined;
  const lh = crop.lineHeight;
  const sign = signAtStart(crop, lh);
  const rest: CellCrop = sign ? { ...crop, ...blankColumns(crop, 0, sign.x1) } : crop;
  const { columns, inkHeight } = cellColumns(rest, lh);
  const first = columns[0];
  const last = columns[columns.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const prefix = sign?.sign ?? '';

  const chinese = await engines.chinese.recognizeCrop(rest, dpi, 'text', undefined, pageNumber, true);
  // A character read where the cell has no ink is a speck below the glyphs' size or a ruling
  // remnant (`优` read `优 ，`): dropped.
  const inked = (g: { x0: number; x1: number }): boolean => columns.some((c) => g.x0 < c.x1 && g.x1 > c.x0);
  const glyphs = (chinese.glyphs ?? []).filter((g) => g.text.trim() !== '' && inked(g));
  const phrase = cleanSpacing(chinese.glyphs ? glyphs.map((g) => g.text).join('') : chinese.raw);
  const wide = (c: { x0: number; x1: number }): boolean => c.x1 - c.x0 >= 0.75 * inkHeight;
  const tall = (c: { y0: number; y1: number }): boolean => c.y1 - c.y0 >= DIGIT_HEIGHT * inkHeight;
  // Digits stand on one band (`digitBand`). A digit-like column is one narrow stroke on that
  // band, or a point at its foot; the strokes of 小 or 冫 float inside it.
  const band = digitBand(columns, inkHeight);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 0.12 * inkHeight;
  /** Reaching above or below the digits' band: a Chinese character (digits-only cells have none). */
  const outOfBand = (c: { y0: number; y1: number }): boolean => {
    const t = Math.max(1, 0.05 * inkHeight);
    return c.y0 < band.y0 - t || c.y1 > band.y1 + t;
  };
  const digitLike = (c: GlyphColumn): boolean =>
    c.parts.length === 1 && !wide(c) && !outOfBand(c) && near(c.y1, band.y1) && (near(c.y0, band.y0) || c.y1 - c.y0 <= 0.25 * (band.y1 - band.y0));
  /**
   * A reading without unit is the whole cell when the cell has no glyph as wide or reaching as
   * high as a Chinese character (`≥1个` read `i`, `≤4小时` read `4`) — `%` may be as wide —
   * and the cell has a glyph column for each digit and the `%` (`≥5个` read `54%`).
   */
  const plainNumber = (text: string): boolean => {
    const percent = text.endsWith('%');
    const needed = (text.match(/\d/gu) ?? []).length + (percent ? 1 : 0);
    return needed <= columns.length && (percent || !columns.some((c) => wide(c) || outOfBand(c)));
  };
  // 2. A phrase starts with a character as tall as the tallest; a number's digits are shorter
  // than Chinese characters in every CJK font (about 0.73 em against 0.88 em).
  const startsLow = !tall(first);
  // …and is not a row of digit strokes (`15` read 琶).
  const digitsOnly = columns.every(digitLike);
  if (phrase !== '' && !startsLow && !digitsOnly && [...phrase].every((c) => CJK_CHAR.test(c)) && phraseFits([...phrase].length, last.x1 - first.x0, inkHeight)) {
    return { ...chinese, text: prefix + phrase, glyphs: undefined };
  }

  // A lone narrow digit (`1` before its unit) is often read as nothing in line mode: word
  // and raw-line modes on the crop upscaled are tried before giving up.
  // The number's reading comes with its cleaned digits, a `%` read as `96` repaired from the
  // glyph columns left of the cut (`percentRead`).
  const readNumber = async (x1: number): Promise<NumberReading> => {
    const part: CellCrop = { ...rest, ...blankColumns(rest, x1, rest.width) };
    let result = await engines.mixed.recognizeCrop(part, dpi, 'number', undefined, pageNumber);
    for (const variant of NUMBER_RETRIES) {
      if (NUMBER.test(cleanNumberText(result.raw))) break;
      result = await engines.mixed.recognizeCrop(part, dpi, 'number', variant, pageNumber);
    }
    return { ...result, digits: percentRead(cleanNumberText(result.raw), columns.filter((c) => c.x1 <= x1), band) };
  };
  const accept = (number: NumberReading, unit: string, unitConfidence: number): OcrCellResult | undefined => {
    const { digits } = number;
    if (!NUMBER.test(digits) || (unit !== '' && (digits.endsWith('%') || !isKnownUnit(unit)))) return undefined;
    return { text: prefix + digits + unit, confidence: Math.min(number.confidence, unitConfidence), raw: `${prefix}${number.raw}${unit}`, psm: number.psm };
  };

  /** The unit right of `cut`, alone and binarized, read among the characters of known units only. */
  const unitAlone = async (cut: number): Promise<{ text: string; confidence: number }> => {
    const read = await engines.chinese.recognizeCrop({ ...rest, ...blankColumns(rest, 0, cut) }, dpi, 'text', { whitelist: `${UNIT_CHARACTERS}/%`, threshold: UNIT_INK }, pageNumber);
    return { text: cleanSpacing(read.raw), confidence: read.confidence };
  };

  // 3. The Chinese reading's split: trailing Chinese characters are the unit, the characters
  // before it the number. Tesseract's character boxes are loose (a `0` spanning into the
  // `年` after it), so the cut is put between glyph columns: one column per character of the
  // number (a digit, `.`, `%` is one column).
  const read = glyphs.filter((g) => !/^[;:：；,，、'"`|]$/u.test(g.text));
  let k = read.length;
  while (k > 0 && CJK_CHAR.test(read[k - 1]?.text ?? '')) k--;
  const unit = read.slice(k).map((g) => g.text).join('');
  const unitConfidence = Math.min(1, ...read.slice(k).map((g) => g.confidence));
  const cutAfter = (c: number): number => {
    const left = columns[c];
    const right = columns[c + 1];
    return left === undefined ? 0 : right === undefined ? rest.width : Math.round((left.x1 + right.x0) / 2);
  };
  // The Chinese model may see fewer digits than there are (`31万元` read `3 万元`): the cut
  // moves past digit-like columns.
  let n = k;
  while (n < columns.length && digitLike(columns[n] as GlyphColumn)) n++;
  // The number reader now and then finds nothing at all in a lone `1` (in every setting: 1 of
  // the 380 target cells of the odd-page 200-dpi scan) that the Chinese model read, as `1` or
  // as a stroke (`I个`): its reading stands in, when it has one character per column left of
  // the cut and each of them is digit-like.
  const chineseNumber = (): NumberReading | undefined => {
    const chars = read.slice(0, k).map((g) => g.text).join('');
    const digits = onesFromStrokes(chars, unit) ?? chars;
    if (unit === '' || digits.length !== n || !columns.slice(0, n).every(digitLike)) return undefined;
    return { text: digits, confidence: Math.min(1, ...read.slice(0, k).map((g) => g.confidence)), raw: chars, psm: chinese.psm, digits };
  };
  if (k > 0 && (unit === '' || n < columns.length)) {
    const cut = unit === '' ? rest.width : cutAfter(n - 1);
    const number = await readNumber(cut);
    const spoken = number.digits === '' ? chineseNumber() : undefined;
    // A unit read with doubt is read again alone (`unitAlone`); the surer known unit wins.
    const again = unit !== '' && unitConfidence < UNIT_SURE ? await unitAlone(cut) : undefined;
    const [sureUnit, sureConfidence] = again && isKnownUnit(again.text) && again.confidence > unitConfidence ? [again.text, again.confidence] : [unit, unitConfidence];
    const result = accept(number, sureUnit, sureConfidence) ?? (spoken && accept(spoken, sureUnit, sureConfidence));
    // No unit read: see plainNumber.
    if (result && (unit !== '' || plainNumber(result.text))) return result;
  }

  // 4. Cuts between glyph columns, left to right; the right side must be at least a
  // character wide, the left side is what the number reading gets.
  let tried = 0;
  for (let c = 0; c + 1 < columns.length && tried < MAX_CUTS; c++) {
    if (last.x1 - (columns[c + 1]?.x0 ?? last.x1) < 0.6 * inkHeight) break;
    // The number's side must be digits: glyphs lower and narrower than Chinese characters
    // (`优` is not 1元, `上年` not 27次).
    if (columns.slice(0, c + 1).some((col) => tall(col) || wide(col))) break;
    // …and the unit's side starts with a Chinese character, not with a digit the unit's
    // whitelist would drop (`18.40万元/人年` is not 1 + 万元/人年).
    const next = columns[c + 1];
    if (next && digitLike(next)) continue;
    const cut = cutAfter(c);
    tried++;
    const unitRead = await unitAlone(cut);
    if (!isKnownUnit(unitRead.text)) continue;
    const result = accept(await readNumber(cut), unitRead.text, unitRead.confidence);
    if (result) return result;
  }
  // 5. A number without a unit (`7`, `10`) the Chinese model read as a character.
  const whole = accept(await readNumber(rest.width), '', 1);
  return whole && plainNumber(whole.text) ? whole : undefined;
}
