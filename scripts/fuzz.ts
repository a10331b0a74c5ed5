/**
 * Look for rare failures: generate fresh synthetic corpora (new seeds, same kinds of
 * variation as the committed one), convert them, and compare with their specs. Prints the
 * accuracy and every differing cell. Writes only to a temporary folder.
 *
 *   npx tsx scripts/fuzz.ts [rounds=3] [files-per-round=24]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocument } from './fixtures/render.js';
import { writePdf } from './fixtures/pdfwriter.js';
import type { FormSpec } from './fixtures/spec.js';
import { syntheticCorpus } from './fixtures/synthetic.js';
import { convertBatch } from '../src/pipeline/convert-batch.js';
import { accuracy, formatDiffs, scoreCorpus } from '../test/support/oracle.js';

const rounds = Number(process.argv[2] ?? 3);
const perRound = Number(process.argv[3] ?? 24);

for (let round = 1; round <= rounds; round++) {
  const seed = `fuzz-${round}`;
  const dir = mkdtempSync(join(tmpdir(), `jixiao-fuzz-${round}-`));
  const sizes = Array.from({ length: perRound }, (_, i) => 1 + ((i * 7 + round) % 5));
  const oracle: { file: string; forms: FormSpec[] }[] = [];
  for (const file of syntheticCorpus(seed, sizes).files) {
    const r = renderDocument(file.parts);
    const name = file.file.replace(/^synthetic\//, '');
    writeFileSync(join(dir, name), await writePdf(r.pages, { title: file.title }));
    oracle.push({ file: name, forms: file.parts.map((p) => p.form) });
  }
  const results = await convertBatch(dir, { concurrency: 1 });
  const score = scoreCorpus(oracle, results);
  const right = score.indicatorCells - score.indicatorCellsWrong;
  console.log(`round ${round} (${dir}): ${score.formsFound}/${score.forms} forms, cells ${right}/${score.indicatorCells} = ${(accuracy(score) * 100).toFixed(2)} %`);
  if (score.extraForms.length > 0) console.log(`  extra forms: ${score.extraForms.join('; ')}`);
  if (score.diffs.length > 0) console.log(formatDiffs(score.diffs, 80));
}
