/**
 * The OCR path end to end on a generated scan (200 dpi, skewed, noisy, JPEG) of seed form 1:
 * pixels → rulings → the same grid code → per-cell OCR → the same form reader and model.
 * Accuracy is still being worked on (the operator column above all); this pins what works.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import { scanPdf } from '../../scripts/scans/scan.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider, orderedColumnLabels, lostToEnglish } from '../../src/pipeline/ocr-provider.js';
import { compareForm } from '../support/oracle.js';
import { SEED_ORACLE, SEED_SINGLE } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(SEED_ORACLE, 'utf8')) as { forms: FormSpec[] };
const ocr = createOcrProvider({ workers: 2 });

afterAll(async () => {
  await ocr.close();
});

describe('a scanned form through OCR', () => {
  it('is found and read: header fields and numbers exact, most indicator cells right', async () => {
    const scan = await scanPdf(new Uint8Array(readFileSync(`${SEED_SINGLE}form-01.pdf`)), { dpi: 200, seed: 'ocr-test', stampEvery: 0 });
    const path = join(await mkdtemp(join(tmpdir(), 'jixiao-ocr-')), 'scan.pdf');
    await writeFile(path, scan);
    const r = await convertFile(path, 'scan.pdf', { ocr });
    expect(r.status).toBe('success');
    expect(r.forms).toHaveLength(1);
    const p = r.forms[0]!.project;
    const spec = oracle.forms[0]!;
    expect(p.source).toBe('ocr');
    expect([p.projectName, p.department, p.year]).toEqual([spec.projectName, spec.department, spec.year]);
    expect(p.indicators).toHaveLength(22);
    const exact = (k: 'weight' | 'score'): number => p.indicators.filter((i, n) => i[k] === spec.indicators[n]?.[k]).length;
    expect(exact('weight')).toBeGreaterThanOrEqual(20);
    expect(exact('score')).toBeGreaterThanOrEqual(20);
    expect([p.totalWeight, p.totalScore]).toEqual([100, 99.97]);
    const cmp = compareForm(p, spec, 'form 1');
    const accuracy = (cmp.indicatorCells - cmp.indicatorCellsWrong) / cmp.indicatorCells;
    console.log(`OCR, seed form 1 at 200 dpi: indicator cells ${cmp.indicatorCells - cmp.indicatorCellsWrong}/${cmp.indicatorCells} = ${(accuracy * 100).toFixed(1)} %`);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('readings the English model took over', () => {
  it('are Latin letters where Chinese belongs; numbers and good readings are left alone', () => {
    expect(lostToEnglish('HITE', 'text')).toBe(true); // 执行率
    expect(lostToEnglish('≤3R', 'target')).toBe(true); // ≤3次
    expect(lostToEnglish('执行率', 'text')).toBe(false);
    expect(lostToEnglish('CPU、内存', 'text')).toBe(false);
    expect(lostToEnglish('服务对象满BER', 'text')).toBe(true); // 服务对象满意度指标
    expect(lostToEnglish('可达到预期指won', 'text')).toBe(true); // 可达到预期指标
    expect(lostToEnglish('接诉即办A', 'text')).toBe(false);
    expect(lostToEnglish('≥90%', 'target')).toBe(false);
    expect(lostToEnglish('99.74', 'number')).toBe(false);
  });
});

describe('column labels of a header row by the template order', () => {
  const budget = ['项目资金(万元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '热行孚', '得分'];

  it('is the one label missing, for the cell left over within two edits (执行率 read 热行孚)', () => {
    expect(orderedColumnLabels(budget)).toEqual([[6, '执行率']]);
    const indicators = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完戒伍', '分值', '得分'];
    expect(orderedColumnLabels(indicators)).toEqual([[5, '实际完成值']]);
  });

  it('is decided by position where the text ties (一级/二级/三级指标 differ in one stroke)', () => {
    const head = ['年度指标值', '实际完成值', '分值', '得分'];
    expect(orderedColumnLabels(['绩效指标', '级指标', '二级指标', '三级指标', ...head])).toEqual([[1, '一级指标']]);
    expect(orderedColumnLabels(['绩效指标', '一级指标', '级指标', '三级指标', ...head])).toEqual([[2, '二级指标']]);
    // All three read alike: their order is the template's.
    expect(orderedColumnLabels(['绩效指标', '级指标', '-级指标', ':级指标', ...head])).toEqual([[1, '一级指标'], [2, '二级指标'], [3, '三级指标']]);
    // Two read alike with the cell between them unread: three labels fit two cells, none is chosen.
    expect(orderedColumnLabels(['绩效指标', '级指标', '', '级指标', ...head])).toEqual([]);
    // 分值 before the values (weight-first headers): the weight chain has its own order.
    expect(orderedColumnLabels(['一级指标', '二级指标', '三级指标', '分伍', '得分', '年度指标值', '实际完成值'])).toEqual([[3, '分值']]);
  });

  it('is nothing when the row is no header, too many labels are missing, or two labels fit', () => {
    expect(orderedColumnLabels(['年度资金总额', '100', '100', '90', '10', '热行孚', '9'])).toEqual([]);
    expect(orderedColumnLabels(['项目资金(万元)', '', '年初预算数', '热行孚', '某某数', '分值', '', ''])).toEqual([]);
    // 执行率 and 得分 both missing: each cell left over is near one of them.
    expect(orderedColumnLabels(['年初预算数', '全年预算数', '全年执行数', '分值', '热行孚', '得行'])).toEqual([[4, '执行率'], [5, '得分']]);
    // Two characters, two edits: no label.
    expect(orderedColumnLabels(['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '备注'])).toEqual([]);
    // A cell already a label, or empty, is never changed.
    expect(orderedColumnLabels(budget.map((t) => (t === '热行孚' ? '执行率' : t)))).toEqual([]);
  });
});
