/**
 * PP-OCRv4 recognition (src/ocr/ppocr.ts) against tesseract.js on the cells of the field
 * scans (printed, not asserted; rough). Each `*-scan.pdf` of the folder is a scan of the
 * digital PDF of the same name: the digital page's cells (text layer, vector rulings) are the
 * truth, the scan's cells are found in its pixels as the OCR path finds them (`findRulings`,
 * `buildPageLayout`, `cropCell`), and a scan cell is paired with the digital cell whose box,
 * relative to its table's, overlaps it most (IoU ≥ 0.7). Both recognizers read the same crop;
 * tesseract with the first-pass settings of the OCR path (hint `text`).
 *
 * Prints, per file and in all: cells exact for each (whitespace dropped, and after NFKC, which
 * makes full- and half-width punctuation one), one-line cells and cells of several lines apart
 * (PP-OCR reads them with `recognizeLines`, and as one line for comparison); ms per cell; and how well
 * PP-OCR's confidences (mean of characters, lowest character) tell right from wrong (AUC).
 *
 *   npx tsx scripts/ppocr-measure.ts [folder=../shared/field] [--show] [--dump=FILE]
 */
import { appendFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPage, withDocument } from '../src/extract/index.js';
import { pageImage } from '../src/extract/render.js';
import type { BBox, PageImage } from '../src/extract/types.js';
import { buildPageLayout } from '../src/grid/index.js';
import type { Grid } from '../src/grid/types.js';
import { cropCell, createOcrEngine, type CellCrop, type PixelBox } from '../src/ocr/engine.js';
import { grayHistogram, otsuThreshold } from '../src/ocr/binarize.js';
import { findRulings } from '../src/ocr/lines.js';
import { createPpocrRecognizer, lineConfidence, type LineReading } from '../src/ocr/ppocr.js';

const args = process.argv.slice(2);
const show = args.includes('--show');
/** `--dump=FILE`: append the crops (JSON lines, gray pixels in base64) to FILE instead of reading them. */
const dump = args.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
/** Default: the field set beside the checkout (`../shared/field` from the repository root). */
const folder = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../../shared/field', import.meta.url));

interface Sample {
  truth: string;
  lines: number;
  /** PP-OCR's reading: `recognizeLines`, the lines' texts joined, their characters together. */
  pp: LineReading;
  ppMs: number;
  /** `recognize` (the crop read as one line), for cells of several lines. */
  ppOneLine?: string;
  tess: string;
  tessMs: number;
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');
const loose = (s: string): string => squeeze(s.normalize('NFKC'));

/** A box relative to its table's box (0..1 both ways). */
function relative(b: BBox, g: BBox): BBox {
  const w = g.x1 - g.x0;
  const h = g.y1 - g.y0;
  return { x0: (b.x0 - g.x0) / w, y0: (b.y0 - g.y0) / h, x1: (b.x1 - g.x0) / w, y1: (b.y1 - g.y0) / h };
}

function iou(a: BBox, b: BBox): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const area = (r: BBox): number => (r.x1 - r.x0) * (r.y1 - r.y0);
  return inter / (area(a) + area(b) - inter);
}

const toPixels = (b: BBox, image: PageImage): PixelBox => {
  const s = image.dpi / 72;
  return { x0: Math.max(0, Math.floor(b.x0 * s)), y0: Math.max(0, Math.floor(b.y0 * s)), x1: Math.min(image.width, Math.ceil(b.x1 * s)), y1: Math.min(image.height, Math.ceil(b.y1 * s)) };
};

async function pages(path: string): Promise<{ grids: Grid[]; image?: PageImage; ink?: number }[]> {
  return withDocument(await readFile(path), async (doc) => {
    const out: { grids: Grid[]; image?: PageImage; ink?: number }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await extractPage(doc, p);
      if (content.runs.length > 0) {
        out.push({ grids: buildPageLayout(content).grids });
        continue;
      }
      const { segments, deskewed } = findRulings(await pageImage(doc, p));
      // Text ink: Otsu's level of the page, never below 128 (a fixed 128 keeps only the cores
      // of the light strokes of these scans, and cuts their crops short).
      const ink = Math.max(128, otsuThreshold(grayHistogram(deskewed.data)));
      out.push({ grids: buildPageLayout({ ...content, runs: [], segments }).grids, image: deskewed, ink });
    }
    return out;
  });
}

