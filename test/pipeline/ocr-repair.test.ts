/**
 * Validator-guided repair of OCR readings: low-confidence numbers of a form that does not add
 * up are read again, and a reading is kept only when the form then adds up with no new error.
 * The unit tests use forms built from cell texts (as OCR would give them, with confidences)
 * and a fake provider whose re-readings are fixed per first reading.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPdf } from '../../scripts/scans/scan.js';
import type { BBox, PageContent } from '../../src/extract/types.js';
import { readForms } from '../../src/form/reader.js';
import { buildPageLayout } from '../../src/grid/index.js';
import type { PageLayout } from '../../src/grid/types.js';
import { cellParameters, varyCrop } from '../../src/ocr/engine.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider } from '../../src/pipeline/ocr-provider.js';
import { REPAIR_CONFIDENCE, formResult, repairOcrForms } from '../../src/pipeline/ocr-repair.js';
import { RereadStore, numericLike } from '../../src/pipeline/reread-store.js';
import type { CellReading, FormResult, OcrProvider } from '../../src/pipeline/types.js';
import { indicatorRows, projectRows } from '../../src/write/csv.js';
import { SEED_SINGLE } from '../support/paths.js';
import { tablePage } from '../support/table-page.js';

/**
 * A scanned page from cell texts: `88@0.62` is a cell read as `88` with confidence 0.62; every
 * other cell is read with 0.96. `text: true` gives a text-layer page instead.
 */
function scanned(rows: string[][], options: { text?: boolean } = {}): PageContent {
  const confidences: number[] = [];
  const clean = rows.map((row) =>
    row.map((cell) => {
      const m = /^(.*)@([\d.]+)$/.exec(cell);
      if (cell !== '' && cell !== '<' && cell !== '^') confidences.push(m ? Number(m[2]) : 0.96);
      return m ? (m[1] as string) : cell;
    }),
  );
  const above = ['项目支出绩效自评表', '(2024年度)'];
  const page = tablePage(clean, { above, colWidth: 70 });
  page.runs.forEach((run, i) => {
    if (options.text) return;
    run.source = 'ocr';
    run.confidence = i < above.length ? 0.96 : (confidences[i - above.length] ?? 0.96);
  });
  return page;
}

