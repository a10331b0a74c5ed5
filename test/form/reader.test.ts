import { describe, expect, it } from 'vitest';
import type { PageContent } from '../../src/extract/types.js';
import { readForms } from '../../src/form/reader.js';
import { buildPageLayout } from '../../src/grid/index.js';
import { buildProject } from '../../src/model/build.js';
import { tablePage } from '../support/table-page.js';
import { HEAD, INDICATORS } from './form-rows.js';


const projects = (pages: PageContent[]) => readForms(pages.map((p) => buildPageLayout(p))).map((f) => buildProject(f).project);

describe('readForms', () => {
  it('reads a form found by its title, with merged labels carried to every row', () => {
    const [p] = projects([tablePage([...HEAD, ...INDICATORS], { above: ['项目支出绩效自评表', '(2023年度)'] })]);
    expect(p?.year).toBe(2023);
    expect(p?.projectName).toBe('测试项目');
    expect(p?.implementer).toBe('某区某中心');
    expect(p?.funds.total).toMatchObject({ initialBudget: 100, annualBudget: 100, executed: 90, weight: 10, executionRatePercent: 90, score: 9 });
    expect(p?.indicators.map((i) => [i.level1, i.level2, i.name, i.weight, i.score])).toEqual([
      ['产出指标', '数量指标', '培训人次', 50, 50],
      ['产出指标', '质量指标', '合格率', 40, 40],
    ]);
    expect([p?.totalWeight, p?.totalScore]).toEqual([100, 99]);
  });

  it('does not open a form at a sentence that mentions the title, but at a second 项目名称', () => {
    const page = tablePage([...HEAD, ...INDICATORS, ...HEAD.map((r) => r.map((t) => (t === '测试项目' ? '第二个项目' : t))), ...INDICATORS], {
      above: ['我单位按要求填报了项目支出绩效自评表，现公开如下。'],
    });
    const ps = projects([page]);
    expect(ps.map((p) => p.projectName)).toEqual(['测试项目', '第二个项目']);
  });

  it('reads columns by their header labels, in any order and wording', () => {
    const reordered = [
      ['绩效指标', '一级指标', '二级指标', '三级指标', '分值', '指标值', '全年实际值', '得分'],
      ['^', '产出指标', '数量指标', '培训人次', '50', '≥100人次', '120人次', '50'],
      ['^', '^', '质量指标', '合格率', '40', '≥95%', '96%', '40'],
      ['总分', '<', '<', '<', '100', '<', '<', '99'],
    ];
    const [p] = projects([tablePage([...HEAD, ...reordered], { above: ['项目支出绩效自评表'] })]);
    expect(p?.indicators.map((i) => [i.target, i.actual, i.weight, i.score])).toEqual([
      ['≥100人次', '120人次', 50, 50],
      ['≥95%', '96%', 40, 40],
    ]);
    expect(p?.totalWeight).toBe(100);
  });

  it('joins a form continued on the next page; empty label cells at the top of the continuation carry the labels', () => {
    const page1 = tablePage([...HEAD, ...INDICATORS.slice(0, 2)], { above: ['项目支出绩效自评表', '(2023年度)'] });
    const page2 = tablePage(
      [
        ['', '', '', '合格率', '≥95%', '96%', '40', '40'],
        ['总分', '<', '<', '<', '<', '<', '100', '99'],
      ],
      { pageNumber: 2 },
    );
    const ps = projects([page1, page2]);
    expect(ps).toHaveLength(1);
    expect(ps[0]?.pages).toEqual([1, 2]);
    expect(ps[0]?.indicators.map((i) => [i.level1, i.level2, i.name, i.page])).toEqual([
      ['产出指标', '数量指标', '培训人次', 1],
      ['产出指标', '数量指标', '合格率', 2],
    ]);
    expect(ps[0]?.indicators[1]?.printed).toBeUndefined();
    expect(ps[0]?.totalScore).toBe(99);
  });

  it('joins an indicator row cut by a page break, and a label wrapped over the break', () => {
    const page1 = tablePage(
      [...HEAD, INDICATORS[0]!, ['^', '产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '50', '50'], ['^', '效益指', '社会效益指标', '群众知晓', '≥90%', '95%', '40', '40']],
      { above: ['项目支出绩效自评表'] },
    );
    const page2 = tablePage(
      [
        ['', '标', '', '率', '', '', '', ''],
        ['', '^', '^', '宣传场次', '≥5场', '6场', '', ''],
        ['总分', '<', '<', '<', '<', '<', '90', '90'],
      ],
      { pageNumber: 2 },
    );
    const [p] = projects([page1, page2]);
    expect(p?.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.weight])).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥100人次', 50],
      ['效益指标', '社会效益指标', '群众知晓率', '≥90%', 40],
      ['效益指标', '社会效益指标', '宣传场次', '≥5场', null],
    ]);
    expect(p?.indicators[1]?.printed).toBeUndefined();
  });

  it('gives rows before a page break the merged label printed only after it', () => {
    const page1 = tablePage([...HEAD, INDICATORS[0]!, ['^', '', '数量指标', '培训人次', '≥100人次', '120人次', '50', '50']], { above: ['项目支出绩效自评表'] });
    const page2 = tablePage(
      [
        ['', '产出指标', '', '开班次数', '≥4次', '4次', '40', '40'],
        ['总分', '<', '<', '<', '<', '<', '90', '90'],
      ],
      { pageNumber: 2 },
    );
    const [p] = projects([page1, page2]);
    expect(p?.indicators.map((i) => [i.level1, i.level2, i.name, i.printed])).toEqual([
      ['产出指标', '数量指标', '培训人次', undefined],
      ['产出指标', '数量指标', '开班次数', undefined],
    ]);
  });

  it('reads label and value printed in one cell or line (项目名称：…)', () => {
    const head = [['项目名称：文物保护修缮工程', '<', '<', '<', '<', '<', '<', '<'], ...HEAD.slice(2)];
    const [p] = projects([
      tablePage([...head, ...INDICATORS], { above: ['项目支出绩效自评表', '主管部门：某区文化和旅游局　实施单位：某区文物所'] }),
    ]);
    expect([p?.projectName, p?.department, p?.implementer]).toEqual(['文物保护修缮工程', '某区文化和旅游局', '某区文物所']);
  });

  it('reads budget lines printed in longer wordings', () => {
    const lines = [
      ['^', '其中：一般公共预算财政拨款', '80', '80', '72', '—', '—', '—'],
      ['^', '上年结转结余资金', '20', '20', '18', '—', '—', '—'],
    ];
    const [p] = projects([tablePage([...HEAD, ...lines, ...INDICATORS], { above: ['项目支出绩效自评表'], colWidth: 120 })]);
    expect(p?.funds.fiscal).toEqual({ initialBudget: 80, annualBudget: 80, executed: 72 });
    expect(p?.funds.carryover).toEqual({ initialBudget: 20, annualBudget: 20, executed: 18 });
  });

  it('converts amounts printed in 元 to 万元', () => {
    const head = HEAD.map((r) =>
      r.map((t) => (t === '项目资金(万元)' ? '项目资金（元）' : t === '100' ? '1,281,800' : t === '90' ? '1278500.5' : t)),
    );
    const [p] = projects([tablePage([...head, ...INDICATORS], { above: ['项目支出绩效自评表'] })]);
    expect(p?.funds.total).toMatchObject({ initialBudget: 128.18, annualBudget: 128.18, executed: 127.85005, weight: 10 });
  });

  it('does not carry a label over a page break onto rows whose names all say another group', () => {
    const page1 = tablePage([...HEAD, INDICATORS[0]!, ['^', '产出指标', '质量指标', '验收合格率', '≥95%', '96%', '40', '40']], { above: ['项目支出绩效自评表'] });
    const page2 = tablePage(
      [
        ['', '', '', '项目完成时间', '按期完成', '按期完成', '20', '20'],
        ['', '^', '^', '补贴发放及时性', '及时', '及时', '20', '20'],
        ['总分', '<', '<', '<', '<', '<', '80', '80'],
      ],
      { pageNumber: 2 },
    );
    const [p] = projects([page1, page2]);
    expect(p?.indicators.map((i) => [i.level2, i.name, i.printed])).toEqual([
      ['质量指标', '验收合格率', undefined],
      ['时效指标', '项目完成时间', { level1: '', level2: '' }],
      ['时效指标', '补贴发放及时性', { level1: '', level2: '' }],
    ]);
  });

  it('reads an indicator name printed in the 二级 column with 三级 empty', () => {
    const rows = [
      INDICATORS[0]!,
      ['^', '产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '50', '50'],
      ['^', '^', '接线员24小时在线响应', '', '24小时', '24小时', '40', '40'],
      ['总分', '<', '<', '<', '<', '<', '90', '90'],
    ];
    const [p] = projects([tablePage([...HEAD, ...rows], { above: ['项目支出绩效自评表'], colWidth: 110 })]);
    expect(p?.indicators.map((i) => [i.level1, i.level2, i.name, i.target])).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥100人次'],
      ['产出指标', '数量指标', '接线员24小时在线响应', '24小时'],
    ]);
  });

  it('reads the year from the 年度 line, not from a date line', () => {
    const [p] = projects([tablePage([...HEAD, ...INDICATORS], { above: ['项目支出绩效自评表', '填报日期：2025年3月10日', '（2024年度）'] })]);
    expect(p?.year).toBe(2024);
  });

  it('finds no form on a page without one', () => {
    expect(projects([tablePage([['序号', '名称'], ['1', '办公用品']], { above: ['2024年度部门决算说明'] })])).toEqual([]);
  });
});
