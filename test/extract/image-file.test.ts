/**
 * Image files as pages (src/extract/image-file.ts): PNG, JPEG and multi-page TIFF made here from
 * rendered seed pages decode to the same grayscale pixels at the resolution the file states,
 * or at the A4 guess when it states none or a silly one; damaged files are refused, not
 * handed to a decoder that could crash the process.
 */
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile, imagePageContent, openImageFile, orient, pageDpi, sniffImage } from '../../src/extract/image-file.js';
import type { PageImage } from '../../src/extract/types.js';
import { SEED_SINGLE } from '../support/paths.js';
import { encodeJpeg, encodePng, encodeTiff, renderPages } from './image-files.js';

let page1: PageImage; // seed form 5, page 1, 150 dpi
let page2: PageImage; // …page 2

beforeAll(async () => {
  [page1, page2] = (await renderPages(`${SEED_SINGLE}form-05.pdf`, [1, 2], 150)) as [PageImage, PageImage];
});

/** Mean absolute difference of two images' gray levels. */
function meanDiff(a: PageImage, b: PageImage): number {
  let sum = 0;
  for (let k = 0; k < a.data.length; k++) sum += Math.abs((a.data[k] ?? 0) - (b.data[k] ?? 0));
  return sum / a.data.length;
}

describe('PNG', () => {
  it('decodes to the same pixels, at the pHYs resolution', async () => {
    expect([page1.width, page1.height]).toEqual([1241, 1754]);
    const [decoded] = await decodeImageFile(encodePng(page1, 5906)); // 5906 px/m = 150.01 dpi
    expect(decoded).toMatchObject({ pageNumber: 1, width: 1241, height: 1754 });
    expect(decoded!.dpi).toBeCloseTo(150, 1);
    expect(Buffer.from(decoded!.data).equals(Buffer.from(page1.data))).toBe(true);
    const content = imagePageContent(decoded!);
    expect(content).toMatchObject({ pageNumber: 1, runs: [], segments: [], imageCount: 1 });
    expect(content.width).toBeCloseTo(595.7, 0);
    expect(content.height).toBeCloseTo(842, 0);
  });

  it('believes a stated resolution that makes a plausible page, not 72 dpi on a 1241-pixel scan', async () => {
    const at = async (ppm: number | undefined): Promise<number> => (await decodeImageFile(encodePng(page1, ppm)))[0]!.dpi;
    expect(await at(7087)).toBeCloseTo(180, 1); // stated 180 dpi: a 6.9 × 9.7 in page
    expect(await at(2835)).toBe(150); // stated 72 dpi: a 17 × 24 in page — the A4 guess instead
    expect(await at(3780)).toBe(150); // 96 dpi: 13 × 18.6 in
    expect(await at(undefined)).toBe(150); // none
  });

  it('uses the same red drop-out as rendered pages: a red seal turns light, black stays black', async () => {
    const canvas = createCanvas(2, 1);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#d02020';
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = '#000000';
    ctx.fillRect(1, 0, 1, 1);
    const [red] = await decodeImageFile(canvas.encodeSync('png'));
    expect(red!.data[0]).toBeGreaterThanOrEqual(200);
    expect(red!.data[1]).toBe(0);
    const [luma] = await decodeImageFile(canvas.encodeSync('png'), { grayscale: 'luma' });
    expect(luma!.data[0]).toBeLessThan(110);
  });
});

describe('JPEG', () => {
  it('decodes to nearly the same pixels, at the JFIF density, else the EXIF resolution, else the A4 guess', async () => {
    const [jfif] = await decodeImageFile(encodeJpeg(page1, { jfifDpi: 160 }));
    expect(jfif).toMatchObject({ width: 1241, height: 1754, dpi: 160 });
    expect(meanDiff(jfif!, page1)).toBeLessThan(3);
    const [exif] = await decodeImageFile(encodeJpeg(page1, { exifDpi: 170 }));
    expect(exif).toMatchObject({ width: 1241, height: 1754, dpi: 170 });
    const [none] = await decodeImageFile(encodeJpeg(page1));
    expect(none!.dpi).toBe(150);
  });
});

