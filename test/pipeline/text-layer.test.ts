/**
 * convertFile's per-page choice between the text layer and OCR: a page with a garbage text
 * layer goes to OCR (or, without OCR, is reported with the reason), the digital pages of the
 * same file stay on the text path, and a form read partly from text and partly by OCR says so
 * (`source: 'mixed'`).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPage, withDocument } from '../../src/extract/index.js';
import type { PageContent, Segment, TextRun } from '../../src/extract/types.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import type { OcrPageRequest, OcrProvider } from '../../src/pipeline/types.js';
import { SEED_SINGLE } from '../support/paths.js';
import { garbagePdf } from '../extract/garbage-pdf.js';

async function save(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'jixiao-text-layer-')), name);
  await writeFile(path, bytes);
  return path;
}

/** Page 1 of seed form 1 (digital), then a ruled table whose text layer is (cid:NNN) codes. */
const cidFile = (): Promise<Uint8Array> =>
  garbagePdf([
    { kind: 'copy', path: `${SEED_SINGLE}form-01.pdf`, page: 1 },
    { kind: 'table', rows: [['(cid:3021)(cid:1187)(cid:4410)', '(cid:77)(cid:78)'], ['(cid:901)(cid:55)', '99.74']] },
  ]);

/** A provider that records the pages it is asked for and reads nothing. */
function recordingOcr(): OcrProvider & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    recognize: async ({ page }: OcrPageRequest) => {
      asked.push(page.pageNumber);
      return { runs: [], segments: [] };
    },
  };
}

describe('a page whose text layer is garbage', () => {
  it('without OCR: reported with the reason; the digital page is read', async () => {
    const path = await save('cid.pdf', await cidFile());
    const r = await convertFile(path, 'cid.pdf');
    expect(r.status).toBe('partial');
    expect(r.forms).toHaveLength(1);
    expect(r.forms[0]?.project.source).toBe('text');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'page-not-read',
        page: 2,
        message: "cid.pdf: page 2's text layer is unreadable (cid:… codes: 58 % of its characters): it needs OCR, which is not available",
      }),
    ]);
  });

  it('with OCR: that page only goes to the provider', async () => {
    const path = await save('cid.pdf', await cidFile());
    const ocr = recordingOcr();
    const r = await convertFile(path, 'cid.pdf', { ocr });
    expect(ocr.asked).toEqual([2]);
    expect(r.status).toBe('success');
    expect(r.findings).toEqual([]);
  });
});

describe('a form spanning a text page and an OCR page', () => {
  /**
   * Seed form 5 runs over two pages. Page 1 is kept digital; page 2 becomes an image, which a
   * perfect fake OCR reads back as the original page 2 (its text as OCR runs, its rulings).
   */
  async function halfScanned(): Promise<{ path: string; page2: PageContent }> {
    const src = `${SEED_SINGLE}form-05.pdf`;
    const page2 = await withDocument(new Uint8Array(readFileSync(src)), async (doc) => {
      expect(doc.numPages).toBe(2);
      return extractPage(doc, 2);
    });
    const bytes = await garbagePdf([{ kind: 'copy', path: src, page: 1 }, { kind: 'image' }]);
    return { path: await save('form-05-half-scanned.pdf', bytes), page2 };
  }

  it('is read whole, with source mixed; the text version says text', async () => {
    const { path, page2 } = await halfScanned();
    const asked: number[] = [];
    const ocr: OcrProvider = {
      recognize: async ({ page }): Promise<{ runs: TextRun[]; segments: Segment[] }> => {
        asked.push(page.pageNumber);
        return { runs: page2.runs.map((run) => ({ ...run, source: 'ocr', confidence: 0.95 })), segments: page2.segments };
      },
    };
    const mixed = await convertFile(path, 'form-05-half-scanned.pdf', { ocr });
    const text = await convertFile(`${SEED_SINGLE}form-05.pdf`, 'form-05.pdf');
    expect(asked).toEqual([2]);
    expect(mixed.status).toBe('success');
    expect(mixed.forms).toHaveLength(1);
    expect(text.forms).toHaveLength(1);
    const [m, t] = [mixed.forms[0]!, text.forms[0]!];
    expect(t.project.source).toBe('text');
    expect(m.project.source).toBe('mixed');
    // The same values either way; only where they came from differs.
    const values = (r: typeof m): unknown => JSON.parse(JSON.stringify(r.project, (key, value: unknown) => (key === 'source' || key === 'confidence' ? undefined : value)));
    expect(values(m)).toEqual(values(t));
    expect(m.project.indicators.filter((i) => i.page === 2).every((i) => i.source === 'ocr')).toBe(true);
    const sources = new Set(Object.values(m.provenance).map((p) => `${p.page}:${p.source}`));
    expect([...sources].sort()).toEqual(['1:text', '2:ocr']);
  });
});