const HEAD = [
  ['项目名称', '测试项目', '<', '<', '<', '<', '<', '<'],
  ['主管部门', '某区教育委员会', '<', '<', '实施单位', '某区某中心', '<', '<'],
  ['项目资金(万元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
];

/** Budget 100/100/90 → 90.00 %, score 9; indicators 80 + 10 weights; total 9 + 80 + 8.8 = 97.8. */
function form(cells: { initial?: string; executed?: string; rate?: string; fund?: string; a?: string; b?: string; total?: string } = {}): string[][] {
  return [
    ...HEAD,
    ['^', '年度资金总额', cells.initial ?? '100', '100', cells.executed ?? '90', '10', cells.rate ?? '90.00%', cells.fund ?? '9'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['^', '产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '80', cells.a ?? '80'],
    ['^', '^', '质量指标', '合格率', '≥95%', '96%', '10', cells.b ?? '8.8'],
    ['总分', '<', '<', '<', '<', '<', '100', cells.total ?? '97.8'],
  ];
}

/** Layouts and forms as `convertFile` has them before the repair. */
function read(pages: PageContent[]): { layouts: PageLayout[]; forms: FormResult[] } {
  const layouts = pages.map((p) => buildPageLayout(p));
  return { layouts, forms: readForms(layouts).map(formResult) };
}

/** A provider that re-reads a cell by its first reading: `{ '88': ['8.8@0.85'] }`. */
function fakeProvider(layouts: PageLayout[], alternatives: Record<string, string[]>): OcrProvider & { calls: string[] } {
  const calls: string[] = [];
  const textAt = (page: number, bbox: BBox): string | undefined =>
    layouts
      .find((l) => l.page === page)
      ?.grids.flatMap((g) => g.cells)
      .find((c) => c.bbox.x0 === bbox.x0 && c.bbox.y0 === bbox.y0 && c.bbox.x1 === bbox.x1 && c.bbox.y1 === bbox.y1)?.text;
  return {
    calls,
    recognize: () => Promise.reject(new Error('not used')),
    reread: async (_document, page, bbox): Promise<CellReading[]> => {
      const text = textAt(page, bbox) ?? '';
      calls.push(text);
      return (alternatives[text] ?? []).map((a) => {
        const [t, c] = a.split('@');
        return { text: t as string, confidence: Number(c ?? 0.8) };
      });
    },
  };
}

const DOC = {};
const codes = (f: FormResult | undefined, severity = 'error'): string[] => (f?.findings ?? []).filter((x) => x.severity === severity).map((x) => x.code);

describe('validator-guided OCR repair', () => {
  it('replaces a low-confidence score read as 88 by the re-reading 8.8 that makes the form add up', async () => {
    const { layouts, forms } = read([scanned(form({ b: '88@0.62' }))]);
    expect(codes(forms[0])).toEqual(expect.arrayContaining(['total-mismatch', 'score-above-weight']));
    const ocr = fakeProvider(layouts, { '88': ['88@0.7', '38@0.5', '8.8@0.85'] });
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(codes(f)).toEqual([]);
    expect(f?.project.indicators[1]?.score).toBe(8.8);
    expect(f?.provenance['indicators.1.score']).toMatchObject({ source: 'ocr-repaired', raw: '8.8', replaced: '88', confidence: 0.85 });
    expect(f?.project.indicators.map((i) => i.source)).toEqual(['ocr', 'ocr-repaired']);
    expect(codes(f, 'warning')).not.toContain('low-confidence'); // the total confirms it now
    expect(f?.status).toBe('ok');
    expect(ocr.calls).toEqual(['88']);
    const results = [{ file: 'a.pdf', path: 'a.pdf', status: 'success' as const, pageCount: 1, forms: [f as FormResult], findings: [], durationMs: 0 }];
    expect(projectRows(results)[0]?.ocr_repaired).toBe('indicators.1.score: 88 → 8.8');
    expect(indicatorRows(results).map((r) => r.source)).toEqual(['ocr', 'ocr-repaired']);
  });

  it('never changes a value read with high confidence: the error stays', async () => {
    const { layouts, forms } = read([scanned(form({ b: '88@0.95' }))]);
    const ocr = fakeProvider(layouts, { '88': ['8.8@0.9'] });
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(ocr.calls).toEqual([]);
    expect(f?.project.indicators[1]?.score).toBe(88);
    expect(codes(f)).toEqual(expect.arrayContaining(['total-mismatch', 'score-above-weight']));
    expect(Object.values(f?.provenance ?? {}).some((p) => p.source === 'ocr-repaired')).toBe(false);
    expect(codes(f, 'warning')).not.toContain('low-confidence');
  });

  it('refuses a re-reading that mends one check and breaks another, and reports the doubtful cell', async () => {
    // The total 107.8 is a high-confidence misreading; 18.8 for the score would make the sum
    // match it, but put the score above its weight of 10.
    const { layouts, forms } = read([scanned(form({ b: '8.8@0.7', total: '107.8@0.95' }))]);
    expect(codes(forms[0])).toEqual(['total-mismatch']);
    const ocr = fakeProvider(layouts, { '8.8': ['18.8@0.9'] });
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(ocr.calls).toEqual(['8.8']);
    expect(f?.project.indicators[1]?.score).toBe(8.8);
    expect(codes(f)).toEqual(['total-mismatch']);
    const low = f?.findings.filter((x) => x.code === 'low-confidence') ?? [];
    expect(low.map((x) => [x.field, x.indicator, x.printed, x.page])).toEqual([['indicators.1.score', 2, '8.8', 1]]);
    expect(low[0]?.message).toMatch(/0\.70.*total-mismatch/);
  });

  it('repairs two misread scores of one total together when neither alone adds up', async () => {
    const { layouts, forms } = read([scanned(form({ a: '78@0.6', b: '8.6@0.7' }))]);
    expect(codes(forms[0])).toEqual(['total-mismatch']);
    const ocr = fakeProvider(layouts, { '78': ['80@0.8', '70@0.6'], '8.6': ['8.8@0.8', '3.6@0.5'] });
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(codes(f)).toEqual([]);
    expect(f?.project.indicators.map((i) => i.score)).toEqual([80, 8.8]);
    expect(['indicators.0.score', 'indicators.1.score'].map((k) => f?.provenance[k]?.replaced)).toEqual(['78', '8.6']);
  });

  it('repairs a number that did not parse', async () => {
    const { layouts, forms } = read([scanned(form({ fund: '9.B@0.4' }))]);
    expect(codes(forms[0])).toEqual(['unparseable-value']);
    const ocr = fakeProvider(layouts, { '9.B': ['9.8@0.5', '9@0.7'] });
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(codes(f)).toEqual([]);
    expect(f?.project.funds.total?.score).toBe(9);
    expect(f?.provenance['funds.total.score']?.source).toBe('ocr-repaired');
  });

  it('warns about low-confidence numbers no check confirms, not about those a check confirms', async () => {
    const { layouts, forms } = read([scanned(form({ initial: '100@0.55', a: '80@0.6' }))]);
    const ocr = fakeProvider(layouts, {});
    const [f] = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(ocr.calls).toEqual([]); // nothing fails: nothing is re-read
    const low = f?.findings.filter((x) => x.code === 'low-confidence') ?? [];
    expect(low.map((x) => [x.field, x.printed, x.severity, x.form])).toEqual([['funds.total.initialBudget', '100', 'warning', 1]]);
    expect(low[0]?.message).toContain('0.55');
    expect(f?.status).toBe('warning');
  });

  it('takes a budget 得分 that adds up as confirming the amounts when no rate is printed', async () => {
    const { layouts, forms } = read([scanned(form({ executed: '90@0.7', rate: '', fund: '9@0.8' }))]);
    const [f] = await repairOcrForms(layouts, forms, fakeProvider(layouts, {}), DOC);
    expect(f?.findings.filter((x) => x.code === 'low-confidence')).toEqual([]);
    const { layouts: l2, forms: f2 } = read([scanned(form({ executed: '90@0.7', rate: '', fund: '' }))]);
    const [g] = await repairOcrForms(l2, f2, fakeProvider(l2, {}), DOC);
    expect(g?.findings.filter((x) => x.code === 'low-confidence').map((x) => x.field)).toEqual(['funds.total.executed']);
    expect(g?.findings.find((x) => x.code === 'low-confidence')?.message).toContain('年度资金总额 全年执行数');
  });

  it('leaves a text-layer form alone: no re-read, no warning', async () => {
    const { layouts, forms } = read([scanned(form({ b: '88' }), { text: true })]);
    const ocr = fakeProvider(layouts, { '88': ['8.8@0.9'] });
    const out = await repairOcrForms(layouts, forms, ocr, DOC);
    expect(out[0]).toBe(forms[0]);
    expect(ocr.calls).toEqual([]);
  });

  it('without a re-read capability, only warns', async () => {
    const { layouts, forms } = read([scanned(form({ b: '88@0.62' }))]);
    const [f] = await repairOcrForms(layouts, forms, { recognize: () => Promise.reject(new Error('not used')) }, DOC);
    expect(f?.project.indicators[1]?.score).toBe(88);
    expect(f?.findings.filter((x) => x.code === 'low-confidence').map((x) => x.field)).toEqual(['indicators.1.score']);
  });
});

describe('RereadStore', () => {
  const image = (pageNumber: number) => ({ pageNumber, width: 720, height: 720, dpi: 72 * 2, data: new Uint8Array(720 * 720).fill(200) });
  const run = (text: string, confidence: number, x = 10) => ({ text, bbox: { x0: x, y0: 10, x1: x + 40, y1: 24 }, fontSize: 10, source: 'ocr' as const, confidence });

  it('keeps low-confidence numeric cells only, and finds them by the cell box', () => {
    const store = new RereadStore(REPAIR_CONFIDENCE);
    const doc = {};
    store.keep(doc, image(1), [run('88', 0.6), run('合格率', 0.5, 100), run('10', 0.96, 200)]);
    const got = store.region(doc, 1, { x0: 8, y0: 8, x1: 52, y1: 26 });
    expect(got?.image.width).toBe((40 + 6) * 2);
    expect(got?.box).toEqual({ x0: 2, y0: 2, x1: 90, y1: 38 });
    expect(store.region(doc, 1, { x0: 98, y0: 8, x1: 142, y1: 26 })).toBeUndefined();
    expect(store.region(doc, 1, { x0: 198, y0: 8, x1: 242, y1: 26 })).toBeUndefined();
    expect(store.region({}, 1, { x0: 8, y0: 8, x1: 52, y1: 26 })).toBeUndefined();
  });

  it('stays within its memory bound, dropping the oldest pages', () => {
    const store = new RereadStore(REPAIR_CONFIDENCE, 3 * 92 * 40);
    const doc = {};
    for (let p = 1; p <= 5; p++) store.keep(doc, image(p), [run('88', 0.6)]);
    expect(store.size).toBeLessThanOrEqual(3 * 92 * 40);
    expect([1, 2, 3, 4, 5].map((p) => store.region(doc, p, { x0: 8, y0: 8, x1: 52, y1: 26 }) !== undefined)).toEqual([false, false, true, true, true]);
  });

  it('calls numeric what reads as a number, or nearly', () => {
    expect(['88', '99.56%', '9.B', '1,041.03'].map(numericLike)).toEqual([true, true, true, true]);
    expect(['合格率', '≥100人次', '正常运转', ''].map(numericLike)).toEqual([false, false, false, false]);
  });
});

describe('re-read settings', () => {
  it('binarize and upscale a crop; set the mode, the dpi and the whitelist', () => {
    const crop = { width: 2, height: 2, data: Uint8Array.from([0, 100, 150, 255]), lines: 1, lineHeight: 2 };
    expect([...varyCrop(crop, { threshold: 128 }).data]).toEqual([0, 0, 255, 255]);
    const big = varyCrop(crop, { scale: 2 });
    expect([big.width, big.height, big.data[0], big.data[15]]).toEqual([4, 4, 0, 255]);
    expect([...crop.data]).toEqual([0, 100, 150, 255]);
    expect(cellParameters('number', crop, 200, { psm: 13, scale: 1.5, whitelist: '0123456789.' })).toEqual({
      tessedit_pageseg_mode: '13',
      user_defined_dpi: '300',
      tessedit_char_whitelist: '0123456789.',
    });
    expect(cellParameters('number', crop, 200).tessedit_pageseg_mode).toBe('7');
  });
});

describe('OCR repair on a scanned page, real OCR', () => {
  // Every numeric cell is kept for re-reading, so the test does not depend on which cells
  // tesseract happens to be unsure of; the budget 得分 9.9 is then spoiled to 99 with low
  // confidence — the misreading this scan gets with other seeds — and must be read back.
  const ocr = createOcrProvider({ workers: 2, rereadBelow: 1.01 });
  afterAll(() => ocr.close());

  it('reads a misread budget 得分 again from the page pixels and keeps the reading that adds up', async () => {
    const scan = await scanPdf(new Uint8Array(readFileSync(`${SEED_SINGLE}form-12.pdf`)), { dpi: 200, seed: 'a', stampEvery: 0 });
    const path = join(await mkdtemp(join(tmpdir(), 'jixiao-repair-')), 'scan.pdf');
    await writeFile(path, scan);
    let spoiled = 0;
    const spoiling: OcrProvider = {
      dpi: ocr.dpi,
      async recognize(request) {
        const result = await ocr.recognize(request);
        for (const run of result.runs) {
          if (run.text !== '9.9') continue;
          run.text = '99';
          run.confidence = 0.5;
          spoiled++;
        }
        return result;
      },
      reread: (document, page, bbox) => ocr.reread?.(document, page, bbox) ?? Promise.resolve([]),
    };
    const r = await convertFile(path, 'scan.pdf', { ocr: spoiling });
    expect(spoiled).toBe(1);
    const f = r.forms[0];
    expect(f?.project.funds.total?.score).toBe(9.9);
    expect(f?.provenance['funds.total.score']).toMatchObject({ source: 'ocr-repaired', raw: '9.9', replaced: '99' });
    expect(f?.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f?.project.totalScore).toBe(98.7);
  }, 60_000);
});
