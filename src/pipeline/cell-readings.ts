/**
 * A scanned cell is read by two recognizers — tesseract.js (ocr/engine.ts) and PP-OCR
 * (ocr/ppocr.ts) — and this module says which reading is the cell's text, by the kind of cell
 * (`CellHint`), choosing between the two readings, never editing one. (`chooseReading` returns
 * both; the provider keeps only the chosen one for now: the readings are not yet in the
 * provenance, nor offered to the validator-guided repair.)
 *
 * 0. A one-line text or number cell that PP-OCR reads at `PP_SURE` is not read twice (`ppSure`).
 * 1. Both read the same (after NFKC and spaces): that text, with tesseract's glyph doubts.
 * 2. A number cell: a reading that is a number (or a dash) beats one that is not; two numbers
 *    that differ: the more confident.
 * 3. A target cell: the reading with a comparison sign where the other has none in its place
 *    (tesseract reads the serif `≥` of spreadsheet exports as `2`, PP-OCR keeps it); of two
 *    numeric readings, the one whose unit is known; then the one that fits the ink (see 4);
 *    then the more confident (a qualitative `健全` that tesseract's target reader took for `1个`).
 * 4. Text: a reading that is a label the template or the taxonomy knows beats one that is not;
 *    then the reading that fits the ink (`fitsInk`): not the other one less a line the crop
 *    has, and on one line of Chinese, as many characters as its width holds; then the more
 *    confident, PP-OCR's on a tie. On the field set's light scans PP-OCR reads more cells
 *    exactly (88 % against 75 %, scripts/ppocr-measure.ts) and is then the more confident
 *    (`群众满意度` 1.0 against `妊众调意度` 0.27); on the project's dark scans tesseract reads
 *    long goal paragraphs better, and is then the more confident (0.94 against 0.64–0.88).
 */
import { normalizeLabel } from '../dictionary.js';
import type { CellHint, OcrCellResult, OcrGlyph } from '../ocr/engine.js';
import { cleanCellText, KNOWN_LABELS } from '../ocr/cell-text.js';
import type { LineReading } from '../ocr/ppocr.js';
import { isKnownUnit, parseTarget } from '../model/values.js';

/** Which recognizer a reading comes from. */
export type Recognizer = 'tesseract' | 'ppocr';

/** One reading of a cell: the recognizer's result and which recognizer it is. */
export type EngineReading = OcrCellResult & { engine: Recognizer; doubtful?: readonly number[] };

/** A cell's readings and the one chosen. */
export interface CellReadings {
  chosen: EngineReading;
  readings: EngineReading[];
}

/**
 * PP-OCR's reading of a cell, its lines joined, cleaned for the cell's kind as tesseract's
 * is; its characters as glyphs (x in crop pixels; a line's own height is not known here, so
 * every glyph is as tall as the crop's tallest line, the em that punctuation width is
 * measured in).
 */
export function ppocrCellReading(lines: readonly LineReading[], hint: CellHint, lineHeight: number): EngineReading {
  const raw = lines.map((l) => l.text).filter((t) => t !== '').join('\n');
  const chars = lines.flatMap((l) => l.chars);
  const confidence = lines.length === 0 ? 1 : Math.min(...lines.map((l) => l.confidence));
  const glyphs: OcrGlyph[] = chars.map((c) => ({ text: c.char, confidence: c.confidence, x0: c.x0, x1: c.x1, y0: 0, y1: lineHeight }));
  return { engine: 'ppocr', text: cleanCellText(raw, hint), confidence, raw, psm: 0, glyphs };
}

const same = (a: string, b: string): boolean => a.normalize('NFKC').replace(/\s+/gu, '') === b.normalize('NFKC').replace(/\s+/gu, '');
const isNumber = (text: string): boolean => /^(?:-?\d+(?:\.\d+)?%?|—)$/u.test(text);
const SIGN = /^[≥≤=<>]/u;
const isLabel = (text: string): boolean => KNOWN_LABELS.includes(normalizeLabel(text));

/** What the crop's ink says of its text: one line or more, its width and height in pixels. */
export interface CellInk {
  lines: number;
  inkWidth?: number;
  lineHeight: number;
}

const ALL_CHINESE = /^[\u3400-\u9fff]+$/u;

/** Lines of text a reading holds (its raw output's non-empty lines). */
const linesRead = (r: EngineReading): number => r.raw.split('\n').filter((l) => l.trim() !== '').length;

