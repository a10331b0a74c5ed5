/**
 * Scanned-page fixtures: rasterize a digital PDF with pdf.js + @napi-rs/canvas, degrade each page
 * like an office scanner (seal stamp, small rotation, blur, paper tone, sensor noise, JPEG), and
 * rebuild a PDF whose scanned pages are one full-page JPEG each and carry no text layer.
 *
 * Geometry: the page image is W×H = round(page width·dpi/72) × round(page height·dpi/72) px and
 * is drawn over the whole page box, so before rotation pixel (x, y) ↔ page point
 * (x·72/dpi, y·72/dpi) from the top-left corner (to within half a pixel of rounding). The rotation
 * turns the page content about the image centre; what it uncovers is paper.
 *
 * Deterministic: all randomness comes from `Rng` streams keyed by seed and page number (so page p
 * looks the same whichever other pages are scanned), pdf-lib dates and names are fixed, grayscale
 * pages go through our own JPEG encoder (`jpeg-gray.ts`), RGB pages through Skia's.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Canvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import { openDocument } from '../../src/extract/pdfjs.js';
import type { PDFPageProxy } from '../../src/extract/pdfjs.js';
import { Rng } from '../fixtures/prng.js';
import { encodeGrayJpeg } from './jpeg-gray.js';
import { drawSeal, placeSeal } from './stamp.js';

/**
 * The seed prefix of the standard scans of the seed document (`${SCAN_SEED}/seed-200`…): used by
 * make-scans.ts and by the tests that scan at test time, so both make the same pixels.
 */
export const SCAN_SEED = 'jixiao-scans-v1';

export interface ScanOptions {
  /** 150 | 200 | 300 (any positive value works) */
  dpi: number;
  /** all randomness comes from a PRNG seeded with this */
  seed: string;
  /** each page is rotated by a uniform random angle in ±max degrees; default 1.5 */
  maxRotateDeg?: number;
  /** Gaussian noise sigma in gray levels; default 12 */
  noise?: number;
  /** Gaussian blur sigma in px; default 0.6; 0 = none */
  blur?: number;
  /** JPEG quality range, a uniform random integer per page; default [50, 75] */
  jpegQuality?: [number, number];
  /** a red seal over part of the table on pages whose number is a multiple of N; default 3; 0 = none */
  stampEvery?: number;
  /** pages (1-based) to scan; the others are copied unchanged (mixed files); default all */
  pages?: number[];
  /** default true; stamped pages stay RGB so the red shows */
  grayscale?: boolean;
  /** paper level (white becomes this, per page uniform) — default [238, 250] */
  paperLevel?: [number, number];
  /** ink level (black becomes this, per page uniform) — default [8, 30] */
  inkLevel?: [number, number];
  /** called after each page, for progress and timing */
  onPage?: (info: ScanPageInfo) => void;
}

export interface ScanPageInfo {
  page: number;
  scanned: boolean;
  ms: number;
  /** the following only for scanned pages */
  widthPx?: number;
  heightPx?: number;
  angleDeg?: number;
  quality?: number;
  stamped?: boolean;
  color?: 'gray' | 'rgb';
  jpegBytes?: number;
}

const FIXED_DATE = new Date('2025-03-01T08:00:00Z');

/**
 * Rasterize the PDF's pages (pdf.js + @napi-rs/canvas) and rebuild a PDF whose scanned pages are
 * one JPEG image each, page size unchanged, no text layer on those pages. Deterministic for the
 * same input and options.
 */
