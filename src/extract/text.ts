/**
 * Text runs from pdf.js's text layer, in page space (points, top-left origin, y down).
 */
import type { Matrix } from './coords.js';
import { apply, compose, mapRect } from './coords.js';
import type { PDFPageProxy } from './pdfjs.js';
import { RADICAL_TO_IDEOGRAPH } from './radicals.js';
import { extractRulings, type TextClip } from './rulings.js';
import type { BBox, TextRun } from './types.js';

/**
 * Repair what fonts put in the text layer instead of the characters shown: CJK radical code
 * points for ideographs (`⽬` for `目`, `⻓` for `长`: some CJK fonts' cmaps), and control
 * characters standing for spaces (U+0001 in Type 3 fonts of browser-printed PDFs).
 */
export function repairText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || cp === 0x7f) out += ' ';
    else if (cp >= 0x2e80 && cp <= 0x2fdf) out += String.fromCodePoint(RADICAL_TO_IDEOGRAPH.get(cp) ?? cp);
    else out += ch;
  }
  return out;
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Share of the em box above the baseline used for a run's box (CJK fonts: ~0.88). */
const ASCENT = 0.88;
const DESCENT = 0.12;

/** A text origin and a show op's origin are the same point within this (points). */
const ORIGIN_TOLERANCE = 0.05;

/**
 * The clip a text item is drawn under: the clip of the show-text op that starts at the item's
 * origin (pdf.js starts an item at a show op), unless that clip holds the whole page.
 */
function clipAt(clips: readonly TextClip[], x: number, y: number, page: BBox): BBox | undefined {
  const hit = clips.find((c) => Math.abs(c.x - x) <= ORIGIN_TOLERANCE && Math.abs(c.y - y) <= ORIGIN_TOLERANCE);
  if (!hit) return undefined;
  const c = hit.clip;
  const wholePage = c.x0 <= page.x0 + 1 && c.y0 <= page.y0 + 1 && c.x1 >= page.x1 - 1 && c.y1 >= page.y1 - 1;
  return wholePage ? undefined : c;
}

/**
 * Every non-empty text item of the page as a `TextRun`. `viewport` maps user space to page
 * space. A run's box spans its advance width and the em box around the baseline; `clip` is
 * the rectangular clip it is drawn under, from the page's operator list (which pdf.js caches
 * for the rulings pass).
 */
export async function extractTextRuns(page: PDFPageProxy, viewport: Matrix): Promise<TextRun[]> {
  const content = await page.getTextContent({ includeMarkedContent: false });
  const ops = await page.getOperatorList();
  const { textClips } = extractRulings(ops.fnArray, ops.argsArray, viewport);
  const [px0, py0, px1, py1] = page.view;
  const pageBox = mapRect(viewport, px0 ?? 0, py0 ?? 0, px1 ?? 0, py1 ?? 0);
  const runs: TextRun[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as PdfjsTextItem;
    const text = repairText(item.str);
    if (text.trim() === '') continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
    const fontSize = Math.hypot(c, d) || item.height || 1;
    // Item space: x along the baseline (in units of the text matrix), y up.
    // Normalize the text matrix to unit font size, then lay the run's box out in it.
    const scaleX = Math.hypot(a, b) || 1;
    const unit: Matrix = [a / scaleX, b / scaleX, c / fontSize, d / fontSize, e, f];
    const toPage = compose(viewport, unit);
    const bbox = mapRect(toPage, 0, -DESCENT * fontSize, item.width, ASCENT * fontSize);
    const [ox, oy] = apply(toPage, 0, 0);
    const clip = clipAt(textClips, ox, oy, pageBox);
    runs.push({
      text,
      bbox,
      fontSize,
      fontName: item.fontName,
      source: 'text',
      confidence: 1,
      ...(clip ? { clip } : {}),
    });
  }
  return runs;
}
