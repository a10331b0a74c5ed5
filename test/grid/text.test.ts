import { describe, expect, it } from 'vitest';
import {
  assignRuns,
  buildCells,
  buildPageLayout,
  dropDuplicateRuns,
  groupLines,
  isCjkChar,
  joinCellText,
  normalizeCellText,
  resolveGridOptions,
} from '../../src/grid/index.js';
import type { TextRun } from '../../src/extract/types.js';
import { h, page, run, runAt, v } from './helpers.js';

const opts = resolveGridOptions();

describe('joinCellText', () => {
  it('joins a CJK line wrapped in a cell with no space', () => {
    const runs = [run('率', 102, 116, 10), run('CPU、内存、存储设备等资源利用', 102, 103, 10, 96)];
    expect(joinCellText(runs, opts)).toBe('CPU、内存、存储设备等资源利用率');
  });

  it('joins wrapped English words with one space', () => {
    expect(joinCellText([run('hello', 10, 10), run('world', 10, 22)], opts)).toBe('hello world');
  });

  it('joins runs split mid-line next to CJK or ≥ with no space, even with gaps', () => {
    const runs = [run('≥', 10, 10, 10, 6), run('1', 18, 10.4, 10, 5), run('个', 25, 9.8, 10)];
    expect(joinCellText(runs, opts)).toBe('≥1个');
  });

  it('spaces non-CJK runs by their gap: touching → none, > 0.25 em → one space', () => {
    expect(joinCellText([run('12', 10, 10, 10, 10), run('.5', 20.5, 10, 10, 10)], opts)).toBe('12.5');
    expect(joinCellText([run('Total', 10, 10, 10, 25), run('cost', 38, 10, 10, 20)], opts)).toBe('Total cost');
  });

  it('joins wrapped digits and CJK with no space', () => {
    expect(joinCellText([run('1,234,', 10, 10), run('567万元', 10, 22)], opts)).toBe('1,234,567万元');
  });

  it('orders lines top to bottom and runs left to right whatever the input order', () => {
    const runs = [run('C', 40, 30), run('D', 60, 30.5), run('A', 10, 10), run('B', 30, 10)];
    expect(groupLines(runs, opts).map((l) => l.map((r) => r.text))).toEqual([['A', 'B'], ['C', 'D']]);
    expect(joinCellText(runs, opts)).toBe('A B C D');
  });

  it('collapses whitespace, trims, and removes spaces between CJK characters', () => {
    expect(joinCellText([run('  项目  名称 ', 10, 10), run('　', 80, 10), run('(万元)', 100, 10)], opts)).toBe('项目名称 (万元)');
    expect(normalizeCellText(' 产出 　指标\n数量 A  B ')).toBe('产出指标数量 A B');
  });

  it('ignores whitespace-only runs', () => {
    expect(joinCellText([run('a', 10, 10, 10, 5), run(' ', 15, 10, 10, 30), run('b', 15.5, 10, 10, 5)], opts)).toBe('ab');
  });
});

describe('isCjkChar', () => {
  it('knows ideographs, CJK punctuation, full-width forms and ≥ ≤', () => {
    for (const ch of ['项', '、', '，', '。', '（', '％', '≥', '≤', '“', '𠀀']) expect(isCjkChar(ch)).toBe(true);
    for (const ch of ['a', '1', ',', '%', ' ', '(', undefined]) expect(isCjkChar(ch)).toBe(false);
  });
});

describe('assignRuns', () => {
  const layout = buildCells(
    {
      rows: [100, 120, 140],
      cols: [50, 150, 250],
      rowRulings: [[{ from: 50, to: 250 }], [{ from: 50, to: 250 }], [{ from: 50, to: 250 }]],
      colRulings: [[{ from: 100, to: 140 }], [{ from: 100, to: 140 }], [{ from: 100, to: 140 }]],
    },
    opts,
  );

  it('puts a run in the cell holding its centre, half-open on the boundaries', () => {
    const onBorder = runAt('border', 150, 120); // centre exactly on the inner corner
    const spill = run('spill', 140, 101, 10, 14); // starts in cell 0, centre (147, 106) still in cell 0
    const outside = runAt('out', 250, 110); // centre on the right table edge: outside
    const a = assignRuns([layout], [onBorder, spill, outside]);
    expect(a.byTable[0]?.map((c) => c.map((r) => r.text))).toEqual([['spill'], [], [], ['border']]);
    expect(a.free.map((r) => r.text)).toEqual(['out']);
  });
});

describe('buildPageLayout: text', () => {
  const segments = [h(100, 50, 350), h(140, 50, 350), h(180, 50, 350), v(50, 100, 180), v(200, 100, 180), v(350, 100, 180)];

  it('fills cells, keeps runs in reading order, and sends the rest to freeRuns', () => {
    const runs: TextRun[] = [
      run('利用', 60, 118, 10),
      run('资源', 60, 105, 10),
      run('≥', 210, 105, 10, 6),
      run('1', 217, 105, 10, 5),
      run('个', 223, 105, 10),
      run('单位：万元', 280, 85, 9),
      run('填报日期', 60, 190, 9),
      run('绩效自评表', 150, 60, 16),
      run(' ', 300, 150, 10), // blank item: ignored
    ];
    const layout = buildPageLayout(page(segments, runs));
    const grid = layout.grids[0];
    expect(grid?.cells.map((c) => c.text)).toEqual(['资源利用', '≥1个', '', '']);
    expect(grid?.cells[0]?.runs.map((r) => r.text)).toEqual(['资源', '利用']);
    expect(layout.freeRuns.map((r) => r.text)).toEqual(['绩效自评表', '单位：万元', '填报日期']);
  });

  it('drops a run printed twice at almost the same place (fake bold)', () => {
    const runs = [run('得分', 60, 105, 10), run('得分', 60.4, 105.3, 10)];
    expect(dropDuplicateRuns(runs, 1)).toHaveLength(1);
    const layout = buildPageLayout(page(segments, runs));
    expect(layout.grids[0]?.cells[0]?.text).toBe('得分');
    expect(layout.grids[0]?.cells[0]?.runs).toHaveLength(1);
  });
});