export async function scanPdf(pdf: Uint8Array, options: ScanOptions): Promise<Uint8Array> {
  const opts = resolveOptions(options);
  const src = await openDocument(pdf);
  try {
    const n = src.numPages;
    const scanned = new Set(options.pages ?? range(1, n));
    for (const p of scanned)
      if (!Number.isInteger(p) || p < 1 || p > n) throw new RangeError(`scanPdf: page ${p} not in 1..${n}`);

    const out = await PDFDocument.create({ updateMetadata: false });
    out.setProducer('jixiao scan fixture generator (pdf-lib 1.17.1)');
    out.setCreator('jixiao scripts/scans/scan.ts');
    out.setCreationDate(FIXED_DATE);
    out.setModificationDate(FIXED_DATE);

    const digital = range(1, n).filter((p) => !scanned.has(p));
    const copied = new Map<number, PDFPage>();
    if (digital.length > 0) {
      const lib = await PDFDocument.load(pdf, { updateMetadata: false });
      const pages = await out.copyPages(
        lib,
        digital.map((p) => p - 1),
      );
      digital.forEach((p, i) => copied.set(p, pages[i] as PDFPage));
    }

    for (let p = 1; p <= n; p++) {
      const t0 = performance.now();
      const copy = copied.get(p);
      if (copy) {
        out.addPage(copy);
        opts.onPage?.({ page: p, scanned: false, ms: performance.now() - t0 });
        continue;
      }
      const page = await src.getPage(p);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: opts.dpi / 72 });
      const width = Math.max(1, Math.round(viewport.width));
      const height = Math.max(1, Math.round(viewport.height));

      const rng = new Rng(`${opts.seed}/page-${p}`);
      const angleDeg = rng.float(-opts.maxRotateDeg, opts.maxRotateDeg);
      const quality = rng.int(opts.jpegQuality[0], opts.jpegQuality[1]);
      const paper = rng.float(opts.paperLevel[0], opts.paperLevel[1]);
      const ink = rng.float(opts.inkLevel[0], opts.inkLevel[1]);
      const stamped = opts.stampEvery > 0 && p % opts.stampEvery === 0;

      // 1. the page as printed (plus the seal, which is ink on the paper)
      const paperCanvas = createCanvas(width, height);
      const pctx = paperCanvas.getContext('2d');
      pctx.fillStyle = '#ffffff';
      pctx.fillRect(0, 0, width, height);
      // pdf.js's Node build draws on @napi-rs/canvas; its types name the DOM classes
      const params = { canvasContext: pctx, canvas: paperCanvas, viewport };
      await page.render(params as unknown as Parameters<PDFPageProxy['render']>[0]).promise;
      page.cleanup();
      if (stamped) drawSeal(pctx, rng.fork('seal'), placeSeal(rng, width, height, opts.dpi));

      // 2. fed in slightly askew
      const scan = rotate(paperCanvas, width, height, (angleDeg * Math.PI) / 180);

      // 3. optics, paper tone, sensor noise
      const color: 'gray' | 'rgb' = !opts.grayscale || stamped ? 'rgb' : 'gray';
      const sctx = scan.getContext('2d');
      const image = sctx.getImageData(0, 0, width, height);
      const planes = toPlanes(image.data, width * height, color);
      for (const plane of planes) {
        if (opts.blur > 0) gaussianBlur(plane, width, height, opts.blur);
        tone(plane, paper, ink);
      }
      addNoise(planes, opts.noise, rng.fork('noise'));

      // 4. JPEG
      let jpeg: Uint8Array;
      if (color === 'gray') {
        jpeg = encodeGrayJpeg(planes[0] as Uint8Array, width, height, quality);
      } else {
        fromPlanes(planes, image.data);
        sctx.putImageData(image, 0, 0);
        jpeg = await scan.encode('jpeg', quality);
      }

      const img = await out.embedJpg(jpeg);
      const outPage = out.addPage([base.width, base.height]);
      outPage.drawImage(img, { x: 0, y: 0, width: base.width, height: base.height });
      opts.onPage?.({
        page: p,
        scanned: true,
        ms: performance.now() - t0,
        widthPx: width,
        heightPx: height,
        angleDeg,
        quality,
        stamped,
        color,
        jpegBytes: jpeg.length,
      });
    }
    return await out.save({ useObjectStreams: false });
  } finally {
    await src.destroy();
  }
}

type Resolved = Required<Omit<ScanOptions, 'pages' | 'onPage'>> & Pick<ScanOptions, 'onPage'>;

