/**
 * Target cells (`≥1个`, `≤20分钟`, `≥99.5%`, `优`) read in three parts, because no one
 * tesseract setting reads all three right: the comparison sign, the number, the unit.
 *
 * - The sign is recognized here, from its shape, not by tesseract: chi_sim+eng reads `≥` as
 *   `2`/`Z`/`之` and chi_sim alone as `立`/`元`/`六` (measured on the seed scans). `≥`, `≤`
 *   are a chevron with a bar under it; `=` two bars. In every font the bar is a separate
 *   stroke, so the sign is the leftmost glyph and made of two ink components, the lower one
 *   flat. The chevron's direction tells `≥` from `≤`: the point (the middle rows' ink) lies
 *   to the right of the arms' ends (the top rows' ink) for `≥`, to the left for `≤`. A digit
 *   (`2` included) is one component and never matches.
 * - The unit is what the Chinese model reads after the number (`个`, `次`, `小时`), where
 *   the English model reads `1`, `%` or `R`.
 * - The number is read with the digit whitelist from the part of the cell left of the unit,
 *   where the Chinese model would read `%` as `9%`. Its `%` read as `96` is told from the
 *   shape here too (`percentColumns`): two rings, one hanging from the top of the digits'
 *   band, one standing on the baseline, where every digit spans the band.
 *
 * Pure functions over a `CellCrop`-like gray image; the engine does the reading.
 */

import type { Component, GrayImage } from './binarize.js';
import { labelInk } from './binarize.js';

export type { Component, GrayImage } from './binarize.js';

/** A comparison sign found at the start of a cell, and where its glyph ends (pixels). */
export interface SignAtStart {
  sign: '≥' | '≤' | '=';
  /** Where the sign ends: halfway between its glyph and the next one (pixels). */
  x1: number;
}

const INK = 128;

/** 8-connected components of pixels darker than `threshold`. */
export function inkComponents(image: GrayImage, threshold = INK): Component[] {
  return labelInk(image, threshold).components;
}

/**
 * Components grouped into glyph columns: components whose horizontal extents overlap belong
 * to one column, left to right. Specks (area below `minArea`) are dropped first.
 */
export function glyphColumns(components: readonly Component[], minArea: number): Component[][] {
  const kept = components.filter((c) => c.area >= minArea).sort((a, b) => a.x0 - b.x0);
  const columns: { x1: number; parts: Component[] }[] = [];
  for (const c of kept) {
    const last = columns[columns.length - 1];
    if (last !== undefined && c.x0 < last.x1) {
      last.parts.push(c);
      last.x1 = Math.max(last.x1, c.x1);
    } else columns.push({ x1: c.x1, parts: [c] });
  }
  return columns.map((c) => c.parts);
}

/** Mean x of the ink in rows [y0, y1) of a component's box, relative to the box (0..1). */
function meanX(image: GrayImage, box: Component, y0: number, y1: number, threshold: number): number | undefined {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(box.y0, y0); y < Math.min(box.y1, y1); y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if ((image.data[y * image.width + x] ?? 255) < threshold) {
        sum += x;
        n++;
      }
    }
  }
  const w = box.x1 - box.x0;
  return n === 0 || w <= 1 ? undefined : (sum / n - box.x0) / (w - 1);
}

/**
 * The comparison sign opening a one-line cell, from the shapes of its first glyph column
 * (see the module comment), or `undefined`. `lineHeight` is the text line's height in
 * pixels (`CellCrop.lineHeight`).
 */
export function signAtStart(image: GrayImage, lineHeight: number): SignAtStart | undefined {
  if (lineHeight <= 0) return undefined;
  // Thin serif strokes break into pieces at the usual ink level; lighter levels join them.
  for (const threshold of SIGN_INK_LEVELS) {
    const sign = signAt(image, lineHeight, threshold);
    if (sign) return sign;
  }
  return undefined;
}

/** Gray levels tried in turn for the sign's ink. */
const SIGN_INK_LEVELS = [INK, 176, 216];

