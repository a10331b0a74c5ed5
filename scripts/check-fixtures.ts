/**
 * Checks the generated fixtures with pdf.js (legacy build):
 *  - every oracle string of every form is in the text layer of its PDF (ToUnicode is right);
 *  - the oracle arithmetic (Σ weights = 100, rate, fund score, total, score ≤ weight) is consistent
 *    except for exactly the anomalies planted on purpose (layout.expectedFindings);
 *  - the bad/ files are refused for the right reason (encrypted, not-pdf, …).
 *   npx tsx scripts/check-fixtures.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDocument } from '../src/extract/pdfjs.js';
import { divRoundHalfUp, formatRate, rateBp, toUnits, unitsToFixed, unitsToString, withThousands } from './fixtures/num.js';
import type { ExpectedFinding, FormSpec, SyntheticOracle } from './fixtures/spec.js';
import { FINDING_KINDS } from '../src/findings.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIX = join(ROOT, 'fixtures');

let failures = 0;
function fail(msg: string): void {
  failures++;
  console.error('FAIL', msg);
}

async function open(path: string) {
  const data = new Uint8Array(readFileSync(path));
  return openDocument(data);
}

async function pageTexts(path: string): Promise<string[]> {
  const doc = await open(path);
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    out.push(tc.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  await doc.destroy();
  return out;
}

function amountForms(n: number): string[] {
  const u = toUnits(n);
  const plain = unitsToString(u);
  const forms = [plain];
  if ((plain.split('.')[1] ?? '').length <= 2) forms.push(unitsToFixed(u, 2), withThousands(unitsToFixed(u, 2)));
  forms.push(withThousands(plain));
  return forms;
}

function checkForm(label: string, form: FormSpec, text: string): void {
  const has = (s: string, what: string) => {
    if (s && !text.includes(s.replace(/\s+/g, ''))) fail(`${label}: ${what} ${JSON.stringify(s)} not in the text layer`);
  };
  has(form.title, 'title');
  has(`${form.year}年度`, 'year');
  has(form.projectName, 'projectName');
  has(form.department, 'department');
  has(form.implementer, 'implementer');
  has(form.goals.expected, 'goals.expected');
  has(form.goals.actual, 'goals.actual');
  has(form.funds.total.executionRate, 'executionRate');
  for (const v of [form.funds.total.annualBudget, form.funds.total.executed, form.funds.total.initialBudget]) {
    if (v === null) continue;
    if (!amountForms(v).some((f) => text.includes(f)) && !(label.startsWith('seed') && text.includes('863.10')))
      fail(`${label}: amount ${v} not in the text layer`);
  }
  const variants = new Map((form.layout.printedVariants ?? []).map((v) => [`${v.indicator}.${v.field}`, v.text]));
  form.indicators.forEach((ind, k) => {
    has(ind.name, 'indicator');
    has(variants.get(`${k}.target`) ?? ind.target, `target of ${ind.name}`);
    has(variants.get(`${k}.actual`) ?? ind.actual, `actual of ${ind.name}`);
    has(ind.note, `note of ${ind.name}`);
    const l1 = ind.printed?.level1 ?? ind.level1;
    const l2 = ind.printed?.level2 ?? ind.level2;
    has(l1, 'level1 label');
    has(l2, 'level2 label');
  });
  has(String(form.totalScore), 'totalScore');
}

/** The arithmetic findings (DOMAIN.md) a perfect validator can compute from the oracle alone. */
const ARITHMETIC_CODES = new Set([
  'weights-not-100',
  'execution-rate-mismatch',
  'fund-score-mismatch',
  'total-mismatch',
  'score-above-weight',
  'rounding-convention',
]);

const findingKey = (f: ExpectedFinding): string => `${f.code}|${f.indicator ?? ''}|${f.field ?? ''}`;

/**
 * Recomputes the form's arithmetic (decimal, in integers) and returns what does not add up, as
 * findings: Σ 分值, 执行率 (rounded, else truncated → rounding-convention, else a mismatch),
 * budget 得分 (rounded or truncated at 1 or 2 decimals, from the printed rate or the exact ratio),
 * 总分, 得分 ≤ 分值. The planted anomalies (layout.expectedFindings) must be exactly these.
 */
function arithmeticFindings(label: string, form: FormSpec): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  if (form.totalWeight !== 100) fail(`${label}: the 总分 row's 分值 is ${form.totalWeight}`);
  const wsum = form.indicators.reduce((s, i) => s + i.weight, 0) + form.funds.total.weight;
  if (wsum !== 100) out.push({ code: 'weights-not-100' });
  const t = form.funds.total;
  if (t.annualBudget === null || t.executed === null) {
    fail(`${label}: no budget`);
    return out;
  }
  const exec = toUnits(t.executed);
  const annual = toUnits(t.annualBudget);
  const rounded = rateBp(exec, annual);
  const truncated = Math.floor((exec * 10_000) / annual);
  const m = /^(\d+(?:\.\d+)?)%$/.exec(t.executionRate);
  if (!m) {
    fail(`${label}: rate ${t.executionRate} does not read as a percentage`);
    return out;
  }
  const bp = toUnits(Number(m[1]), 2);
  if (t.executionRate !== formatRate(rounded, true) && t.executionRate !== formatRate(rounded, false)) {
    out.push({ code: t.executionRate === formatRate(truncated, false) ? 'rounding-convention' : 'execution-rate-mismatch', field: 'funds.total.executionRate' });
  }
  // budget 得分 in hundredths: min(rate, 1) × 10 from the printed rate (bp / 10) or the exact ratio
  const p = Math.min(bp, 10_000);
  const e = Math.min(exec, annual) * 1000;
  const roundedScores = [divRoundHalfUp(p, 10), divRoundHalfUp(p, 100) * 10, divRoundHalfUp(e, annual), divRoundHalfUp(e, annual * 10) * 10];
  const truncatedScores = [Math.floor(p / 10), Math.floor(p / 100) * 10, Math.floor(e / annual), Math.floor(e / (annual * 10)) * 10];
  if (t.score !== null) {
    const s = toUnits(t.score, 2);
    if (!roundedScores.includes(s)) out.push({ code: truncatedScores.includes(s) ? 'rounding-convention' : 'fund-score-mismatch', field: 'funds.total.score' });
  }
  const fund = t.score !== null ? toUnits(t.score, 2) : divRoundHalfUp(p, 10);
  const sum = fund + form.indicators.reduce((s, i) => s + toUnits(i.score, 2), 0);
  if (sum !== toUnits(form.totalScore, 2)) out.push({ code: 'total-mismatch', field: 'totalScore' });
  form.indicators.forEach((i, k) => {
    if (i.score > i.weight) out.push({ code: 'score-above-weight', indicator: k + 1, field: `indicators.${k}.score` });
  });
  return out;
}

