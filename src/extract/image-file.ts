/**
 * Image files in the inbox (a scanner's PNG, JPEG or TIFF instead of a PDF): bytes → one
 * grayscale `PageImage` per page, for OCR.
 *
 * - The format is told by the magic bytes, not the name (`sniffImage`).
 * - PNG is decoded by @napi-rs/canvas (Skia). Skia crashes the whole process (SIGSEGV) on a
 *   truncated PNG or a damaged IHDR, so the file is checked first (`checkPng`: every chunk
 *   inside the file with its CRC right, a sane IHDR, IDAT and IEND present).
 * - JPEG is decoded by jpeg-js (pure JS), not Skia: Skia crashes on nearly any damaged JPEG
 *   header (a truncated or wrong segment length, a bad Huffman table, a scan naming a table
 *   that is not there), where jpeg-js throws.
 * - Orientation: the EXIF (JPEG) or TIFF Orientation tag is applied — a phone photo of a form
 *   is stored sideways with tag 6 — so the page reaches OCR upright (`orient`).
 * - TIFF is decoded by utif2 (pure JS); every page of a multi-page TIFF is a page, reduced-
 *   resolution subfiles (thumbnails) are not.
 * - Colour → gray: `rgbaToGray` of render.ts, the same conversion (red drop-out by default)
 *   as for PDF pages.
 * - Resolution: PNG pHYs, JPEG JFIF density or else EXIF X/YResolution, TIFF
 *   XResolution/YResolution with ResolutionUnit. When the file gives none, or one that makes
 *   no sense for a form (72 or 96 dpi on a 2480-pixel-wide scan: a page 34 inches wide), the
 *   page is taken to be A4: the resolution that gives the image the area of an A4 page (in
 *   either orientation, so portrait and landscape alike), snapped to a usual scanner
 *   resolution within 5 %. Nothing else reports that guess.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jpeg from 'jpeg-js';
import UTIF from 'utif2';
import type { IFD } from 'utif2';
import { crc32 } from 'node:zlib';
import { UnreadableFileError, describeError } from '../errors.js';
import type { Grayscale } from './render.js';
import { rgbaToGray } from './render.js';
import type { PageContent, PageImage } from './types.js';

export type ImageFormat = 'png' | 'jpeg' | 'tiff';

/** File name endings (lower case) of the image files an inbox may hold. */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];

/** Largest image accepted, in pixels (a 600-dpi A3 scan is 70 million). */
export const MAX_IMAGE_PIXELS = 150_000_000;

const A4_INCHES = { short: 210 / 25.4, long: 297 / 25.4 };
/** A stated resolution is believed when the page it gives is at least this long (inches)… */
const MIN_PAGE_INCHES = 5;
/** …and fits an A3 page with 10 % to spare. */
const MAX_PAGE_INCHES = { short: (297 / 25.4) * 1.1, long: (420 / 25.4) * 1.1 };
const MIN_DPI = 50;
const MAX_DPI = 1200;
const USUAL_DPI = [100, 150, 200, 240, 300, 400, 600, 1200];

/** Whether a file name ends in one of `IMAGE_EXTENSIONS` (any case). */
export function isImageFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The image format by the file's first bytes, or null. */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  const at = (i: number, ...values: number[]): boolean => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return null;
}

const FORMAT_NAME: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', tiff: 'TIFF' };

/** An image file opened: its format and pages. */
export interface ImageFile {
  format: ImageFormat;
  pageCount: number;
  /** Page `n` (1-based) as a grayscale image; a TIFF page is decoded when asked for. */
  page(n: number): Promise<PageImage>;
}

/**
 * Open an image file. Throws `UnreadableFileError` (`corrupt`) when the bytes are not an image
 * of a known format, or not a whole one: a PNG or JPEG is decoded here, a TIFF's structure
 * checked here and each page decoded by `page(n)` (a damaged page throws there, costing that
 * page only).
 */
