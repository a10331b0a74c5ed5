/**
 * The line finder against the vector path: render digital fixture pages, find the rulings in
 * the pixels, and check that the grid stage builds the same cells as from the PDF's own
 * vector segments — plain, skewed (rotated with the canvas, independently of
 * `rotateImage`), and with scan noise plus a stamp-like ring.
 */
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPage, withDocument } from '../../src/extract/index.js';
import { pageImage } from '../../src/extract/render.js';
import type { PageContent, PageImage, Segment } from '../../src/extract/types.js';
import { buildPageLayout, type PageLayout } from '../../src/grid/index.js';
import { estimateSkew, rotateImage, turnImage } from '../../src/ocr/deskew.js';
import { binarize, grayHistogram, otsuThreshold, rulingThreshold } from '../../src/ocr/binarize.js';
import { dropLooseShortLines, findRulings, findRuns, groupRuns, joinCollinear } from '../../src/ocr/lines.js';
import { rng } from '../grid/helpers.js';
import { SAMPLES, SEED_SINGLE } from '../support/paths.js';

const DPI = 200;
/** Lattice boundaries from pixels vs from vectors, points. */
const BOUNDARY_TOLERANCE = 1.5;

interface Fixture {
  name: string;
  content: PageContent;
  image: PageImage;
  vector: PageLayout;
}

const fixtures: Fixture[] = [];

beforeAll(async () => {
  for (const [name, file] of [
    ['form-03 (stroked 0.6 pt rules)', `${SEED_SINGLE}form-03.pdf`],
    ['syn-07 (filled 0.4 pt rectangles)', `${SAMPLES}synthetic/syn-07-wenlv-2021.pdf`],
  ] as const) {
    const { content, image } = await withDocument(readFileSync(file), async (doc) => ({
      content: await extractPage(doc, 1),
      image: await pageImage(doc, 1, { dpi: DPI }),
    }));
    fixtures.push({ name, content, image, vector: buildPageLayout(content) });
  }
});

/** Lattice size and cells of every grid: what must not change between the two paths. */
function cellShape(layout: PageLayout): string[] {
  return layout.grids.map(
    (g) => `${g.rows.length - 1}x${g.cols.length - 1}: ` + g.cells.map((c) => `${c.row},${c.col},${c.rowSpan},${c.colSpan}`).join(' '),
  );
}

function expectSameCells(fromPixels: PageLayout, fromVectors: PageLayout): void {
  expect(fromPixels.grids.length).toBe(fromVectors.grids.length);
  expect(cellShape(fromPixels)).toEqual(cellShape(fromVectors));
  fromVectors.grids.forEach((g, i) => {
    const p = fromPixels.grids[i]!;
    g.rows.forEach((y, k) => expect(Math.abs(p.rows[k]! - y)).toBeLessThanOrEqual(BOUNDARY_TOLERANCE));
    g.cols.forEach((x, k) => expect(Math.abs(p.cols[k]! - x)).toBeLessThanOrEqual(BOUNDARY_TOLERANCE));
  });
}

function layoutFrom(f: Fixture, segments: Segment[]): PageLayout {
  return buildPageLayout({ ...f.content, segments });
}

/** Rotate with the canvas (clockwise on screen for positive degrees, about the centre). */
function canvasRotate(image: PageImage, degrees: number): PageImage {
  const { width, height } = image;
  const source = createCanvas(width, height);
  const sctx = source.getContext('2d');
  const rgba = sctx.createImageData(width, height);
  for (let i = 0; i < image.data.length; i++) {
    const g = image.data[i]!;
    rgba.data[4 * i] = g;
    rgba.data[4 * i + 1] = g;
    rgba.data[4 * i + 2] = g;
    rgba.data[4 * i + 3] = 255;
  }
  sctx.putImageData(rgba, 0, 0);
  const target = createCanvas(width, height);
  const ctx = target.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.drawImage(source, 0, 0);
  const out = target.data();
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = out[4 * i]!;
  return { ...image, data };
}

/** Gaussian noise (σ gray levels) and a gray ring (stamp-like) darkening what is under it. */
function addScanDamage(image: PageImage, seed: number, ring: { cx: number; cy: number; radius: number; gray: number; widthPx: number }): PageImage {
  const random = rng(seed);
  const data = new Uint8Array(image.data);
  const k = image.dpi / 72;
  const cx = ring.cx * k;
  const cy = ring.cy * k;
  const r = ring.radius * k;
  const half = ring.widthPx / 2;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      let v = data[i]!;
      if (Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r) <= half) v = Math.min(v, ring.gray);
      // Box–Muller.
      const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      data[i] = Math.max(0, Math.min(255, Math.round(v + 15 * gauss)));
    }
  }
  return { ...image, data };
}

