/**
 * Page images: rendering keeps the pixel ↔ point mapping exact (a vector rule lands on dark
 * pixels, the space between rules stays white), and a scanned page comes back as its own
 * image at native resolution, in page orientation.
 */
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFOperator, concatTransformationMatrix, degrees, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPage, withDocument } from '../../src/extract/index.js';
import { pageImage } from '../../src/extract/render.js';
import type { PageImage } from '../../src/extract/types.js';
import { SEED_SINGLE } from '../support/paths.js';

const A4: [number, number] = [595.28, 841.89];

const at = (img: PageImage, px: number, py: number): number => img.data[Math.floor(py) * img.width + Math.floor(px)]!;

/** A test scan: white, a black bar along the top edge and one down the left edge (to see orientation). */
function scanCanvas(width: number, height: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, 10); // top bar
  ctx.fillRect(0, 0, 6, Math.round(height / 2)); // left bar, upper half only
  return canvas;
}

/** Top bar and upper-left bar where they belong, in page orientation. */
function expectOriented(img: PageImage): void {
  expect(at(img, img.width / 2, 3)).toBeLessThan(60); // top bar
  expect(at(img, img.width / 2, img.height - 3)).toBeGreaterThan(200); // nothing at the bottom
  expect(at(img, 2, img.height / 4)).toBeLessThan(60); // left bar, upper half
  expect(at(img, 2, (img.height * 3) / 4)).toBeGreaterThan(200);
  expect(at(img, img.width - 3, img.height / 4)).toBeGreaterThan(200);
}

