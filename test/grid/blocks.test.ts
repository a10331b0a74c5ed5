/**
 * Text as spreadsheet exports place it: wrapped blocks taller than their fixed row (lines over
 * the row borders), text clipped to its cell, and a column of text beside the ruled table.
 */
import { describe, expect, it } from 'vitest';
import type { BBox, TextRun } from '../../src/extract/types.js';
import { buildPageLayout } from '../../src/grid/index.js';
import type { Grid } from '../../src/grid/index.js';
import { h, page, v } from './helpers.js';

/** A 3 × 3 table: rows at y 100, 110, 120, 130; columns at x 50, 100, 150, 200. */
const ROWS = [100, 110, 120, 130];
const COLS = [50, 100, 150, 200];
const SEGMENTS = [...ROWS.map((y) => h(y, 50, 200)), ...COLS.map((x) => v(x, 100, 130))];
const SIZE = 7;

/** A line of `text` (CJK, 1 em per character) centred at cy, left-aligned at x. */
function line(text: string, x: number, cy: number, clip?: BBox): TextRun {
  const w = Array.from(text).length * SIZE;
  return { text, bbox: { x0: x, y0: cy - SIZE / 2, x1: x + w, y1: cy + SIZE / 2 }, fontSize: SIZE, source: 'text', confidence: 1, ...(clip ? { clip } : {}) };
}

const textAt = (grid: Grid | undefined, row: number, col: number): string | undefined => grid?.cells.find((c) => c.row === row && c.col === col)?.text;

describe('wrapped blocks across row borders', () => {
  it('a two-line label hanging over the next row goes whole to its own row (the 总分 cell keeps only 总分)', () => {
    // Pitch 9.7 (1.39 em), the block centred a little low on row 1: `指标` reaches 4.2 pt into row 2.
    const runs = [line('数量', 60, 105), line('服务对象满意', 51, 111), line('指标', 65, 120.7), line('总分', 60, 125), line('10', 110, 115), line('20', 110, 125)];
    const grid = buildPageLayout(page(SEGMENTS, runs)).grids[0];
    expect([textAt(grid, 0, 0), textAt(grid, 1, 0), textAt(grid, 2, 0)]).toEqual(['数量', '服务对象满意指标', '总分']);
    expect([textAt(grid, 1, 1), textAt(grid, 2, 1)]).toEqual(['10', '20']);
  });

  it('a header whose suffix wraps over the value row: the suffix stays with the header', () => {
    const runs = [line('执行率', 104, 102.5), line('（B/A）', 103, 111.9), line('62.23%', 110, 116.5)];
    // The header block sticks up over the table's top and its suffix 1.6 pt into the value row.
    runs[2] = { ...(runs[2] as TextRun), bbox: { x0: 105, y0: 113, x1: 130, y1: 120 } };
    const grid = buildPageLayout(page([...ROWS.slice(0, 3).map((y) => h(y, 50, 200)), ...COLS.map((x) => v(x, 100, 120))], runs)).grids[0];
    expect([textAt(grid, 0, 1), textAt(grid, 1, 1)]).toEqual(['执行率（B/A）', '62.23%']);
  });

  it('lines of neighbouring one-line cells are not a block (none crosses a border)', () => {
    const runs = [line('服务对象满意', 51, 105), line('指标', 65, 115), line('总分', 60, 125)];
    const grid = buildPageLayout(page(SEGMENTS, runs)).grids[0];
    expect([textAt(grid, 0, 0), textAt(grid, 1, 0), textAt(grid, 2, 0)]).toEqual(['服务对象满意', '指标', '总分']);
  });
});

