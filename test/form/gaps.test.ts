/**
 * No silent gaps: a value the form prints never vanishes without a finding naming page and
 * cell — a blank numeric cell of an indicator row, of the 年度资金总额 line or of the 总分 row,
 * a 总分 cell holding more than its label, a row read as neither an indicator nor the total.
 */
import { describe, expect, it } from 'vitest';
import type { PageContent } from '../../src/extract/types.js';
import { readForms } from '../../src/form/reader.js';
import { buildPageLayout } from '../../src/grid/index.js';
import { buildProject } from '../../src/model/build.js';
import { validateProject } from '../../src/validate/index.js';
import { tablePage } from '../support/table-page.js';
import { HEAD, INDICATORS } from './form-rows.js';

const TITLE = { above: ['项目支出绩效自评表', '(2023年度)'] };

/** Every finding of the one form on the pages: model stage and rules, as `severity:code:field@page`. */
function findings(pages: PageContent[]): string[] {
  const [form] = readForms(pages.map((p) => buildPageLayout(p)));
  if (!form) throw new Error('no form');
  const built = buildProject(form);
  return [...built.findings, ...validateProject(built)].map((f) => `${f.severity}:${f.code}:${f.field ?? ''}@${f.page ?? ''}`);
}

const replace = (rows: string[][], r: number, c: number, text: string): string[][] => rows.map((row, i) => (i === r ? row.map((t, j) => (j === c ? text : t)) : row));

describe('no silent gaps', () => {
  it('a consistent form: no finding', () => {
    expect(findings([tablePage([...HEAD, ...INDICATORS], TITLE)])).toEqual([]);
  });

  it('a blank 得分 is a missing-field error naming the cell and page; the total says it could not check', () => {
    const f = findings([tablePage([...HEAD, ...replace(INDICATORS, 2, 7, '')], { ...TITLE, pageNumber: 3 })]);
    expect(f).toEqual(['error:missing-field:indicators.1.score@3', 'warning:missing-field:totalScore@3']);
    const [form] = readForms([buildPageLayout(tablePage([...HEAD, ...replace(INDICATORS, 2, 7, '')], { ...TITLE, pageNumber: 3 }))]);
    const built = buildProject(form!);
    const unchecked = validateProject(built).find((x) => x.field === 'totalScore');
    expect(unchecked?.message).toContain('合格率 得分');
    expect(unchecked?.message).toContain('indicators.1.score');
  });

  it('a blank 分值: the weights rule says what it could not check; one that already exceeds 100 is still an error', () => {
    expect(findings([tablePage([...HEAD, ...replace(INDICATORS, 1, 6, '')], TITLE)])).toEqual([
      'error:missing-field:indicators.0.weight@1',
      'warning:missing-field:totalWeight@1',
    ]);
    const over = replace(replace(INDICATORS, 1, 6, ''), 2, 6, '95');
    expect(findings([tablePage([...HEAD, ...over], TITLE)])).toEqual(['error:missing-field:indicators.0.weight@1', 'error:weights-not-100:totalWeight@1']);
  });

  it('a blank 执行率 or 全年执行数 under a printed header, and a blank 总分 得分', () => {
    // The model names the blank cell; the execution-rate rule says it could not check.
    expect(findings([tablePage([...replace(HEAD, 3, 6, ''), ...INDICATORS], TITLE)])).toEqual([
      'error:missing-field:funds.total.executionRatePercent@1',
      'warning:missing-field:funds.total.executionRate@1',
    ]);
    expect(findings([tablePage([...replace(HEAD, 3, 4, ''), ...INDICATORS], TITLE)])).toEqual([
      'error:missing-field:funds.total.executed@1',
      'warning:missing-field:funds.total.executionRate@1',
    ]);
    expect(findings([tablePage([...HEAD, ...replace(INDICATORS, 3, 7, '')], TITLE)])).toEqual(['error:missing-field:totalScore@1', 'warning:missing-field:totalScore@1']);
  });

  it('a 总分 cell holding more than its label is read as the total, and reported', () => {
    const f = findings([tablePage([...HEAD, ...replace(INDICATORS, 3, 0, '指标总分')], TITLE)]);
    expect(f).toEqual(['warning:missing-field:totalScore@1']);
    const [form] = readForms([buildPageLayout(tablePage([...HEAD, ...replace(INDICATORS, 3, 0, '指标总分')], TITLE))]);
    expect(form?.total?.score?.text).toBe('99');
    expect(form?.indicators).toHaveLength(2);
  });

  it('a row of the indicator block that is neither an indicator nor the total is reported with its text', () => {
    const rows = [...INDICATORS.slice(0, 3), ['^', '备注：另见附件', '', '', '', '', '', ''], INDICATORS[3] as string[]];
    const [form] = readForms([buildPageLayout(tablePage([...HEAD, ...rows], TITLE))]);
    const built = buildProject(form!);
    const gap = built.findings.find((x) => x.field === 'indicators');
    expect(gap).toMatchObject({ code: 'missing-field', page: 1, printed: '备注：另见附件' });
    expect(built.project.indicators).toHaveLength(2);
  });
});
