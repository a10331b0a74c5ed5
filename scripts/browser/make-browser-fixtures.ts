/**
 * Browser fixture family: forms as a government web page printed to PDF by Chromium (Skia's PDF
 * backend), so the extractor is tested on a third program's drawing conventions.
 *
 *   npx tsx scripts/browser/make-browser-fixtures.ts [--keep-sources <dir>] [--chromium <path>]
 *
 * Needs Chromium (Debian `chromium`) and the font WenQuanYi Zen Hei (Debian fonts-wqy-zenhei); the
 * Noto fonts are loaded with @font-face from node_modules. Writes fixtures/office/browser/<name>.pdf
 * and replaces the `browser/…` entries of fixtures/oracle/office.json (appended after the
 * LibreOffice entries, which are kept byte for byte).
 *
 * The specs come from the office generator (scripts/office/specs.ts, makeOfficeForm) with a seed of
 * their own; the page layout comes from the office grid (scripts/office/grid.ts). The specs are
 * deterministic; the PDF bytes are not (Chromium stamps the creation date).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDocument } from '../../src/extract/pdfjs.js';
import { Rng } from '../fixtures/prng.js';
import type { FormSpec } from '../fixtures/spec.js';
import { makeOfficeForm } from '../office/specs.js';
import type { OfficeFormOptions } from '../office/specs.js';
import { pageHtml } from './html.js';
import type { BrowserBorder, PageOptions } from './html.js';

export const BROWSER_SEED = 'jixiao-browser-v1';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'office', 'browser');
const ORACLE = join(ROOT, 'fixtures', 'oracle', 'office.json');
const SERIF_TTF = join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf');
const SANS_OTF = join(ROOT, 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type FontChoice = 'wqy' | 'serif' | 'sans';
const FONT: Record<FontChoice, { name: string; family: string; face?: string }> = {
  wqy: { name: 'WenQuanYi Zen Hei (system font)', family: "'WenQuanYi Zen Hei', sans-serif" },
  serif: {
    name: 'Noto Serif SC (@font-face, TrueType)',
    family: "'Form Serif SC', serif",
    face: `@font-face { font-family: 'Form Serif SC'; src: url('${pathToFileURL(SERIF_TTF).href}') format('truetype'); }`,
  },
  sans: {
    name: 'Noto Sans Hans (@font-face, OpenType CFF)',
    family: "'Form Sans SC', sans-serif",
    face: `@font-face { font-family: 'Form Sans SC'; src: url('${pathToFileURL(SANS_OTF).href}') format('opentype'); }`,
  },
};

type FormPlan = Omit<OfficeFormOptions, 'noteColumn' | 'fundScoreColumn' | 'columnOrder' | 'structure' | 'headerVariant'> &
  Partial<OfficeFormOptions> & {
    /** force a null 年初预算数 (printed `-`) */
    nullInitial?: boolean;
    /** append sentences to both goal texts so they wrap over several lines */
    longGoals?: boolean;
  };

interface FilePlan {
  slug: string;
  unit: number;
  font: FontChoice;
  page: Omit<PageOptions, 'fontFamily' | 'fontFace'>;
  forms: FormPlan[];
}

const border = (b: BrowserBorder) => b;

