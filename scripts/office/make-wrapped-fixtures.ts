/**
 * The wrapped family of the office fixtures: forms exported by LibreOffice Calc with fixed row
 * heights shorter than their wrapped text, as government templates fix them for printing
 * (issue 10): 二级 labels of two and three lines in one-line rows (`服务对象满意度指标` in a
 * narrow column), budget headers whose `（A）`/`（B）`/`（B/A）` suffixes wrap, cells aligned
 * in the middle or at the bottom, and a budget 得分 column beyond the table's last rule, drawn
 * without borders. LibreOffice clips each overflowing cell's text to the cell; other exporters
 * clip some cells and not others, or none (field-03, field-06): two files have the clip
 * operators removed from every cell, or from every second one. The specs are the oracle, as
 * for every fixture.
 *
 *   npx tsx scripts/office/make-wrapped-fixtures.ts [--keep-sources <dir>] [--soffice <path>]
 *
 * Needs LibreOffice (soffice) and WenQuanYi Zen Hei / AR PL UMing CN. Writes
 * fixtures/office/wrapped/<name>.pdf and rewrites the `wrapped/…` entries of
 * fixtures/oracle/office.json (the others are kept).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { formatRate, rateBp, toUnits } from '../fixtures/num.js';
import { Rng } from '../fixtures/prng.js';
import type { FormSpec } from '../fixtures/spec.js';
import { calcFods, type FodsOptions } from './documents.js';
import { makeOfficeForm } from './specs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'office', 'wrapped');
const ORACLE = join(ROOT, 'fixtures', 'oracle', 'office.json');
const PROFILE = pathToFileURL(join(tmpdir(), 'lo-profile-jixiao')).href;
export const WRAPPED_SEED = 'jixiao-wrapped-v1';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SOFFICE = arg('--soffice') ?? 'soffice';
const keep = arg('--keep-sources');

/** Narrow label and value columns: long 二级 labels wrap to 2–3 lines, the budget headers' suffixes wrap. */
const NARROW = { l1: 46, l2: 40, name: 92, target: 60, actual: 56, weight: 30, score: 30, note: 70 } as const;

interface WrappedPlan {
  name: string;
  font: string;
  what: string;
  options: Omit<FodsOptions, 'font' | 'fontSize' | 'sheetPerForm' | 'newPagePerForm'>;
  /** which of the page's clip operators to remove: none, every one, or every second one */
  unclip?: 'all' | 'alternate';
  forms: FormSpec[];
}

/**
 * Remove clip operators (`W n`, `W* n` → `n`) from every page's content: all of them, or every
 * second one, so the text is drawn as an exporter that does not clip draws it.
 */
async function removeClips(bytes: Uint8Array, which: 'all' | 'alternate'): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  let k = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      const out = text.replace(/(\s)W\*?(\s+n\b)/g, (m, space: string, rest: string) => (which === 'all' || k++ % 2 === 0 ? space + rest.trimStart() : m));
      const fresh = doc.context.flateStream(Buffer.from(out, 'latin1'));
      if (ref instanceof PDFRef) doc.context.assign(ref, fresh);
    }
  }
  return doc.save({ useObjectStreams: false });
}

/** The 二级 groups printed in one row (a label cell that cannot grow). */
function oneRowGroups(form: FormSpec): string[] {
  const counts = new Map<string, number>();
  for (const i of form.indicators) counts.set(i.level2, (counts.get(i.level2) ?? 0) + 1);
  return [...counts].filter(([, n]) => n === 1).map(([l2]) => l2);
}

/**
 * A form whose 服务对象满意度指标 group (three lines in the narrow column) and one more long
 * group have one indicator each, so their labels overflow one-line rows: the first fork of
 * `rng` (in order) that gives one. Deterministic.
 */
function wrappingForm(rng: Rng, unit: number, year: number, o: Parameters<typeof makeOfficeForm>[3]): FormSpec {
  for (let k = 0; ; k++) {
    const form = makeOfficeForm(rng.fork(`try-${k}`), unit, year, o);
    const single = oneRowGroups(form);
    if (single.includes('服务对象满意度指标') && single.some((l2) => l2 !== '服务对象满意度指标' && l2.length >= 5)) return form;
  }
}

/** Plant a printed 总分 off the sum by `delta` (the validator must see it: a total-mismatch). */
function plantTotalMismatch(form: FormSpec, delta: number): void {
  form.totalScore = Math.round((form.totalScore + delta) * 100) / 100;
  form.layout.expectedFindings = [...(form.layout.expectedFindings ?? []), { code: 'total-mismatch', field: 'totalScore' }];
}

/** Plant a printed 执行率 off the amounts by 0.3 %; the budget 得分 still follows the amounts. */
function plantRateMismatch(form: FormSpec): void {
  const t = form.funds.total;
  const bp = rateBp(toUnits(t.executed ?? 0), toUnits(t.annualBudget ?? 1));
  t.executionRate = formatRate(bp - 30, false);
  form.layout.expectedFindings = [...(form.layout.expectedFindings ?? []), { code: 'execution-rate-mismatch', field: 'funds.total.executionRate' }];
}

