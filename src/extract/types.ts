/**
 * Output of the extraction stage: what one PDF page holds, in one coordinate space.
 *
 * Coordinates everywhere after extraction: PDF points (1/72 inch), origin at the page's
 * top-left corner, x to the right, y downward. Only `extract/coords.ts` converts from
 * PDF user space (origin bottom-left, y upward).
 */

/** Axis-aligned box in page points, top-left origin: x0 < x1, y0 < y1. */
export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a piece of text came from: the PDF's text layer, or OCR of a page image. */
export type TextSource = 'text' | 'ocr';

/** One run of text as the page draws it (a pdf.js text item, or one OCR word/line). */
export interface TextRun {
  /** The characters, as extracted (not yet normalized). */
  text: string;
  /** Box of the run in page points, top-left origin. */
  bbox: BBox;
  /** Font size in points (height of the em box). */
  fontSize: number;
  fontName?: string;
  source: TextSource;
  /** 0..1; 1 for the text layer, the recognizer's confidence for OCR. */
  confidence: number;
  /**
   * OCR only: indices (code points of `text`) of the Chinese characters the recognizer was
   * unsure of, the ones `ocr/lexicon.ts` may correct.
   */
  doubtful?: readonly number[];
  /** OCR only: the text as recognized, when a correction changed it (`ocr/lexicon.ts`). */
  replaced?: string;
  /**
   * Text layer only: the rectangular clip the run is drawn under (page points), when the
   * page clips it to less than the page. Only the part of `bbox` inside it shows on paper.
   */
  clip?: BBox;
}

/**
 * A straight ruling line, horizontal (`axis: 'h'`, drawn at y = `pos` from x = `from` to
 * x = `to`) or vertical (`axis: 'v'`, at x = `pos` from y = `from` to y = `to`).
 * `from < to`. `thickness` is the stroke width (or the short side of a thin filled
 * rectangle), in points.
 */
export interface Segment {
  axis: 'h' | 'v';
  pos: number;
  from: number;
  to: number;
  thickness: number;
}

/** Everything the later stages need from one page. */
export interface PageContent {
  /** 1-based page number within the file. */
  pageNumber: number;
  /** Page size in points (after /Rotate is applied). */
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
  /** Number of image paint operations on the page (a scanned page has ≥ 1 and no text). */
  imageCount: number;
  /**
   * The largest fraction (0..1) of the page area that one image covers: near 1 for a scanned
   * page (see `SCAN_COVERAGE` in render.ts). Set by extraction; absent on pages made otherwise.
   */
  scanCoverage?: number;
}

/**
 * A page as pixels, for OCR: 8-bit grayscale (0 black … 255 white), row-major, `width` ×
 * `height` pixels at `dpi`. Pixel (px, py) covers page points (px, py) × 72 / dpi, origin
 * top-left, y downward — the same page space as everything else.
 */
export interface PageImage {
  pageNumber: number;
  width: number;
  height: number;
  dpi: number;
  data: Uint8Array;
}
