/**
 * OCR accuracy on generated scans of the simulator's families (scripts/scans/profiles.ts):
 * two seed forms per profile, scanned at test time into .cache/fam/, read, scored against the
 * seed oracle (forms found, numeric and indicator cells exact, failing cells).
 *
 *   npx tsx scripts/ocr-families.ts field@200 gray-seal@200 bilevel@200 heavy-jpeg@200 sideways-90@200
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FormSpec } from './fixtures/spec.js';
import { convertFile } from '../src/pipeline/convert-file.js';
import { createOcrProvider } from '../src/pipeline/ocr-provider.js';
import { scoreOcr, formatOcrScore } from '../test/support/ocr-score.js';
import { makeScan } from './scans/profiles.js';
const oracle = JSON.parse(readFileSync('fixtures/oracle/seed-forms.json', 'utf8')) as { forms: FormSpec[] };
const forms = [0, 2];
mkdirSync('.cache/fam', { recursive: true });
const ocr = createOcrProvider({ workers: 2 });
for (const [name, dpi] of process.argv.slice(2).map((a) => a.split('@') as [string, string])) {
  const t = performance.now();
  const pdf = await makeScan(name, Number(dpi), { forms });
  const path = `.cache/fam/${name}-${dpi}.pdf`;
  writeFileSync(path, pdf);
  const r = await convertFile(path, path, { ocr });
  const score = scoreOcr(forms.map((i) => oracle.forms[i]!), r.forms.map((f) => f.project));
  console.log(formatOcrScore(`${name}@${dpi}`, score, 8), `${((performance.now() - t) / 1000).toFixed(1)} s`);
}
await ocr.close();
