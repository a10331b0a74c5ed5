/**
 * The only module that imports pdf.js. Loads documents with the options Chinese PDFs need
 * (packed CMaps, standard font data, no eval) resolved from the installed package, so the
 * tool works offline, and guarantees every opened document is destroyed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { UnreadableFileError } from '../errors.js';

export type { PDFDocumentProxy, PDFPageProxy };
export const OPS = pdfjs.OPS;

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
/** pdf.js fetches these through the file system in Node; paths need a trailing slash. */
const assetDir = (name: string): string => join(pdfjsRoot, name) + '/';

const DOCUMENT_OPTIONS = {
  cMapUrl: assetDir('cmaps'),
  cMapPacked: true,
  standardFontDataUrl: assetDir('standard_fonts'),
  wasmUrl: assetDir('wasm'),
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  // 0 = errors only: pdf.js's own warnings about odd fonts would drown the CLI's output.
  verbosity: 0,
} as const;

/** Exposed for canary tests and diagnostics. */
export const pdfjsVersion: string = pdfjs.version;

const PDF_MAGIC = '%PDF-';

/**
 * Open a PDF. `bytes` is copied (pdf.js detaches the buffer it is given).
 * Throws `UnreadableFileError` with a reason a person can act on.
 */
export async function openDocument(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new UnreadableFileError('empty', 'the file is empty (0 bytes)');
  // The header may be preceded by junk (the spec allows up to 1024 bytes).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes(PDF_MAGIC)) {
    throw new UnreadableFileError('not-pdf', 'not a PDF file (no %PDF- header)');
  }
  const task = pdfjs.getDocument({ ...DOCUMENT_OPTIONS, data: new Uint8Array(bytes) });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw classifyOpenError(error);
  }
  if (doc.numPages === 0) {
    await doc.destroy();
    throw new UnreadableFileError('no-pages', 'the PDF has no pages');
  }
  return doc;
}

function classifyOpenError(error: unknown): UnreadableFileError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new UnreadableFileError('encrypted', 'the PDF is encrypted (password protected)', { cause: error });
  }
  if (name === 'InvalidPDFException') {
    return new UnreadableFileError('corrupt', `the PDF is corrupt or truncated (${message})`, { cause: error });
  }
  return new UnreadableFileError('corrupt', `the PDF cannot be read (${message})`, { cause: error });
}

/** Open, run `fn`, and always destroy the document, whether `fn` succeeds or throws. */
export async function withDocument<T>(bytes: Uint8Array, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await openDocument(bytes);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}
