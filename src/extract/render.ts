/**
 * A page as pixels for the OCR path (`PageImage`: 8-bit grayscale, 0 black … 255 white).
 *
 * Pixel ↔ page-point mapping (page space: points, origin top-left, y downward, /Rotate
 * applied — extract/types.ts): pixel (px, py) covers the square
 * [px, px + 1) × [py, py + 1) · 72 / dpi. Its centre is at ((px + 0.5), (py + 0.5)) · 72 / dpi.
 *
 * - Rendered pages: pdf.js draws with the viewport at scale dpi / 72, whose transform is exactly
 *   page point × dpi / 72, so the mapping is exact. The bitmap is ceil(width · dpi / 72) ×
 *   ceil(height · dpi / 72) pixels; the last row/column may extend past the page edge (white).
 * - Scanned pages (one image covering the page, no text): the image's own pixels, reoriented
 *   when drawn rotated by 90/180/270° or flipped, at `dpi` = the image's resolution on the page.
 *   Used only when that mapping is exact to within `NATIVE_TOLERANCE_PX` pixels everywhere
 *   on the page (the image must start at the page's top-left corner and have the same scale
 *   on both axes); otherwise the page is rendered at the image's own resolution instead.
 *
 * Grayscale (`PageImageOptions.grayscale`), composited on white: `'luma'` is ITU-R BT.601
 * (0.299 R + 0.587 G + 0.114 B), which leaves a red seal mid-gray (a seal red ≈ 90–110, as
 * dark as blurred text); `'red-dropout'` (default) is max(luma, R), the scanner's "drop-out
 * colour red": red and orange ink turns light (a seal red → ≈ 200), while black, gray, blue
 * and green keep their luma. Both the line finder and OCR want the seal gone; pass `'luma'`
 * to keep red text.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Matrix } from './coords.js';
import { IDENTITY, compose, coveredFraction } from './coords.js';
import { OPS } from './pdfjs.js';
import type { PDFDocumentProxy, PDFPageProxy } from './pdfjs.js';
import type { PageImage } from './types.js';

export interface PageImageOptions {
  /** Resolution of a rendered page, pixels per inch. Default 300. Ignored for a scan used natively. */
  dpi?: number;
  /** Colour → gray conversion (see the module comment). Default `'red-dropout'`. */
  grayscale?: Grayscale;
}

export type Grayscale = 'luma' | 'red-dropout';

export const DEFAULT_RENDER_DPI = 300;
/** One image paint op covering at least this fraction of the page area makes the page a scan. */
export const SCAN_COVERAGE = 0.9;
/** Largest disagreement (pixels) between the image's real placement and the PageImage mapping. */
export const NATIVE_TOLERANCE_PX = 1;
/** Resolution bounds when a scan is rendered rather than used natively. */
const MIN_SCAN_DPI = 72;
const MAX_SCAN_DPI = 600;

/** pdf.js `ImageKind`. */
const IMAGE_KIND = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

/** Decoded image data as pdf.js hands it to the canvas in Node (no ImageBitmap there). */
interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
  bitmap?: unknown;
}

/** An image paint op and where it lands: `matrix` maps the unit square to page space. */
interface ImagePaint {
  objId: string;
  width: number;
  height: number;
  matrix: Matrix;
}

/**
 * The page as a grayscale image: the scanned image's own pixels when the page is a scan (see
 * the module comment), otherwise pdf.js's rendering at `options.dpi` (default 300) on white.
 */
export async function pageImage(doc: PDFDocumentProxy, pageNumber: number, options?: PageImageOptions): Promise<PageImage> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const toPage = viewport.transform as unknown as Matrix;
    const grayscale = options?.grayscale ?? 'red-dropout';
    const scan = await findScanImage(page, toPage, viewport.width, viewport.height);
    if (scan) {
      const native = await nativeScanImage(page, scan, viewport.width, viewport.height, pageNumber, grayscale);
      if (native) return native;
      const dpi = clamp(Math.round(scanDpi(scan)), MIN_SCAN_DPI, MAX_SCAN_DPI);
      return await renderPage(page, pageNumber, dpi, grayscale);
    }
    return await renderPage(page, pageNumber, options?.dpi ?? DEFAULT_RENDER_DPI, grayscale);
  } finally {
    page.cleanup();
  }
}

