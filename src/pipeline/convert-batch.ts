/**
 * `convertBatch`: every PDF under an inbox, converted concurrently (p-limit); results in
 * file-path order, so output never depends on timing.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import pLimit from 'p-limit';
import { convertFile } from './convert-file.js';
import type { ConvertOptions, FileResult } from './types.js';

/** Every `*.pdf` (any case) under `inbox`, recursively, sorted; `inbox` may be one file. */
export async function listPdfFiles(inbox: string): Promise<string[]> {
  const root = resolve(inbox);
  const info = await stat(root);
  if (info.isFile()) return [root];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.pdf'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort(comparePaths);
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

export async function convertBatch(inbox: string, options: ConvertOptions = {}): Promise<FileResult[]> {
  const files = await listPdfFiles(inbox);
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  let done = 0;
  options.onProgress?.({ kind: 'start', total: files.length });
  const results = await Promise.all(
    files.map((path) =>
      limit(async () => {
        const result = await convertFile(path, displayPath(inbox, path), options);
        done++;
        options.onProgress?.({ kind: 'file-done', result, done, total: files.length });
        return result;
      }),
    ),
  );
  return results.sort((a, b) => comparePaths(a.file, b.file));
}

