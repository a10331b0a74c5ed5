/**
 * `convertFile`: one PDF or image file → its forms and findings. The one catch boundary per document:
 * every expected failure (unreadable file, a damaged page) becomes a result with file, page
 * and stage in its message; a batch never stops because of one file.
 */
import { readFile } from 'node:fs/promises';
import { JixiaoError, PageError, UnreadableFileError, describeError } from '../errors.js';
import type { Finding } from '../findings.js';
import { finding } from '../findings.js';
import { extractPage, withDocument } from '../extract/index.js';
import { DEFAULT_RENDER_DPI, pageImage } from '../extract/render.js';
import type { ImageFile } from '../extract/image-file.js';
import { imagePageContent, isImageFileName, openImageFile, sniffImage } from '../extract/image-file.js';
import type { TextLayerVerdict } from '../extract/text-quality.js';
import { textLayerVerdict } from '../extract/text-quality.js';
import type { PageLayout } from '../grid/types.js';
import { buildPageLayout } from '../grid/index.js';
import { readForms, titlePages } from '../form/reader.js';
import type { PageContent, PageImage, Segment, TextRun } from '../extract/types.js';
import { formResult, repairOcrForms } from './ocr-repair.js';
import { correctOcrText } from './text-correction.js';
import type { FileOptions, FileResult, FormResult, OcrProvider } from './types.js';

/** One page of a PDF or an image file, ready for the text path or OCR. */
interface PageSource {
  content: PageContent;
  /** Whether the page goes to OCR, and why (`textLayerVerdict`; always for an image file). */
  verdict: TextLayerVerdict;
  /** The page as pixels; `dpi` is the provider's, for a page that has to be rendered. */
  image(dpi: number): Promise<PageImage>;
  /** The same object for every page of the file (`OcrPageRequest.document`). */
  document: object;
}

async function recognize(ocr: OcrProvider, page: PageSource): Promise<{ runs: TextRun[]; segments: Segment[] }> {
  const { content } = page;
  try {
    return await ocr.recognize({ page: content, image: () => page.image(ocr.dpi ?? DEFAULT_RENDER_DPI), document: page.document });
  } catch (error) {
    throw new PageError(`page ${content.pageNumber}: OCR failed (${describeError(error)})`, 'ocr', content.pageNumber, { cause: error });
  }
}

/**
 * A page's layout: from its text layer, or from OCR when `verdict` says the text layer is not
 * usable. Without OCR such a page gets a `page-not-read` finding saying why; whatever text
 * layer it has is still used.
 */
async function readPage(page: PageSource, file: string, options: FileOptions, findings: Finding[], wantOcr: number[]): Promise<PageLayout> {
  const { content, verdict } = page;
  if (verdict.ocr) {
    if (options.ocr) Object.assign(content, await recognize(options.ocr, page));
    else {
      wantOcr.push(content.pageNumber);
      const message = verdict.reason === 'no-text' ? `${verdict.why} and OCR is not available; its content is missing` : `${verdict.why}: it needs OCR, which is not available`;
      findings.push(finding('page-not-read', `${file}: ${message}`, { page: content.pageNumber }));
    }
  }
  return buildPageLayout(content);
}

/** One page that fails (damaged content, an OCR engine error) costs that page only. */
function pageNotRead(file: string, p: number, error: unknown): Finding {
  return finding('page-not-read', `${file}: ${error instanceof PageError ? error.message : `page ${p}: ${describeError(error)}`}`, { page: p });
}

/** An image file rather than a PDF: by its first bytes, or by its name when those say neither. */
function isImageInput(bytes: Uint8Array, path: string): boolean {
  if (sniffImage(bytes)) return true;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return isImageFileName(path) && !head.includes('%PDF-');
}

/** Every page of an image file, each one through OCR. */
async function readImagePages(images: ImageFile, file: string, options: FileOptions, findings: Finding[], wantOcr: number[]): Promise<PageLayout[]> {
  const out: PageLayout[] = [];
  const kind = images.format.toUpperCase();
  for (let p = 1; p <= images.pageCount; p++) {
    try {
      const image = await images.page(p);
      const verdict: TextLayerVerdict = { ocr: true, reason: 'no-text', why: `page ${p} is an image (a ${kind} file)` };
      out.push(await readPage({ content: imagePageContent(image), verdict, image: () => Promise.resolve(image), document: images }, file, options, findings, wantOcr));
    } catch (error) {
      findings.push(pageNotRead(file, p, error));
    }
  }
  return out;
}

