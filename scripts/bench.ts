/**
 * Throughput figures (printed, not asserted): pages per second converting a PDF, steady
 * state (the first run, which pays pdf.js's start-up, is reported apart), and peak RSS.
 *
 *   npx tsx scripts/bench.ts [file.pdf] [runs]     (default: fixtures/samples/fengtai-2024.pdf, 5)
 */
import { fileURLToPath } from 'node:url';
import { convertFile } from '../src/pipeline/convert-file.js';

const file = process.argv[2] ?? fileURLToPath(new URL('../fixtures/samples/fengtai-2024.pdf', import.meta.url));
const runs = Number(process.argv[3] ?? 5);

const first = await convertFile(file, file);
console.log(`first run: ${first.pageCount} pages, ${first.forms.length} forms in ${(first.durationMs / 1000).toFixed(2)} s (includes pdf.js start-up)`);
let pages = 0;
let ms = 0;
for (let i = 0; i < runs; i++) {
  const r = await convertFile(file, file);
  pages += r.pageCount;
  ms += r.durationMs;
}
console.log(`steady state: ${pages} pages in ${(ms / 1000).toFixed(2)} s = ${(pages / (ms / 1000)).toFixed(1)} pages/s (${(ms / pages).toFixed(1)} ms/page, ${runs} runs)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
