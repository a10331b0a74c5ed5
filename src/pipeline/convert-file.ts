/**
 * `convertFile`: one PDF → its forms and findings. The one catch boundary per document:
 * every expected failure (unreadable file, a damaged page) becomes a result with file, page
 * and stage in its message; a batch never stops because of one file.
 */
import { readFile } from 'node:fs/promises';
import { JixiaoError, PageError, UnreadableFileError, describeError } from '../errors.js';
import type { Finding } from '../findings.js';
import { finding, worstStatus } from '../findings.js';
import { extractPage, withDocument } from '../extract/index.js';
import { DEFAULT_RENDER_DPI, pageImage } from '../extract/render.js';
import type { PageLayout } from '../grid/types.js';
import { buildPageLayout } from '../grid/index.js';
import { readForms, titlePages } from '../form/reader.js';
import { buildProject } from '../model/build.js';
import { validateProject } from '../validate/index.js';
import type { PDFDocumentProxy } from '../extract/index.js';
import type { PageContent, Segment, TextRun } from '../extract/types.js';
import type { FileOptions, FileResult, FormResult, OcrProvider } from './types.js';

async function recognize(ocr: OcrProvider, doc: PDFDocumentProxy, page: PageContent): Promise<{ runs: TextRun[]; segments: Segment[] }> {
  try {
    return await ocr.recognize({ page, image: () => pageImage(doc, page.pageNumber, { dpi: ocr.dpi ?? DEFAULT_RENDER_DPI }), document: doc });
  } catch (error) {
    throw new PageError(`page ${page.pageNumber}: OCR failed (${describeError(error)})`, 'ocr', page.pageNumber, { cause: error });
  }
}

/** A page with no text in its text layer but an image on it: a scan, for OCR. */
export function needsOcr(page: PageContent): boolean {
  return page.runs.length === 0 && page.imageCount > 0;
}

/**
 * Convert one PDF. `path` is read from disk; `file` is how messages and the CSVs name it
 * (the path relative to the inbox).
 */
export async function convertFile(path: string, file: string, options: FileOptions = {}): Promise<FileResult> {
  const started = performance.now();
  const findings: Finding[] = [];
  let pageCount = 0;
  try {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new UnreadableFileError('io', `cannot read the file (${describeError(error)})`, { cause: error });
    }
    const layouts: PageLayout[] = await withDocument(bytes, async (doc) => {
      pageCount = doc.numPages;
      const out: PageLayout[] = [];
      for (let p = 1; p <= doc.numPages; p++) {
        try {
          const content = await extractPage(doc, p);
          if (needsOcr(content)) {
            if (options.ocr) Object.assign(content, await recognize(options.ocr, doc, content));
            else findings.push(finding('page-not-read', `${file}: page ${p} is a scanned image and OCR is not available; its content is missing`, { page: p }));
          }
          out.push(buildPageLayout(content));
        } catch (error) {
          // One page that fails (damaged content, an OCR engine error) costs that page only.
          findings.push(finding('page-not-read', `${file}: ${error instanceof PageError ? error.message : `page ${p}: ${describeError(error)}`}`, { page: p }));
        }
      }
      return out;
    });
    const forms: FormResult[] = readForms(layouts).map((table) => {
      const built = buildProject(table);
      const formFindings = [...built.findings, ...validateProject(built)];
      return { ...built, findings: formFindings, status: worstStatus(formFindings) };
    });
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