describe('findRulings: the same cells as the vector path', () => {
  it('clean renderings at 200 dpi', () => {
    for (const f of fixtures) {
      expect(f.vector.grids.length, f.name).toBeGreaterThan(0);
      const found = findRulings(f.image);
      expect(Math.abs(found.skewDegrees), f.name).toBeLessThanOrEqual(0.1);
      expect(found.deskewed).toBe(f.image); // not rotated
      expectSameCells(layoutFrom(f, found.segments), f.vector);
      // Every found rule lies on a vector rule (no extras from glyphs), thickness in points.
      for (const s of found.segments) {
        const onVector = f.content.segments.some((v) => v.axis === s.axis && Math.abs(v.pos - s.pos) <= 1 && s.from >= v.from - 2 && s.to <= v.to + 2);
        expect(onVector, `${f.name}: ${JSON.stringify(s)}`).toBe(true);
        expect(s.thickness).toBeGreaterThan(0.2);
        expect(s.thickness).toBeLessThan(2);
      }
    }
  });

  it.each([1.2, -0.8])('a page skewed by %s° is measured within 0.15° and deskewed to the same cells', (degrees) => {
    for (const f of fixtures) {
      const skewed = canvasRotate(f.image, degrees);
      const found = findRulings(skewed);
      expect(Math.abs(found.skewDegrees - degrees), f.name).toBeLessThanOrEqual(0.15);
      expect(found.deskewed).not.toBe(skewed);
      expectSameCells(layoutFrom(f, found.segments), f.vector);
    }
  });

  it('scan noise (σ 15) and a gray stamp ring over the table change nothing', () => {
    for (const [n, f] of fixtures.entries()) {
      const grid = f.vector.grids[0]!;
      // The ring sits over the middle of the table, crossing several rules.
      const ring = { cx: (grid.bbox.x0 + grid.bbox.x1) / 2 + 20, cy: (grid.bbox.y0 + grid.bbox.y1) / 2, radius: 60, gray: 120, widthPx: 3 };
      const damaged = addScanDamage(f.image, 7 + n, ring);
      const found = findRulings(damaged);
      expect(Math.abs(found.skewDegrees), f.name).toBeLessThanOrEqual(0.1);
      expectSameCells(layoutFrom(f, found.segments), f.vector);
    }
  });

  it('noise, a ring and skew together', () => {
    const f = fixtures[1]!;
    const grid = f.vector.grids[0]!;
    const ring = { cx: grid.bbox.x0 + 90, cy: grid.bbox.y0 + 120, radius: 60, gray: 120, widthPx: 3 };
    const found = findRulings(addScanDamage(canvasRotate(f.image, -1.2), 11, ring));
    expect(Math.abs(found.skewDegrees + 1.2)).toBeLessThanOrEqual(0.15);
    expectSameCells(layoutFrom(f, found.segments), f.vector);
  });
});

describe('findRulings on a scanned page (image-only PDF)', () => {
  it('a skewed, noisy JPEG scan embedded in a PDF: native pixels in, the same cells out', async () => {
    const f = fixtures[0]!;
    const grid = f.vector.grids[0]!;
    const damaged = addScanDamage(canvasRotate(f.image, 0.6), 3, { cx: grid.bbox.x1 - 80, cy: grid.bbox.y1 - 90, radius: 60, gray: 120, widthPx: 3 });
    const canvas = createCanvas(damaged.width, damaged.height);
    const ctx = canvas.getContext('2d');
    const rgba = ctx.createImageData(damaged.width, damaged.height);
    damaged.data.forEach((g, i) => rgba.data.set([g, g, g, 255], 4 * i));
    ctx.putImageData(rgba, 0, 0);
    const pdf = await PDFDocument.create();
    const jpg = await pdf.embedJpg(canvas.encodeSync('jpeg', 70));
    const size: [number, number] = [f.content.width, f.content.height];
    // The scan covers the page exactly as the rendering did: image size = page size × 200/72.
    pdf.addPage(size).drawImage(jpg, { x: 0, y: size[1] - (damaged.height * 72) / DPI, width: (damaged.width * 72) / DPI, height: (damaged.height * 72) / DPI });
    const scan = await withDocument(await pdf.save(), (doc) => pageImage(doc, 1, { dpi: 300 }));
    expect([scan.width, scan.height]).toEqual([damaged.width, damaged.height]); // native, not re-rendered
    expect(scan.dpi).toBeCloseTo(DPI, 1);
    const found = findRulings(scan);
    expect(Math.abs(found.skewDegrees - 0.6)).toBeLessThanOrEqual(0.15);
    expectSameCells(layoutFrom(f, found.segments), f.vector);
  });
});

