/**
 * Scanned versions of the seed forms, into .cache/scans/ (git-ignored), one file per scan profile
 * and resolution (profiles.ts):
 *   seed-150.pdf, seed-200.pdf, seed-300.pdf  the seed document, every page scanned (the first simulator)
 *   seed-mixed.pdf                            pages 2, 4, 6, … scanned at 200 dpi, the others digital
 *   field-150.pdf, field-200.pdf, field-300.pdf  the forms as a fit-to-width serif export, scanned light
 *   gray-seal-200.pdf, bilevel-200.pdf, bilevel-flate-200.pdf, sideways-90-200.pdf, sideways-270-200.pdf,
 *   upside-down-200.pdf, rotate-90-200.pdf, rotate-180-200.pdf, rotate-270-200.pdf,
 *   rotate-90-upright-200.pdf, heavy-jpeg-200.pdf, …   the field scan with one thing changed
 * Usage: npx tsx scripts/scans/make-scans.ts [--out <dir>] [--only <keys>] [--dpi <list>] [--forms <list>] [--list]
 *   --only   comma-separated: a file name without .pdf (field-200), a profile (bilevel: all its
 *            resolutions), mixed, or a bare resolution for the seed document (150, 200, 300)
 *   --dpi    comma-separated resolutions, instead of each profile's own
 *   --forms  field source: the seed forms to print (1-based, comma-separated; default all 15)
 *   --list   print the profiles and exit
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { PROFILES, profileOptions, sourcePdf } from './profiles.js';
import type { SourceName } from './profiles.js';
import { SCAN_SEED, scanPdf } from './scan.js';
import type { ScanOptions, ScanPageInfo } from './scan.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Job {
  /** the file name without .pdf */
  key: string;
  /** other names --only knows it by */
  aliases: string[];
  file: string;
  source: SourceName;
  options: (pageCount: number) => ScanOptions;
}

function jobs(dpiOverride: number[] | undefined): Job[] {
  const out: Job[] = [];
  for (const p of PROFILES)
    for (const dpi of dpiOverride ?? p.dpis)
      out.push({
        key: `${p.name}-${dpi}`,
        aliases: [p.name, ...(p.name === 'seed' ? [String(dpi)] : [])],
        file: `${p.name}-${dpi}.pdf`,
        source: p.source,
        options: () => profileOptions(p.name, dpi),
      });
  out.push({
    key: 'mixed',
    aliases: ['seed-mixed'],
    file: 'seed-mixed.pdf',
    source: 'seed',
    options: (n: number): ScanOptions => ({
      dpi: 200,
      seed: `${SCAN_SEED}/seed-mixed`,
      pages: Array.from({ length: n }, (_, i) => i + 1).filter((p) => p % 2 === 0),
    }),
  });
  return out;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

const list = (name: string): number[] | undefined => arg(name)?.split(',').map(Number);

async function main(): Promise<void> {
  if (process.argv.includes('--list')) {
    for (const p of PROFILES) console.log(`${p.name.padEnd(18)} ${p.source.padEnd(6)} ${p.dpis.join('/').padEnd(12)} ${p.about}`);
    return;
  }
  const outDir = resolve(arg('--out') ?? join(ROOT, '.cache', 'scans'));
  const only = arg('--only')?.split(',');
  const forms = list('--forms')?.map((n) => n - 1);
  const selected = jobs(list('--dpi')).filter((j) => !only || only.includes(j.key) || j.aliases.some((a) => only.includes(a)));
  if (selected.length === 0) throw new Error(`--only ${only?.join(',')}: no such scan (see --list)`);
  mkdirSync(outDir, { recursive: true });
  const sources = new Map<SourceName, { bytes: Uint8Array; pages: number }>();
  const source = async (name: SourceName): Promise<{ bytes: Uint8Array; pages: number }> => {
    let s = sources.get(name);
    if (!s) {
      const bytes = await sourcePdf(name, name === 'field' ? forms : undefined);
      const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
      console.log(`source ${name}: ${kb(bytes.length)}, ${pages} pages`);
      sources.set(name, (s = { bytes, pages }));
    }
    return s;
  };
  console.log(`→ ${outDir}`);

  for (const job of selected) {
    const { bytes: input, pages: pageCount } = await source(job.source);
    const rows: ScanPageInfo[] = [];
    const t0 = performance.now();
    const bytes = await scanPdf(input, { ...job.options(pageCount), onPage: (info) => rows.push(info) });
    const total = performance.now() - t0;
    writeFileSync(join(outDir, job.file), bytes);
    console.log(`\n${job.file}`);
    for (const r of rows) {
      if (!r.scanned) {
        console.log(`  p${String(r.page).padStart(2)}  digital (copied)          ${r.ms.toFixed(0).padStart(5)} ms`);
        continue;
      }
      const kind = r.color === 'bilevel' ? 'bilevel' : `${r.color} q${r.quality}`;
      const turned = `${r.turn ? ` turn ${r.turn}°` : ''}${r.pageRotate ? ` /Rotate ${r.pageRotate}` : ''}`;
      console.log(
        `  p${String(r.page).padStart(2)}  ${r.widthPx}×${r.heightPx} ${kind}` +
          ` ${(r.angleDeg ?? 0) >= 0 ? '+' : ''}${(r.angleDeg ?? 0).toFixed(2)}°${r.stamped ? ' seal' : ''}${turned}` +
          ` ${(r.pageDpi ?? 0).toFixed(1)} dpi on the page  ${r.ms.toFixed(0).padStart(5)} ms  ${kb(r.jpegBytes ?? 0)}`,
      );
    }
    const scanned = rows.filter((r) => r.scanned);
    const perPage = scanned.reduce((s, r) => s + r.ms, 0) / Math.max(1, scanned.length);
    console.log(
      `  → ${kb(bytes.length)} (${(bytes.length / 1024 / 1024).toFixed(2)} MB), ${scanned.length}/${rows.length} pages scanned,` +
        ` ${perPage.toFixed(0)} ms per scanned page, ${(total / 1000).toFixed(1)} s in all`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
