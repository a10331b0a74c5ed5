/**
 * `convertBatch`: every PDF and image file under an inbox, converted concurrently; results in file-path
 * order, so output never depends on timing.
 *
 * pdf.js parses in the calling thread under Node, so concurrency within one thread only
 * interleaves waiting. To use several cores, files go to worker threads (a piscina pool of
 * `concurrency` threads); p-limit keeps at most that many files in flight. Without a compiled
 * worker (running from TypeScript sources, as the unit tests do), files are converted in this
 * thread, `concurrency` at a time. The OCR provider (its tesseract workers are created once
 * per batch) cannot cross threads: a file a thread finds pages needing OCR in is converted
 * again in this thread with it.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { isImageFileName } from '../extract/image-file.js';
import { Piscina } from 'piscina';
import { convertFile, failedFile } from './convert-file.js';
import type { ConvertOptions, FileResult } from './types.js';
import type { FileTask } from './worker.js';

/** Whether a file name is one of the inputs: `.pdf`, or an image (`.png .jpg .jpeg .tif .tiff`), any case. */
export function isInputFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.pdf') || isImageFileName(name);
}

/**
 * Every PDF and image file (`isInputFileName`) under `inbox`, recursively, sorted; `inbox` may
 * be one file (then it is listed whatever its name).
 */
export async function listPdfFiles(inbox: string): Promise<string[]> {
  const root = resolve(inbox);
  const info = await stat(root);
  if (info.isFile()) return [root];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const inputs = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isInputFileName(e.name));
  const paths = inputs.map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  // A link counts when it leads to a file (a broken link is kept: it is reported as unreadable).
  const kept = await Promise.all(paths.map(async (p) => ((await stat(p).catch(() => null))?.isDirectory() ? null : p)));
  return kept.filter((p): p is string => p !== null).sort(comparePaths);
}

/** Byte-wise comparison of paths (stable across locales). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The CSV `file` column: relative to the inbox, forward slashes. */
export function displayPath(inbox: string, path: string): string {
  const root = resolve(inbox);
  const rel = root === path ? basename(path) : relative(root, path);
  return rel.split(sep).join('/');
}

/** Default concurrency: the cores there are, at most 4 (each thread holds a PDF and pdf.js). */
export const DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/** The compiled worker next to this module, when there is one (not when running from .ts). */
export function compiledWorker(): string | null {
  const url = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(url);
  return import.meta.url.endsWith('.js') && existsSync(path) ? path : null;
}

export async function convertBatch(inbox: string, options: ConvertOptions = {}): Promise<FileResult[]> {
  const files = await listPdfFiles(inbox);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const limit = pLimit(concurrency);
  const worker = options.threads !== false && concurrency > 1 && files.length > 1 ? compiledWorker() : null;
  const pool = worker ? new Piscina<FileTask, FileResult>({ filename: worker, minThreads: 0, maxThreads: Math.min(concurrency, files.length) }) : null;

  const convert = async (path: string, file: string): Promise<FileResult> => {
    if (!pool) return convertFile(path, file, options);
    const started = performance.now();
    // A worker that dies (out of memory, a native crash) costs its file, not the batch.
    const result = await pool.run({ path, file }).catch((error: unknown) => failedFile(path, file, error, performance.now() - started));
    // The OCR engine lives in this thread (its own worker pool, one per batch): a file with
    // pages that need it is converted again here, with it. Digital files never come back.
    if (options.ocr === undefined || result.ocrPages === undefined) return result;
    return convertFile(path, file, options);
  };

  let done = 0;
  options.onProgress?.({ kind: 'start', total: files.length });
  try {
    const results = await Promise.all(
      files.map((path) =>
        limit(async () => {
          const result = await convert(path, displayPath(inbox, path));
          done++;
          options.onProgress?.({ kind: 'file-done', result, done, total: files.length });
          return result;
        }),
      ),
    );
    return results.sort((a, b) => comparePaths(a.file, b.file));
  } finally {
    await pool?.destroy();
  }
}