/** The browser corpus plan: 5 files, 10 forms. */
const PLANS: FilePlan[] = [
  {
    slug: 'chengguan',
    unit: 0,
    font: 'wqy',
    page: { fontSizePx: 10, landscape: false, margin: '12mm', border: border('collapse-1px'), labelVAlign: 'middle', distributedLabels: true, repeatHeader: false, avoidRowBreaks: true, newPagePerForm: true, boldTitle: true },
    forms: [
      { nInd: 8, headerVariant: 'national' },
      { nInd: 26, structure: 'carry' },
    ],
  },
  {
    slug: 'yingji',
    unit: 1,
    font: 'serif',
    page: { fontSizePx: 11, landscape: true, margin: '10mm 15mm', border: border('collapse-0.5pt'), labelVAlign: 'top', distributedLabels: false, repeatHeader: true, avoidRowBreaks: true, newPagePerForm: true, boldTitle: false },
    forms: [
      { nInd: 27, noteColumn: false, headerVariant: 'short' },
      { nInd: 7, quirk: 'typo' },
    ],
  },
  {
    slug: 'tiyu',
    unit: 2,
    font: 'sans',
    page: {
      fontSizePx: 9,
      landscape: false,
      margin: '16mm 14mm',
      border: border('collapse-outer-2px'),
      labelVAlign: 'bottom',
      distributedLabels: true,
      repeatHeader: false,
      avoidRowBreaks: false,
      newPagePerForm: false,
      boldTitle: true,
      marginBoxes: { top: '体育局 部门决算公开 附件3', bottom: '第 " counter(page) " 页' },
    },
    forms: [
      { nInd: 6, fundScoreColumn: false },
      { nInd: 9, columnOrder: 'weight-target-actual-score', headerVariant: 'national' },
      { nInd: 21, longGoals: true, structure: 'other' },
    ],
  },
  {
    slug: 'shengtai',
    unit: 3,
    font: 'wqy',
    page: {
      fontSizePx: 12,
      landscape: true,
      margin: '12mm 12mm',
      border: border('separate-1px'),
      labelVAlign: 'middle',
      distributedLabels: true,
      repeatHeader: false,
      avoidRowBreaks: false,
      newPagePerForm: true,
      boldTitle: false,
      aroundTable: {
        before: (f) => `填报单位（盖章）：${f.implementer}`,
        after: () => '填报人：张某某　　联系电话：0000-12345678　　填报日期：2025年3月',
      },
    },
    forms: [
      { nInd: 10, nullInitial: true, columnOrder: 'weight-target-actual-score' },
      { nInd: 20, quirk: 'missing', structure: 'other', headerVariant: 'national', longGoals: true },
    ],
  },
  {
    slug: 'chengguan',
    unit: 0,
    font: 'serif',
    page: { fontSizePx: 12, landscape: false, margin: '15mm 12mm', border: border('collapse-1px'), labelVAlign: 'top', distributedLabels: false, repeatHeader: false, avoidRowBreaks: true, newPagePerForm: true, boldTitle: true },
    forms: [{ nInd: 30, quirk: 'swap', headerVariant: 'plain', nullInitial: true }],
  },
];

const EXTRA_GOAL = [
  '严格执行项目管理和资金管理有关规定，建立健全项目实施台账，按月跟踪资金支付进度和项目实施进度',
  '及时发现和纠正执行中的偏差，确保项目按计划完成并取得预期的经济效益、社会效益和服务对象满意度',
];

function formFor(rng: Rng, unit: number, year: number, p: FormPlan, k: number): FormSpec {
  const form = makeOfficeForm(rng, unit, year, {
    nInd: p.nInd,
    noteColumn: p.noteColumn ?? true,
    fundScoreColumn: p.fundScoreColumn ?? true,
    headerVariant: p.headerVariant ?? (k % 2 ? 'plain' : 'national'),
    columnOrder: p.columnOrder ?? 'target-actual-weight-score',
    structure: p.structure ?? 'fiscal',
    quirk: p.quirk,
  });
  if (p.nullInitial) {
    form.funds.total.initialBudget = null;
    for (const key of ['fiscal', 'carryover', 'other'] as const) {
      const a = form.funds[key];
      if (a) a.initialBudget = null;
    }
    form.layout.nullInitialBudget = '-';
  }
  if (p.longGoals) {
    form.goals.expected = form.goals.expected.replace(/。$/, '；') + EXTRA_GOAL.join('，') + '。';
    form.goals.actual = form.goals.actual.replace(/。$/, '；') + EXTRA_GOAL.map((s) => s.replace(/^严格执行/, '已严格执行').replace(/^及时/, '已及时')).join('，') + '。';
  }
  return form;
}

interface BrowserFile {
  file: string;
  producer: 'Chromium print-to-PDF (Skia)';
  font: string;
  page: Record<string, unknown>;
  forms: FormSpec[];
}

async function pageTexts(path: string): Promise<string[]> {
  const doc = await openDocument(new Uint8Array(readFileSync(path)));
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tc = await (await doc.getPage(p)).getTextContent();
    out.push(tc.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, '').replace(/[\u2f00-\u2fdf]/g, (c) => c.normalize('NFKC')));
  }
  await doc.destroy();
  return out;
}

/**
 * Record the pages each form occupies: from the page of its title to the page of its 总分 row. The
 * Kangxi radicals are NFKC-folded: Skia's ToUnicode maps of the Noto fonts give Kangxi radicals (⽬ U+2F6C
 * for 目, ⼀ U+2F00 for 一) where the font's cmap maps both code points to one glyph.
 */