describe('clip paths', () => {
  it('a three-line label clipped to its one-line row: every line goes to the clip, even those wholly outside it', () => {
    const clip = { x0: 50, y0: 110, x1: 100, y1: 120 };
    const runs = [line('服务对象', 51, 105.3, clip), line('满意度指', 51, 115, clip), line('标', 51, 124.7, clip), line('总分', 60, 125.5)];
    const grid = buildPageLayout(page(SEGMENTS, runs)).grids[0];
    expect([textAt(grid, 0, 0), textAt(grid, 1, 0), textAt(grid, 2, 0)]).toEqual(['', '服务对象满意度指标', '总分']);
  });

  it('text overflowing its clipped cell sideways stays in the cell it shows in', () => {
    const clip = { x0: 100, y0: 100, x1: 150, y1: 110 };
    const grid = buildPageLayout(page(SEGMENTS, [line('资源利用率监测覆盖', 125, 105, clip)])).grids[0];
    expect([textAt(grid, 0, 1), textAt(grid, 0, 2)]).toEqual(['资源利用率监测覆盖', '']);
  });
});

describe('text beside the ruled table', () => {
  it('runs just right of the last rule, in two or more rows, become an unruled column', () => {
    const runs = [line('得分', 210, 105), line('6.22', 212, 115), line('说明', 60, 115)];
    const layout = buildPageLayout(page(SEGMENTS, runs));
    const grid = layout.grids[0];
    expect(grid?.cols.length).toBe(COLS.length + 1);
    expect([textAt(grid, 0, 3), textAt(grid, 1, 3), textAt(grid, 2, 3)]).toEqual(['得分', '6.22', '']);
    expect(layout.freeRuns).toEqual([]);
  });

  it('and just left of the first rule; a lone run beside the table, or one far from it, stays free text', () => {
    const left = buildPageLayout(page(SEGMENTS, [line('序号', 30, 105), line('1', 40, 115)])).grids[0];
    expect([textAt(left, 0, 0), textAt(left, 1, 0), left?.cols.length]).toEqual(['序号', '1', COLS.length + 1]);
    const lone = buildPageLayout(page(SEGMENTS, [line('注', 205, 115)]));
    expect([lone.grids[0]?.cols.length, lone.freeRuns.map((r) => r.text)]).toEqual([COLS.length, ['注']]);
    const far = buildPageLayout(page(SEGMENTS, [line('得分', 260, 105), line('6.22', 262, 115)]));
    expect([far.grids[0]?.cols.length, far.freeRuns.length]).toEqual([COLS.length, 2]);
  });
});

describe('wrapped blocks without clips, printed over their neighbours', () => {
  it('a three-line label in a one-line row: its outer lines, printed over the neighbour rows’ text, come back', () => {
    // Pitch 8.5 (1.21 em): the first line overprints 经济成本 above, the last one 总分 below.
    const runs = [line('经济成本', 58, 105), line('服务对象满意', 50, 106.5), line('度指标综合评', 50, 115), line('价', 50, 123.5), line('总分', 62, 125), line('10', 110, 115)];
    const grid = buildPageLayout(page(SEGMENTS, runs)).grids[0];
    expect([textAt(grid, 0, 0), textAt(grid, 1, 0), textAt(grid, 2, 0), textAt(grid, 1, 1)]).toEqual(['经济成本', '服务对象满意度指标综合评价', '总分', '10']);
  });

  it('a paragraph inside a tall merged cell keeps its last line when a wrapped header below hangs up to it', () => {
    // Row 0 is one cell across the table (a goal); rows 1–2 have three columns.
    const rows = [100, 140, 150, 160];
    const segments = [...rows.map((y) => h(y, 50, 200)), v(50, 100, 160), v(200, 100, 160), v(100, 140, 160), v(150, 140, 160)];
    // The goal's short last line fits one lattice column and looks full there; it lies 9.5
    // above the header's first line, the header's pitch: only its own paragraph says whose it is.
    const runs = [line('目标一二三四五六七八九十', 51, 112), line('目标一二三四五六七八九十', 51, 121.5), line('规范、有效。', 51, 131), line('年度指标值（', 51, 140.5), line('A）', 70, 150)];
    const grid = buildPageLayout(page(segments, runs)).grids[0];
    expect([textAt(grid, 0, 0), textAt(grid, 1, 0)]).toEqual(['目标一二三四五六七八九十目标一二三四五六七八九十规范、有效。', '年度指标值（A）']);
  });
});
