/**
 * Each scan profile (scripts/scans/profiles.ts) makes what it claims, measured on the output PDF:
 * its image objects, and the page image the OCR path gets (src/extract/render.ts `pageImage`).
 * The ranges come from the field scans (../shared/field, measured with
 * scripts/scans/measure-scans.ts; the figures are in the comments). One or two seed forms per
 * scan, so each takes a second or two.
 */
import { describe, expect, it } from 'vitest';
import { SCAN_COVERAGE } from '../../src/extract/render.js';
import { characterHeight, decodedImages, inkBox, inkCentroid, inkLevels, jpegQualities, pageImages, scanImages } from '../../scripts/scans/measure.js';
import { makeScan, profile, profileOptions, shownTurn, sourcePdf } from '../../scripts/scans/profiles.js';
import { scanPdf } from '../../scripts/scans/scan.js';
import type { ScanPageInfo } from '../../scripts/scans/scan.js';

const A4 = { width: 595.28, height: 841.89 };
/** the first seed form: one page, the table in the upper two thirds of it */
const FORM = [0];
const TIMEOUT = 60_000;

describe('field profile: a fit-to-width serif export scanned light, centred with margins', () => {
  // field scans: <128 1.0–2.1 %; stroke cores p50 112–138 at 150/200 dpi, 72 at 300; p90 169–201;
  // characters (p90 of the component heights) 14 / 17–18 / 25 px at 150 / 200 / 300 dpi, 5.9–6.6 pt
  const expected: Record<number, { coreP50: [number, number]; charPx: [number, number] }> = {
    150: { coreP50: [110, 175], charPx: [12, 16] },
    200: { coreP50: [105, 165], charPx: [16, 21] },
    300: { coreP50: [60, 130], charPx: [23, 29] },
  };
  for (const dpi of [150, 200, 300]) {
    it(
      `${dpi} dpi: light ink, 6–7 pt characters, an A4 page with the image centred and scaled`,
      async () => {
        const rows: ScanPageInfo[] = [];
        const pdf = await makeScan('field', dpi, { forms: FORM, onPage: (r) => rows.push(r) });
        const [img] = await pageImages(pdf);
        const ink = inkLevels(img!);
        expect(ink.darkFraction).toBeLessThan(0.03);
        expect(ink.darkFraction).toBeGreaterThan(0.001);
        expect(ink.core.p50).toBeGreaterThanOrEqual(expected[dpi]!.coreP50[0]);
        expect(ink.core.p50).toBeLessThanOrEqual(expected[dpi]!.coreP50[1]);
        expect(ink.core.p90).toBeGreaterThanOrEqual(160);
        expect(ink.core.p90).toBeLessThanOrEqual(215);
        expect(ink.paper).toBeGreaterThanOrEqual(245);

        const chars = characterHeight(img!);
        expect(chars.p90).toBeGreaterThanOrEqual(expected[dpi]!.charPx[0]);
        expect(chars.p90).toBeLessThanOrEqual(expected[dpi]!.charPx[1]);
        expect(chars.p90Pt).toBeGreaterThan(5.5);
        expect(chars.p90Pt).toBeLessThan(7);

        const [image] = await scanImages(pdf);
        expect(image!.pageWidth).toBeCloseTo(A4.width, 1);
        expect(image!.pageHeight).toBeCloseTo(A4.height, 1);
        for (const m of Object.values(image!.marginPt)) expect(m).toBeGreaterThan(2.5);
        expect(image!.marginPt.left).toBeCloseTo(image!.marginPt.right, 3);
        expect(image!.marginPt.top).toBeCloseTo(image!.marginPt.bottom, 3);
        // scaled to fit: the resolution on the page is not the nominal one (field: 202 for 200)
        expect(Math.abs(image!.dpiX / dpi - 1)).toBeGreaterThan(0.005);
        expect(image!.dpiX).toBeCloseTo(image!.dpiY, 0);
        // and still covers enough of the page to count as a scan
        expect((image!.width * 72 * image!.height * 72) / (image!.dpiX * image!.dpiY) / (A4.width * A4.height)).toBeGreaterThan(SCAN_COVERAGE);
        expect(image!.filter).toBe('DCTDecode');
        // the page image: the printed margins of the export plus the placement (field: 56–60 pt at the sides)
        const box = inkBox(img!);
        expect(box.marginPt.left).toBeGreaterThan(40);
        expect(box.marginPt.right).toBeGreaterThan(40);
        expect(Math.abs(rows[0]!.angleDeg!)).toBeLessThanOrEqual(1);
      },
      TIMEOUT,
    );
  }

  it(
    'the first simulator (seed profile) is what the field scans are not: dark ink, 8 pt characters, image at the corner',
    async () => {
      const pdf = await makeScan('seed', 200, { pages: [1] });
      const [img] = await pageImages(pdf, [1]);
      expect(inkLevels(img!).darkFraction).toBeGreaterThan(0.03);
      expect(characterHeight(img!).p90Pt).toBeGreaterThan(7.5);
      const [image] = await scanImages(pdf);
      for (const m of Object.values(image!.marginPt)) expect(Math.abs(m)).toBeLessThan(0.01);
    },
    TIMEOUT,
  );

  it('is deterministic by seed', async () => {
    const source = await sourcePdf('field', FORM);
    const options = { ...profileOptions('field', 100) };
    const a = await scanPdf(source, options);
    const b = await scanPdf(source, options);
    const c = await scanPdf(source, { ...options, seed: 'another' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });
});

const DARKER = 60;

describe('gray seal', () => {
  it(
    'is stamped in gray on a gray page, so dropping red does not remove it (a red seal it does)',
    async () => {
      const source = await sourcePdf('field', FORM);
      const dpi = 150;
      const options = profileOptions('gray-seal', dpi);
      const gray = await scanPdf(source, options);
      const none = await scanPdf(source, { ...options, stampEvery: 0 });
      const red = await scanPdf(source, { ...options, sealInk: 'red' });
      const [grayImage] = await scanImages(gray);
      const [redImage] = await scanImages(red);
      expect(grayImage!.colorSpace).toBe('DeviceGray');
      expect(redImage!.colorSpace).toBe('DeviceRGB');
      const [g] = await pageImages(gray);
      const [n] = await pageImages(none);
      const [r] = await pageImages(red);
      // pixels the seal darkens by more than DARKER levels in the page image the OCR path gets (red
      // dropped: a red seal turns ≈ 200 there, 50 below the paper; the gray one 150–200)
      const darkened = (a: typeof g): { count: number; span: number } => {
        if (!a || !n) throw new Error('no page image');
        let count = 0;
        let x0 = Infinity;
        let x1 = -Infinity;
        for (let i = 0; i < a.data.length; i++)
          if ((n.data[i] ?? 0) - (a.data[i] ?? 0) > DARKER) {
            count++;
            const x = i % a.width;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
          }
        return { count, span: ((x1 - x0) / dpi) * 2.54 };
      };
      const seal = darkened(g);
      expect(seal.count).toBeGreaterThan(2000);
      expect(seal.span).toBeGreaterThan(2.5); // cm: a seal 3–4 cm across
      expect(seal.span).toBeLessThan(4.5);
      expect(darkened(r).count).toBeLessThan(seal.count / 20);
    },
    TIMEOUT,
  );
});

describe('bilevel', () => {
  it(
    'writes 1-bit CCITT G4 (K = −1) pages that decode to the same bits as the FlateDecode version',
    async () => {
      const source = await sourcePdf('field', FORM);
      const options = profileOptions('bilevel', 200);
      const g4 = await scanPdf(source, options);
      const flate = await scanPdf(source, { ...options, encoding: 'flate-1bit' });
      const [g4Image] = await scanImages(g4);
      const [flateImage] = await scanImages(flate);
      expect(g4Image).toMatchObject({ filter: 'CCITTFaxDecode', k: -1, bitsPerComponent: 1, colorSpace: 'DeviceGray' });
      expect(flateImage).toMatchObject({ filter: 'FlateDecode', bitsPerComponent: 1, colorSpace: 'DeviceGray' });
      const [decoded] = await decodedImages(g4);
      expect(decoded).toMatchObject({ width: g4Image!.width, height: g4Image!.height, kind: 1 });
      const [a] = await pageImages(g4);
      const [b] = await pageImages(flate);
      expect(a!.width).toBe(b!.width);
      expect(Buffer.from(a!.data).equals(Buffer.from(b!.data))).toBe(true);
      // black on white, the light hairlines partly lost as a bilevel scanner loses them
      const ink = inkLevels(a!);
      expect(ink.darkFraction).toBeGreaterThan(0.005);
      expect(ink.darkFraction).toBeLessThan(0.05);
      expect(g4.length).toBeLessThan(flate.length);
    },
    TIMEOUT,
  );
});

describe('sideways and upside down', () => {
  // form 1 fills the upper part of its page: the ink's centre of mass tells which way is up
  const where = (c: { x: number; y: number }): number => {
    const dx = c.x - 0.5;
    const dy = c.y - 0.5;
    if (Math.abs(dy) > Math.abs(dx)) return dy < 0 ? 0 : 180; // the top is up / down
    return dx > 0 ? 90 : 270; // the top turned to the right / left
  };
  const cases: Array<[string, number, number, boolean]> = [
    // profile, /Rotate, shown turn, image landscape
    ['field', 0, 0, false],
    ['sideways-90', 0, 90, true],
    ['sideways-270', 0, 270, true],
    ['upside-down', 0, 180, false],
    ['rotate-90', 90, 90, false],
    ['rotate-180', 180, 180, false],
    ['rotate-270', 270, 270, false],
    ['rotate-90-upright', 90, 0, true],
  ];
  for (const [name, rotate, shown, landscape] of cases) {
    it(
      `${name}: /Rotate ${rotate}, the page image shows the form turned ${shown}°`,
      async () => {
        expect(shownTurn(profile(name).options(150))).toBe(shown);
        const pdf = await makeScan(name, 150, { forms: FORM });
        const [image] = await scanImages(pdf);
        expect(image!.rotate).toBe(rotate);
        expect(image!.width > image!.height).toBe(landscape);
        const [img] = await pageImages(pdf);
        expect(img!.width > img!.height).toBe(shown % 180 !== 0);
        const c = inkCentroid(img!);
        expect(where(c)).toBe(shown);
        expect(Math.max(Math.abs(c.x - 0.5), Math.abs(c.y - 0.5))).toBeGreaterThan(0.08);
      },
      TIMEOUT,
    );
  }
});

describe('heavy JPEG', () => {
  it(
    'writes JPEG quality 20–30 (the field profile 55–75), read back from the quantization tables',
    async () => {
      const heavy = await makeScan('heavy-jpeg', 150, { forms: FORM });
      const field = await makeScan('field', 150, { forms: FORM });
      const [h] = await jpegQualities(heavy);
      const [f] = await jpegQualities(field);
      expect(h!.quality).toBeGreaterThanOrEqual(20);
      expect(h!.quality).toBeLessThanOrEqual(30);
      expect(f!.quality).toBeGreaterThanOrEqual(55);
      expect(f!.quality).toBeLessThanOrEqual(75);
      expect(heavy.length).toBeLessThan(field.length * 0.7);
    },
    TIMEOUT,
  );
});
