/**
 * Image files in the inbox: listed beside the PDFs, every page sent to OCR with its pixels,
 * reported page by page when OCR is off, and refused by name when damaged — the batch going on.
 * One test runs the real OCR on a PNG of seed form 1.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import { extractPage, withDocument } from '../../src/extract/index.js';
import type { PageContent, PageImage } from '../../src/extract/types.js';
import { convertBatch, listPdfFiles } from '../../src/pipeline/convert-batch.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider } from '../../src/pipeline/ocr-provider.js';
import type { OcrPageRequest, OcrProvider } from '../../src/pipeline/types.js';
import { encodeJpeg, encodePng, encodeTiff, renderPages } from '../extract/image-files.js';
import { SEED_ORACLE, SEED_SINGLE } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(SEED_ORACLE, 'utf8')) as { forms: FormSpec[] };

let dir: string;
let form1: PageImage; // seed form 1 (one page), 150 dpi
let form5: PageImage[]; // seed form 5 (two pages), 150 dpi

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jixiao-images-'));
  [form1] = (await renderPages(`${SEED_SINGLE}form-01.pdf`, [1], 150)) as [PageImage];
  form5 = await renderPages(`${SEED_SINGLE}form-05.pdf`, [1, 2], 150);
});

async function save(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** The text layer and rulings of a fixture PDF's pages. */
async function pdfPages(path: string): Promise<PageContent[]> {
  return withDocument(new Uint8Array(readFileSync(path)), async (doc) => {
    const out: PageContent[] = [];
    for (let p = 1; p <= doc.numPages; p++) out.push(await extractPage(doc, p));
    return out;
  });
}

/**
 * A perfect fake OCR: the PDF's own text (as OCR runs) and rulings for each page, recording
 * what it was asked and the image it was given.
 */
function pdfOcr(pages: PageContent[]): OcrProvider & { calls: { page: PageContent; image: PageImage; document: object }[] } {
  const calls: { page: PageContent; image: PageImage; document: object }[] = [];
  return {
    calls,
    recognize: async ({ page, image, document }: OcrPageRequest) => {
      calls.push({ page, image: await image(), document });
      const src = pages[page.pageNumber - 1]!;
      return { runs: src.runs.map((r) => ({ ...r, source: 'ocr' as const, confidence: 0.95 })), segments: src.segments };
    },
  };
}

describe('listing the inbox', () => {
  it('picks up PDFs and PNG, JPEG and TIFF files in any case, not other files', async () => {
    const inbox = await mkdtemp(join(tmpdir(), 'jixiao-inbox-'));
    await mkdir(join(inbox, 'sub'));
    const names = ['a.pdf', 'b.PNG', 'c.jpg', 'd.JPEG', 'e.tif', 'f.TIFF', 'notes.txt', 'scan.png.bak', 'sub/g.png', 'sub/h.Jpg'];
    for (const name of names) await writeFile(join(inbox, name), 'x');
    const listed = (await listPdfFiles(inbox)).map((p) => p.slice(inbox.length + 1));
    expect(listed).toEqual(['a.pdf', 'b.PNG', 'c.jpg', 'd.JPEG', 'e.tif', 'f.TIFF', 'sub/g.png', 'sub/h.Jpg']);
  });
});

