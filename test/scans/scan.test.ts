import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { OPS, withDocument } from '../../src/extract/pdfjs.js';
import { encodeGrayJpeg } from '../../scripts/scans/jpeg-gray.js';
import { scanPdf } from '../../scripts/scans/scan.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'seed-single');
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintSolidColorImageMask,
]);

interface PageFacts {
  width: number;
  height: number;
  text: string;
  textItems: number;
  images: number;
}

async function pageFacts(pdf: Uint8Array): Promise<PageFacts[]> {
  return withDocument(pdf, async (doc) => {
    const out: PageFacts[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.filter((i) => 'str' in i);
      const ops = await page.getOperatorList();
      out.push({
        width: vp.width,
        height: vp.height,
        text: items.map((i) => ('str' in i ? i.str : '')).join(''),
        textItems: items.length,
        images: ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length,
      });
    }
    return out;
  });
}

describe('scanPdf', () => {
  it('turns every page into one full-page image with no text, deterministically', async () => {
    const src = load('form-01.pdf');
    const options = { dpi: 150, seed: 'test-scan', stampEvery: 1 };
    const a = await scanPdf(src, options);
    const b = await scanPdf(src, options);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

    const before = await pageFacts(src);
    const after = await pageFacts(a);
    expect(after).toHaveLength(before.length);
    after.forEach((page, i) => {
      expect(page.width).toBeCloseTo(before[i]!.width, 3);
      expect(page.height).toBeCloseTo(before[i]!.height, 3);
      expect(page.textItems).toBe(0);
      expect(page.images).toBe(1);
    });

    const other = await scanPdf(src, { ...options, seed: 'another seed' });
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);
  });

  it('writes grayscale pages as DeviceGray JPEGs at the requested resolution', async () => {
    const out = await scanPdf(load('form-01.pdf'), { dpi: 150, seed: 'gray', stampEvery: 0 });
    const doc = await PDFDocument.load(out);
    const images = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    const dict = images[0]!.dict;
    expect(dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceGray'));
    expect(dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
    expect(dict.get(PDFName.of('Width'))?.toString()).toBe(String(Math.round((595.28 * 150) / 72)));
  });

  it('keeps the unscanned pages of a mixed file digital', async () => {
    const src = load('form-05.pdf'); // two pages
    const out = await scanPdf(src, { dpi: 150, seed: 'mixed', pages: [2] });
    const before = await pageFacts(src);
    const after = await pageFacts(out);
    expect(after).toHaveLength(2);
    expect(after[0]!.text).toBe(before[0]!.text);
    expect(after[0]!.textItems).toBeGreaterThan(50);
    expect(after[1]!.textItems).toBe(0);
    expect(after[1]!.images).toBe(1);
    await expect(scanPdf(src, { dpi: 150, seed: 'x', pages: [3] })).rejects.toThrow(RangeError);
  });
});

describe('encodeGrayJpeg', () => {
  it('round-trips through a standard decoder', async () => {
    const w = 37;
    const h = 21; // not multiples of 8
    const px = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = (x * 7 + y * 11) % 256;
    const jpeg = encodeGrayJpeg(px, w, h, 90);
    const img = await loadImage(Buffer.from(jpeg));
    expect([img.width, img.height]).toEqual([w, h]);
    const ctx = createCanvas(w, h).getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, w, h).data;
    let se = 0;
    for (let i = 0; i < w * h; i++) se += ((data[i * 4] ?? 0) - (px[i] ?? 0)) ** 2;
    const psnr = 10 * Math.log10((255 * 255) / (se / (w * h)));
    expect(psnr).toBeGreaterThan(30);
  });
});
