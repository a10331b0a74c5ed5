/**
 * What the OCR path sees on one page: the rulings found in the pixels, the grid they make,
 * and what OCR read in each cell, printed row by row (a debug view of the stages).
 *
 *   npx tsx scripts/ocr-debug.ts <file.pdf> [page=1]
 */
import { readFile } from 'node:fs/promises';
import { extractPage, withDocument } from '../src/extract/index.js';
import { pageImage } from '../src/extract/render.js';
import { buildPageLayout } from '../src/grid/index.js';
import { createOcrProvider } from '../src/pipeline/ocr-provider.js';
import { findRulings } from '../src/ocr/lines.js';

const [file, pageArg] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx scripts/ocr-debug.ts <file.pdf> [page]');
const pageNumber = Number(pageArg ?? 1);
const ocr = createOcrProvider({ workers: 2 });
try {
  await withDocument(new Uint8Array(await readFile(file)), async (doc) => {
    const content = await extractPage(doc, pageNumber);
    const image = await pageImage(doc, pageNumber, { dpi: 300 });
    const { segments, deskewed } = findRulings(image);
    console.log(`image ${image.width}×${image.height} at ${image.dpi.toFixed(1)} dpi; ${segments.length} ruling segments; deskewed ${deskewed.width}×${deskewed.height}`);
    const layout = buildPageLayout({ ...content, runs: [], segments });
    for (const g of layout.grids) console.log(`grid ${g.rows.length - 1} rows × ${g.cols.length - 1} cols, ${g.cells.length} cells, bbox ${JSON.stringify(g.bbox)}`);
    const { runs } = await ocr.recognize({ page: content, image: async () => image, document: doc });
    const withRuns = buildPageLayout({ ...content, runs, segments });
    for (const r of withRuns.freeRuns) console.log(`free: ${r.text}`);
    for (const g of withRuns.grids) {
      for (let r = 0; r < g.rows.length - 1; r++) {
        const cells = g.cells.filter((c) => c.row === r);
        console.log(`r${String(r).padStart(2)} ` + cells.map((c) => `[${c.col}${c.colSpan > 1 ? `+${c.colSpan - 1}` : ''}${c.rowSpan > 1 ? `↓${c.rowSpan}` : ''}] ${c.text}`).join(' | '));
      }
    }
  });
} finally {
  await ocr.close();
}