describe('pageImage', () => {
  it('renders a digital page at the requested dpi with rules where the vector path puts them', async () => {
    const { img, content } = await withDocument(readFileSync(`${SEED_SINGLE}form-01.pdf`), async (doc) => ({
      img: await pageImage(doc, 1, { dpi: 150 }),
      content: await extractPage(doc, 1),
    }));
    expect(img.dpi).toBe(150);
    expect(img.pageNumber).toBe(1);
    expect(img.width).toBe(Math.ceil((595.28 * 150) / 72)); // 1241
    expect(img.height).toBe(Math.ceil((841.89 * 150) / 72));
    expect(img.data).toHaveLength(img.width * img.height);
    const k = img.dpi / 72;
    const horizontals = content.segments.filter((s) => s.axis === 'h').sort((a, b) => a.pos - b.pos);
    expect(horizontals.length).toBeGreaterThan(10);
    for (const s of horizontals.slice(0, 5)) {
      const x = ((s.from + s.to) / 2) * k;
      // Darkest pixel of the cross-section within ±1 px of the rule's position: a 0.6 pt rule
      // is 1.25 px at 150 dpi, so anti-aliasing leaves it ~100 gray when it straddles pixels.
      const cross = [-1, 0, 1].map((d) => at(img, x, s.pos * k + d));
      expect(Math.min(...cross), JSON.stringify(s)).toBeLessThan(128);
    }
    // Between two adjacent rules, just inside the table's left border (left of any text), the
    // paper is white: the rules do not bleed more than a pixel.
    const left = content.segments.filter((s) => s.axis === 'v').sort((p, q) => p.pos - q.pos)[0]!;
    const spanning = horizontals.filter((s) => s.from <= left.pos + 1 && s.to >= left.pos + 1);
    for (let i = 1; i < spanning.length; i++) {
      const [a, b] = [spanning[i - 1]!, spanning[i]!];
      const y = ((a.pos + b.pos) / 2) * k;
      expect(at(img, (left.pos + 1.5) * k, y), `between ${a.pos} and ${b.pos}`).toBeGreaterThan(200);
      // and the rule itself is dark at that x
      expect(Math.min(...[-1, 0, 1].map((d) => at(img, (left.pos + 1.5) * k, a.pos * k + d)))).toBeLessThan(128);
    }
    const v = left;
    // A vertical rule is dark at its own x.
    const ys = ((v.from + v.to) / 2) * k;
    expect(Math.min(...[-1, 0, 1].map((d) => at(img, v.pos * k + d, ys)))).toBeLessThan(128);
    // The page margin (outside the table) is white.
    expect(at(img, 10 * k, 10 * k)).toBe(255);
  });

  it('returns an embedded JPEG scan at its native size and resolution', async () => {
    const pdf = await PDFDocument.create();
    const jpg = await pdf.embedJpg(scanCanvas(1240, 1754).encodeSync('jpeg', 92));
    pdf.addPage(A4).drawImage(jpg, { x: 0, y: 0, width: A4[0], height: A4[1] });
    const img = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1, { dpi: 300 }));
    expect(img.width).toBe(1240);
    expect(img.height).toBe(1754);
    expect(img.dpi).toBeCloseTo(150, 0);
    expectOriented(img);
  });

  it('returns an embedded PNG scan at its native size', async () => {
    const pdf = await PDFDocument.create();
    const png = await pdf.embedPng(scanCanvas(827, 1170).encodeSync('png'));
    pdf.addPage(A4).drawImage(png, { x: 0, y: 0, width: A4[0], height: A4[1] });
    const img = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1));
    expect([img.width, img.height]).toEqual([827, 1170]);
    expect(img.dpi).toBeCloseTo(100, 0);
    expectOriented(img);
  });

  it('turns a scan stored sideways (drawn rotated 90°) upright', async () => {
    const pdf = await PDFDocument.create();
    // The stored image is landscape: the page's top is the image's right side... build it by
    // rotating the upright test scan by −90° (its top bar becomes the left edge).
    const upright = scanCanvas(600, 848);
    const sideways = createCanvas(848, 600);
    const ctx = sideways.getContext('2d');
    ctx.translate(0, 600);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(upright, 0, 0);
    const jpg = await pdf.embedPng(sideways.encodeSync('png'));
    // Drawn turned by −90° (clockwise) about its lower-left corner, shifted up to fill the page.
    pdf.addPage(A4).drawImage(jpg, { x: 0, y: A4[1], width: A4[1], height: A4[0], rotate: degrees(-90) });
    const img = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1));
    expect([img.width, img.height]).toEqual([600, 848]);
    expectOriented(img);
  });

  it('reads a 1-bit (bilevel) scan', async () => {
    const pdf = await PDFDocument.create();
    const width = 620;
    const height = 877;
    const stride = (width + 7) >> 3;
    // DeviceGray 1 bpc: bit 1 = white. Top 10 rows black, a left bar in the upper half.
    const bits = new Uint8Array(stride * height).fill(0xff);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (y < 10 || (x < 6 && y < height / 2)) bits[y * stride + (x >> 3)]! &= ~(0x80 >> (x & 7));
      }
    }
    const stream = pdf.context.flateStream(bits, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
    });
    const ref = pdf.context.register(stream);
    const page = pdf.addPage(A4);
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(A4[0], 0, 0, A4[1], 0, 0),
      PDFOperator.of('Do' as never, [name]),
      popGraphicsState(),
    );
    const img = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1));
    expect([img.width, img.height]).toEqual([width, height]);
    expect(img.dpi).toBeCloseTo(75, 0);
    expectOriented(img);
    expect(new Set(img.data)).toEqual(new Set([0, 255]));
  });

  it('drops red (a seal) by default; luma keeps it mid-gray', async () => {
    const canvas = scanCanvas(620, 877);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'rgb(200,40,40)';
    ctx.fillRect(300, 400, 40, 40);
    const pdf = await PDFDocument.create();
    pdf.addPage(A4).drawImage(await pdf.embedPng(canvas.encodeSync('png')), { x: 0, y: 0, width: A4[0], height: A4[1] });
    const bytes = await pdf.save();
    const dropped = await withDocument(bytes, (doc) => pageImage(doc, 1));
    const luma = await withDocument(bytes, (doc) => pageImage(doc, 1, { grayscale: 'luma' }));
    expect(at(dropped, 320, 420)).toBe(200);
    expect(at(luma, 320, 420)).toBe(Math.round(0.299 * 200 + 0.587 * 40 + 0.114 * 40)); // 88
    // Black stays black either way.
    expect(at(dropped, 300, 3)).toBe(0);
    expect(at(luma, 300, 3)).toBe(0);
  });

  it('renders a page whose image covers only part of it (not a scan) at the requested dpi', async () => {
    const pdf = await PDFDocument.create();
    const png = await pdf.embedPng(scanCanvas(200, 200).encodeSync('png'));
    pdf.addPage(A4).drawImage(png, { x: 100, y: 300, width: 200, height: 200 });
    const img = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1, { dpi: 72 }));
    expect([img.width, img.height]).toEqual([596, 842]);
    // The image's top bar: page y = 841.89 − 500 .. +10·(200/200) pt, at x 100..300.
    expect(at(img, 200, 842 - 500 + 4)).toBeLessThan(60);
    expect(at(img, 50, 50)).toBe(255);
  });
});
