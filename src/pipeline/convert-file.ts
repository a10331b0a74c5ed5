/**
 * `convertFile`: one PDF → its forms and findings. The one catch boundary per document:
 * every expected failure (unreadable file, a damaged page) becomes a result with file, page
 * and stage in its message; a batch never stops because of one file.
 */
import { readFile } from 'node:fs/promises';
import { JixiaoError, UnreadableFileError, describeError } from '../errors.js';
import type { Finding } from '../findings.js';
import { finding, worstStatus } from '../findings.js';
import { extractPage, withDocument } from '../extract/index.js';
import type { PageLayout } from '../grid/types.js';
import { buildPageLayout } from '../grid/index.js';
import { readForms } from '../form/reader.js';
import { buildProject } from '../model/build.js';
import type { FileResult, FormResult } from './types.js';

export async function convertFile(path: string, file: string): Promise<FileResult> {
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
          if (content.runs.length === 0 && content.imageCount > 0) {
            findings.push(finding('page-not-read', `${file}: page ${p} is a scanned image and OCR is not available yet; its content is missing`, { page: p }));
          }
          out.push(buildPageLayout(content));
        } catch (error) {
          if (!(error instanceof JixiaoError) || error.page === undefined) throw error;
          findings.push(finding('page-not-read', `${file}: ${error.message}`, { page: p }));
        }
      }
      return out;
    });
    const forms: FormResult[] = readForms(layouts).map((table) => {
      const built = buildProject(table);
      return { ...built, status: worstStatus(built.findings) };
    });
    if (forms.length === 0) {
      findings.push(finding('no-form-found', `${file}: no 项目支出绩效自评表 found on any of ${pageCount} page(s)`, {}));
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
    const stage = error instanceof JixiaoError ? error.stage : 'read';
    const page = error instanceof JixiaoError ? error.page : undefined;
    // An unexpected exception is a bug, but it still must not stop the batch: report it with its stage.
    const cause = error instanceof JixiaoError ? error.message : `internal error: ${describeError(error)}`;
    const message = `${file}: ${cause}`;
    findings.push(finding('unreadable-file', message, page !== undefined ? { page } : {}));
    return {
      file,
      path,
      status: 'failure',
      pageCount,
      forms: [],
      findings,
      error: { stage, ...(page !== undefined ? { page } : {}), message },
      durationMs: performance.now() - started,
    };
  }
}