function resolveOptions(o: ScanOptions): Resolved {
  if (!(o.dpi > 0)) throw new RangeError('scanPdf: dpi must be positive');
  const r: Resolved = {
    dpi: o.dpi,
    seed: o.seed,
    maxRotateDeg: o.maxRotateDeg ?? 1.5,
    noise: o.noise ?? 12,
    blur: o.blur ?? 0.6,
    jpegQuality: o.jpegQuality ?? [50, 75],
    stampEvery: o.stampEvery ?? 3,
    grayscale: o.grayscale ?? true,
    paperLevel: o.paperLevel ?? [238, 250],
    inkLevel: o.inkLevel ?? [8, 30],
    onPage: o.onPage,
  };
  const [q0, q1] = r.jpegQuality;
  if (!(q0 >= 1 && q1 <= 100 && q0 <= q1)) throw new RangeError('scanPdf: jpegQuality must be [lo, hi] within 1..100');
  return r;
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/** draw `src` rotated by `rad` about its centre onto a white canvas of the same size */
function rotate(src: Canvas, width: number, height: number, rad: number): Canvas {
  const dst = createCanvas(width, height);
  const ctx = dst.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'low'; // bilinear
  ctx.translate(width / 2, height / 2);
  ctx.rotate(rad);
  ctx.translate(-width / 2, -height / 2);
  ctx.drawImage(src, 0, 0);
  return dst;
}

/** RGBA → one luminance plane, or three colour planes */
function toPlanes(rgba: Uint8ClampedArray, count: number, color: 'gray' | 'rgb'): Uint8Array[] {
  if (color === 'gray') {
    const g = new Uint8Array(count);
    for (let i = 0, j = 0; i < count; i++, j += 4)
      g[i] = (77 * (rgba[j] ?? 0) + 150 * (rgba[j + 1] ?? 0) + 29 * (rgba[j + 2] ?? 0) + 128) >> 8;
    return [g];
  }
  const r = new Uint8Array(count);
  const g = new Uint8Array(count);
  const b = new Uint8Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 4) {
    r[i] = rgba[j] ?? 0;
    g[i] = rgba[j + 1] ?? 0;
    b[i] = rgba[j + 2] ?? 0;
  }
  return [r, g, b];
}

function fromPlanes(planes: Uint8Array[], rgba: Uint8ClampedArray): void {
  const [r, g, b] = planes as [Uint8Array, Uint8Array, Uint8Array];
  for (let i = 0, j = 0; i < r.length; i++, j += 4) {
    rgba[j] = r[i] ?? 0;
    rgba[j + 1] = g[i] ?? 0;
    rgba[j + 2] = b[i] ?? 0;
    rgba[j + 3] = 255;
  }
}

/** separable Gaussian blur, edges clamped */
function gaussianBlur(plane: Uint8Array, width: number, height: number, sigma: number): void {
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k] = (kernel[k] ?? 0) / sum;
  const tmp = new Float32Array(plane.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
        acc += (kernel[k + radius] ?? 0) * (plane[row + xx] ?? 0);
      }
      tmp[row + x] = acc;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
        acc += (kernel[k + radius] ?? 0) * (tmp[yy * width + x] ?? 0);
      }
      plane[y * width + x] = Math.round(acc);
    }
  }
}

/** linear map 0 → ink, 255 → paper */
function tone(plane: Uint8Array, paper: number, ink: number): void {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(ink + ((paper - ink) * v) / 255);
  for (let i = 0; i < plane.length; i++) plane[i] = lut[plane[i] ?? 0] ?? 0;
}

/** zero-mean Gaussian noise, the same value on every plane of a pixel (luminance noise) */
function addNoise(planes: Uint8Array[], sigma: number, rng: Rng): void {
  if (sigma <= 0) return;
  // a table of 65536 normal deviates (Box–Muller), indexed by 16-bit halves of the PRNG output
  const table = new Float32Array(65536);
  for (let i = 0; i < table.length; i += 2) {
    const u1 = 1 - rng.next();
    const u2 = rng.next();
    const m = sigma * Math.sqrt(-2 * Math.log(u1));
    table[i] = m * Math.cos(2 * Math.PI * u2);
    table[i + 1] = m * Math.sin(2 * Math.PI * u2);
  }
  const count = planes[0]?.length ?? 0;
  let bits = 0;
  for (let i = 0; i < count; i++) {
    let idx: number;
    if ((i & 1) === 0) {
      bits = Math.floor(rng.next() * 4294967296);
      idx = bits & 0xffff;
    } else {
      idx = bits >>> 16;
    }
    const n = table[idx] ?? 0;
    for (const plane of planes) {
      const v = (plane[i] ?? 0) + n;
      plane[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
}