/**
 * Convert one PDF, or one image file (PNG, JPEG, TIFF: every page through OCR; see
 * extract/image-file.ts). `path` is read from disk; `file` is how messages and the CSVs name it
 * (the path relative to the inbox).
 */
export async function convertFile(path: string, file: string, options: FileOptions = {}): Promise<FileResult> {
  const started = performance.now();
  const findings: Finding[] = [];
  /** Pages that needed OCR while none was given. */
  const wantOcr: number[] = [];
  let pageCount = 0;
  /** The key the OCR provider kept this file's cells under. */
  let ocrDocument: object | undefined;
  try {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new UnreadableFileError('io', `cannot read the file (${describeError(error)})`, { cause: error });
    }
    const images = isImageInput(bytes, path) ? await openImageFile(bytes) : null;
    if (images) [pageCount, ocrDocument] = [images.pageCount, images];
    const layouts: PageLayout[] = images ? await readImagePages(images, file, options, findings, wantOcr) : await withDocument(bytes, async (doc) => {
      pageCount = doc.numPages;
      ocrDocument = doc;
      const out: PageLayout[] = [];
      for (let p = 1; p <= doc.numPages; p++) {
        try {
          const content = await extractPage(doc, p);
          const image = (dpi: number): Promise<PageImage> => pageImage(doc, p, { dpi });
          out.push(await readPage({ content, verdict: textLayerVerdict(content), image, document: doc }, file, options, findings, wantOcr));
        } catch (error) {
          findings.push(pageNotRead(file, p, error));
        }
      }
      return out;
    });
    // Free text OCR was unsure of, corrected from the document's own words (ocr/lexicon.ts).
    correctOcrText(layouts);
    const read: FormResult[] = readForms(layouts).map(formResult);
    // Scanned forms that do not add up: low-confidence numbers read again (ocr-repair.ts).
    const forms = options.ocr && ocrDocument ? await repairOcrForms(layouts, read, options.ocr, ocrDocument) : read;
    if (forms.length === 0) {
      const titled = titlePages(layouts);
      const ruled = layouts.some((l) => l.grids.length > 0);
      const textless = layouts.every((l) => l.freeRuns.length === 0 && l.grids.every((g) => g.cells.every((c) => c.text === '')));
      const cause = textless
        ? `no text on any of ${pageCount} page(s) (images, or text drawn as outlines): it needs OCR`
        : titled.length === 0
          ? `no 项目支出绩效自评表 found on any of ${pageCount} page(s)`
          : `the title 项目支出绩效自评表 is on page ${titled.join(', ')}, but no form table${ruled ? ' with its labels' : ' (no ruling lines: a scan with a text layer?)'} was found`;
      findings.push(finding('no-form-found', `${file}: ${cause}`, titled[0] !== undefined ? { page: titled[0] } : {}));
    }
    const failedPages = findings.filter((f) => f.code === 'page-not-read').length;
    return {
      file,
      path,
      status: forms.length === 0 ? 'failure' : failedPages > 0 ? 'partial' : 'success',
      pageCount,
      forms,
      findings,
      ...(wantOcr.length > 0 ? { ocrPages: wantOcr } : {}),
      durationMs: performance.now() - started,
    };
  } catch (error) {
    return failedFile(path, file, error, performance.now() - started, findings, pageCount);
  }
}

/**
 * The result for a file that could not be converted: an `unreadable-file` finding naming the
 * file, the stage and the cause. An unexpected exception is a bug, but it still must not stop
 * the batch: it is reported the same way, as an internal error.
 */
export function failedFile(path: string, file: string, error: unknown, durationMs: number, earlier: Finding[] = [], pageCount = 0): FileResult {
  const stage = error instanceof JixiaoError ? error.stage : 'read';
  const page = error instanceof JixiaoError ? error.page : undefined;
  const cause = error instanceof JixiaoError ? error.message : `internal error: ${describeError(error)}`;
  const message = `${file}: ${cause}`;
  return {
    file,
    path,
    status: 'failure',
    pageCount,
    forms: [],
    findings: [...earlier, finding('unreadable-file', message, page !== undefined ? { page } : {})],
    error: { stage, ...(page !== undefined ? { page } : {}), message },
    durationMs,
  };
}
