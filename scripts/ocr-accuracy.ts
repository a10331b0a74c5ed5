/**
 * OCR accuracy on a scan of the 15-form seed document (make the scans first with
 * `npx tsx scripts/scans/make-scans.ts`): forms found, numeric and indicator cells exact,
 * failing cells by kind, seconds per page, peak memory.
 *
 *   npx tsx scripts/ocr-accuracy.ts .cache/scans/seed-200.pdf [workers=2]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FormSpec } from './fixtures/spec.js';
import { convertFile } from '../src/pipeline/convert-file.js';
import { createOcrProvider } from '../src/pipeline/ocr-provider.js';
import { formatOcrScore, scoreOcr } from '../test/support/ocr-score.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/ocr-accuracy.ts <scanned seed PDF> [workers]');
const oracle = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/oracle/seed-forms.json', import.meta.url)), 'utf8')) as { forms: FormSpec[] };
const workers = Number(process.argv[3] ?? 2);
const ocr = createOcrProvider({ workers });
const started = performance.now();
const result = await convertFile(file, file, { ocr });
await ocr.close();
const seconds = (performance.now() - started) / 1000;
const score = scoreOcr(oracle.forms, result.forms.map((f) => f.project));
console.log(formatOcrScore(file, score, 200));
console.log(`${workers} worker(s): ${(seconds / result.pageCount).toFixed(2)} s/page over ${result.pageCount} pages, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
// What OCR read and what replaced it (re-read numbers, corrected free text): a wrong one also
// shows among the failing cells above.
const replaced = result.forms.flatMap((f, n) =>
  Object.entries(f.provenance).flatMap(([path, p]) => (p.replaced !== undefined && !path.endsWith('Percent') ? [`  form ${n + 1}.${path} (${p.source}): ${p.replaced} → ${p.raw}`] : [])),
);
console.log(`${replaced.length} reading(s) replaced${replaced.length > 0 ? ':\n' : ''}${replaced.join('\n')}`);
