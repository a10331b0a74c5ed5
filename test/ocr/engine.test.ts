/**
 * The OCR engine on a real page: fixtures/seed-single/form-01.pdf page 1 rendered at 300 dpi,
 * cells located by the vector grid (extract + grid stages), so the oracle is the page's own
 * text layer. Also pins what the engine assumes of tesseract.js: offline language data from
 * a local directory, a scheduler over several workers, recycling, idempotent termination.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractPage, openDocument } from '../../src/extract/index.js';
import type { PageImage } from '../../src/extract/types.js';
import { buildPageLayout, type Cell } from '../../src/grid/index.js';
import { editDistance } from '../../src/ocr/cell-text.js';
import {
  OcrEngineError,
  assertLocalLanguageDir,
  countLines,
  createOcrEngine,
  cropCell,
  encodePgm,
  type OcrEngine,
  type PixelBox,
} from '../../src/ocr/engine.js';
import { SEED_SINGLE } from '../support/paths.js';

const DPI = 300;
const SCALE = DPI / 72;

/** Page 1 of `file` rendered on white at DPI, as 8-bit grayscale (BT.601 luma). */
async function renderPage(file: string): Promise<{ image: PageImage; cells: Cell[] }> {
  const doc = await openDocument(await readFile(file));
  try {
    const layout = buildPageLayout(await extractPage(doc, 1));
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: SCALE });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx, viewport, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const data = new Uint8Array(canvas.width * canvas.height);
    for (let i = 0; i < data.length; i++) {
      data[i] = Math.round(0.299 * (rgba[4 * i] ?? 255) + 0.587 * (rgba[4 * i + 1] ?? 255) + 0.114 * (rgba[4 * i + 2] ?? 255));
    }
    return {
      image: { pageNumber: 1, width: canvas.width, height: canvas.height, dpi: DPI, data },
      cells: layout.grids.flatMap((g) => g.cells),
    };
  } finally {
    await doc.destroy();
  }
}

const pixels = (cell: Cell): PixelBox => ({
  x0: cell.bbox.x0 * SCALE,
  y0: cell.bbox.y0 * SCALE,
  x1: cell.bbox.x1 * SCALE,
  y1: cell.bbox.y1 * SCALE,
});

/** 1 − edit distance / length of the expected text. */
const similarity = (expected: string, actual: string): number => 1 - editDistance(expected, actual) / [...expected].length;

let page: { image: PageImage; cells: Cell[] };
let engine: OcrEngine;
const fetchSpy = vi.fn(() => {
  throw new Error('network access attempted');
});
const realFetch = globalThis.fetch;

beforeAll(async () => {
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  page = await renderPage(`${SEED_SINGLE}form-01.pdf`);
  // Two workers share a scheduler; recycling after 3 jobs each replaces them mid-test.
  engine = await createOcrEngine({ workers: 2, recycleAfter: 3 });
});

afterAll(async () => {
  await engine?.terminate();
  globalThis.fetch = realFetch;
});

/** The cell right of the label `label` (same row), or the cell whose text is `text`. */
function cellRightOf(label: string): Cell {
  const head = page.cells.find((c) => c.text === label);
  const cell = head && page.cells.find((c) => c.row === head.row && c.col === head.col + head.colSpan);
  if (cell === undefined) throw new Error(`no cell right of ${label}`);
  return cell;
}
function cellWithText(text: string, where: (c: Cell) => boolean = () => true): Cell {
  const cell = page.cells.find((c) => c.text === text && where(c));
  if (cell === undefined) throw new Error(`no cell ${text}`);
  return cell;
}

