/**
 * Measurements of a scanned page, to compare the simulator's scans with real ones
 * (../shared/field) and to test what each scan profile claims. All of them work on the page
 * image the OCR path gets (`pageImage` of src/extract/render.ts) or on the PDF's own objects.
 *
 * - `inkLevels`: fraction of pixels darker than 128, the gray levels of stroke cores (ink pixels
 *   — darker than 230 and than paper − 30 — that are the darkest across their stroke, horizontally
 *   or vertically), paper level and noise.
 * - `characterHeight`: the height of the page's Chinese characters in px, from the connected
 *   components of ink once ruling lines are taken out (see the function).
 * - `inkBox`: the box of the page's ink, and its distance to the page edges in points.
 * - `scanImages`: each page's image XObjects: size, filter, bits per component, colour space,
 *   where it is drawn (matrix, resolution, margins) and the page's /Rotate.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { OPS, withDocument } from '../../src/extract/pdfjs.js';
import { pageImage } from '../../src/extract/render.js';
import type { PageImage } from '../../src/extract/types.js';
import { labelInk } from '../../src/ocr/binarize.js';
import { NATURAL_ORDER, quantTable } from './jpeg-gray.js';

export interface InkLevels {
  /** fraction of all pixels darker than 128 */
  darkFraction: number;
  /** fraction of all pixels that are ink (darker than 230 and than paper − 30) */
  inkFraction: number;
  /** stroke-core gray levels: 10th, 50th, 90th percentile */
  core: Percentiles;
  /** the same for the cores of horizontal strokes only (darkest in their column): the serif's hairlines and the rules */
  horizontalCore: Percentiles;
  /** histogram of the ink pixels in bins of 10 gray levels (bin i = [10i, 10i + 10)) */
  histogram: number[];
  /** median gray level of the page (the paper) */
  paper: number;
  /** standard deviation of the paper pixels (at or above paper − 30): the sensor noise */
  paperNoise: number;
}

/** Ink is darker than 230, or than paper − 30 on a darker or noisy paper. */
const INK = 230;

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
  count: number;
}
const PAPER_BAND = 30;

/** Ink statistics of a page image (see the module comment). */
export function inkLevels(img: PageImage): InkLevels {
  const { width: w, height: h, data } = img;
  const all = new Array<number>(256).fill(0);
  for (let i = 0; i < w * h; i++) all[data[i] ?? 255]!++;
  const paper = percentile(all, w * h, 0.5);
  const cut = Math.min(INK, paper - PAPER_BAND);
  let sum = 0;
  let sum2 = 0;
  let nPaper = 0;
  for (let v = Math.max(0, cut); v < 256; v++) {
    const c = all[v] ?? 0;
    sum += c * v;
    sum2 += c * v * v;
    nPaper += c;
  }
  const mean = sum / Math.max(1, nPaper);
  const paperNoise = Math.sqrt(Math.max(0, sum2 / Math.max(1, nPaper) - mean * mean));
  const histogram = new Array<number>(23).fill(0);
  const cores = new Array<number>(256).fill(0);
  const hcores = new Array<number>(256).fill(0);
  let hcoreCount = 0;
  let dark = 0;
  let ink = 0;
  let coreCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = data[i] ?? 255;
      if (v >= cut) continue;
      ink++;
      if (v < 128) dark++;
      histogram[Math.floor(v / 10)]!++;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) continue;
      // darkest across the stroke in at least one direction, with lighter pixels two steps out
      const l = data[i - 1] ?? 255;
      const r = data[i + 1] ?? 255;
      const u = data[i - w] ?? 255;
      const d = data[i + w] ?? 255;
      const across = (a: number, b: number, a2: number, b2: number): boolean => v <= a && v <= b && (a2 > v + 8 || b2 > v + 8);
      const horiz = across(l, r, data[i - 2] ?? 255, data[i + 2] ?? 255);
      const vert = across(u, d, data[i - 2 * w] ?? 255, data[i + 2 * w] ?? 255);
      if (horiz || vert) {
        cores[v]!++;
        coreCount++;
      }
      if (vert && !horiz) {
        hcores[v]!++;
        hcoreCount++;
      }
    }
  }
  const n = w * h;
  return {
    darkFraction: dark / n,
    inkFraction: ink / n,
    core: percentiles(cores, coreCount),
    horizontalCore: percentiles(hcores, hcoreCount),
    histogram,
    paper,
    paperNoise,
  };
}

