/**
 * Scanned-page fixtures: rasterize a digital PDF with pdf.js + @napi-rs/canvas, degrade each page
 * like an office scanner (seal stamp, small rotation, blur, paper tone, sensor noise, JPEG or a
 * bilevel image), and rebuild a PDF whose scanned pages are one image each and carry no text layer.
 *
 * Geometry: the paper is W×H = round(page width·dpi/72) × round(page height·dpi/72) px. By default
 * the image is the paper and is drawn over the whole page box, so before rotation pixel (x, y) ↔
 * page point (x·72/dpi, y·72/dpi) from the top-left corner (to within half a pixel of rounding).
 * With `overscan` the scanner also captures some of its bed around the paper (the image is larger
 * than the paper, the paper not at its corner); with `placement` the image is fitted, centred,
 * into a page of its own size inset by a margin (as scanning software writes A4 PDFs), so its
 * resolution on the page differs from `dpi`. The skew turns the content about the image centre;
 * what it uncovers is paper. `turn` then turns the whole image by a quarter turn or two (the paper
 * fed sideways or upside down; the page box follows the image), and `pageRotate` sets the page's
 * /Rotate: a viewer shows the content turned by `turn + pageRotate` degrees clockwise.
 *
 * Deterministic: all randomness comes from `Rng` streams keyed by seed and page number (so page p
 * looks the same whichever other pages are scanned), pdf-lib dates and names are fixed, grayscale
 * pages go through our own JPEG encoder (`jpeg-gray.ts`), RGB pages through Skia's, bilevel pages
 * through our CCITT G4 encoder (`ccitt-g4.ts`) or zlib. The options added after the first version
 * (overscan, placement, seal colour, bilevel, turn, /Rotate) draw from a stream of their own, so
 * the scans made without them are what they were.
 */
import { deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import type { Canvas } from '@napi-rs/canvas';
import { PDFDocument, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PDFImage, PDFPage, PDFRef } from 'pdf-lib';
import { openDocument } from '../../src/extract/pdfjs.js';
import type { PDFPageProxy } from '../../src/extract/pdfjs.js';
import { Rng } from '../fixtures/prng.js';
import { encodeG4 } from './ccitt-g4.js';
import { encodeGrayJpeg } from './jpeg-gray.js';
import { drawSeal, placeSeal } from './stamp.js';
import type { SealInk } from './stamp.js';

/**
 * The seed prefix of the standard scans of the seed document (`${SCAN_SEED}/seed-200`…): used by
 * make-scans.ts and by the tests that scan at test time, so both make the same pixels.
 */
export const SCAN_SEED = 'jixiao-scans-v1';

export type QuarterTurn = 0 | 90 | 180 | 270;

/** How a page image is written into the PDF. */
export type ImageEncoding =
  /** 8-bit JPEG (DCTDecode): DeviceGray, or DeviceRGB for colour pages */
  | 'jpeg'
  /** 1-bit DeviceGray, CCITT Group 4 (CCITTFaxDecode, K = −1) */
  | 'ccitt-g4'
  /** 1-bit DeviceGray, FlateDecode */
  | 'flate-1bit';

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
  /** a seal over part of the table on pages whose number is a multiple of N; default 3; 0 = none */
  stampEvery?: number;
  /** the seal's ink: red (default) or gray (a gray stamp pad, or a copy of a stamped page) */
  sealInk?: SealInk;
  /** pages (1-based) to scan; the others are copied unchanged (mixed files); default all */
  pages?: number[];
  /** default true; pages stamped in red stay RGB so the red shows */
  grayscale?: boolean;
  /** paper level (white becomes this, per page uniform) — default [238, 250] */
  paperLevel?: [number, number];
  /** ink level (black becomes this, per page uniform) — default [8, 30] */
  inkLevel?: [number, number];
  /** scanner bed captured beyond each edge of the paper, mm, uniform per edge; default none */
  overscanMm?: [number, number];
  /** fit the image, centred, into a page of this size (points) inset by a margin; default: the image is the page */
  placement?: { page?: [number, number]; marginPt: [number, number] };
  /** how the image is written; default 'jpeg'. The bilevel encodings write 1-bit gray pages. */
  encoding?: ImageEncoding;
  /** bilevel: pixels darker than this (after blur, tone and noise) are black; default 160 */
  bilevelThreshold?: number;
  /** the image content turned clockwise by this (paper fed sideways or upside down); default 0 */
  turn?: QuarterTurn;
  /** the page's /Rotate; default 0 */
  pageRotate?: QuarterTurn;
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
  color?: 'gray' | 'rgb' | 'bilevel';
  /** bytes of the image stream (JPEG, G4 or deflated bits) */
  jpegBytes?: number;
  /** the image's resolution on the page, pixels per inch */
  pageDpi?: number;
  /** the image's placement on the page (points, from the bottom-left of the page box) */
  box?: { x: number; y: number; width: number; height: number };
  turn?: QuarterTurn;
  pageRotate?: QuarterTurn;
}

