/**
 * The width of punctuation in OCR'd free text, from where the characters stand (pure
 * functions). Forms print both `，` and `,`, `：` and `:` (the seed's goals do); tesseract picks
 * a form from the mark's shape, which is the same in both, and so reads a full-width `：` as
 * `:`. What differs is the room the mark takes: a full-width mark fills an em, a half-width one
 * half of it or less. Measured on the 200-dpi seed scans, from the end of the character before
 * the mark to the start of the one after, in ems (the median height of the cell's Chinese
 * glyphs): full-width 0.6–1.2 (`，` 0.6–1.1, `：` 1.0–1.2), half-width 0.3–0.4.
 */

import type { OcrGlyph } from './engine.js';

/** Half-width mark → full-width mark. */
const FULL: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };
const HALF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(FULL).map(([h, f]) => [f, h]));
/** The span (ems) between the neighbours above which a mark is full-width, and below which half-width. */
const FULL_SPAN = 0.55;
const HALF_SPAN = 0.45;

/** One Chinese character (CJK ideographs, extension A, compatibility ideographs). */
export const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u;

/**
 * For each glyph, its index among the code points of `text` — the glyphs' characters with
 * spaces dropped (`cleanSpacing`), punctuation perhaps of the other width — or undefined for a
 * blank glyph. Glyphs and characters are matched in order (after NFKC); from the first glyph
 * that is not the next character on, none is placed.
 */
export function alignGlyphs(text: string, glyphs: readonly { text: string }[]): (number | undefined)[] {
  const chars = [...text];
  const out: (number | undefined)[] = [];
  let at = 0;
  let lost = false;
  for (const glyph of glyphs) {
    const g = glyph.text.trim();
    lost ||= g !== '' && (chars[at] ?? '').normalize('NFKC') !== g.normalize('NFKC');
    out.push(g === '' || lost ? undefined : at++);
  }
  return out;
}

/**
 * `text` with each `, ; : ? !` (half- or full-width) between two characters of one line set
 * to the width the space it takes says, when a Chinese character stands on one side at least
 * (`1,000` is a number). A mark at a line's end, or whose room is between the two, stays.
 */
export function punctuationWidth(text: string, glyphs: readonly OcrGlyph[]): string {
  const chars = [...text];
  const index = alignGlyphs(text, glyphs);
  const placed = glyphs.flatMap((g, k) => (index[k] !== undefined && g.text.trim() !== '' ? [{ ...g, at: index[k] as number }] : []));
  const heights = placed.filter((g) => HAN.test(g.text)).map((g) => g.y1 - g.y0).sort((a, b) => a - b);
  const em = heights[Math.floor(heights.length / 2)];
  if (em === undefined || em <= 0) return text;
  placed.forEach((mark, k) => {
    const half = FULL[mark.text] !== undefined;
    if (!half && HALF[mark.text] === undefined) return;
    const before = placed[k - 1];
    const after = placed[k + 1];
    if (!before || !after || !(HAN.test(before.text) || HAN.test(after.text))) return;
    // One line: the neighbours overlap the mark's line vertically, in reading order.
    const sameLine = (g: OcrGlyph): boolean => g.y0 < mark.y1 && g.y1 > mark.y1 - em;
    if (!sameLine(before) || !sameLine(after) || after.x0 <= before.x1 - em / 4) return;
    const span = (after.x0 - before.x1) / em;
    if (half && span >= FULL_SPAN) chars[mark.at] = FULL[mark.text] as string;
    if (!half && span <= HALF_SPAN) chars[mark.at] = HALF[mark.text] as string;
  });
  return chars.join('');
}
