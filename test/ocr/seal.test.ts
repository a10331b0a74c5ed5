/**
 * Seals found by shape and removed (src/ocr/seal.ts), on page images as the OCR path gets them
 * (extract/render.ts `pageImage`): a gray seal the scan simulator stamps at test time (profile
 * gray-seal, scripts/scans), whose ring is measured as the difference from the same scan
 * without the seal; the field set's scan with a gray seal; pages without one.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDocument } from '../../src/extract/index.js';
import { pageImage } from '../../src/extract/render.js';
import type { PageImage } from '../../src/extract/types.js';
import { findSeals, removeSeals, sealErasure } from '../../src/ocr/seal.js';
import { profileOptions, sourcePdf } from '../../scripts/scans/profiles.js';
import { scanPdf } from '../../scripts/scans/scan.js';
import { FIXTURES, SEED_SINGLE } from '../support/paths.js';

const TIMEOUT = 60_000;
/** a pixel the seal darkens by more than this is seal ink (noise 3, JPEG a few levels) */
const DARKENED = 30;

async function firstPage(pdf: Uint8Array): Promise<PageImage> {
  return withDocument(pdf, (doc) => pageImage(doc, 1, { dpi: 300 }));
}

async function fixturePage(path: string): Promise<PageImage> {
  return firstPage(new Uint8Array(await readFile(path)));
}