describe('line finder steps', () => {
  it('rulingThreshold sits between ink and paper, above Otsu for a mostly white page', () => {
    const data = new Uint8Array(1000).fill(255);
    data.fill(0, 0, 50);
    data.fill(125, 50, 60); // anti-aliased thin rule
    const hist = grayHistogram(data);
    const t = rulingThreshold(hist);
    expect(t).toBeGreaterThan(125);
    expect(t).toBeLessThan(255);
    expect(otsuThreshold(hist)).toBeLessThanOrEqual(t);
    expect(Array.from(binarize(data, t).subarray(45, 65))).toEqual([...Array(15).fill(1), ...Array(5).fill(0)]);
  });

  it('findRuns bridges small gaps and drops short runs; groupRuns merges adjacent rows', () => {
    const w = 100;
    const mask = new Uint8Array(w * 6);
    // Row 1 and 2: a rule from 10 to 90 with a 2-pixel dropout at 50 in row 1.
    for (let x = 10; x < 90; x++) mask[w + x] = x === 50 || x === 51 ? 0 : 1;
    for (let x = 10; x < 90; x++) mask[2 * w + x] = 1;
    // Row 4: a short stroke.
    for (let x = 20; x < 30; x++) mask[4 * w + x] = 1;
    const runs = findRuns(mask, w, 6, 20, 2);
    expect(runs).toEqual([
      { line: 1, from: 10, to: 90 },
      { line: 2, from: 10, to: 90 },
    ]);
    expect(findRuns(mask, w, 6, 20, 1).filter((r) => r.line === 1)).toEqual([
      { line: 1, from: 10, to: 50 },
      { line: 1, from: 52, to: 90 },
    ]);
    const [group, ...rest] = groupRuns(runs, 2);
    expect(rest).toEqual([]);
    expect(group).toEqual({ pos: 2, from: 10, to: 90, thickness: 2, sagitta: 0 });
  });

  it('groupRuns measures a bow: ~0 for a thin, uneven, stepping rule, pixels for a ring arc', () => {
    const w = 200;
    // A 1–2 pixel hairline, stepping down one row halfway (a residual tilt), its thickness uneven.
    const rule = new Uint8Array(w * 12);
    for (let x = 20; x < 180; x++) {
      const y = x < 100 ? 5 : 6;
      rule[y * w + x] = 1;
      if (x % 7 < 3) rule[(y + 1) * w + x] = 1;
    }
    const [line] = groupRuns(findRuns(rule, w, 12, 10, 1), 1);
    expect(line?.sagitta).toBeLessThan(0.6);
    // The top of a ring of radius 150 px, 3 px thick: it bows by ~ chord² / 8r ≈ 13 px.
    const ring = new Uint8Array(w * 40);
    for (let x = 20; x < 180; x++) {
      const top = Math.round(150 - Math.sqrt(150 ** 2 - (x - 100) ** 2));
      for (let t = 0; t < 3; t++) ring[(top + t + 2) * w + x] = 1;
    }
    const arcs = groupRuns(findRuns(ring, w, 40, 10, 1), 1);
    expect(Math.max(...arcs.map((a) => a.sagitta))).toBeGreaterThan(4);
  });

  it('joinCollinear joins broken pieces; dropLooseShortLines keeps short lines only between perpendiculars', () => {
    const h = (pos: number, from: number, to: number): Segment => ({ axis: 'h', pos, from, to, thickness: 0.5 });
    const v = (pos: number, from: number, to: number): Segment => ({ axis: 'v', pos, from, to, thickness: 0.5 });
    expect(joinCollinear([h(100, 0, 50), h(100.4, 52, 120), h(110, 0, 120)], { snapTolerance: 1.5, joinTolerance: 3 })).toEqual([
      { axis: 'h', pos: expect.closeTo(100.23, 2), from: 0, to: 120, thickness: 0.5 },
      h(110, 0, 120),
    ]);
    const kept = dropLooseShortLines([v(10, 0, 200), v(30, 0, 200), h(50, 10, 30), h(80, 12, 26), h(90, 100, 200)], {
      looseLength: 40,
      endTolerance: 3,
    });
    // The 20-pt line between the verticals stays; the 14-pt arc-like piece ending in the open goes.
    expect(kept).toEqual([v(10, 0, 200), v(30, 0, 200), h(50, 10, 30), h(90, 100, 200)]);
  });

  it('estimateSkew and rotateImage agree on the angle convention', () => {
    const f = fixtures[0]!;
    const turned = rotateImage(f.image, 0.7);
    const mask = binarize(turned.data, rulingThreshold(grayHistogram(turned.data)));
    const skew = estimateSkew(mask, turned.width, turned.height, { maxDegrees: 3, minRunPx: 10 });
    expect(skew).toBeCloseTo(0.7, 1);
  });
});

describe('turnImage', () => {
  it('turns by exact quarter turns, clockwise, and four turns give the image back', () => {
    // 3 × 2: a b c / d e f
    const image: PageImage = { pageNumber: 1, width: 3, height: 2, dpi: 72, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const once = turnImage(image, 1);
    expect([once.width, once.height]).toEqual([2, 3]);
    expect([...once.data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...turnImage(image, 2).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...turnImage(image, 3).data]).toEqual([3, 6, 2, 5, 1, 4]);
    expect([...turnImage(turnImage(once, 1), 2).data]).toEqual([...image.data]);
  });
});