function plans(): WrappedPlan[] {
  const root = new Rng(WRAPPED_SEED);
  const base = { nInd: 9, noteColumn: true, fundScoreColumn: true, columnOrder: 'target-actual-weight-score', structure: 'fiscal' } as const;
  const f1 = wrappingForm(root.fork('wr-01'), 0, 2024, { ...base, headerVariant: 'national' });
  plantTotalMismatch(f1, 2);
  plantRateMismatch(f1);
  const f2 = wrappingForm(root.fork('wr-02'), 1, 2023, { ...base, headerVariant: 'plain', noteColumn: false });
  const f3 = wrappingForm(root.fork('wr-03'), 2, 2025, { ...base, headerVariant: 'national' });
  plantTotalMismatch(f3, -1.5);
  const f4 = wrappingForm(root.fork('wr-04'), 3, 2024, { ...base, headerVariant: 'national' });
  plantTotalMismatch(f4, 3);
  const f5 = wrappingForm(root.fork('wr-05'), 0, 2022, { ...base, headerVariant: 'national', noteColumn: false });
  for (const f of [f1, f2, f3, f4, f5]) f.layout.expectedFindings ??= [];
  return [
    {
      name: 'wr-01-chengguan-2024',
      font: 'AR PL UMing CN',
      what: 'one-line rows (12 pt) for 9 pt text: 2–3-line 二级 labels and the （A）/（B）/（B/A） header suffixes over the row borders; cells centred',
      options: { rowHeight: 12, grid: { widths: NARROW } },
      forms: [f1],
    },
    {
      name: 'wr-02-yingji-2023',
      font: 'WenQuanYi Zen Hei',
      what: 'the same rows, cells aligned at the bottom; the budget 得分 column beyond the last rule, without borders',
      options: { rowHeight: 12, valign: 'bottom', grid: { widths: NARROW, fundScoreOutside: true } },
      forms: [f2],
    },
    {
      name: 'wr-03-tiyu-2025',
      font: 'WenQuanYi Zen Hei',
      what: 'one-line rows (11 pt) for 9 pt text, national headers; the budget 得分 column beyond the last rule',
      options: { rowHeight: 11, grid: { widths: NARROW, fundScoreOutside: true } },
      forms: [f3],
    },
    {
      name: 'wr-04-shengtai-2024',
      font: 'AR PL UMing CN',
      what: 'as wr-01, with every clip operator removed: the overflowing lines drawn over the neighbouring rows',
      options: { rowHeight: 12, grid: { widths: NARROW } },
      unclip: 'all',
      forms: [f4],
    },
    {
      name: 'wr-05-chengguan-2022',
      font: 'WenQuanYi Zen Hei',
      what: 'as wr-03, with every second clip operator removed (some cells clipped, others not); 得分 beyond the last rule',
      options: { rowHeight: 12, grid: { widths: NARROW, fundScoreOutside: true } },
      unclip: 'alternate',
      forms: [f5],
    },
  ];
}

function soffice(args: string[]): void {
  execFileSync(SOFFICE, [`-env:UserInstallation=${PROFILE}`, '--headless', '--norestore', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-wrapped-'));
  mkdirSync(OUT, { recursive: true });
  const entries = [];
  for (const p of plans()) {
    const fods = join(work, `${p.name}.fods`);
    writeFileSync(fods, calcFods(p.forms, { font: p.font, fontSize: 9, sheetPerForm: true, newPagePerForm: true, ...p.options }));
    soffice(['--convert-to', 'pdf:calc_pdf_Export', '--outdir', work, fods]);
    const pdf = join(work, `${p.name}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice produced no PDF for ${p.name}`);
    if (p.unclip) writeFileSync(join(OUT, `${p.name}.pdf`), await removeClips(readFileSync(pdf), p.unclip));
    else copyFileSync(pdf, join(OUT, `${p.name}.pdf`));
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(fods, join(keep, `${p.name}.fods`));
    }
    console.log(`${p.name}: ${p.what}`);
    const producer = p.unclip ? 'LibreOffice Calc (flat ODS), clip operators removed' : 'LibreOffice Calc (flat ODS)';
    entries.push({ file: `wrapped/${p.name}.pdf`, producer, font: p.font, layout: p.what, forms: p.forms });
  }
  const oracle = JSON.parse(readFileSync(ORACLE, 'utf8')) as { about: string; files: { file: string }[] };
  oracle.files = [...oracle.files.filter((f) => !f.file.startsWith('wrapped/')), ...entries];
  writeFileSync(ORACLE, JSON.stringify(oracle, null, 2) + '\n');
  rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${entries.length} PDFs under fixtures/office/wrapped and their entries in fixtures/oracle/office.json`);
}

await main();