export async function openImageFile(bytes: Uint8Array, options: { grayscale?: Grayscale } = {}): Promise<ImageFile> {
  if (bytes.length === 0) throw new UnreadableFileError('empty', 'the file is empty (0 bytes)');
  const format = sniffImage(bytes);
  if (!format) throw new UnreadableFileError('corrupt', 'not a PNG, JPEG or TIFF image (unknown file header)');
  const grayscale = options.grayscale ?? 'red-dropout';
  try {
    if (format === 'tiff') return openTiff(bytes, grayscale);
    const image = format === 'png' ? await decodePng(bytes, grayscale) : decodeJpeg(bytes, grayscale);
    return { format, pageCount: 1, page: async (n) => (n === 1 ? image : noSuchPage(n, 1)) };
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('corrupt', `the ${FORMAT_NAME[format]} image is corrupt or truncated (${describeError(error)})`, { cause: error });
  }
}

/** Every page of an image file, decoded. */
export async function decodeImageFile(bytes: Uint8Array, options: { grayscale?: Grayscale } = {}): Promise<PageImage[]> {
  const file = await openImageFile(bytes, options);
  const pages: PageImage[] = [];
  for (let n = 1; n <= file.pageCount; n++) pages.push(await file.page(n));
  return pages;
}

function noSuchPage(n: number, count: number): never {
  throw new RangeError(`no page ${n} in an image of ${count} page(s)`);
}

/** The `PageContent` of an image page: its size in points, no text yet, one image covering it. */
export function imagePageContent(image: PageImage): PageContent {
  return {
    pageNumber: image.pageNumber,
    width: (image.width * 72) / image.dpi,
    height: (image.height * 72) / image.dpi,
    runs: [],
    segments: [],
    imageCount: 1,
    scanCoverage: 1,
  };
}

/**
 * The resolution to use for a `width` × `height` image whose file states `stated` dpi (null:
 * none): the stated one when it makes a page between `MIN_PAGE_INCHES` and A3 (+10 %),
 * otherwise the A4 guess (see the module comment).
 */
export function pageDpi(width: number, height: number, stated: number | null): number {
  if (stated !== null && Number.isFinite(stated) && stated >= MIN_DPI && stated <= MAX_DPI) {
    const long = Math.max(width, height) / stated;
    const short = Math.min(width, height) / stated;
    if (long >= MIN_PAGE_INCHES && long <= MAX_PAGE_INCHES.long && short <= MAX_PAGE_INCHES.short) return stated;
  }
  const guess = Math.sqrt((width * height) / (A4_INCHES.short * A4_INCHES.long));
  const usual = USUAL_DPI.find((d) => Math.abs(d - guess) <= 0.05 * d);
  return usual ?? Math.round(guess);
}

/** One resolution from the stated horizontal and vertical ones (pixels are taken as square). */
function combine(x: number | null, y: number | null): number | null {
  if (x && y && x > 0 && y > 0) return Math.sqrt(x * y);
  return x && x > 0 ? x : y && y > 0 ? y : null;
}

function toPageImage(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, stated: number | null, pageNumber: number, grayscale: Grayscale): PageImage {
  return { pageNumber, width, height, dpi: pageDpi(width, height, stated), data: rgbaToGray(rgba, width * height, grayscale) };
}

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new Error(`the image has no pixels (${width} × ${height})`);
  if (width * height > MAX_IMAGE_PIXELS) throw new UnreadableFileError('corrupt', `the image is too large to read (${width} × ${height} pixels)`);
}

// ---- PNG ----

const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * Check that `bytes` is a whole PNG that Skia can be given, and read its pHYs: throws on a
 * chunk that runs past the end, a wrong CRC, a bad IHDR, no IDAT, no IEND.
 */