const FIXED_DATE = new Date('2025-03-01T08:00:00Z');
const A4: [number, number] = [595.28, 841.89];

/**
 * Rasterize the PDF's pages (pdf.js + @napi-rs/canvas) and rebuild a PDF whose scanned pages are
 * one image each, no text layer on those pages. Deterministic for the same input and options.
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
      const layout = new Rng(`${opts.seed}/page-${p}/layout`);

      // 1. the page as printed (plus the seal, which is ink on the paper)
      const paperCanvas = createCanvas(width, height);
      const pctx = paperCanvas.getContext('2d');
      pctx.fillStyle = '#ffffff';
      pctx.fillRect(0, 0, width, height);
      // pdf.js's Node build draws on @napi-rs/canvas; its types name the DOM classes
      const params = { canvasContext: pctx, canvas: paperCanvas, viewport };
      await page.render(params as unknown as Parameters<PDFPageProxy['render']>[0]).promise;
      page.cleanup();
      if (stamped) drawSeal(pctx, rng.fork('seal'), placeSeal(rng, width, height, opts.dpi), opts.sealInk);

      // 2. on the scanner bed (overscan), fed in slightly askew
      const bed = onBed(paperCanvas, width, height, opts.overscanMm ? bedMargins(layout, opts.overscanMm, opts.dpi) : null);
      const scan = rotate(bed.canvas, bed.width, bed.height, (angleDeg * Math.PI) / 180);

      // 3. optics, paper tone, sensor noise
      const bilevel = opts.encoding !== 'jpeg';
      const color: 'gray' | 'rgb' = bilevel || (opts.grayscale && !(stamped && opts.sealInk === 'red')) ? 'gray' : 'rgb';
      const sctx = scan.getContext('2d');
      const image = sctx.getImageData(0, 0, bed.width, bed.height);
      let planes = toPlanes(image.data, bed.width * bed.height, color);
      for (const plane of planes) {
        if (opts.blur > 0) gaussianBlur(plane, bed.width, bed.height, opts.blur);
        tone(plane, paper, ink);
      }
      addNoise(planes, opts.noise, rng.fork('noise'));

      // 4. sideways or upside down
      let w = bed.width;
      let h = bed.height;
      if (opts.turn !== 0) {
        planes = planes.map((plane) => turnPlane(plane, bed.width, bed.height, opts.turn));
        if (opts.turn !== 180) [w, h] = [h, w];
      }

      // 5. the image stream
      let xobject: PDFRef | PDFImage;
      let streamBytes: number;
      if (bilevel) {
        const black = threshold(planes[0] as Uint8Array, opts.bilevelThreshold);
        const stream = opts.encoding === 'ccitt-g4' ? g4Stream(out, black, w, h) : flateBitsStream(out, black, w, h);
        xobject = stream.ref;
        streamBytes = stream.bytes;
      } else {
        let jpeg: Uint8Array;
        if (color === 'gray') {
          jpeg = encodeGrayJpeg(planes[0] as Uint8Array, w, h, quality);
        } else {
          // a fresh canvas: @napi-rs/canvas's putImageData applies the context's transform, so
          // putting the pixels back on the rotated scan canvas skewed the page a second time
          const canvas = createCanvas(w, h);
          const ctx = canvas.getContext('2d');
          const rgba = ctx.createImageData(w, h);
          fromPlanes(planes, rgba.data);
          ctx.putImageData(rgba, 0, 0);
          jpeg = await canvas.encode('jpeg', quality);
        }
        xobject = await out.embedJpg(jpeg);
        streamBytes = jpeg.length;
      }

      // 6. the page: the image over the whole page box (the source page's, turned with the image,
      // when the image is the paper), or fitted into a page with margins
      const imageWidthPt = bed.width === width && bed.height === height ? base.width : (bed.width * 72) / opts.dpi;
      const imageHeightPt = bed.width === width && bed.height === height ? base.height : (bed.height * 72) / opts.dpi;
      let pageSize: [number, number] = w === bed.width ? [imageWidthPt, imageHeightPt] : [imageHeightPt, imageWidthPt];
      let box = { x: 0, y: 0, width: pageSize[0], height: pageSize[1] };
      if (opts.placement) {
        const [pw, ph] = opts.placement.page ?? A4;
        pageSize = w > h === pw > ph ? [pw, ph] : [ph, pw];
        const margin = layout.float(opts.placement.marginPt[0], opts.placement.marginPt[1]);
        const [iw, ih] = [box.width, box.height];
        const fit = Math.min((pageSize[0] - 2 * margin) / iw, (pageSize[1] - 2 * margin) / ih);
        const bw = iw * fit;
        const bh = ih * fit;
        box = { x: (pageSize[0] - bw) / 2, y: (pageSize[1] - bh) / 2, width: bw, height: bh };
      }
      const outPage = out.addPage(pageSize);
      if ('ref' in xobject) outPage.drawImage(xobject, box);
      else drawImage(outPage, xobject, box);
      if (opts.pageRotate !== 0) outPage.setRotation(degrees(opts.pageRotate));
      opts.onPage?.({
        page: p,
        scanned: true,
        ms: performance.now() - t0,
        widthPx: w,
        heightPx: h,
        angleDeg,
        quality,
        stamped,
        color: bilevel ? 'bilevel' : color,
        jpegBytes: streamBytes,
        pageDpi: (w * 72) / box.width,
        box,
        turn: opts.turn,
        pageRotate: opts.pageRotate,
      });
    }
    return await out.save({ useObjectStreams: false });
  } finally {
    await src.destroy();
  }
}

type Resolved = Required<Omit<ScanOptions, 'pages' | 'onPage' | 'overscanMm' | 'placement'>> &
  Pick<ScanOptions, 'onPage' | 'overscanMm' | 'placement'>;

const QUARTER_TURNS: readonly number[] = [0, 90, 180, 270];

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
    sealInk: o.sealInk ?? 'red',
    grayscale: o.grayscale ?? true,
    paperLevel: o.paperLevel ?? [238, 250],
    inkLevel: o.inkLevel ?? [8, 30],
    overscanMm: o.overscanMm,
    placement: o.placement,
    encoding: o.encoding ?? 'jpeg',
    bilevelThreshold: o.bilevelThreshold ?? 160,
    turn: o.turn ?? 0,
    pageRotate: o.pageRotate ?? 0,
    onPage: o.onPage,
  };
  const [q0, q1] = r.jpegQuality;
  if (!(q0 >= 1 && q1 <= 100 && q0 <= q1)) throw new RangeError('scanPdf: jpegQuality must be [lo, hi] within 1..100');
  if (!QUARTER_TURNS.includes(r.turn) || !QUARTER_TURNS.includes(r.pageRotate))
    throw new RangeError('scanPdf: turn and pageRotate must be 0, 90, 180 or 270');
  const m = r.placement?.marginPt;
  if (m && !(m[0] >= 0 && m[0] <= m[1])) throw new RangeError('scanPdf: placement.marginPt must be [lo, hi] with 0 ≤ lo ≤ hi');
  const s = r.overscanMm;
  if (s && !(s[0] >= 0 && s[0] <= s[1])) throw new RangeError('scanPdf: overscanMm must be [lo, hi] with 0 ≤ lo ≤ hi');
  return r;
}

interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** overscan per edge in px, uniform in `mm` */
function bedMargins(rng: Rng, mm: [number, number], dpi: number): Margins {
  const px = (): number => Math.round((rng.float(mm[0], mm[1]) / 25.4) * dpi);
  return { left: px(), right: px(), top: px(), bottom: px() };
}