const pp = await createPpocrRecognizer({ threads: 1 });
const tesseract = await createOcrEngine({ workers: 1 });
const all: Sample[] = [];
const unpaired: string[] = [];
try {
  const scans = (await readdir(folder)).filter((f) => f.endsWith('-scan.pdf')).sort();
  for (const scan of scans) {
    const digital = await pages(join(folder, scan.replace('-scan.pdf', '.pdf')));
    const scanned = await pages(join(folder, scan));
    const cells: { truth: string; crop: CellCrop; dpi: number }[] = [];
    let cellsWithText = 0;
    for (let p = 0; p < scanned.length; p++) {
      const { image, ink } = scanned[p]!;
      const truthGrids = digital[p]?.grids ?? [];
      if (!image) continue;
      scanned[p]!.grids.forEach((grid, g) => {
        const truthGrid = truthGrids[g];
        if (!truthGrid) return;
        for (const cell of grid.cells) {
          const rel = relative(cell.bbox, grid.bbox);
          let best = { text: '', score: 0 };
          for (const t of truthGrid.cells) {
            const score = iou(rel, relative(t.bbox, truthGrid.bbox));
            if (score > best.score) best = { text: t.text, score };
          }
          if (best.score < 0.7 || squeeze(best.text) === '') continue;
          cellsWithText++;
          const crop = cropCell(image, toPixels(cell.bbox, image), { inkThreshold: ink });
          if (crop) cells.push({ truth: squeeze(best.text), crop, dpi: image.dpi });
        }
      });
    }
    if (dump !== undefined) {
      for (const c of cells) appendFileSync(dump, JSON.stringify({ file: scan, truth: c.truth, dpi: c.dpi, lines: c.crop.lines, lineHeight: c.crop.lineHeight, width: c.crop.width, height: c.crop.height, data: Buffer.from(c.crop.data).toString('base64') }) + '\n');
      continue;
    }
    const samples: Sample[] = [];
    for (const { truth, crop, dpi } of cells) {
      let t = performance.now();
      const lines = await pp.recognizeLines(crop);
      const ppMs = performance.now() - t;
      const chars = lines.flatMap((l) => l.chars);
      const reading: LineReading = { text: lines.map((l) => l.text).join(''), confidence: lines.length === 1 ? lines[0]!.confidence : lineConfidence(chars, 1), chars };
      const ppOneLine = crop.lines > 1 ? (await pp.recognize(crop)).text : undefined;
      t = performance.now();
      const tess = (await tesseract.recognizeCrop(crop, dpi, 'text')).text;
      samples.push({ truth, lines: crop.lines, pp: reading, ppMs, ppOneLine, tess, tessMs: performance.now() - t });
    }
    if (samples.length < cellsWithText) unpaired.push(`${scan}: ${cellsWithText - samples.length} cells with text found empty`);
    report(scan, samples);
    if (show) for (const s of samples) if (squeeze(s.pp.text) !== s.truth || squeeze(s.tess) !== s.truth) console.log(`    ${JSON.stringify(s.truth)} pp ${JSON.stringify(s.pp.text)} (${s.pp.confidence.toFixed(2)}) tess ${JSON.stringify(s.tess)}`);
    all.push(...samples);
  }
} finally {
  await pp.close();
  await tesseract.terminate();
}
report('all', all);
for (const u of unpaired) console.log(u);
console.log(`PP-OCR ${mean(all.map((s) => s.ppMs)).toFixed(1)} ms/cell, tesseract ${mean(all.map((s) => s.tessMs)).toFixed(1)} ms/cell (one thread each)`);
const right = (s: Sample): boolean => squeeze(s.pp.text) === s.truth;
const meanChar = (s: Sample): number => s.pp.confidence;
const minChar = (s: Sample): number => (s.pp.chars.length === 0 ? s.pp.confidence : Math.min(...s.pp.chars.map((c) => c.confidence)));
// Lone dashes read 一 (the same stroke) are most of the wrong cells: AUC without them too.
const subsets: [string, Sample[]][] = [['all cells', all], ['without lone dashes', all.filter((s) => s.truth !== '—')], ['one-line, without lone dashes', all.filter((s) => s.truth !== '—' && s.lines <= 1)]];
for (const [name, list] of subsets) {
  console.log(`AUC of PP-OCR confidence (right vs wrong), ${name}: mean of characters ${auc(list, right, meanChar).toFixed(3)}, lowest character ${auc(list, right, minChar).toFixed(3)}`);
}
for (const [name, score] of [['mean of characters', meanChar], ['lowest character', minChar]] as const) {
  for (const cut of [0.5, 0.7, 0.8, 0.9]) {
    const below = all.filter((s) => score(s) < cut);
    console.log(`  ${name} < ${cut}: ${below.length} cells, ${below.filter((s) => !right(s)).length} of them wrong; of ${all.filter((s) => !right(s)).length} wrong in all`);
  }
}

function report(name: string, samples: Sample[]): void {
  const pct = (n: number): string => `${n}/${samples.length} (${((100 * n) / Math.max(1, samples.length)).toFixed(0)} %)`;
  const one = samples.filter((s) => s.lines <= 1);
  const count = (list: Sample[], f: (s: Sample) => boolean): number => list.filter(f).length;
  console.log(
    `${basename(name)}: ${samples.length} cells; exact PP-OCR ${pct(count(samples, (s) => squeeze(s.pp.text) === s.truth))}, tesseract ${pct(count(samples, (s) => squeeze(s.tess) === s.truth))}` +
      `; NFKC PP-OCR ${count(samples, (s) => loose(s.pp.text) === loose(s.truth))}, tesseract ${count(samples, (s) => loose(s.tess) === loose(s.truth))}` +
      `; one-line cells ${one.length}: PP-OCR ${count(one, (s) => squeeze(s.pp.text) === s.truth)}, tesseract ${count(one, (s) => squeeze(s.tess) === s.truth)}` +
      `; cells of several lines ${samples.length - one.length}: PP-OCR ${count(samples, (s) => s.lines > 1 && squeeze(s.pp.text) === s.truth)} (read as one line ${count(samples, (s) => s.ppOneLine !== undefined && squeeze(s.ppOneLine) === s.truth)}), tesseract ${count(samples, (s) => s.lines > 1 && squeeze(s.tess) === s.truth)}`,
  );
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

/** Probability that a right reading scores above a wrong one (ties count half). */
function auc(samples: Sample[], right: (s: Sample) => boolean, score: (s: Sample) => number): number {
  const good = samples.filter(right).map(score);
  const bad = samples.filter((s) => !right(s)).map(score);
  let wins = 0;
  for (const g of good) for (const b of bad) wins += g > b ? 1 : g === b ? 0.5 : 0;
  return wins / Math.max(1, good.length * bad.length);
}
