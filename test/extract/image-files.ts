/**
 * Image files made at test time from rendered fixture pages: PNG (with or without pHYs), JPEG
 * (JFIF density or EXIF resolution), and uncompressed 8-bit grayscale TIFF of several pages.
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { ImageData, createCanvas } from '@napi-rs/canvas';
import type { Canvas } from '@napi-rs/canvas';
import UTIF from 'utif2';
import type { IFD } from 'utif2';
import { withDocument } from '../../src/extract/index.js';
import { pageImage } from '../../src/extract/render.js';
import type { PageImage } from '../../src/extract/types.js';

/** Pages of a fixture PDF rendered in grayscale at `dpi`. */
export async function renderPages(path: string, pages: number[], dpi: number): Promise<PageImage[]> {
  return withDocument(new Uint8Array(readFileSync(path)), async (doc) => {
    const out: PageImage[] = [];
    for (const p of pages) out.push(await pageImage(doc, p, { dpi }));
    return out;
  });
}

function canvasOf(image: PageImage): Canvas {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let k = 0; k < image.data.length; k++) {
    const g = image.data[k] ?? 255;
    rgba.set([g, g, g, 255], 4 * k);
  }
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  return canvas;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** PNG of `image`; with `pixelsPerMetre`, a pHYs chunk (unit: metre) right after IHDR. */
export function encodePng(image: PageImage, pixelsPerMetre?: number): Buffer {
  const png = canvasOf(image).encodeSync('png');
  if (pixelsPerMetre === undefined) return png;
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(pixelsPerMetre, 0);
  phys.writeUInt32BE(pixelsPerMetre, 4);
  phys[8] = 1;
  const afterIhdr = 8 + 25;
  return Buffer.concat([png.subarray(0, afterIhdr), chunk('pHYs', phys), png.subarray(afterIhdr)]);
}

/**
 * JPEG of `image`. Skia writes a JFIF header with no unit (density 1:1); `jfifDpi` sets it to
 * that many dots per inch, `exifDpi` adds an EXIF segment with X/YResolution in inches,
 * `exifOrientation` one with the Orientation tag.
 */
export function encodeJpeg(image: PageImage, options: { jfifDpi?: number; exifDpi?: number; exifOrientation?: number } = {}): Buffer {
  const jpeg = Buffer.from(canvasOf(image).encodeSync('jpeg', 85));
  if (jpeg.readUInt16BE(2) !== 0xffe0 || jpeg.toString('latin1', 6, 11) !== 'JFIF\0') throw new Error('expected a JFIF header');
  if (options.jfifDpi !== undefined) {
    jpeg[13] = 1; // units: dots per inch
    jpeg.writeUInt16BE(options.jfifDpi, 14);
    jpeg.writeUInt16BE(options.jfifDpi, 16);
  }
  if (options.exifDpi === undefined && options.exifOrientation === undefined) return jpeg;
  const ifd = {
    ...(options.exifDpi !== undefined ? { t282: [[options.exifDpi, 1]], t283: [[options.exifDpi, 1]], t296: [2] } : {}),
    ...(options.exifOrientation !== undefined ? { t274: [options.exifOrientation] } : {}),
  } as unknown as IFD;
  const tiff = Buffer.from(UTIF.encode([ifd]));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  const jfifEnd = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, jfifEnd), app1, body, jpeg.subarray(jfifEnd)]);
}

/** One TIFF page: the image, and its X/YResolution as a rational in `unit` (2 inch, 3 cm). */
export interface TiffPage {
  image: PageImage;
  resolution: [number, number];
  unit: 2 | 3;
}

/** An uncompressed 8-bit grayscale (BlackIsZero) TIFF with one IFD per page. */
export function encodeTiff(pages: TiffPage[]): Buffer {
  const ifds = pages.map(
    ({ image, resolution, unit }) =>
      ({
        t256: [image.width],
        t257: [image.height],
        t258: [8],
        t259: [1],
        t262: [1],
        t273: [0],
        t277: [1],
        t278: [image.height],
        t279: [image.width * image.height],
        t282: [resolution],
        t283: [resolution],
        t296: [unit],
      }) as unknown as IFD,
  );
  // The IFDs' size does not depend on the offsets written in them: encode once to learn it.
  let offset = new Uint8Array(UTIF.encode(ifds)).length;
  for (const [i, ifd] of ifds.entries()) {
    (ifd as unknown as Record<string, number[]>)['t273'] = [offset];
    offset += pages[i]!.image.data.length;
  }
  return Buffer.concat([Buffer.from(UTIF.encode(ifds)), ...pages.map((p) => p.image.data)]);
}
