/**
 * OCR accuracy on a scan of the 15-form seed document (make the scans first with
 * `npx tsx scripts/scans/make-scans.ts`): forms found, indicator cells right, seconds per page.
 *
 *   npx tsx scripts/ocr-accuracy.ts .cache/scans/seed-200.pdf [workers=2]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FormSpec } from './fixtures/spec.js';
import { convertFile } from '../src/pipeline/convert-file.js';
import { createOcrProvider } from '../src/pipeline/ocr-provider.js';
import { compareForm, formatDiffs } from '../test/support/oracle.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/ocr-accuracy.ts <scanned seed PDF> [workers]');
const oracle = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/oracle/seed-forms.json', import.meta.url)), 'utf8')) as { forms: FormSpec[] };
const ocr = createOcrProvider({ workers: Number(process.argv[3] ?? 2) });
const started = performance.now();
const result = await convertFile(file, file, { ocr });
await ocr.close();
const seconds = (performance.now() - started) / 1000;
let cells = 0;
let wrong = 0;
const diffs = oracle.forms.flatMap((spec, i) => {
  const c = compareForm(result.forms[i]?.project, spec, `form ${i + 1}`);
  cells += c.indicatorCells;
  wrong += c.indicatorCellsWrong;
  return c.diffs;
});
console.log(`${file}: ${result.forms.length}/${oracle.forms.length} forms, indicator cells ${cells - wrong}/${cells} = ${((100 * (cells - wrong)) / cells).toFixed(2)} %, ${(seconds / result.pageCount).toFixed(2)} s/page, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(formatDiffs(diffs, 200));