/** Every arithmetic inconsistency of the form is planted (listed in expectedFindings), and vice versa. */
function checkArithmetic(label: string, form: FormSpec): void {
  const expected = form.layout.expectedFindings;
  if (!expected) return fail(`${label}: no layout.expectedFindings`);
  for (const f of expected) {
    if (!(f.code in FINDING_KINDS)) fail(`${label}: expected finding with unknown code ${f.code}`);
    if (f.indicator !== undefined && (f.indicator < 1 || f.indicator > form.indicators.length)) fail(`${label}: expected ${f.code} on indicator ${f.indicator} of ${form.indicators.length}`);
  }
  const found = arithmeticFindings(label, form).map(findingKey).sort();
  const planted = expected.filter((f) => ARITHMETIC_CODES.has(f.code)).map(findingKey).sort();
  for (const k of found) if (!planted.includes(k)) fail(`${label}: arithmetic finding ${k} is not in layout.expectedFindings`);
  for (const k of planted) if (!found.includes(k)) fail(`${label}: expected ${k}, but the arithmetic adds up`);
}

/** A bad file must be refused for the given reason (UnreadableFileError.reason). */
async function expectError(path: string, reason: string): Promise<void> {
  try {
    const doc = await open(path);
    fail(`${path}: opened (${doc.numPages} pages), expected ${reason}`);
    await doc.destroy();
  } catch (e) {
    const got = (e as { reason?: string }).reason ?? String(e);
    if (got !== reason) fail(`${path}: ${got}, expected ${reason}`);
    else console.log(`ok  ${path.slice(FIX.length + 1)} → ${got}`);
  }
}

async function main(): Promise<void> {
  const seed = JSON.parse(readFileSync(join(FIX, 'oracle/seed-forms.json'), 'utf8')) as { forms: FormSpec[] };
  const whole = (await pageTexts(join(FIX, 'samples/fengtai-2024.pdf'))).join('');
  seed.forms.forEach((f, i) => {
    checkForm(`seed ${i + 1} (document)`, f, whole);
  });
  for (const [i, f] of seed.forms.entries()) {
    const nn = String(i + 1).padStart(2, '0');
    const text = (await pageTexts(join(FIX, `seed-single/form-${nn}.pdf`))).join('');
    checkForm(`seed ${i + 1}`, f, text);
    if (/[≥≤—]/.test(JSON.stringify(f)) && !/[≥≤—]/.test(text)) fail(`seed ${i + 1}: no ≥/≤/— in the text layer`);
  }
  console.log(`ok  seed: ${seed.forms.length} forms checked`);

  const syn = JSON.parse(readFileSync(join(FIX, 'oracle/synthetic.json'), 'utf8')) as SyntheticOracle;
  let n = 0;
  for (const file of syn.files) {
    const pages = await pageTexts(join(FIX, 'samples', file.file));
    for (const [k, f] of file.forms.entries()) {
      const label = `${file.file}#${k + 1}`;
      const text = (f.layout.pages ?? []).map((p) => pages[p - 1] ?? '').join('');
      checkForm(label, f, text);
      checkArithmetic(label, f);
      n++;
    }
  }
  console.log(`ok  synthetic: ${syn.files.length} files, ${n} forms checked`);

  await expectError(join(FIX, 'bad/empty.pdf'), 'empty');
  await expectError(join(FIX, 'bad/not-a-pdf.pdf'), 'not-pdf');
  await expectError(join(FIX, 'bad/encrypted.pdf'), 'encrypted');
  try {
    const doc = await open(join(FIX, 'bad/truncated.pdf'));
    let items = 0;
    for (let p = 1; p <= doc.numPages; p++) items += (await (await doc.getPage(p)).getTextContent()).items.length;
    console.log(`note truncated.pdf: pdf.js recovers ${doc.numPages} page(s), ${items} text items`);
  } catch (e) {
    console.log(`ok  truncated.pdf → ${(e as { name?: string }).name ?? String(e)}`);
  }
  const nf = await pageTexts(join(FIX, 'bad/no-form.pdf'));
  if (nf.length !== 2 || nf.some((t) => t.length < 100) || nf.join('').includes('自评表')) fail('no-form.pdf');
  else console.log(`ok  no-form.pdf: 2 pages of text, no 自评表`);

  if (failures) {
    console.error(`${failures} failure(s)`);
    process.exit(1);
  }
  console.log('all fixture checks passed');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