/** the paper on a white scanner bed with `m` px of bed around it (none: the paper itself) */
function onBed(paper: Canvas, width: number, height: number, m: Margins | null): { canvas: Canvas; width: number; height: number } {
  if (!m) return { canvas: paper, width, height };
  const w = width + m.left + m.right;
  const h = height + m.top + m.bottom;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(paper, m.left, m.top);
  return { canvas, width: w, height: h };
}

/** a plane turned clockwise by `turn` degrees (90 and 270 swap its width and height) */
export function turnPlane(plane: Uint8Array, width: number, height: number, turn: QuarterTurn): Uint8Array {
  if (turn === 0) return plane;
  const out = new Uint8Array(width * height);
  if (turn === 180) {
    for (let i = 0, n = width * height; i < n; i++) out[n - 1 - i] = plane[i] ?? 0;
    return out;
  }
  // clockwise 90: source (x, y) → (height − 1 − y, x) in a height-wide image; 270: → (y, width − 1 − x)
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = plane[row + x] ?? 0;
      if (turn === 90) out[x * height + (height - 1 - y)] = v;
      else out[(width - 1 - x) * height + y] = v;
    }
  }
  return out;
}

/** 1 where the gray plane is darker than `level` */
function threshold(gray: Uint8Array, level: number): Uint8Array {
  const out = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i++) out[i] = (gray[i] ?? 255) < level ? 1 : 0;
  return out;
}