function signAt(image: GrayImage, lineHeight: number, threshold: number): SignAtStart | undefined {
  const minArea = Math.max(2, Math.round((lineHeight * lineHeight) / 400));
  const columns = glyphColumns(inkComponents(image, threshold), minArea);
  const first = columns[0];
  if (first === undefined || columns.length < 2 || first.length !== 2) return undefined;
  const [a, b] = first as [Component, Component];
  const next = Math.min(...(columns[1] ?? []).map((c) => c.x0));
  const [upper, lower] = a.y0 + a.y1 <= b.y0 + b.y1 ? [a, b] : [b, a];
  const x0 = Math.min(a.x0, b.x0);
  const x1 = Math.max(a.x1, b.x1);
  const end = Math.round((x1 + next) / 2);
  const glyphHeight = Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0);
  const width = x1 - x0;
  // The sign is no wider than a CJK character, and clearly two strokes stacked.
  if (width > 1.1 * lineHeight || glyphHeight > 1.2 * lineHeight || width < 0.2 * lineHeight) return undefined;
  const flat = (c: Component): boolean => c.x1 - c.x0 >= 1.8 * (c.y1 - c.y0) && c.x1 - c.x0 >= 0.5 * width;
  if (!flat(lower) || lower.y0 < upper.y0 + 0.5 * (upper.y1 - upper.y0)) return undefined;
  // `=`: two bars of about one length, close together (二 has a short bar over a long one,
  // a character's height apart).
  if (flat(upper)) {
    const similar = Math.min(upper.x1 - upper.x0, lower.x1 - lower.x0) >= 0.8 * Math.max(upper.x1 - upper.x0, lower.x1 - lower.x0);
    return similar && glyphHeight <= 0.55 * lineHeight ? { sign: '=', x1: end } : undefined;
  }
  const h = upper.y1 - upper.y0;
  if (h < 0.25 * lineHeight) return undefined;
  const top = meanX(image, upper, upper.y0, upper.y0 + Math.max(1, Math.round(h * 0.2)), threshold);
  const middle = meanX(image, upper, upper.y0 + Math.round(h * 0.4), upper.y0 + Math.round(h * 0.6), threshold);
  if (top === undefined || middle === undefined) return undefined;
  if (middle - top > 0.25) return { sign: '≥', x1: end };
  if (top - middle > 0.25) return { sign: '≤', x1: end };
  return undefined;
}

/** A copy of `image` with columns [x0, x1) painted white. */
export function blankColumns(image: GrayImage, x0: number, x1: number): GrayImage {
  const data = new Uint8Array(image.data);
  for (let y = 0; y < image.height; y++) data.fill(255, y * image.width + Math.max(0, x0), y * image.width + Math.min(image.width, x1));
  return { width: image.width, height: image.height, data };
}

/** A glyph column (see `glyphColumns`): its ink components and the box around them. */
export interface GlyphColumn {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  parts: readonly Component[];
}

/** The box around each glyph column's components. */
export function columnBoxes(columns: readonly (readonly Component[])[]): GlyphColumn[] {
  return columns.map((parts) => ({
    x0: Math.min(...parts.map((p) => p.x0)),
    x1: Math.max(...parts.map((p) => p.x1)),
    y0: Math.min(...parts.map((p) => p.y0)),
    y1: Math.max(...parts.map((p) => p.y1)),
    parts,
  }));
}

/** Rows [y0, y1) of a text line's digits: top of the tallest digit to the baseline. */
export interface Band {
  y0: number;
  y1: number;
}

/**
 * The band digits stand on: the top and bottom of the first one or two glyph columns when
 * they are single narrow strokes (digits, when the cell holds a number; two, since a 9 may
 * reach a pixel lower than a 4), else of the first column. Narrow: less than 0.75 of the
 * line's ink height (Chinese characters are about as wide as high, digits about half).
 */
export function digitBand(columns: readonly GlyphColumn[], inkHeight: number): Band {
  let strokes = 0;
  while (strokes < 2) {
    const c = columns[strokes];
    if (c === undefined || c.parts.length !== 1 || c.x1 - c.x0 >= 0.75 * inkHeight) break;
    strokes++;
  }
  const lead = columns.slice(0, Math.max(1, strokes));
  return { y0: Math.min(...lead.map((c) => c.y0)), y1: Math.max(...lead.map((c) => c.y1)) };
}

