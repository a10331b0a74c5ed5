/** Builders for grid-stage tests: segments, runs, pages (points, top-left origin). */
import type { PageContent, Segment, TextRun } from '../../src/extract/types.js';

export function h(y: number, x0: number, x1: number, thickness = 0.5): Segment {
  return { axis: 'h', pos: y, from: x0, to: x1, thickness };
}

export function v(x: number, y0: number, y1: number, thickness = 0.5): Segment {
  return { axis: 'v', pos: x, from: y0, to: y1, thickness };
}

/** A run whose box starts at (x, y) (top-left), width = chars × size × widthPerChar. */
export function run(text: string, x: number, y: number, size = 10, width?: number): TextRun {
  const w = width ?? Array.from(text).length * size * (/[\u4e00-\u9fff、，。≥]/.test(text) ? 1 : 0.5);
  return { text, bbox: { x0: x, y0: y, x1: x + w, y1: y + size }, fontSize: size, source: 'text', confidence: 1 };
}

/** A run centred on (cx, cy). */
export function runAt(text: string, cx: number, cy: number, size = 6): TextRun {
  const w = size * 2;
  return {
    text,
    bbox: { x0: cx - w / 2, y0: cy - size / 2, x1: cx + w / 2, y1: cy + size / 2 },
    fontSize: size,
    source: 'text',
    confidence: 1,
  };
}

export function page(segments: Segment[], runs: TextRun[] = [], pageNumber = 1): PageContent {
  return { pageNumber, width: 595, height: 842, runs, segments, imageCount: 0 };
}

/** Deterministic PRNG (mulberry32) for jitter, gaps and shuffling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** A merged block in lattice indexes (inclusive start, spans ≥ 1). */
export interface Merge {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export type BorderStyle = 'long' | 'pieces' | 'gappy';

/**
 * Segments for a lattice (boundaries `ys`, `xs`) with merged blocks: every unit edge between
 * two different cells, and the outer frame, is drawn. `style` picks how each boundary line
 * is drawn; `jitter` moves every coordinate by up to ± that many points.
 */
export function drawLattice(
  ys: number[],
  xs: number[],
  merges: Merge[],
  style: (line: number) => BorderStyle,
  random: () => number,
  jitter = 0,
): Segment[] {
  const nR = ys.length - 1;
  const nC = xs.length - 1;
  const owner: number[][] = Array.from({ length: nR }, (_, r) => Array.from({ length: nC }, (_, c) => -(r * nC + c) - 1));
  merges.forEach((m, k) => {
    for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) (owner[r] as number[])[c] = k;
  });
  const at = (r: number, c: number): number | undefined => owner[r]?.[c];
  const j = (): number => (random() * 2 - 1) * jitter;
  const out: Segment[] = [];
  let lineNo = 0;
  const emit = (axis: 'h' | 'v', pos: number, bounds: number[], drawn: boolean[]): void => {
    const s = style(lineNo++);
    let k = 0;
    while (k < drawn.length) {
      if (!drawn[k]) {
        k++;
        continue;
      }
      let end = k;
      while (end + 1 < drawn.length && drawn[end + 1]) end++;
      if (s === 'long') {
        out.push({ axis, pos: pos + j(), from: (bounds[k] as number) + j(), to: (bounds[end + 1] as number) + j(), thickness: 0.5 });
      } else {
        for (let u = k; u <= end; u++) {
          const gapA = s === 'gappy' ? random() : 0;
          const gapB = s === 'gappy' ? random() : 0;
          out.push({ axis, pos: pos + j(), from: (bounds[u] as number) + gapA + j(), to: (bounds[u + 1] as number) - gapB + j(), thickness: 0.5 });
        }
      }
      k = end + 1;
    }
  };
  for (let i = 0; i <= nR; i++) {
    const drawn = Array.from({ length: nC }, (_, c) => i === 0 || i === nR || at(i - 1, c) !== at(i, c));
    emit('h', ys[i] as number, xs, drawn);
  }
  for (let i = 0; i <= nC; i++) {
    const drawn = Array.from({ length: nR }, (_, r) => i === 0 || i === nC || at(r, i - 1) !== at(r, i));
    emit('v', xs[i] as number, ys, drawn);
  }
  return out;
}

/** Cells implied by merges on an nR × nC lattice: merges plus 1×1 cells elsewhere, sorted. */
export function expectedCells(nR: number, nC: number, merges: Merge[]): Merge[] {
  const covered = new Set<string>();
  const cells: Merge[] = merges.map((m) => ({ ...m }));
  for (const m of merges) for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) covered.add(`${r},${c}`);
  for (let r = 0; r < nR; r++) for (let c = 0; c < nC; c++) if (!covered.has(`${r},${c}`)) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1 });
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Cell shape without text, for comparisons. */
export function shape(c: { row: number; col: number; rowSpan: number; colSpan: number }): Merge {
  return { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan };
}
