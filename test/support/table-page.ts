/**
 * Build a PageContent from a grid of cell texts, for form-stage tests: uniform columns and
 * rows, `<` merges a cell with its left neighbour, `^` with the one above; borders are drawn
 * everywhere except inside merged cells; each cell's text is one run centred in it.
 */
import type { PageContent, Segment, TextRun } from '../../src/extract/types.js';

export interface TablePageOptions {
  pageNumber?: number;
  /** Top of the table, points from the top edge. */
  top?: number;
  left?: number;
  colWidth?: number;
  rowHeight?: number;
  fontSize?: number;
  /** Free text lines above the table (title, year), one per 20 pt. */
  above?: string[];
}

/** Cell texts → one table on a page (several tables: concatenate the results' runs and segments). */
export function tablePage(rows: string[][], options: TablePageOptions = {}): PageContent {
  const { pageNumber = 1, left = 40, colWidth = 60, rowHeight = 20, fontSize = 9, above = [] } = options;
  const top = (options.top ?? 40) + above.length * 20;
  const nCols = Math.max(...rows.map((r) => r.length));
  const at = (r: number, c: number): string => rows[r]?.[c] ?? '';
  // Owner of each position: follow `<` left and `^` up.
  const owner = (r: number, c: number): string => {
    let rr = r;
    let cc = c;
    for (;;) {
      const t = at(rr, cc);
      if (t === '<') cc--;
      else if (t === '^') rr--;
      else return `${rr},${cc}`;
    }
  };
  const x = (c: number): number => left + c * colWidth;
  const y = (r: number): number => top + r * rowHeight;
  const segments: Segment[] = [];
  for (let r = 0; r <= rows.length; r++) {
    for (let c = 0; c < nCols; c++) {
      if (r > 0 && r < rows.length && owner(r - 1, c) === owner(r, c)) continue;
      segments.push({ axis: 'h', pos: y(r), from: x(c), to: x(c + 1), thickness: 0.5 });
    }
  }
  for (let c = 0; c <= nCols; c++) {
    for (let r = 0; r < rows.length; r++) {
      if (c > 0 && c < nCols && owner(r, c - 1) === owner(r, c)) continue;
      segments.push({ axis: 'v', pos: x(c), from: y(r), to: y(r + 1), thickness: 0.5 });
    }
  }
  const runs: TextRun[] = [];
  const run = (text: string, cx: number, cy: number): TextRun => {
    const w = Array.from(text).reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2000 ? 1 : 0.55), 0) * fontSize;
    return { text, bbox: { x0: cx - w / 2, y0: cy - fontSize / 2, x1: cx + w / 2, y1: cy + fontSize / 2 }, fontSize, source: 'text', confidence: 1 };
  };
  above.forEach((line, i) => runs.push(run(line, left + (nCols * colWidth) / 2, top - (above.length - i) * 20 + 10)));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < nCols; c++) {
      const t = at(r, c);
      if (t === '' || t === '<' || t === '^') continue;
      // Centre over the merged extent.
      let c1 = c + 1;
      while (c1 < nCols && owner(r, c1) === `${r},${c}`) c1++;
      let r1 = r + 1;
      while (r1 < rows.length && owner(r1, c) === `${r},${c}`) r1++;
      runs.push(run(t, (x(c) + x(c1)) / 2, (y(r) + y(r1)) / 2));
    }
  }
  return { pageNumber, width: 595, height: 842, runs, segments, imageCount: 0 };
}