/** How many bytes differ (vitest's deep equality is far too slow on a page of pixels). */
function differing(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Each pixel of the image: its index, and its centre's distance from (cx, cy). */
function eachPixel(image: PageImage, cx: number, cy: number, visit: (i: number, d: number) => void): void {
  for (let y = 0, i = 0; y < image.height; y++) for (let x = 0; x < image.width; x++, i++) visit(i, Math.hypot(x + 0.5 - cx, y + 0.5 - cy));
}

/** Pixels farther than `radius` from the seal's centre that differ between the two images. */
function changedBeyond(a: PageImage, b: Uint8Array, cx: number, cy: number, radius: number): number {
  let n = 0;
  eachPixel(a, cx, cy, (i, d) => {
    if (d > radius && a.data[i] !== b[i]) n++;
  });
  return n;
}

/** The ring as stamped: the box of the pixels the seal darkened gives its centre and outer radius. */
function stampedRing(stamped: PageImage, plain: PageImage): { cx: number; cy: number; outer: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < stamped.data.length; i++) {
    if ((plain.data[i] as number) - (stamped.data[i] as number) <= DARKENED) continue;
    const x = i % stamped.width;
    const y = (i - x) / stamped.width;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return { cx: (x0 + x1 + 1) / 2, cy: (y0 + y1 + 1) / 2, outer: (x1 - x0 + 1 + (y1 - y0 + 1)) / 4 };
}

/** The first seed form's field export scanned with the gray-seal profile, stamped and not. */
async function grayScans(dpi: number): Promise<{ stamped: PageImage; plain: PageImage }> {
  const source = await sourcePdf('field', [0]);
  const options = profileOptions('gray-seal', dpi);
  return {
    stamped: await firstPage(await scanPdf(source, options)),
    plain: await firstPage(await scanPdf(source, { ...options, stampEvery: 0 })),
  };
}

describe('a gray seal the scan simulator stamps (profile gray-seal, 200 dpi)', () => {
  let stamped: PageImage;
  let plain: PageImage;
  beforeAll(async () => {
    ({ stamped, plain } = await grayScans(200));
  }, TIMEOUT);

  it('is found where it was stamped, and the same scan without it has none', () => {
    const truth = stampedRing(stamped, plain);
    const seals = findSeals(stamped);
    expect(seals).toHaveLength(1);
    const [seal] = seals;
    expect(Math.abs(seal!.cx - truth.cx)).toBeLessThanOrEqual(3);
    expect(Math.abs(seal!.cy - truth.cy)).toBeLessThanOrEqual(3);
    // r is the stroke's centre line: inside the outer edge by half the stroke (the simulator's
    // stroke is 5.5–7 % of the radius)
    expect(seal!.r).toBeLessThanOrEqual(truth.outer + 1);
    expect(seal!.r).toBeGreaterThanOrEqual(truth.outer * (1 - 0.07) - 2);
    // a gray ring, well away from both the paper and black
    expect(seal!.level).toBeGreaterThan(100);
    expect(seal!.level).toBeLessThan(230);
    expect(findSeals(plain)).toEqual([]);
  });

  it('is found when a third of its ring is off the page', () => {
    const truth = stampedRing(stamped, plain);
    // the page cut at the left so that the centre is half a radius from the edge
    const x0 = Math.round(truth.cx - truth.outer / 2);
    const width = stamped.width - x0;
    const data = new Uint8Array(width * stamped.height);
    for (let y = 0; y < stamped.height; y++) data.set(stamped.data.subarray(y * stamped.width + x0, (y + 1) * stamped.width), y * width);
    const seals = findSeals({ ...stamped, width, data });
    expect(seals).toHaveLength(1);
    expect(Math.abs(seals[0]!.cx + x0 - truth.cx)).toBeLessThanOrEqual(3);
    expect(Math.abs(seals[0]!.cy - truth.cy)).toBeLessThanOrEqual(3);
  });

  it('removing it leaves little of its ring, keeps the print in the disc dark and changes nothing outside it', () => {
    const truth = stampedRing(stamped, plain);
    const before = new Uint8Array(stamped.data);
    const { image: out, seals } = removeSeals(stamped);
    expect(seals).toHaveLength(1);
    const seal = seals[0]!;
    const { radius } = sealErasure(stamped, seal);
    expect(differing(stamped.data, before)).toBe(0); // the input untouched
    let ring = 0;
    let ringLeft = 0;
    let print = 0;
    let printKept = 0;
    eachPixel(out, truth.cx, truth.cy, (i, d) => {
      const p = plain.data[i] as number;
      const o = out.data[i] as number;
      // ring pixels: darkened by the seal, on paper, within the stroke of the stamped ring
      if (p - (before[i] as number) > DARKENED && p > 200 && d >= truth.outer * (1 - 0.075) - 1 && d <= truth.outer + 1) {
        ring++;
        if (p - o > DARKENED) ringLeft++;
      }
      // print: dark on the page without the seal, inside the disc
      if (d < radius && p < 128) {
        print++;
        if (o < 128) printKept++;
      }
    });
    expect(ring).toBeGreaterThan(2000);
    expect(ringLeft / ring).toBeLessThan(0.05);
    expect(print).toBeGreaterThan(500);
    expect(printKept / print).toBeGreaterThan(0.9);
    expect(changedBeyond(out, before, seal.cx, seal.cy, radius)).toBe(0);
  });
});

describe('a gray seal the scan simulator stamps beside the table (profile gray-seal, 300 dpi)', () => {
  it(
    'goes whole: ring, star and seal text',
    async () => {
      const { stamped, plain } = await grayScans(300);
      const truth = stampedRing(stamped, plain);
      const { image: out, seals } = removeSeals(stamped);
      expect(seals).toHaveLength(1);
      let print = 0;
      let ink = 0;
      let left = 0;
      eachPixel(out, truth.cx, truth.cy, (i, d) => {
        if (d > truth.outer + 2) return;
        const p = plain.data[i] as number;
        if (p < 200) print++;
        else if (p - (stamped.data[i] as number) > DARKENED) {
          ink++;
          if (p - (out.data[i] as number) > DARKENED) left++;
        }
      });
      expect(print).toBeLessThan(50); // the premise: this seed stamps it on blank paper
      expect(ink).toBeGreaterThan(10_000);
      expect(left / ink).toBeLessThan(0.02);
    },
    TIMEOUT,
  );
});

describe('the field scan with a gray seal (field-05-scan.pdf, 200 dpi)', () => {
  it(
    "has one seal of the domain's size (55–65 pt), and its ring is gone after removal",
    async () => {
      const image = await fixturePage(`${FIXTURES}field/field-05-scan.pdf`);
      const seals = findSeals(image);
      expect(seals).toHaveLength(1);
      const seal = seals[0]!;
      const rPt = (seal.r * 72) / image.dpi;
      expect(rPt).toBeGreaterThan(50);
      expect(rPt).toBeLessThan(70);
      const e = sealErasure(image, seal);
      expect(seal.level).toBeLessThan(e.paper - 50);
      const { image: out } = removeSeals(image, seals);
      // ink pixels within the ring's stroke, before and after
      let before = 0;
      let after = 0;
      eachPixel(image, seal.cx, seal.cy, (i, d) => {
        if (Math.abs(d - seal.r) > e.half) return;
        if ((image.data[i] as number) < e.paper - 40) before++;
        if ((out.data[i] as number) < e.paper - 40) after++;
      });
      expect(before).toBeGreaterThan(2 * Math.PI * seal.r * 2 * e.half * 0.7);
      expect(after / before).toBeLessThan(0.15);
      expect(changedBeyond(out, image.data, seal.cx, seal.cy, e.radius)).toBe(0);
    },
    TIMEOUT,
  );
});

describe('pages without a seal', () => {
  it(
    'a field scan (field-01-scan.pdf) and a rendered fixture form (seed-single/form-01.pdf, 300 dpi) have none',
    async () => {
      expect(findSeals(await fixturePage(`${FIXTURES}field/field-01-scan.pdf`))).toEqual([]);
      expect(findSeals(await fixturePage(`${SEED_SINGLE}form-01.pdf`))).toEqual([]);
    },
    TIMEOUT,
  );

  it('removeSeals without seals returns an equal copy', async () => {
    const image = await fixturePage(`${SEED_SINGLE}form-02.pdf`);
    const { image: out, seals } = removeSeals(image);
    expect(seals).toEqual([]);
    expect(out.data === image.data).toBe(false); // a copy (not.toBe formats the pixels: minutes)
    expect(differing(out.data, image.data)).toBe(0);
  });
});
