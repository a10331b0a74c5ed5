/**
 * One document's OCR'd free text corrected from its own words (`ocr/lexicon.ts`): the cells of
 * its text-layer pages and the OCR'd cells read with confidence make the lexicon, and each
 * cell with doubtful characters is corrected from it. Runs after every page is read, so a
 * scanned page is corrected from the digital pages after it too.
 */
import type { TextRun } from '../extract/types.js';
import type { Cell, PageLayout } from '../grid/types.js';
import { Lexicon, correctText } from '../ocr/lexicon.js';

/** The one OCR run a cell's text is, when it has doubtful characters (else undefined). */
function doubtfulRun(cell: Cell): TextRun | undefined {
  const run = cell.runs.length === 1 ? cell.runs[0] : undefined;
  // The indices are the run's; the grid stage leaves a one-run cell's text as the run's.
  if (!run || run.source !== 'ocr' || !run.doubtful?.length || run.text !== cell.text) return undefined;
  return run;
}

/**
 * Correct the doubtful characters of the OCR'd cells of `layouts` (one document), in place:
 * a corrected cell's text and run change, the run keeps what OCR read in `replaced`.
 * Returns the number of cells changed.
 */
export function correctOcrText(layouts: readonly PageLayout[]): number {
  const cells = layouts.flatMap((l) => l.grids.flatMap((g) => g.cells));
  if (!cells.some((c) => doubtfulRun(c) !== undefined)) return 0;
  const lexicon = new Lexicon();
  for (const cell of cells) {
    const ocr = cell.runs.some((r) => r.source === 'ocr');
    const doubtful = doubtfulRun(cell)?.doubtful;
    // Doubtful characters that cannot be placed in the cell's text: no evidence at all.
    if (ocr && doubtful === undefined && cell.runs.some((r) => r.doubtful?.length)) continue;
    lexicon.add(cell.text, ocr ? 'ocr' : 'text', doubtful);
  }
  // Text outside the tables from the text layer (titles, year lines); OCR's title band is read
  // without its glyphs, so how sure OCR was of it is unknown.
  for (const run of layouts.flatMap((l) => l.freeRuns)) if (run.source === 'text') lexicon.add(run.text, 'text');
  let changed = 0;
  for (const cell of cells) {
    const run = doubtfulRun(cell);
    if (!run?.doubtful) continue;
    const { text, corrections } = correctText(run.text, run.doubtful, lexicon);
    if (corrections.length === 0) continue;
    const fixed = new Set(corrections.map((c) => c.index));
    Object.assign(run, { text, replaced: run.replaced ?? run.text, doubtful: run.doubtful.filter((i) => !fixed.has(i)) });
    cell.text = text;
    changed++;
  }
  return changed;
}
