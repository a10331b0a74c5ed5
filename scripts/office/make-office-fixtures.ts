/**
 * Office fixture family: the same seeded forms exported by LibreOffice Writer (from HTML) and by
 * LibreOffice Calc (from a flat .fods spreadsheet), so the extractor is tested on PDFs drawn by
 * software other than our own renderer.
 *
 *   npx tsx scripts/office/make-office-fixtures.ts [--keep-sources <dir>] [--soffice <path>]
 *
 * Needs LibreOffice (soffice) and the fonts WenQuanYi Zen Hei and AR PL UMing CN
 * (Debian: fonts-wqy-zenhei, fonts-arphic-uming). Writes
 *   fixtures/office/writer/<name>.pdf, fixtures/office/calc/<name>.pdf,
 *   fixtures/oracle/office.json.
 * The specs are deterministic; the PDF bytes are not (LibreOffice stamps dates and ids).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FormSpec } from '../fixtures/spec.js';
import { calcFods, writerHtml } from './documents.js';
import { OFFICE_SEED, officeCorpus } from './specs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'fixtures', 'office');
const ORACLE = join(ROOT, 'fixtures', 'oracle', 'office.json');
/** A LibreOffice profile of our own, so runs do not collide with a user's instance. */
const PROFILE = pathToFileURL(join(tmpdir(), 'lo-profile-jixiao')).href;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SOFFICE = arg('--soffice') ?? 'soffice';
const keep = arg('--keep-sources');

/** One conversion at a time, with a fixed private profile so runs do not collide. */
function soffice(args: string[]): void {
  execFileSync(SOFFICE, [`-env:UserInstallation=${PROFILE}`, '--headless', '--norestore', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

export interface OfficeFile {
  /** relative to fixtures/office, e.g. "writer/of-01-chengguan-2022.pdf" */
  file: string;
  /** producing application and the document it was converted from */
  producer: 'LibreOffice Writer (HTML import)' | 'LibreOffice Calc (flat ODS)';
  font: string;
  forms: FormSpec[];
}

function main(): void {
  const plans = officeCorpus();
  const work = mkdtempSync(join(tmpdir(), 'jixiao-office-'));
  mkdirSync(join(OUT, 'writer'), { recursive: true });
  mkdirSync(join(OUT, 'calc'), { recursive: true });
  const writerFiles: OfficeFile[] = [];
  const calcFiles: OfficeFile[] = [];
  for (const p of plans) {
    const html = join(work, `${p.name}.html`);
    const fods = join(work, `${p.name}.fods`);
    writeFileSync(html, writerHtml(p.forms, { title: `${p.forms[0]?.department ?? ''}项目支出绩效自评表`, font: p.font, fontSize: 9, newPagePerForm: p.newPagePerForm }));
    writeFileSync(fods, calcFods(p.forms, { font: p.font, fontSize: 9, sheetPerForm: p.sheetPerForm, newPagePerForm: p.newPagePerForm }));

    const wdir = join(work, 'writer');
    soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', wdir, html]);
    const cdir = join(work, 'calc');
    soffice(['--convert-to', 'pdf:calc_pdf_Export', '--outdir', cdir, fods]);
    for (const [dir, kind] of [[wdir, 'writer'], [cdir, 'calc']] as const) {
      const pdf = join(dir, `${p.name}.pdf`);
      if (!existsSync(pdf)) throw new Error(`LibreOffice produced no ${kind} PDF for ${p.name}`);
      copyFileSync(pdf, join(OUT, kind, `${p.name}.pdf`));
    }
    writerFiles.push({ file: `writer/${p.name}.pdf`, producer: 'LibreOffice Writer (HTML import)', font: p.font, forms: p.forms });
    calcFiles.push({ file: `calc/${p.name}.pdf`, producer: 'LibreOffice Calc (flat ODS)', font: p.font, forms: p.forms });
    console.log(`${p.name}: ${p.forms.length} form(s), ${p.forms.map((f) => f.indicators.length).join('/')} indicators`);
  }
  const oracle = {
    about:
      `Office family (scripts/office/make-office-fixtures.ts, seed ${OFFICE_SEED}): ${plans.length} files × 2 = the same ` +
      `${plans.reduce((s, p) => s + p.forms.length, 0)} forms exported to PDF by LibreOffice Writer (from an HTML document, one <table> ` +
      'per form) and by LibreOffice Calc (from a flat .fods spreadsheet, merged cells, fit to page width). Paths are relative to ' +
      'fixtures/office; forms in document order. level1/level2 are canonical; printed holds labels the page shows differently. ' +
      'Amounts print as plain decimals, a null 年初预算数 as "-"; arithmetic as in synthetic.json (totalScore includes the budget ' +
      'score also when no budget 得分 column is printed). Page breaks are LibreOffice\'s: layout.pageBreakAfter is not recorded.',
    files: [...writerFiles, ...calcFiles],
  };
  writeFileSync(ORACLE, JSON.stringify(oracle, null, 2) + '\n');
  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const p of plans) for (const ext of ['html', 'fods']) copyFileSync(join(work, `${p.name}.${ext}`), join(keep, `${p.name}.${ext}`));
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`wrote ${writerFiles.length + calcFiles.length} PDFs under fixtures/office and fixtures/oracle/office.json`);
}

main();
