/**
 * Extraction stage: PDF bytes → one `PageContent` per page (text runs + ruling segments),
 * in page space (points, origin top-left, y downward).
 */
import type { Matrix } from './coords.js';
import { coveredFraction } from './coords.js';
import { PageError, describeError } from '../errors.js';
import type { PDFDocumentProxy } from './pdfjs.js';
import { extractRulings } from './rulings.js';
import { extractTextRuns } from './text.js';
import type { PageContent } from './types.js';

export { openDocument, withDocument, pdfjsVersion } from './pdfjs.js';
export type { PDFDocumentProxy } from './pdfjs.js';
export type * from './types.js';

/** Extract one page (1-based). Throws `PageError` naming the page when pdf.js fails on it. */
export async function extractPage(doc: PDFDocumentProxy, pageNumber: number): Promise<PageContent> {
  try {
    const page = await doc.getPage(pageNumber);
    try {
      const viewport = page.getViewport({ scale: 1 });
      const transform = viewport.transform as unknown as Matrix;
      const runs = await extractTextRuns(page, transform);
      const ops = await page.getOperatorList();
      const { segments, imageCount, imagePlacements } = extractRulings(ops.fnArray, ops.argsArray, transform);
      const { width, height } = viewport;
      const scanCoverage = Math.max(0, ...imagePlacements.map((m) => coveredFraction(m, width, height)));
      return { pageNumber, width, height, runs, segments, imageCount, scanCoverage };
    } finally {
      page.cleanup();
    }
  } catch (error) {
    throw new PageError(`page ${pageNumber} cannot be read (${describeError(error)})`, 'extract', pageNumber, { cause: error });
  }
}