export function checkPng(bytes: Uint8Array): { width: number; height: number; dpi: number | null } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: { width: number; height: number } | null = null;
  let dpi: number | null = null;
  let idat = false;
  for (;;) {
    if (offset + 12 > bytes.length) throw new Error('it ends before its IEND chunk');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error(`its ${type} chunk runs past the end of the file`);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) throw new Error(`the CRC of its ${type} chunk is wrong`);
    const data = offset + 8;
    if (header === null && type !== 'IHDR') throw new Error('it does not start with an IHDR chunk');
    if (type === 'IHDR') {
      const width = view.getUint32(data);
      const height = view.getUint32(data + 4);
      const [depth = 0, colour = 0, compression, filter, interlace = 0] = bytes.subarray(data + 8, data + 13);
      const ok = length === 13 && width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31 && (PNG_BIT_DEPTHS[colour] ?? []).includes(depth) && compression === 0 && filter === 0 && interlace <= 1;
      if (!ok || header !== null) throw new Error('its IHDR chunk is not valid');
      header = { width, height };
    } else if (type === 'pHYs' && length === 9 && bytes[data + 8] === 1) {
      dpi = combine(view.getUint32(data) * 0.0254, view.getUint32(data + 4) * 0.0254);
    } else if (type === 'IDAT') idat = true;
    else if (type === 'IEND') break;
    offset = end;
  }
  if (!header || !idat) throw new Error('it has no image data (IDAT)');
  return { ...header, dpi };
}

async function decodePng(bytes: Uint8Array, grayscale: Grayscale): Promise<PageImage> {
  const { width, height, dpi } = checkPng(bytes);
  checkSize(width, height);
  const image = await loadImage(bytes);
  if (image.width !== width || image.height !== height) throw new Error(`decoded as ${image.width} × ${image.height}, not ${width} × ${height}`);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0);
  // `data()` is the raw RGBA buffer, opaque: the canvas was filled with white first.
  return toPageImage(canvas.data(), width, height, dpi, 1, grayscale);
}

// ---- JPEG ----

/** The resolution a JPEG states: JFIF density in dpi or dots/cm, else EXIF X/YResolution. */
export function jpegDpi(bytes: Uint8Array): number | null {
  return jpegHeaders(bytes).dpi;
}

/** A JPEG's JFIF / EXIF facts: resolution (`jpegDpi`) and the EXIF Orientation (1 when none). */
function jpegHeaders(bytes: Uint8Array): { dpi: number | null; orientation: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  let exif: number | null = null;
  let jfif: number | null = null;
  let orientation = 1;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] as number;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      offset += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: no more headers
    const length = view.getUint16(offset + 2);
    const data = offset + 4;
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) break;
    const tag = String.fromCharCode(...bytes.subarray(data, Math.min(data + 5, end)));
    if (marker === 0xe0 && tag === 'JFIF\0' && end - data >= 12) {
      const units = bytes[data + 7];
      const scale = units === 1 ? 1 : units === 2 ? 2.54 : 0;
      if (scale > 0 && jfif === null) jfif = combine(view.getUint16(data + 8) * scale, view.getUint16(data + 10) * scale);
    } else if (marker === 0xe1 && tag === 'Exif\0') {
      const ifd = firstIfd(bytes.subarray(data + 6, end));
      if (ifd) {
        exif ??= ifdDpi(ifd);
        orientation = ifdOrientation(ifd);
      }
    }
    offset = end;
  }
  return { dpi: jfif ?? exif, orientation };
}

/** The first IFD of a TIFF (or EXIF) structure, or undefined when it cannot be read. */
function firstIfd(tiff: Uint8Array): IFD | undefined {
  try {
    return UTIF.decode(copyBuffer(tiff))[0];
  } catch {
    return undefined;
  }
}

/** The Orientation tag (274) of an IFD: 1–8, 1 when absent or out of range. */
function ifdOrientation(ifd: IFD): number {
  const value = Number((ifd['t274'] as number[] | undefined)?.[0] ?? 1);
  return value >= 1 && value <= 8 ? value : 1;
}

/**
 * `image` turned upright from how it is stored, by EXIF/TIFF Orientation: 1 as stored, 2
 * mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 to be turned 90° clockwise, 7
 * transversed, 8 to be turned 90° counter-clockwise.
 */
