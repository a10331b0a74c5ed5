/**
 * A document's OCR'd free text corrected from its own words (pipeline/text-correction.ts):
 * a digital page and a scanned page of one file, built from cell texts; the scanned page's
 * runs carry the characters OCR was unsure of.
 */
import { describe, expect, it } from 'vitest';
import type { PageContent } from '../../src/extract/types.js';
import { readForms } from '../../src/form/reader.js';
import { buildPageLayout } from '../../src/grid/index.js';
import { formResult } from '../../src/pipeline/ocr-repair.js';
import { correctOcrText } from '../../src/pipeline/text-correction.js';
import type { FileResult } from '../../src/pipeline/types.js';
import { indicatorRows, projectRows } from '../../src/write/csv.js';
import { tablePage } from '../support/table-page.js';

/** One form whose two indicator names and expected goal are given. */
function form(name1: string, name2: string, goal: string): string[][] {
  return [
    ['项目名称', '测试项目', '<', '<', '<', '<', '<', '<'],
    ['主管部门', '某区城市管理委员会', '<', '<', '实施单位', '某区某中心', '<', '<'],
    ['项目资金(万元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['^', '年度资金总额', '100', '100', '90', '10', '90.00%', '9'],
    ['年度总体目标', '预期目标', '<', '<', '<', '实际完成情况', '<', '<'],
    ['^', goal, '<', '<', '<', '搬迁工作已完成', '<', '<'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['^', '产出指标', '质量指标', name1, '≥95%', '96%', '40', '40'],
    ['^', '效益指标', '社会效益指标', name2, '≥90%', '95%', '50', '50'],
    ['总分', '<', '<', '<', '<', '<', '100', '99'],
  ];
}

/**
 * A page of `rows`; with `doubtful`, it is scanned: every run from OCR, and the runs whose text
 * is a key of `doubtful` unsure of the characters at those indices.
 */
function page(pageNumber: number, rows: string[][], doubtful?: Record<string, number[]>): PageContent {
  const content = tablePage(rows, { pageNumber, above: ['项目支出绩效自评表', '(2024年度)'], colWidth: 70 });
  if (doubtful) {
    for (const run of content.runs) {
      run.source = 'ocr';
      run.confidence = 0.96;
      const unsure = doubtful[run.text];
      if (unsure) run.doubtful = unsure;
    }
  }
  return content;
}

const GOAL = '完成城指中心搬迁信息化建设与利旧设备搬迁工作';

describe('correctOcrText', () => {
  it("corrects a scanned page's doubtful characters from the digital page's cells, and says so in the CSV", () => {
    const misread = GOAL.replace('利旧', '利昌');
    const layouts = [
      page(1, form('软件故障率', '系统利用率', GOAL)),
      page(2, form('软件故障亩', '系统利用京', misread), { 软件故障亩: [4], 系统利用京: [4], [misread]: [15] }),
    ].map((p) => buildPageLayout(p));
    expect(correctOcrText(layouts)).toBe(3);
    const forms = readForms(layouts).map(formResult);
    expect(forms.map((f) => f.project.indicators.map((i) => i.name))).toEqual([
      ['软件故障率', '系统利用率'],
      ['软件故障率', '系统利用率'],
    ]);
    expect(forms[1]?.project.goals.expected).toBe(GOAL);
    expect(forms[1]?.provenance['indicators.1.name']).toMatchObject({ source: 'ocr', raw: '系统利用率', replaced: '系统利用京' });
    const results: FileResult[] = [{ file: 'a.pdf', path: 'a.pdf', status: 'success', pageCount: 2, forms, findings: [], durationMs: 0 }];
    const repaired = projectRows(results).map((r) => r.ocr_repaired);
    expect(repaired[0]).toBe('');
    expect(String(repaired[1]).split('; ')).toEqual(
      expect.arrayContaining(['indicators.0.name: 软件故障亩 → 软件故障率', 'indicators.1.name: 系统利用京 → 系统利用率', `goals.expected: ${misread} → ${GOAL}`]),
    );
    expect(indicatorRows(results).map((r) => r.source)).toEqual(['text', 'text', 'ocr', 'ocr']);
  });

  it('leaves characters OCR was sure of, and a page without doubt, as read', () => {
    const layouts = [page(1, form('软件故障率', '系统利用率', GOAL)), page(2, form('软件故障亩', '系统利用京', GOAL), {})].map((p) => buildPageLayout(p));
    expect(correctOcrText(layouts)).toBe(0);
    expect(readForms(layouts)[1]?.indicators.map((i) => i.cells.name?.text)).toEqual(['软件故障亩', '系统利用京']);
  });
});