/** Render with pdf.js onto a white canvas at `dpi` and convert to grayscale. */
export async function renderPage(page: PDFPageProxy, pageNumber: number, dpi: number, grayscale: Grayscale = 'red-dropout'): Promise<PageImage> {
  if (!(dpi > 0 && Number.isFinite(dpi))) throw new RangeError(`dpi must be a positive number, got ${dpi}`);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width - 1e-6);
  const height = Math.ceil(viewport.height - 1e-6);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  // pdf.js's types name DOM canvases; @napi-rs/canvas implements the part it uses.
  type RenderParameters = Parameters<PDFPageProxy['render']>[0];
  await page.render({
    canvas: canvas as unknown as RenderParameters['canvas'],
    canvasContext: ctx as unknown as NonNullable<RenderParameters['canvasContext']>,
    viewport,
    background: 'rgb(255,255,255)',
  }).promise;
  // `data()` is the raw RGBA buffer (opaque here: the canvas was filled with white).
  const data = rgbaToGray(canvas.data(), width * height, grayscale);
  return { pageNumber, width, height, dpi, data };
}

/**
 * The page's scanned image, if the page is essentially one: no text, and one image paint op
 * whose placement covers ≥ `SCAN_COVERAGE` of the page.
 */
async function findScanImage(page: PDFPageProxy, toPage: Matrix, pageWidth: number, pageHeight: number): Promise<ImagePaint | null> {
  const text = await page.getTextContent();
  if (text.items.some((item) => 'str' in item && item.str.trim() !== '')) return null;
  const ops = await page.getOperatorList();
  const paints = imagePaints(ops.fnArray, ops.argsArray, toPage);
  const covering = paints.filter((p) => coveredFraction(p.matrix, pageWidth, pageHeight) >= SCAN_COVERAGE);
  return covering.length === 1 ? (covering[0] ?? null) : null;
}

/** Every `paintImageXObject` with its unit-square → page-space matrix (CTM tracked). */
function imagePaints(fnArray: number[], argsArray: unknown[], toPage: Matrix): ImagePaint[] {
  const paints: ImagePaint[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = compose(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as Matrix | null | undefined;
      if (m && m.length === 6) ctm = compose(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject && args && typeof args[0] === 'string') {
      paints.push({ objId: args[0], width: Number(args[1]), height: Number(args[2]), matrix: compose(toPage, ctm) });
    }
  }
  return paints;
}

/** Resolution of the image on the page (pixels per inch), from its larger axis. */
function scanDpi(p: ImagePaint): number {
  const m = p.matrix;
  const uLen = Math.hypot(m[0], m[1]); // page points along the image's x axis
  const vLen = Math.hypot(m[2], m[3]);
  return Math.max((p.width / uLen) * 72, (p.height / vLen) * 72);
}

/**
 * The image's pixels in page orientation, when it is drawn axis-aligned (0/90/180/270°,
 * possibly flipped), from the page's top-left corner, at one scale on both axes. Null
 * otherwise (the caller renders).
 */
async function nativeScanImage(
  page: PDFPageProxy,
  p: ImagePaint,
  pageWidth: number,
  pageHeight: number,
  pageNumber: number,
  grayscale: Grayscale,
): Promise<PageImage | null> {
  const [a, b, c, d, e, f] = p.matrix;
  const eps = 1e-6 * (Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(d));
  // Image pixel (i, j) (row j from the top) sits at unit-square point (i / w, 1 − j / h).
  // Page x = a·u + c·v + e, page y = b·u + d·v + f.
  const upright = Math.abs(b) <= eps && Math.abs(c) <= eps; // image x ↔ page x
  const turned = Math.abs(a) <= eps && Math.abs(d) <= eps; // image x ↔ page y
  if (!upright && !turned) return null;
  const w = p.width;
  const h = p.height;
  const outW = upright ? w : h;
  const outH = upright ? h : w;
  // Page-space box of the image and its resolution on each axis.
  const x0 = Math.min(e, a + c + e, c + e, a + e);
  const x1 = Math.max(e, a + c + e, c + e, a + e);
  const y0 = Math.min(f, b + d + f, d + f, b + f);
  const y1 = Math.max(f, b + d + f, d + f, b + f);
  const dpiX = (outW / (x1 - x0)) * 72;
  const dpiY = (outH / (y1 - y0)) * 72;
  const dpi = (72 * (outW + outH)) / (x1 - x0 + (y1 - y0));
  const toPx = dpi / 72;
  // Where the mapping px · 72 / dpi puts the image's edges, versus where the page draws them.
  const errors = [x0 * toPx, y0 * toPx, outW - x1 * toPx, outH - y1 * toPx].map(Math.abs);
  if (Math.max(...errors) > NATIVE_TOLERANCE_PX || Math.abs(dpiX - dpiY) / dpi > 0.01) return null;
  // The image must reach the page's far edges too (it covers the page, not 90 % of it).
  if (Math.abs(x1 - pageWidth) * toPx > NATIVE_TOLERANCE_PX || Math.abs(y1 - pageHeight) * toPx > NATIVE_TOLERANCE_PX) return null;

  const decoded = await imageObject(page, p.objId);
  if (!decoded || decoded.width !== w || decoded.height !== h) return null;
  const gray = decodedToGray(decoded, grayscale);
  if (!gray) return null;

  // Orientation: does output x (y) run along image x or y, and forwards or backwards?
  // Unit-square directions: u grows with i, v shrinks with j (v = 1 − j / h).
  const out = new Uint8Array(outW * outH);
  if (upright) {
    const flipX = a < 0; // page x decreases with i
    const flipY = -d < 0; // page y as a function of j has slope −d / h
    for (let oy = 0; oy < outH; oy++) {
      const j = flipY ? h - 1 - oy : oy;
      const row = j * w;
      const dst = oy * outW;
      if (!flipX) out.set(gray.subarray(row, row + w), dst);
      else for (let ox = 0; ox < outW; ox++) out[dst + ox] = gray[row + w - 1 - ox] ?? 255;
    }
  } else {
    const flipX = -c < 0; // page x as a function of j has slope −c / h
    const flipY = b < 0; // page y as a function of i has slope b / w
    for (let oy = 0; oy < outH; oy++) {
      const i = flipY ? w - 1 - oy : oy;
      const dst = oy * outW;
      for (let ox = 0; ox < outW; ox++) {
        const j = flipX ? h - 1 - ox : ox;
        out[dst + ox] = gray[j * w + i] ?? 255;
      }
    }
  }
  return { pageNumber, width: outW, height: outH, dpi, data: out };
}

/** Resolve a pdf.js image object (page-local ids, or `g_…` ids in the common objects). */
function imageObject(page: PDFPageProxy, objId: string): Promise<DecodedImage | null> {
  const objs = objId.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    // The callback form waits for objects still being decoded; give up (and render) after 10 s.
    const timer = setTimeout(() => resolve(null), 10_000);
    objs.get(objId, (data: unknown) => {
      clearTimeout(timer);
      resolve((data as DecodedImage | null) ?? null);
    });
  });
}

