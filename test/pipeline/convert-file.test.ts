/**
 * convertFile: scanned pages (the OCR seam), partial results, the catch boundary.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, degrees } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageContent, TextRun } from '../../src/extract/types.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import type { OcrProvider } from '../../src/pipeline/types.js';
import type { DrawOp } from '../../scripts/fixtures/pdfwriter.js';
import { writePdf } from '../../scripts/fixtures/pdfwriter.js';
import type { SyntheticOracle } from '../../scripts/fixtures/spec.js';
import { compareForm, formatDiffs } from '../support/oracle.js';
import { SAMPLES, SEED_SINGLE, SYNTHETIC_ORACLE } from '../support/paths.js';

// A 1×1 grey PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

let mixed: string;

beforeAll(async () => {
  // Page 1: seed form 1 (text layer); page 2: an image only, like a scan.
  const doc = await PDFDocument.create();
  const src = await PDFDocument.load(readFileSync(`${SEED_SINGLE}form-01.pdf`));
  const [copied] = await doc.copyPages(src, [0]);
  doc.addPage(copied!);
  const page = doc.addPage([595, 842]);
  page.drawImage(await doc.embedPng(PNG), { x: 0, y: 0, width: 595, height: 842 });
  mixed = join(await mkdtemp(join(tmpdir(), 'jixiao-mixed-')), 'mixed.pdf');
  await writeFile(mixed, await doc.save());
});

describe('convertFile', () => {
  it('reads the text pages of a mixed file and reports the scanned page it could not read', async () => {
    const r = await convertFile(mixed, 'mixed.pdf');
    expect(r.status).toBe('partial');
    expect(r.pageCount).toBe(2);
    expect(r.forms).toHaveLength(1);
    expect(r.forms[0]?.project.indicators).toHaveLength(22);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'page-not-read', severity: 'error', page: 2 })]);
    expect(r.findings[0]?.message).toMatch(/^mixed\.pdf: page 2 .*scanned/);
  });

  it('asks the OCR provider for text of scanned pages only, and uses what it returns', async () => {
    const asked: number[] = [];
    const ocr: OcrProvider = {
      recognize: async ({ page }: { page: PageContent }): Promise<{ runs: TextRun[]; segments: [] }> => {
        asked.push(page.pageNumber);
        return { runs: [{ text: '附件说明', bbox: { x0: 50, y0: 50, x1: 90, y1: 60 }, fontSize: 10, source: 'ocr', confidence: 0.9 }], segments: [] };
      },
    };
    const r = await convertFile(mixed, 'mixed.pdf', { ocr });
    expect(asked).toEqual([2]);
    expect(r.status).toBe('success');
    expect(r.findings).toEqual([]);
    expect(r.forms).toHaveLength(1);
  });

  it('an engine error on one page costs that page only, named in the finding', async () => {
    const ocr: OcrProvider = {
      recognize: async () => {
        throw new Error('engine crashed');
      },
    };
    const r = await convertFile(mixed, 'mixed.pdf', { ocr });
    expect(r.status).toBe('partial');
    expect(r.forms).toHaveLength(1);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'page-not-read', severity: 'error', page: 2 })]);
    expect(r.findings[0]?.message).toBe('mixed.pdf: page 2: OCR failed (engine crashed)');
  });

  it('a file that cannot be read at all is a failed result naming the file and the cause', async () => {
    const r = await convertFile(join(tmpdir(), 'does-not-exist.pdf'), 'does-not-exist.pdf');
    expect(r.status).toBe('failure');
    expect(r.error?.stage).toBe('read');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'unreadable-file', severity: 'error' })]);
    expect(r.findings[0]?.message).toMatch(/^does-not-exist\.pdf: cannot read the file/);
  });
});


describe('no-form-found says why', () => {
  const write = async (name: string, ops: DrawOp[]): Promise<string> => {
    const path = join(await mkdtemp(join(tmpdir(), 'jixiao-noform-')), name);
    await writeFile(path, await writePdf([{ width: 595, height: 842, ops }]));
    return path;
  };
  const text = (t: string, y: number): DrawOp => ({ t: 'text', x: 100, y, text: t, font: 'NotoSansHans-Regular', size: 12 });

  it('a title over text without ruling lines (a scan with a text layer)', async () => {
    const path = await write('ocr-layer.pdf', [text('项目支出绩效自评表', 780), text('项目名称 某某项目', 740)]);
    const r = await convertFile(path, 'ocr-layer.pdf');
    expect(r.status).toBe('failure');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'no-form-found', page: 1 })]);
    expect(r.findings[0]?.message).toBe('ocr-layer.pdf: the title 项目支出绩效自评表 is on page 1, but no form table (no ruling lines: a scan with a text layer?) was found');
  });

  it('no text at all', async () => {
    const path = await write('outlines.pdf', [{ t: 'line', x1: 50, y1: 700, x2: 500, y2: 700, width: 1 }]);
    const r = await convertFile(path, 'outlines.pdf');
    expect(r.findings[0]?.message).toBe('outlines.pdf: no text on any of 1 page(s) (images, or text drawn as outlines): it needs OCR');
  });

  it('no title at all', async () => {
    const path = await write('other.pdf', [text('部门决算说明', 780)]);
    const r = await convertFile(path, 'other.pdf');
    expect(r.findings[0]?.message).toBe('other.pdf: no 项目支出绩效自评表 found on any of 1 page(s)');
  });
});

describe('pages shown turned', () => {
  it('reads a landscape form stored as a portrait page with /Rotate 90, drawn through a form XObject', async () => {
    const name = 'syn-04-sifa-2021.pdf';
    const src = await PDFDocument.load(readFileSync(`${SAMPLES}synthetic/${name}`));
    const doc = await PDFDocument.create();
    for (const p of await doc.embedPdf(src, src.getPageIndices())) {
      // The landscape page drawn a quarter turn counter-clockwise on a portrait media box,
      // which /Rotate 90 shows upright again (how scanners and printers store landscape pages).
      const page = doc.addPage([p.height, p.width]);
      page.setRotation(degrees(90));
      page.drawPage(p, { x: p.height, y: 0, rotate: degrees(90) });
    }
    const path = join(await mkdtemp(join(tmpdir(), 'jixiao-rotated-')), name);
    await writeFile(path, await doc.save());
    const oracle = JSON.parse(readFileSync(SYNTHETIC_ORACLE, 'utf8')) as SyntheticOracle;
    const specs = oracle.files.find((f) => f.file === `synthetic/${name}`)!.forms;
    const r = await convertFile(path, name);
    expect(r.status).toBe('success');
    expect(r.forms).toHaveLength(specs.length);
    const diffs = specs.flatMap((spec, i) => compareForm(r.forms[i]?.project, spec, `form ${i + 1}`).diffs);
    expect(diffs, formatDiffs(diffs)).toEqual([]);
  });
});
