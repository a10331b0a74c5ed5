/**
 * OCR throughput and memory (printed, not asserted): a batch of `copies` copies of a scanned
 * PDF (default the 200-dpi seed scan, made by `npx tsx scripts/scans/make-scans.ts`) converted
 * with one OCR provider of `workers` tesseract workers per language set, recycled every
 * `recycle` pages. Prints seconds per scanned page, and the RSS after each file: flat when
 * the workers' memory is given back.
 *
 *   npx tsx scripts/bench-ocr.ts [scan.pdf] [workers=2] [copies=4] [recycle=50]
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertBatch } from '../src/pipeline/convert-batch.js';
import { createOcrProvider } from '../src/pipeline/ocr-provider.js';

const file = resolve(process.argv[2] ?? fileURLToPath(new URL('../.cache/scans/seed-200.pdf', import.meta.url)));
const workers = Number(process.argv[3] ?? 2);
const copies = Number(process.argv[4] ?? 4);
const recyclePages = Number(process.argv[5] ?? 50);

const inbox = mkdtempSync(join(tmpdir(), 'jixiao-bench-ocr-'));
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
try {
  for (let i = 1; i <= copies; i++) symlinkSync(file, join(inbox, `copy-${String(i).padStart(2, '0')}.pdf`));
  const ocr = createOcrProvider({ workers, recyclePages });
  const started = performance.now();
  let pages = 0;
  try {
    await convertBatch(inbox, {
      ocr,
      concurrency: 1,
      onProgress: (e) => {
        if (e.kind !== 'file-done') return;
        pages += e.result.pageCount;
        const forms = e.result.forms.length;
        const memory = process.memoryUsage();
        console.log(`${e.result.file}: ${e.result.pageCount} pages, ${forms} forms, ${(e.result.durationMs / 1000 / e.result.pageCount).toFixed(2)} s/page; RSS now ${mb(memory.rss)} (JS heap ${mb(memory.heapUsed)}, buffers ${mb(memory.arrayBuffers)})`);
      },
    });
  } finally {
    await ocr.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${workers} worker(s), recycled every ${recyclePages} pages: ${pages} scanned pages in ${seconds.toFixed(1)} s = ${(seconds / pages).toFixed(2)} s/page; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(inbox, { recursive: true, force: true });
}