/** pdf.js decoded image → grayscale, or null for a form this module does not handle (bitmaps). */
function decodedToGray(img: DecodedImage, grayscale: Grayscale): Uint8Array | null {
  const { width, height, kind, data } = img;
  if (!data) return null;
  const n = width * height;
  if (kind === IMAGE_KIND.RGBA_32BPP && data.length >= n * 4) return rgbaToGray(data, n, grayscale);
  if (kind === IMAGE_KIND.RGB_24BPP && data.length >= n * 3) {
    const dropRed = grayscale === 'red-dropout';
    const out = new Uint8Array(n);
    for (let k = 0, s = 0; k < n; k++, s += 3) {
      const r = data[s] ?? 255;
      const luma = (299 * r + 587 * (data[s + 1] ?? 255) + 114 * (data[s + 2] ?? 255)) / 1000;
      out[k] = (dropRed && r > luma ? r : luma) + 0.5;
    }
    return out;
  }
  if (kind === IMAGE_KIND.GRAYSCALE_1BPP) {
    // Rows padded to whole bytes, most significant bit first; a set bit is white.
    const stride = (width + 7) >> 3;
    if (data.length < stride * height) return null;
    const out = new Uint8Array(n);
    for (let y = 0; y < height; y++) {
      const row = y * stride;
      const dst = y * width;
      for (let x = 0; x < width; x++) out[dst + x] = ((data[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
    return out;
  }
  return null;
}

/** RGBA (straight alpha) → gray composited on white (`n` pixels), by `grayscale` (see the module comment). */
export function rgbaToGray(data: Uint8Array | Uint8ClampedArray, n: number, grayscale: Grayscale): Uint8Array {
  const dropRed = grayscale === 'red-dropout';
  const out = new Uint8Array(n);
  for (let k = 0, s = 0; k < n; k++, s += 4) {
    const alpha = data[s + 3] ?? 255;
    const r = data[s] ?? 255;
    const luma = (299 * r + 587 * (data[s + 1] ?? 255) + 114 * (data[s + 2] ?? 255)) / 1000;
    const gray = dropRed && r > luma ? r : luma;
    out[k] = alpha === 255 ? gray + 0.5 : (gray * alpha + 255 * (255 - alpha)) / 255 + 0.5;
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