function recordPages(forms: FormSpec[], pages: string[]): void {
  const hits = (needle: string) => pages.flatMap((t, i) => Array.from({ length: t.split(needle).length - 1 }, () => i + 1));
  const titles = hits('项目支出绩效自评表');
  const totals = hits('总分');
  forms.forEach((f, k) => {
    const a = titles[k];
    const b = totals[k];
    if (a === undefined || b === undefined) throw new Error(`form ${k + 1}: title or 总分 not found in the text layer`);
    f.layout.pages = Array.from({ length: b - a + 1 }, (_x, i) => a + i);
  });
}

async function main(): Promise<void> {
  const chromium = arg('--chromium') ?? 'chromium';
  const keep = arg('--keep-sources');
  const work = mkdtempSync(join(tmpdir(), 'jixiao-browser-'));
  mkdirSync(OUT, { recursive: true });
  const root = new Rng(BROWSER_SEED);
  const files: BrowserFile[] = [];
  let total = 0;
  for (const [fi, plan] of PLANS.entries()) {
    const rng = root.fork(`file-${fi}`);
    const year = 2021 + ((fi + rng.int(0, 3)) % 4);
    const forms = plan.forms.map((p, k) => formFor(rng.fork(`form-${k}`), plan.unit, year, p, k));
    const font = FONT[plan.font];
    const page: PageOptions = { ...plan.page, fontFamily: font.family, fontFace: font.face };
    for (const f of forms) {
      f.layout.fontSize = Math.round(plan.page.fontSizePx * 0.75 * 100) / 100;
      f.layout.pageSize = plan.page.landscape ? 'A4-landscape' : 'A4-portrait';
      f.layout.labelPlacement = plan.page.labelVAlign;
      f.layout.labelsRepeatAfterBreak = false;
      if (plan.font !== 'wqy') f.layout.font = plan.font === 'serif' ? 'NotoSerifSC-Regular' : 'NotoSansHans-Regular';
    }
    const name = `br-${String(fi + 1).padStart(2, '0')}-${plan.slug}-${year}`;
    const html = join(work, `${name}.html`);
    writeFileSync(html, pageHtml(`${forms[0]?.department ?? ''}项目支出绩效自评表`, forms, page));
    const pdf = join(work, `${name}.pdf`);
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${mkdtempSync(join(work, 'profile-'))}`,
        '--no-pdf-header-footer',
        '--allow-file-access-from-files',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(html).href,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
    if (!existsSync(pdf)) throw new Error(`Chromium produced no PDF for ${name}`);
    const dest = join(OUT, `${name}.pdf`);
    copyFileSync(pdf, dest);
    const texts = await pageTexts(dest);
    recordPages(forms, texts);
    const { fontFamily: _ff, fontFace: _fc, aroundTable, marginBoxes, ...rest } = page;
    files.push({
      file: `browser/${name}.pdf`,
      producer: 'Chromium print-to-PDF (Skia)',
      font: font.name,
      page: { ...rest, ...(marginBoxes ? { marginBoxes: true } : {}), ...(aroundTable ? { textAroundTable: true } : {}) },
      forms,
    });
    total += forms.length;
    console.log(`${name}: ${forms.length} form(s), ${forms.map((f) => f.indicators.length).join('/')} indicators, ${texts.length} page(s), ${statSync(dest).size} bytes`);
  }

  // oracle: keep every non-browser entry as it is, append the browser entries
  const oracle = JSON.parse(readFileSync(ORACLE, 'utf8')) as { about: string; files: Array<{ file: string }> };
  const kept = oracle.files.filter((f) => !f.file.startsWith('browser/'));
  const text = readFileSync(ORACLE, 'utf8');
  const head = JSON.stringify({ about: oracle.about, files: kept }, null, 2);
  if (head + '\n' !== text && kept.length === oracle.files.length) throw new Error('office.json is not in the expected format; not rewriting it');
  const entries = files.map((f) => JSON.stringify(f, null, 2).replace(/^/gm, '    '));
  const out = head.replace(/\n  \]\n\}$/, ',\n' + entries.join(',\n') + '\n  ]\n}') + '\n';
  JSON.parse(out);
  writeFileSync(ORACLE, out);

  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const f of files) {
      const base = f.file.replace(/^browser\//, '').replace(/\.pdf$/, '.html');
      copyFileSync(join(work, base), join(keep, base));
    }
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${files.length} PDFs (${total} forms) under fixtures/office/browser and appended them to fixtures/oracle/office.json`);
}

await main();