/** a 1-bit DeviceGray image XObject holding `data` written with `filter` */
function bilevelImage(doc: PDFDocument, data: Uint8Array, w: number, h: number, filter: 'CCITTFaxDecode' | 'FlateDecode'): { ref: PDFRef; bytes: number } {
  const stream = doc.context.stream(data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: w,
    Height: h,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: filter,
    ...(filter === 'CCITTFaxDecode' ? { DecodeParms: { K: -1, Columns: w, Rows: h, BlackIs1: false } } : {}),
  });
  return { ref: doc.context.register(stream), bytes: data.length };
}

function g4Stream(doc: PDFDocument, black: Uint8Array, w: number, h: number): { ref: PDFRef; bytes: number } {
  return bilevelImage(doc, encodeG4(black, w, h), w, h, 'CCITTFaxDecode');
}

function flateBitsStream(doc: PDFDocument, black: Uint8Array, w: number, h: number): { ref: PDFRef; bytes: number } {
  // DeviceGray, 1 bit: sample 0 is black, 1 white; rows padded to whole bytes
  const stride = (w + 7) >> 3;
  const bits = new Uint8Array(stride * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if (!black[y * w + x]) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  return bilevelImage(doc, new Uint8Array(deflateSync(bits, { level: 9 })), w, h, 'FlateDecode');
}

/** paint the image XObject `ref` into `box` (points, from the page's bottom-left), as PDFPage.drawImage does a PDFImage */
function drawImage(page: PDFPage, ref: PDFRef, box: { x: number; y: number; width: number; height: number }): void {
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(box.width, 0, 0, box.height, box.x, box.y),
    drawObject(name),
    popGraphicsState(),
  );
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