/**
 * Of two readings of a one-line cell, both Chinese characters only and of different lengths,
 * the one whose length fits the ink's width, when the other misses it by half a character
 * more: a character dropped (`可达到预期指` for `可达到预期指标`) or invented. The ink's em
 * is its line height (a CJK glyph's ink is ~0.9 em tall, so a line of them runs ~1.1 line
 * heights per character). Not for digits, Latin or marks, whose widths vary too much to count
 * (on the field set it then chose `≤12.57平方米` over `≤12.5元/平方米`).
 */
function fitsInk(ink: CellInk | undefined, a: EngineReading, b: EngineReading): EngineReading | undefined {
  // A wrapped cell: a reading that is the other one less a line, and has fewer lines than the
  // ink, loses to it (PP-OCR can miss a last line of one character: `可达到预期指` + `标`).
  if (ink && ink.lines > 1) {
    const [short, long] = a.text.length < b.text.length ? [a, b] : [b, a];
    const partOf = long.text.startsWith(short.text) || long.text.endsWith(short.text);
    if (partOf && linesRead(short) < ink.lines && linesRead(long) >= ink.lines) return long;
  }
  if (!ink || ink.lines !== 1 || ink.inkWidth === undefined || ink.lineHeight <= 0) return undefined;
  if (!ALL_CHINESE.test(a.text) || !ALL_CHINESE.test(b.text)) return undefined;
  const ems = ink.inkWidth / (ink.lineHeight * 1.1);
  const [da, db] = [Math.abs([...a.text].length - ems), Math.abs([...b.text].length - ems)];
  if (Math.abs(da - db) < 0.5) return undefined;
  return da < db ? a : b;
}

/**
 * PP-OCR's confidence at or above which a one-line text or number cell is taken as PP-OCR read
 * it, without tesseract's reading (`ppSure`). On the field set and the seed scans, a reading
 * this sure that the other reading beat was never seen on one line; on two lines PP-OCR can
 * lose a line and still be sure (`可达到预期指` at 0.985), so those are always read twice.
 */
export const PP_SURE = 0.97;

/**
 * Whether PP-OCR's reading of a cell stands alone (see `PP_SURE`): one line, sure, and for a
 * number cell a number. Target cells are always read by both (tesseract's target reader finds
 * the comparison sign by its shape; PP-OCR drops it now and then, `450人` for `≥450人`).
 */
export function ppSure(reading: EngineReading, hint: CellHint, ink: CellInk): boolean {
  if (ink.lines !== 1 || reading.text === '' || reading.confidence < PP_SURE) return false;
  if (hint === 'number') return isNumber(reading.text);
  return hint === 'text' || hint === 'label';
}

/** The chosen reading of a cell (see the module comment) among tesseract's and PP-OCR's. */
export function chooseReading(hint: CellHint, tesseract: EngineReading, ppocr: EngineReading | undefined, ink?: CellInk): CellReadings {
  const readings = ppocr ? [tesseract, ppocr] : [tesseract];
  const pick = (chosen: EngineReading): CellReadings => ({ chosen, readings });
  if (!ppocr || same(tesseract.text, ppocr.text)) return pick(tesseract);
  if (tesseract.text === '') return pick(ppocr);
  if (ppocr.text === '') return pick(tesseract);
  const confident = (): EngineReading => (ppocr.confidence >= tesseract.confidence ? ppocr : tesseract);
  switch (hint) {
    case 'number': {
      const [t, p] = [isNumber(tesseract.text), isNumber(ppocr.text)];
      if (t !== p) return pick(t ? tesseract : ppocr);
      return pick(confident());
    }
    case 'target': {
      const [t, p] = [SIGN.test(tesseract.text), SIGN.test(ppocr.text)];
      if (t !== p) return pick(p ? ppocr : tesseract);
      const [tp, pp] = [parseTarget(tesseract.text), parseTarget(ppocr.text)];
      // Two numeric readings: the one whose unit is known (`≤12.5元/平方米`, not `≤12.57平方米`).
      if (tp.value !== null && pp.value !== null) {
        const [tu, pu] = [tp.unit !== '' && isKnownUnit(tp.unit), pp.unit !== '' && isKnownUnit(pp.unit)];
        if (tu !== pu) return pick(tu ? tesseract : ppocr);
      }
      return pick(fitsInk(ink, tesseract, ppocr) ?? confident());
    }
    case 'label':
    case 'text': {
      const [t, p] = [isLabel(tesseract.text), isLabel(ppocr.text)];
      if (t !== p) return pick(t ? tesseract : ppocr);
      return pick(fitsInk(ink, tesseract, ppocr) ?? confident());
    }
  }
}
