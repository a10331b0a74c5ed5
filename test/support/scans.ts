/**
 * Scans of the seed document made at test time, as scripts/scans/make-scans.ts makes them
 * (same seeds, so the figures match scripts/ocr-accuracy.ts on the .cache scans), written into a
 * temporary folder under os.tmpdir().
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCAN_SEED, scanPdf } from '../../scripts/scans/scan.js';
import type { ScanOptions } from '../../scripts/scans/scan.js';
import { SEED_PDF } from './paths.js';

export { SCAN_SEED };

export interface ScanFolder {
  dir: string;
  /** Scan the seed document with `options`, write it as `name` in the folder; its path and the seconds the scan took. */
  scanSeed(name: string, options: Omit<ScanOptions, 'onPage'>): Promise<{ path: string; seconds: number }>;
  /** Remove the folder and everything in it. */
  remove(): Promise<void>;
}

export async function scanFolder(prefix: string): Promise<ScanFolder> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const source = new Uint8Array(readFileSync(SEED_PDF));
  return {
    dir,
    async scanSeed(name, options) {
      const started = performance.now();
      const bytes = await scanPdf(source, options);
      const path = join(dir, name);
      await writeFile(path, bytes);
      return { path, seconds: (performance.now() - started) / 1000 };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
