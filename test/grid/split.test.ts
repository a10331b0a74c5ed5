import { describe, expect, it } from 'vitest';
import type { PageContent, Segment, TextRun } from '../../src/extract/types.js';
import { buildPageLayout, splitRunAt } from '../../src/grid/index.js';

const run = (text: string, x0: number, x1: number, y = 105, fontSize = 10): TextRun => ({
  text,
  bbox: { x0, y0: y - fontSize * 0.88, x1, y1: y + fontSize * 0.12 },
  fontSize,
  source: 'text',
  confidence: 1,
});

/** A one-row table with columns at the given x positions (y 90..115). */
function page(cols: number[], runs: TextRun[], mergedFirstTwo = false): PageContent {
  const segments: Segment[] = [
    { axis: 'h', pos: 90, from: cols[0] as number, to: cols.at(-1) as number, thickness: 0.5 },
    { axis: 'h', pos: 115, from: cols[0] as number, to: cols.at(-1) as number, thickness: 0.5 },
    ...cols
      .filter((_, i) => !(mergedFirstTwo && i === 1))
      .map((x): Segment => ({ axis: 'v', pos: x, from: 90, to: 115, thickness: 0.5 })),
  ];
  if (mergedFirstTwo) {
    // A second row keeps column 1 in the lattice while row 0 merges across it.
    segments.push({ axis: 'h', pos: 140, from: cols[0] as number, to: cols.at(-1) as number, thickness: 0.5 });
    segments.push(...cols.map((x): Segment => ({ axis: 'v', pos: x, from: 115, to: 140, thickness: 0.5 })));
  }
  return { pageNumber: 1, width: 595, height: 842, runs, segments, imageCount: 0 };
}

const texts = (p: PageContent): string[] => buildPageLayout(p).grids[0]!.cells.filter((c) => c.row === 0).map((c) => c.text);

describe('splitting runs at cell borders', () => {
  it('splits a run pdf.js joined across a ruled border (no space)', () => {
    // 全年预算数 in 100..160, 全年执行数 in 160..220, one 10-pt run of 10 CJK glyphs.
    expect(texts(page([100, 160, 220], [run('全年预算数全年执行数', 103, 213)]))).toEqual(['全年预算数', '全年执行数']);
  });

  it('splits at the space pdf.js inserted for the gap', () => {
    expect(texts(page([100, 150, 200], [run('3,730.43 56.63%', 110, 195)]))).toEqual(['3,730.43', '56.63%']);
  });

  it('does not split inside a merged cell', () => {
    expect(texts(page([100, 160, 220, 260], [run('很长的项目名称跨越两列显示', 103, 215)], true))).toEqual(['很长的项目名称跨越两列显示', '']);
  });

  it('keeps an overflowing run whole, in the cell where it starts, when the neighbour has its own text', () => {
    const name = run('CPU、内存、存储设备等资源利用率', 102, 230);
    const target = run('≥90%', 163, 190);
    expect(texts(page([100, 160, 220, 260], [name, target]))).toEqual(['CPU、内存、存储设备等资源利用率', '≥90%', '']);
  });

  it('splitRunAt estimates glyph advances: CJK 1 em, digits narrower', () => {
    const pieces = splitRunAt(run('合计1234', 0, 42), [21.5]);
    expect(pieces.map((p) => p.text)).toEqual(['合计', '1234']);
    expect(pieces[0]!.bbox.x1).toBeCloseTo(pieces[1]!.bbox.x0);
  });
});