export function orient(image: PageImage, orientation: number): PageImage {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h, data } = image;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // (sx, sy): the stored pixel shown at (x, y).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: [sx, sy] = [w - 1 - x, y]; break;
        case 3: [sx, sy] = [w - 1 - x, h - 1 - y]; break;
        case 4: [sx, sy] = [x, h - 1 - y]; break;
        case 5: [sx, sy] = [y, x]; break;
        case 6: [sx, sy] = [y, h - 1 - x]; break;
        case 7: [sx, sy] = [w - 1 - y, h - 1 - x]; break;
        default: [sx, sy] = [w - 1 - y, x]; break; // 8
      }
      out[y * W + x] = data[sy * w + sx] ?? 255;
    }
  }
  return { ...image, width: W, height: H, data: out };
}

function ifdDpi(ifd: IFD): number | null {
  const unit = Number((ifd['t296'] as number[] | undefined)?.[0] ?? 2);
  const scale = unit === 2 ? 1 : unit === 3 ? 2.54 : 0;
  const rational = (tag: string): number | null => {
    const [pair] = (ifd[tag] as unknown as [number, number][] | undefined) ?? [];
    return pair && pair[1] > 0 ? (pair[0] / pair[1]) * scale : null;
  };
  return scale > 0 ? combine(rational('t282'), rational('t283')) : null;
}

function decodeJpeg(bytes: Uint8Array, grayscale: Grayscale): PageImage {
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 2048 });
  checkSize(decoded.width, decoded.height);
  const { dpi, orientation } = jpegHeaders(bytes);
  return orient(toPageImage(decoded.data, decoded.width, decoded.height, dpi, 1, grayscale), orientation);
}

// ---- TIFF ----

function openTiff(bytes: Uint8Array, grayscale: Grayscale): ImageFile {
  const buffer = copyBuffer(bytes);
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd['t256'] !== undefined && (Number((ifd['t254'] as number[] | undefined)?.[0] ?? 0) & 1) === 0);
  if (ifds.length === 0) throw new Error('it holds no image');
  ifds.forEach((ifd, i) => {
    checkSize(Number((ifd['t256'] as number[])[0]), Number((ifd['t257'] as number[] | undefined)?.[0]));
    const offsets = (ifd['t273'] ?? ifd['t324']) as number[] | undefined;
    const counts = (ifd['t279'] ?? ifd['t325']) as number[] | undefined;
    if (!offsets || !counts || offsets.length !== counts.length || offsets.some((o, k) => o + (counts[k] ?? 0) > bytes.length)) {
      throw new Error(`the data of page ${i + 1} is missing or runs past the end of the file`);
    }
  });
  const page = async (n: number): Promise<PageImage> => {
    const ifd = ifds[n - 1] ?? noSuchPage(n, ifds.length);
    const width = Number((ifd['t256'] as number[])[0]);
    const height = Number((ifd['t257'] as number[])[0]);
    try {
      UTIF.decodeImage(buffer, ifd);
      const bits = Number((ifd['t258'] as number[] | undefined)?.[0] ?? 1) * Number((ifd['t277'] as number[] | undefined)?.[0] ?? 1);
      // A compression utif2 does not know leaves the data short (it does not throw).
      if (ifd.width !== width || ifd.height !== height || !(ifd.data?.length >= Math.ceil((width * bits) / 8) * height)) throw new Error('no pixel data');
      const rgba = UTIF.toRGBA8(ifd);
      return orient(toPageImage(rgba, width, height, ifdDpi(ifd), n, grayscale), ifdOrientation(ifd));
    } catch (error) {
      throw new Error(`the TIFF image of page ${n} cannot be decoded (${describeError(error)})`, { cause: error });
    }
  };
  return { format: 'tiff', pageCount: ifds.length, page };
}

/**
 * A fresh ArrayBuffer holding exactly `bytes` (utif2 reads `data.buffer` from offset 0). Not
 * `bytes.slice()`: on a Node Buffer that is a view of the same memory.
 */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}
