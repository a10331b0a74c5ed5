/**
 * convertBatch: worker threads give exactly the results of in-thread conversion, in file order.
 * The compiled library is used (npm test builds it first): worker threads run compiled code.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Batch from '../../src/pipeline/convert-batch.js';
import type { OcrPageRequest, OcrProvider } from '../../src/pipeline/types.js';
import { garbagePdf } from '../extract/garbage-pdf.js';
import { REPO, SEED_SINGLE } from '../support/paths.js';

const dist = (await import(`${REPO}dist/pipeline/convert-batch.js`)) as typeof Batch;

describe('convertBatch', () => {
  it('has a compiled worker to run threads with', () => {
    expect(dist.compiledWorker()).toMatch(/dist\/pipeline\/worker\.js$/);
  });

  it('converts in worker threads with the same results as in one thread, sorted by file', async () => {
    const events: string[] = [];
    const threaded = await dist.convertBatch(SEED_SINGLE, { concurrency: 2, onProgress: (e) => events.push(e.kind) });
    const single = await dist.convertBatch(SEED_SINGLE, { concurrency: 1 });
    const inThread = await dist.convertBatch(SEED_SINGLE, { concurrency: 2, threads: false });
    const strip = (rs: typeof single) => rs.map(({ durationMs: _d, ...r }) => r);
    expect(threaded.map((r) => r.file)).toEqual(Array.from({ length: 15 }, (_, i) => `form-${String(i + 1).padStart(2, '0')}.pdf`));
    expect(strip(threaded)).toEqual(strip(single));
    expect(strip(inThread)).toEqual(strip(single));
    expect(events).toEqual(['start', ...Array(15).fill('file-done')]);
  });

  it('with OCR, still converts in threads; a file with a scanned page is done again in this thread with the provider', async () => {
    const inbox = await mkdtemp(join(tmpdir(), 'jixiao-batch-ocr-'));
    try {
      for (const f of ['form-01.pdf', 'form-02.pdf']) await copyFile(`${SEED_SINGLE}${f}`, join(inbox, f));
      // form-03 with a second page that is only an image, like a scan.
      await writeFile(join(inbox, 'scanned.pdf'), await garbagePdf([{ kind: 'copy', path: `${SEED_SINGLE}form-03.pdf`, page: 1 }, { kind: 'image' }]));

      const asked: string[] = [];
      const ocr: OcrProvider = {
        recognize: async ({ page }: OcrPageRequest) => {
          asked.push(`page ${page.pageNumber}`);
          return { runs: [], segments: [] };
        },
      };
      const withOcr = await dist.convertBatch(inbox, { concurrency: 2, ocr });
      const without = await dist.convertBatch(inbox, { concurrency: 2 });
      expect(asked).toEqual(['page 2']);
      expect(without.map((r) => [r.file, r.ocrPages])).toEqual([['form-01.pdf', undefined], ['form-02.pdf', undefined], ['scanned.pdf', [2]]]);
      expect(withOcr.map((r) => [r.file, r.ocrPages, r.forms.length, r.findings.map((f) => f.code)])).toEqual([
        ['form-01.pdf', undefined, 1, []],
        ['form-02.pdf', undefined, 1, []],
        ['scanned.pdf', undefined, 1, []],
      ]);
      expect(without[2]?.findings.map((f) => [f.code, f.page])).toEqual([['page-not-read', 2]]);
    } finally {
      await rm(inbox, { recursive: true, force: true });
    }
  });
});
