/**
 * Generates every fixture under fixtures/ (deterministic: run twice → byte-identical files).
 *   npx tsx scripts/make-fixtures.ts [--seed-source <forms.json>]
 * The seed forms come from fixtures/oracle/seed-forms.json (committed); `--seed-source`
 * first replaces that file with a new reference transcription.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocument } from './fixtures/render.js';
import { writePdf } from './fixtures/pdfwriter.js';
import { loadSeed, seedParts } from './fixtures/seed.js';
import { syntheticCorpus } from './fixtures/synthetic.js';
import { writeBadFixtures } from './fixtures/bad.js';
import type { SyntheticOracle } from './fixtures/spec.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIX = join(ROOT, 'fixtures');

function put(rel: string, data: Uint8Array | string): void {
  const p = join(FIX, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}

async function main(): Promise<void> {
  const seedOracle = join(FIX, 'oracle', 'seed-forms.json');
  const flag = process.argv.indexOf('--seed-source');
  const source = flag >= 0 ? process.argv[flag + 1] : undefined;
  if (source) {
    mkdirSync(dirname(seedOracle), { recursive: true });
    copyFileSync(source, seedOracle);
  }
  for (const d of ['samples', 'seed-single', 'bad']) rmSync(join(FIX, d), { recursive: true, force: true });
  rmSync(join(FIX, 'oracle', 'synthetic.json'), { force: true });

  // ---- seed: the whole document, one file per form
  const { data } = loadSeed(seedOracle);
  const parts = seedParts(data.forms);
  const whole = renderDocument(parts);
  whole.info.forEach((inf, i) => {
    const want = data.forms[i]?.layout.pageBreakAfter;
    const got = inf.breaksAfter;
    if ((want ? [want] : []).join('|') !== got.join('|'))
      throw new Error(`seed form ${i + 1}: page breaks ${JSON.stringify(got)} ≠ layout ${JSON.stringify(want)}`);
  });
  const seedPdf = await writePdf(whole.pages, { title: '2024年度项目支出绩效自评表（丰台区城市管理指挥中心）' });
  put('samples/fengtai-2024.pdf', seedPdf);
  let firstSingle: Uint8Array | null = null;
  for (const [i, part] of parts.entries()) {
    const one = renderDocument([part]);
    const nn = String(i + 1).padStart(2, '0');
    const bytes = await writePdf(one.pages, { title: `项目支出绩效自评表 ${nn}` });
    firstSingle ??= bytes;
    put(`seed-single/form-${nn}.pdf`, bytes);
  }
  console.log(`seed: ${whole.pages.length} pages`);

  // ---- synthetic corpus
  const corpus = syntheticCorpus();
  const oracle: SyntheticOracle = { about: corpus.about, files: [] };
  let nForms = 0;
  for (const file of corpus.files) {
    const r = renderDocument(file.parts);
    const forms = file.parts.map((p, i) => {
      const inf = r.info[i];
      const layout = { ...p.form.layout };
      if (inf) {
        layout.pages = inf.pages;
        if (inf.breaksAfter.length) {
          layout.pageBreakAfter = inf.breaksAfter[0];
          layout.pageBreaksAfter = inf.breaksAfter;
        }
        const prev = r.info[i - 1];
        layout.sharesPageWithPrevious = !!prev && prev.pages[prev.pages.length - 1] === inf.pages[0];
      }
      return { ...p.form, layout };
    });
    put(`samples/${file.file}`, await writePdf(r.pages, { title: file.title }));
    oracle.files.push({ file: file.file, forms });
    nForms += forms.length;
    console.log(`${file.file}: ${forms.length} forms, ${r.pages.length} pages`);
  }
  put('oracle/synthetic.json', JSON.stringify(oracle, null, 2) + '\n');
  console.log(`synthetic: ${corpus.files.length} files, ${nForms} forms`);

  // ---- unreadable / no-form files
  await writeBadFixtures(put, firstSingle ?? seedPdf);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