function percentiles(counts: readonly number[], total: number): Percentiles {
  return { p10: percentile(counts, total, 0.1), p50: percentile(counts, total, 0.5), p90: percentile(counts, total, 0.9), count: total };
}

function percentile(counts: readonly number[], total: number, q: number): number {
  if (total === 0) return NaN;
  const target = q * total;
  let acc = 0;
  for (let v = 0; v < counts.length; v++) {
    acc += counts[v] ?? 0;
    if (acc >= target) return v;
  }
  return counts.length - 1;
}

/** Ink threshold between a page's paper and its stroke cores. */
function inkThreshold(img: PageImage): number {
  const levels = inkLevels(img);
  const core = Number.isNaN(levels.core.p50) ? 128 : levels.core.p50;
  return Math.round((core + Math.min(levels.paper, 250)) / 2);
}

export interface CharacterHeight {
  /** median height (px) of the character-sized ink components */
  median: number;
  /** 90th percentile: the full-height characters */
  p90: number;
  /** the same in points on the page */
  medianPt: number;
  p90Pt: number;
  components: number;
}

/**
 * Character height in px: threshold the page between paper and stroke cores, remove ink runs
 * longer than 0.15 in horizontally or vertically (ruling lines; a character is under 0.1 in),
 * join what is left into 8-connected components, and keep those between 0.02 and 0.15 in tall
 * and wide (characters and radicals, not dots, noise or seals' rings). Chinese characters are one
 * or a few components, the tallest of which spans the character: the 90th percentile of the
 * heights is the character height; the median is lower (radicals, digits).
 */
export function characterHeight(img: PageImage): CharacterHeight {
  const { width: w, height: h, data, dpi } = img;
  const t = inkThreshold(img);
  const maxRun = Math.round(0.15 * dpi);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = (data[i] ?? 255) < t ? 1 : 0;
  const keep = new Uint8Array(mask);
  clearLongRuns(mask, keep, w, h, maxRun, 1, w); // along rows
  clearLongRuns(mask, keep, h, w, maxRun, w, 1); // along columns
  const lo = 0.02 * dpi;
  const hi = 0.15 * dpi;
  // The kept ink's 8-connected components (the OCR path's own labelling, on the mask as gray).
  const gray = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) gray[i] = keep[i] ? 0 : 255;
  const heights = labelInk({ width: w, height: h, data: gray }, 128)
    .components.filter((c) => c.y1 - c.y0 >= lo && c.y1 - c.y0 <= hi && c.x1 - c.x0 <= hi)
    .map((c) => c.y1 - c.y0);
  heights.sort((a, b) => a - b);
  const at = (q: number): number => heights[Math.min(heights.length - 1, Math.floor(q * heights.length))] ?? NaN;
  const toPt = 72 / dpi;
  return { median: at(0.5), p90: at(0.9), medianPt: at(0.5) * toPt, p90Pt: at(0.9) * toPt, components: heights.length };
}

/**
 * Clear in `keep` the runs of `mask` longer than `maxRun`: `lines` lines of `length` pixels,
 * pixel k of line l at l · lineStep + k · step.
 */
function clearLongRuns(mask: Uint8Array, keep: Uint8Array, length: number, lines: number, maxRun: number, step: number, lineStep: number): void {
  for (let l = 0; l < lines; l++) {
    const o = l * lineStep;
    let k = 0;
    while (k < length) {
      if (!mask[o + k * step]) {
        k++;
        continue;
      }
      let e = k;
      while (e < length && mask[o + e * step]) e++;
      if (e - k > maxRun) for (let j = k; j < e; j++) keep[o + j * step] = 0;
      k = e;
    }
  }
}

export interface InkBox {
  /** ink box in px: first and last column / row holding ≥ 0.5 % ink */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** distance from each page edge to the ink, points */
  marginPt: { left: number; right: number; top: number; bottom: number };
}