/**
 * How many glyph columns at the end of `columns` a `%` takes: 1 or 2, or 0 when they are no
 * `%`. A `%` is two rings on a slash: the upper ring hangs from the top of the digits' band
 * and stops well above the baseline, the lower ring stands on the baseline and starts well
 * below the top, and the upper ring is to the left. Every digit reaches from the top of the
 * band to the baseline (lining figures), so no digit has such parts. When the thin slash
 * breaks in a scan, the rings fall into two columns; whole, they are one column with two or
 * three components. Found on the seed scans: at 300 dpi all 185 `%` (one column); at 200 dpi
 * 34 in one column and 27 in two of 185 (the others, rings joined to the slash or in more
 * pieces: not found, left as read); among the 579 numbers without `%` of the 200- and
 * 300-dpi scans, none.
 */
export function percentColumns(columns: readonly GlyphColumn[], band: Band): 0 | 1 | 2 {
  const h = band.y1 - band.y0;
  if (h <= 0 || columns.length === 0) return 0;
  // The rings' extents, measured on the seed scans: the upper ring ends at 0.6–0.8 of the
  // band, the lower starts at 0.1–0.2 of it; digits span it within a pixel.
  const high = (p: Component): boolean => p.y0 <= band.y0 + 0.25 * h && p.y1 <= band.y1 - 0.15 * h;
  const low = (p: Component): boolean => p.y1 >= band.y1 - 0.25 * h && p.y0 >= band.y0 + 0.1 * h;
  // Specks (a piece of the slash, JPEG noise) do not count.
  const significant = (parts: readonly Component[]): Component[] => {
    const largest = Math.max(...parts.map((p) => p.area));
    return parts.filter((p) => p.area >= 0.2 * largest);
  };
  const centre = (p: Component): number => (p.x0 + p.x1) / 2;
  const last = columns[columns.length - 1] as GlyphColumn;
  const parts = significant(last.parts);
  const upper = parts.find(high);
  const lower = parts.find(low);
  // Whole, a `%` is as wide as the band is high (1.03–1.19 of it at 300 dpi, median 1.05–1.11
  // at 200), a digit about half (at most 0.73 at 150 dpi, where the strokes of a 5 break apart).
  const width = last.x1 - last.x0;
  if (upper && lower && width >= 0.8 * h && centre(upper) < centre(lower) - 0.2 * width) return 1;
  const before = columns[columns.length - 2];
  if (before === undefined) return 0;
  const left = significant(before.parts);
  // Split in two, each column is one ring (and maybe a piece of the slash): a 9 broken from
  // its tail has a part low, a 6 broken from its stem a part high.
  if (left.every(high) && parts.every(low)) return 2;
  return 0;
}

/**
 * A number read with `%` as `96` (`90%` → `9096`, `2%` → `296`): the `%`'s rings read as a
 * 9 and a 6. The reading is the number and `%` when its glyph columns end in a `%`
 * (`percentColumns`) and the characters before the `96` are as many as the columns before
 * the `%` — one column per digit, `.` or `,` — so that the `96` stands where the `%` is.
 * `columns` are those of the number's part of the cell; `text` is the cleaned reading.
 */
export function percentRead(text: string, columns: readonly GlyphColumn[], band: Band): string {
  const m = /^(\d[\d.,]*)96$/u.exec(text);
  if (!m) return text;
  const p = percentColumns(columns, band);
  const before = m[1] as string;
  return p > 0 && before.length === columns.length - p ? `${before}%` : text;
}

/**
 * The glyph columns of a one-line cell image (`glyphColumns`, specks below a share of the line
 * height's square left out), their boxes, and the height from the top of the highest to the
 * bottom of the lowest (0 without ink).
 */
export function cellColumns(image: GrayImage, lineHeight: number): { columns: GlyphColumn[]; inkHeight: number } {
  const columns = columnBoxes(glyphColumns(inkComponents(image), Math.max(2, Math.round((lineHeight * lineHeight) / 400))));
  const inkHeight = columns.length === 0 ? 0 : Math.max(...columns.map((c) => c.y1)) - Math.min(...columns.map((c) => c.y0));
  return { columns, inkHeight };
}

/**
 * `percentRead` for a whole one-line number cell (an 执行率 read `97.6096`): its glyph columns
 * found here. Only a reading ending in `96` costs the search for ink.
 */
export function percentInCell(text: string, image: GrayImage, lineHeight: number): string {
  if (!/\d96$/u.test(text) || lineHeight <= 0) return text;
  const { columns, inkHeight } = cellColumns(image, lineHeight);
  return columns.length === 0 ? text : percentRead(text, columns, digitBand(columns, inkHeight));
}