describe('an image file', () => {
  it('PNG: its one page goes to OCR with its own pixels, and the form is read', async () => {
    const path = await save('form-01.png', encodePng(form1, 5906));
    const ocr = pdfOcr(await pdfPages(`${SEED_SINGLE}form-01.pdf`));
    const r = await convertFile(path, 'form-01.png', { ocr });
    expect(ocr.calls).toHaveLength(1);
    const [call] = ocr.calls;
    expect(call!.image).toMatchObject({ pageNumber: 1, width: 1241, height: 1754 });
    expect(call!.image.dpi).toBeCloseTo(150, 1);
    expect(call!.page).toMatchObject({ pageNumber: 1, imageCount: 1 });
    expect(call!.page.width).toBeCloseTo((1241 * 72) / call!.image.dpi, 6);
    expect(r).toMatchObject({ status: 'success', pageCount: 1, findings: [] });
    expect(r.forms).toHaveLength(1);
    expect(r.forms[0]!.project.projectName).toBe(oracle.forms[0]!.projectName);
    expect(r.forms[0]!.project.source).toBe('ocr');
  });

  it('TIFF: every page goes to OCR, one document, and a form over two pages is read', async () => {
    const path = await save('form-05.tif', encodeTiff(form5.map((image) => ({ image, resolution: [150, 1], unit: 2 }))));
    const ocr = pdfOcr(await pdfPages(`${SEED_SINGLE}form-05.pdf`));
    const r = await convertFile(path, 'form-05.tif', { ocr });
    expect(ocr.calls.map((c) => [c.page.pageNumber, c.image.pageNumber, c.image.width, c.image.height, c.image.dpi])).toEqual([
      [1, 1, 1241, 1754, 150],
      [2, 2, 1241, 1754, 150],
    ]);
    expect(ocr.calls[0]!.document).toBe(ocr.calls[1]!.document);
    expect(r).toMatchObject({ status: 'success', pageCount: 2, findings: [] });
    expect(r.forms.map((f) => [f.project.projectName, f.project.pages, f.project.indicators.length])).toEqual([[oracle.forms[4]!.projectName, [1, 2], oracle.forms[4]!.indicators.length]]);
  });

  it('without OCR: each page reported as an image, and no form found', async () => {
    const tif = await convertFile(await save('two.tiff', encodeTiff(form5.map((image) => ({ image, resolution: [150, 1], unit: 2 })))), 'two.tiff');
    expect(tif.status).toBe('failure');
    expect(tif.findings.map((f) => [f.code, f.page, f.message])).toEqual([
      ['page-not-read', 1, 'two.tiff: page 1 is an image (a TIFF file) and OCR is not available; its content is missing'],
      ['page-not-read', 2, 'two.tiff: page 2 is an image (a TIFF file) and OCR is not available; its content is missing'],
      ['no-form-found', undefined, 'two.tiff: no text on any of 2 page(s) (images, or text drawn as outlines): it needs OCR'],
    ]);
    // A JPEG named .png is read as the JPEG it is.
    const jpeg = await convertFile(await save('photo.png', encodeJpeg(form1)), 'photo.png');
    expect(jpeg.findings[0]?.message).toBe('photo.png: page 1 is an image (a JPEG file) and OCR is not available; its content is missing');
  });

  it('a damaged image is reported by name and the batch goes on', async () => {
    const inbox = await mkdtemp(join(tmpdir(), 'jixiao-damaged-'));
    const png = encodePng(form1);
    const jpeg = encodeJpeg(form1);
    await writeFile(join(inbox, 'good.png'), png);
    await writeFile(join(inbox, 'cut.png'), png.subarray(0, png.length >> 1));
    await writeFile(join(inbox, 'cut.jpg'), jpeg.subarray(0, 500));
    await writeFile(join(inbox, 'html.tif'), '<html>404</html>');
    const results = await convertBatch(inbox, { concurrency: 1 });
    expect(results.map((r) => [r.file, r.status, r.findings[0]?.code])).toEqual([
      ['cut.jpg', 'failure', 'unreadable-file'],
      ['cut.png', 'failure', 'unreadable-file'],
      ['good.png', 'failure', 'page-not-read'],
      ['html.tif', 'failure', 'unreadable-file'],
    ]);
    const message = (file: string): string | undefined => results.find((r) => r.file === file)?.findings[0]?.message;
    expect(message('cut.png')).toMatch(/^cut\.png: the PNG image is corrupt or truncated \(/);
    expect(message('cut.jpg')).toMatch(/^cut\.jpg: the JPEG image is corrupt or truncated \(/);
    expect(message('html.tif')).toBe('html.tif: not a PNG, JPEG or TIFF image (unknown file header)');
    expect(results.find((r) => r.file === 'cut.png')?.error?.stage).toBe('read');
  });
});

describe('the real OCR on a PNG', () => {
  it('finds seed form 1 with its project name', async () => {
    const [page] = (await renderPages(`${SEED_SINGLE}form-01.pdf`, [1], 200)) as [PageImage];
    const path = await save('form-01-200.png', encodePng(page, 7874)); // 200 dpi
    const ocr = createOcrProvider({ workers: 1 });
    try {
      const r = await convertFile(path, 'form-01-200.png', { ocr });
      expect(r.forms).toHaveLength(1);
      expect(r.forms[0]!.project.projectName).toBe(oracle.forms[0]!.projectName);
      expect(r.forms[0]!.project.source).toBe('ocr');
    } finally {
      await ocr.close();
    }
  });
});