/**
 * The box of the page's ink: the columns and rows where at least 0.5 % of the pixels are darker
 * than the page's ink threshold (so that noise and JPEG ringing do not count).
 */
export function inkBox(img: PageImage): InkBox {
  const { width: w, height: h, data, dpi } = img;
  const t = inkThreshold(img);
  const cols = new Uint32Array(w);
  const rows = new Uint32Array(h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if ((data[y * w + x] ?? 255) < t) {
        cols[x]!++;
        rows[y]!++;
      }
  const first = (a: Uint32Array, n: number): number => a.findIndex((c) => c >= 0.005 * n);
  const last = (a: Uint32Array, n: number): number => {
    for (let i = a.length - 1; i >= 0; i--) if ((a[i] ?? 0) >= 0.005 * n) return i;
    return -1;
  };
  const x0 = first(cols, h);
  const x1 = last(cols, h);
  const y0 = first(rows, w);
  const y1 = last(rows, w);
  const toPt = 72 / dpi;
  return { x0, x1, y0, y1, marginPt: { left: x0 * toPt, right: (w - 1 - x1) * toPt, top: y0 * toPt, bottom: (h - 1 - y1) * toPt } };
}

export interface ScanImageInfo {
  page: number;
  /** the page's /Rotate */
  rotate: number;
  /** page box (unrotated), points */
  pageWidth: number;
  pageHeight: number;
  width: number;
  height: number;
  filter: string;
  bitsPerComponent: number;
  colorSpace: string;
  /** CCITTFaxDecode /K, when present */
  k?: number;
  /** the image's placement in PDF user space (unit square → page), from the content stream */
  matrix: [number, number, number, number, number, number];
  /** pixels per inch on the page, along the image's x and y */
  dpiX: number;
  dpiY: number;
  /** the drawn image's distance to each edge of the (unrotated) page box, points */
  marginPt: { left: number; right: number; top: number; bottom: number };
}

/** Every image XObject painted on each page, with its dictionary facts and placement. */
export async function scanImages(pdf: Uint8Array): Promise<ScanImageInfo[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const dicts = new Map<number, PDFDict[]>();
  doc.getPages().forEach((page, i) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    const found: PDFDict[] = [];
    if (xobjects instanceof PDFDict)
      for (const [, ref] of xobjects.entries()) {
        const obj = doc.context.lookup(ref);
        if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) found.push(obj.dict);
      }
    dicts.set(i + 1, found);
  });
  const name = (o: PDFObject | undefined): string => (o instanceof PDFArray ? o.asArray().map(name).join(' ') : (o?.toString() ?? '').replace(/^\//, ''));
  const num = (o: PDFObject | undefined): number => (o instanceof PDFNumber ? o.asNumber() : NaN);

  return withDocument(pdf, async (pdfDoc) => {
    const out: ScanImageInfo[] = [];
    for (let p = 1; p <= pdfDoc.numPages; p++) {
      const page = await pdfDoc.getPage(p);
      const [bx0, by0, bx1, by1] = page.view as [number, number, number, number];
      const ops = await page.getOperatorList();
      let ctm: ScanImageInfo['matrix'] = [1, 0, 0, 1, 0, 0];
      const stack: ScanImageInfo['matrix'][] = [];
      const pageDicts = dicts.get(p) ?? [];
      let k = 0;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
        else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as ScanImageInfo['matrix']);
        else if (fn === OPS.paintImageXObject) {
          const dict = pageDicts[k++];
          const width = Number(args[1]);
          const height = Number(args[2]);
          const [a, b, c, d, e, f] = ctm;
          const xs = [e, a + e, c + e, a + c + e];
          const ys = [f, b + f, d + f, b + d + f];
          const decode = dict?.lookup(PDFName.of('DecodeParms'));
          const kValue = decode instanceof PDFDict ? num(decode.get(PDFName.of('K'))) : NaN;
          out.push({
            page: p,
            rotate: page.rotate,
            pageWidth: bx1 - bx0,
            pageHeight: by1 - by0,
            width,
            height,
            filter: name(dict?.get(PDFName.of('Filter'))),
            bitsPerComponent: num(dict?.get(PDFName.of('BitsPerComponent'))),
            colorSpace: name(dict?.get(PDFName.of('ColorSpace'))),
            ...(Number.isNaN(kValue) ? {} : { k: kValue }),
            matrix: ctm,
            dpiX: (width / Math.hypot(a, b)) * 72,
            dpiY: (height / Math.hypot(c, d)) * 72,
            marginPt: {
              left: Math.min(...xs) - bx0,
              right: bx1 - Math.max(...xs),
              bottom: Math.min(...ys) - by0,
              top: by1 - Math.max(...ys),
            },
          });
        }
      }
      page.cleanup();
    }
    return out;
  });
}