describe('orientation', () => {
  it('a JPEG stored sideways with EXIF Orientation 6 (a phone photo) comes out upright', async () => {
    const sideways = orient(page1, 8); // stored turned 90° counter-clockwise
    expect(sideways).toMatchObject({ width: 1754, height: 1241 });
    const [upright] = await decodeImageFile(encodeJpeg(sideways, { jfifDpi: 150, exifOrientation: 6 }));
    expect(upright).toMatchObject({ width: 1241, height: 1754, dpi: 150 });
    expect(meanDiff(upright!, page1)).toBeLessThan(3);
  });

  it('orient: every orientation undone by its inverse; 1 and unknown values leave the image', () => {
    const image = { pageNumber: 1, width: 3, height: 2, dpi: 100, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(orient(image, 1)).toBe(image);
    expect(orient(image, 9)).toBe(image);
    expect(Array.from(orient(image, 6).data)).toEqual([4, 1, 5, 2, 6, 3]); // turned clockwise
    expect(Array.from(orient(image, 8).data)).toEqual([3, 6, 2, 5, 1, 4]); // turned counter-clockwise
    const inverse: Record<number, number> = { 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 };
    for (const [o, back] of Object.entries(inverse)) {
      const there = orient(image, Number(o));
      expect(Array.from(orient(there, back).data), `orientation ${o}`).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });
});

describe('TIFF', () => {
  it('decodes every page, each at its own resolution (inches or centimetres)', async () => {
    const tiff = encodeTiff([
      { image: page1, resolution: [150, 1], unit: 2 },
      { image: page2, resolution: [5906, 100], unit: 3 }, // 59.06 px/cm = 150.01 dpi
    ]);
    const file = await openImageFile(tiff);
    expect([file.format, file.pageCount]).toEqual(['tiff', 2]);
    const pages = await decodeImageFile(tiff);
    expect(pages.map((p) => [p.pageNumber, p.width, p.height])).toEqual([
      [1, 1241, 1754],
      [2, 1241, 1754],
    ]);
    expect(pages[0]!.dpi).toBe(150);
    expect(pages[1]!.dpi).toBeCloseTo(150, 1);
    expect(Buffer.from(pages[0]!.data).equals(Buffer.from(page1.data))).toBe(true);
    expect(Buffer.from(pages[1]!.data).equals(Buffer.from(page2.data))).toBe(true);
  });
});

describe('format and resolution', () => {
  it('is told by the magic bytes, not the name', () => {
    expect(sniffImage(encodePng(page1))).toBe('png');
    expect(sniffImage(encodeJpeg(page1))).toBe('jpeg');
    expect(sniffImage(encodeTiff([{ image: page1, resolution: [150, 1], unit: 2 }]))).toBe('tiff');
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });

  it('guesses an A4 page, portrait or landscape, when the stated resolution is missing or silly', () => {
    expect(pageDpi(2480, 3508, null)).toBe(300);
    expect(pageDpi(3508, 2480, 72)).toBe(300);
    expect(pageDpi(2480, 3508, 96)).toBe(300);
    expect(pageDpi(1654, 2339, null)).toBe(200);
    expect(pageDpi(2480, 3508, 300)).toBe(300);
    expect(pageDpi(2480, 3508, 290)).toBe(290);
    expect(pageDpi(2600, 2600, null)).toBe(264); // A4's area; no usual resolution within 5 %
    expect(pageDpi(2000, 2000, null)).toBe(200); // 203: snapped
  });
});

describe('damaged files', () => {
  const refused = async (bytes: Uint8Array): Promise<string> => {
    try {
      await decodeImageFile(bytes);
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
    return 'decoded';
  };

  it('are refused with the reason (truncated, a bad CRC, a cut header, not an image)', async () => {
    const png = encodePng(page1);
    const jpeg = encodeJpeg(page1);
    const tiff = encodeTiff([{ image: page1, resolution: [150, 1], unit: 2 }, { image: page2, resolution: [150, 1], unit: 2 }]);
    const badCrc = Buffer.from(png);
    badCrc[20] = (badCrc[20] ?? 0) ^ 0x5a; // inside IHDR: Skia would crash on it
    expect(await refused(png.subarray(0, png.length >> 1))).toMatch(/^UnreadableFileError: the PNG image is corrupt or truncated \(.*runs past the end/);
    expect(await refused(badCrc)).toBe('UnreadableFileError: the PNG image is corrupt or truncated (the CRC of its IHDR chunk is wrong)');
    expect(await refused(jpeg.subarray(0, 400))).toMatch(/^UnreadableFileError: the JPEG image is corrupt or truncated/);
    expect(await refused(jpeg.subarray(0, jpeg.length >> 1))).toMatch(/^UnreadableFileError: the JPEG image is corrupt or truncated/);
    expect(await refused(tiff.subarray(0, tiff.length - 1000))).toMatch(/^UnreadableFileError: the TIFF image is corrupt or truncated \(the data of page 2 is missing or runs past the end of the file\)/);
    expect(await refused(new TextEncoder().encode('<html>not found</html>'))).toBe('UnreadableFileError: not a PNG, JPEG or TIFF image (unknown file header)');
    expect(await refused(new Uint8Array(0))).toBe('UnreadableFileError: the file is empty (0 bytes)');
  });
});
