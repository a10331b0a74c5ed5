/**
 * Scanned versions of the seed document, into .cache/scans/ (git-ignored):
 *   seed-150.pdf, seed-200.pdf, seed-300.pdf  every page scanned
 *   seed-mixed.pdf                            pages 2, 4, 6, … scanned at 200 dpi, the others digital
 * Usage: npx tsx scripts/scans/make-scans.ts [--out <dir>] [--only 150,200,300,mixed]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { SCAN_SEED, scanPdf } from './scan.js';
import type { ScanOptions, ScanPageInfo } from './scan.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = join(ROOT, 'fixtures', 'samples', 'fengtai-2024.pdf');

interface Job {
  key: string;
  file: string;
  options: (pageCount: number) => ScanOptions;
}

const JOBS: Job[] = [
  ...[150, 200, 300].map((dpi) => ({
    key: String(dpi),
    file: `seed-${dpi}.pdf`,
    options: (): ScanOptions => ({ dpi, seed: `${SCAN_SEED}/seed-${dpi}` }),
  })),
  {
    key: 'mixed',
    file: 'seed-mixed.pdf',
    options: (n: number): ScanOptions => ({
      dpi: 200,
      seed: `${SCAN_SEED}/seed-mixed`,
      pages: Array.from({ length: n }, (_, i) => i + 1).filter((p) => p % 2 === 0),
    }),
  },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const outDir = resolve(arg('--out') ?? join(ROOT, '.cache', 'scans'));
  const only = arg('--only')?.split(',');
  mkdirSync(outDir, { recursive: true });
  const source = new Uint8Array(readFileSync(SOURCE));
  const pageCount = (await PDFDocument.load(source, { updateMetadata: false })).getPageCount();
  console.log(`source ${SOURCE} (${kb(source.length)}, ${pageCount} pages) → ${outDir}`);

  for (const job of JOBS) {
    if (only && !only.includes(job.key)) continue;
    const rows: ScanPageInfo[] = [];
    const t0 = performance.now();
    const bytes = await scanPdf(source, { ...job.options(pageCount), onPage: (info) => rows.push(info) });
    const total = performance.now() - t0;
    writeFileSync(join(outDir, job.file), bytes);
    console.log(`\n${job.file}`);
    for (const r of rows) {
      if (!r.scanned) {
        console.log(`  p${String(r.page).padStart(2)}  digital (copied)          ${r.ms.toFixed(0).padStart(5)} ms`);
        continue;
      }
      console.log(
        `  p${String(r.page).padStart(2)}  ${r.widthPx}×${r.heightPx} ${r.color} q${r.quality}` +
          ` ${(r.angleDeg ?? 0) >= 0 ? '+' : ''}${(r.angleDeg ?? 0).toFixed(2)}°${r.stamped ? ' seal' : ''}` +
          `  ${r.ms.toFixed(0).padStart(5)} ms  ${kb(r.jpegBytes ?? 0)}`,
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