describe('OCR engine on seed form 01 (300 dpi render)', () => {
  it('loads language data from a local directory, never the network', async () => {
    expect(await assertLocalLanguageDir(engine.langPath)).toBe(engine.langPath);
    for (const lang of ['chi_sim', 'eng']) {
      expect((await stat(join(engine.langPath, `${lang}.traineddata.gz`))).size).toBeGreaterThan(100_000);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reads numbers, a label, a target and a long name from their cells', async () => {
    const weight = page.cells.find((c) => c.text === '8' && c.row > 9);
    expect(weight).toBeDefined();
    const jobs = {
      label: engine.recognizeCell(page.image, pixels(cellWithText('项目名称')), 'label'),
      name: engine.recognizeCell(page.image, pixels(cellRightOf('项目名称')), 'text'),
      weight: engine.recognizeCell(page.image, pixels(weight!), 'number'),
      rate: engine.recognizeCell(page.image, pixels(cellWithText('99.74%')), 'number'),
      budget: engine.recognizeCell(page.image, pixels(cellWithText('128.18')), 'number'),
      dash: engine.recognizeCell(page.image, pixels(cellWithText('—')), 'number'),
      target: engine.recognizeCell(page.image, pixels(cellWithText('≥1500000')), 'target'),
      target2: engine.recognizeCell(page.image, pixels(cellWithText('≥30个')), 'target'),
      level2: engine.recognizeCell(page.image, pixels(cellWithText('服务对象满意度指标')), 'label'),
    };
    const r = Object.fromEntries(await Promise.all(Object.entries(jobs).map(async ([k, p]) => [k, await p] as const)));

    expect(r.label?.text).toBe('项目名称');
    expect(r.weight?.text).toBe('8');
    expect(r.rate?.text).toBe('99.74%');
    expect(r.budget?.text).toBe('128.18');
    expect(r.dash?.text).toBe('—');
    expect(r.target?.text).toBe('≥1500000'); // read as 之1500000, repaired by cell-text
    expect(r.target2?.text).toBe('≥30个'); // read as 过30个
    expect(r.level2?.text).toBe('服务对象满意度指标'); // two lines: block segmentation
    expect(r.level2?.psm).toBe(6);
    expect(similarity('2024年-城指中心网格化城市服务管理系统平台运维经费', r.name?.text ?? '')).toBeGreaterThanOrEqual(0.9);
    for (const v of Object.values(r)) {
      expect(v.confidence).toBeGreaterThan(0.3);
      expect(v.confidence).toBeLessThanOrEqual(1);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    // 9 jobs on 2 workers recycled after 3 jobs each: a second pair was started.
    expect(engine.stats()).toEqual({ jobs: 9, workersStarted: 4 });
  });

  it('returns an empty cell without OCR', async () => {
    const empty = page.cells.find((c) => c.text === '' && c.row > 9);
    expect(empty).toBeDefined();
    const before = engine.stats().jobs;
    expect(await engine.recognizeCell(page.image, pixels(empty!), 'text')).toEqual({ text: '', confidence: 1, raw: '', psm: 0 });
    expect(engine.stats().jobs).toBe(before);
  });

  it('a multi-line goal text is read as a block, ≥ 90 % of its characters right', async () => {
    const expected = '完成了2024年度网格化城市服务管理系统平台安全稳定运行的运维保障工作。';
    const result = await engine.recognizeCell(page.image, pixels(cellWithText(expected)), 'text');
    expect(result.psm).toBe(6);
    expect(similarity(expected, result.text)).toBeGreaterThanOrEqual(0.9);
  });

  it('recycle() sends the next job to fresh workers, and reads as before', async () => {
    const cell = cellWithText('执行率');
    const before = engine.stats().workersStarted;
    engine.recycle();
    const result = await engine.recognizeCell(page.image, pixels(cell), 'text');
    expect(engine.stats().workersStarted).toBe(before + 2);
    expect(result.text).toBe('执行率');
  });
});

describe('cell crop', () => {
  it('drops ruling remnants and blank margins, pads with white, counts lines', () => {
    // A 60 × 40 cell: 3-px borders on every side, a 20 × 8 ink block in the middle.
    const width = 60;
    const height = 40;
    const data = new Uint8Array(width * height).fill(255);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const border = x < 3 || x >= width - 3 || y < 3 || y >= height - 3;
        const ink = x >= 20 && x < 40 && y >= 16 && y < 24;
        if (border || ink) data[y * width + x] = 0;
      }
    }
    const image: PageImage = { pageNumber: 1, width, height, dpi: 72, data };
    // Inset of 1 px leaves 2 px of border on each side: trimmed as remnants.
    const crop = cropCell(image, { x0: 0, y0: 0, x1: width, y1: height }, { inset: 1, padding: 5 });
    expect(crop).toMatchObject({ width: 30, height: 18, lines: 1, lineHeight: 8 });
    expect(crop?.data[0]).toBe(255);
    expect(crop?.data[5 * 30 + 5]).toBe(0);
    expect(encodePgm(crop!).subarray(0, 13).toString('latin1')).toBe('P5\n30 18\n255\n');
    // Borders only: empty.
    data.fill(255);
    for (let x = 0; x < width; x++) data[x] = data[(height - 1) * width + x] = 0;
    expect(cropCell(image, { x0: 0, y0: 0, x1: width, y1: height }, { inset: 1 })).toBeUndefined();
  });

  it('counts text lines from the row profile', () => {
    const profile = (...bands: [number, number][]): number[] => bands.flatMap(([n, v]) => Array<number>(n).fill(v));
    expect(countLines(profile([30, 5]))).toEqual({ lines: 1, lineHeight: 30 });
    expect(countLines(profile([30, 5], [12, 0], [30, 5]))).toEqual({ lines: 2, lineHeight: 30 });
    // A gap inside one line (the dot of an `i`, < 1/5 of the line height) does not split it.
    expect(countLines(profile([4, 2], [2, 0], [24, 9]))).toEqual({ lines: 1, lineHeight: 30 });
    // An underscore under a line is not a line.
    expect(countLines(profile([30, 5], [8, 0], [3, 40]))).toEqual({ lines: 1, lineHeight: 30 });
    expect(countLines([])).toEqual({ lines: 0, lineHeight: 0 });
  });
});

describe('offline language data', () => {
  it('refuses URLs and directories without both languages, before starting a worker', async () => {
    for (const langPath of ['https://cdn.jsdelivr.net/npm/@tesseract.js-data/chi_sim/4.0.0_best_int', 'http://localhost/tessdata', 'file:///tmp']) {
      await expect(createOcrEngine({ langPath })).rejects.toThrow(OcrEngineError);
    }
    await expect(createOcrEngine({ langPath: join(tmpdir(), 'jixiao-no-such-dir') })).rejects.toThrow(/not found/);
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-test-'));
    try {
      await expect(createOcrEngine({ langPath: dir })).rejects.toThrow(/missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('terminate is idempotent, and a terminated engine refuses work', async () => {
    const single = await createOcrEngine({ langPath: engine.langPath });
    const cell = pixels(cellWithText('10', (c) => c.row < 9));
    expect((await single.recognizeCell(page.image, cell, 'number')).text).toBe('10');
    await Promise.all([single.terminate(), single.terminate()]);
    await single.terminate();
    await expect(single.recognizeCell(page.image, cell, 'number')).rejects.toThrow(/terminated/);
  });
});