function multiply(m: ScanImageInfo['matrix'], n: ScanImageInfo['matrix']): ScanImageInfo['matrix'] {
  // PDF `cm`: new CTM = n × m (n applied first)
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

/** The page images the OCR path gets (src/extract/render.ts `pageImage`), one per page. */
export async function pageImages(pdf: Uint8Array, pages?: number[]): Promise<PageImage[]> {
  return withDocument(pdf, async (doc) => {
    const out: PageImage[] = [];
    for (let p = 1; p <= doc.numPages; p++) if (!pages || pages.includes(p)) out.push(await pageImage(doc, p));
    return out;
  });
}

/** The ink's centre of mass on the page image, as fractions of its width and height (0.5, 0.5: centred). */
export function inkCentroid(img: PageImage): { x: number; y: number } {
  const { width: w, height: h, data } = img;
  const t = inkThreshold(img);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if ((data[y * w + x] ?? 255) < t) {
        sx += x;
        sy += y;
        n++;
      }
  return { x: sx / Math.max(1, n) / w, y: sy / Math.max(1, n) / h };
}

/**
 * The IJG quality (1–100) each page's JPEG images were written with: the quality whose
 * standard luminance table scaled (jpeg-gray.ts `quantTable`) equals the stream's first
 * quantization table; null for an image that is not a JPEG or uses other tables.
 */
export async function jpegQualities(pdf: Uint8Array): Promise<Array<{ page: number; quality: number | null }>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: Array<{ page: number; quality: number | null }> = [];
  doc.getPages().forEach((page, i) => {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      const obj = doc.context.lookup(ref);
      if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of('Filter')) !== PDFName.of('DCTDecode')) continue;
      out.push({ page: i + 1, quality: ijgQuality(obj.contents) });
    }
  });
  return out;
}

function ijgQuality(jpeg: Uint8Array): number | null {
  // find the first DQT segment (FF DB), 8-bit table 0, 64 entries in zigzag order
  for (let i = 2; i + 4 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1] ?? 0;
    const len = ((jpeg[i + 2] ?? 0) << 8) | (jpeg[i + 3] ?? 0);
    if (marker === 0xdb) {
      if (((jpeg[i + 4] ?? 0) >> 4) !== 0) return null;
      const zigzag = jpeg.subarray(i + 5, i + 5 + 64);
      for (let q = 1; q <= 100; q++) {
        const natural = quantTable(q);
        if (NATURAL_ORDER.every((nat, k) => natural[nat] === zigzag[k])) return q;
      }
      return null;
    }
    if (marker === 0xda) return null;
    i += 2 + len;
  }
  return null;
}

export interface DecodedImage {
  page: number;
  width: number;
  height: number;
  /** pdf.js ImageKind: 1 = 1 bit per pixel gray, 2 = RGB, 3 = RGBA */
  kind: number | undefined;
}

/** How pdf.js decodes each page's images (what the extract's native path reads). */
export async function decodedImages(pdf: Uint8Array): Promise<DecodedImage[]> {
  return withDocument(pdf, async (doc) => {
    const out: DecodedImage[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const ops = await page.getOperatorList();
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
        const id = (ops.argsArray[i] as unknown[])[0] as string;
        const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
        const img = await new Promise<{ width: number; height: number; kind?: number }>((resolve) => objs.get(id, resolve as (d: unknown) => void));
        out.push({ page: p, width: img.width, height: img.height, kind: img.kind });
      }
      page.cleanup();
    }
    return out;
  });
}
