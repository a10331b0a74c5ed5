/**
 * Value parsers (src/model/values.ts): every target / actual string of the 15 seed forms
 * (fixtures/oracle/seed-forms.json), amounts and rates of their budget lines, OCR and full-width
 * variants, and the target-met decision.
 */
import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  isMet,
  normalizeValueText,
  parseActual,
  parseAmount,
  parsePercent,
  parseTarget,
  printedDecimals,
  unitsCompatible,
  type ParsedTarget,
} from '../../src/model/values.js';

type Row = [text: string, op: ParsedTarget['op'], value: number | null, unit: string, qualitative: boolean];

/** Every distinct 年度指标值 / 实际完成值 printed in the seed forms, with its reading. */
const SEED_VALUES: Row[] = [
  ["1", "", 1, "", false],
  ["100%", "", 100, "%", false],
  ["1036.44万元", "", 1036.44, "万元", false],
  ["1041.03万元", "", 1041.03, "万元", false],
  ["10次", "", 10, "次", false],
  ["11个", "", 11, "个", false],
  ["12.40万元/人年", "", 12.4, "万元/人年", false],
  ["126.44万元", "", 126.44, "万元", false],
  ["12万", "", 12, "万", false],
  ["1486个", "", 1486, "个", false],
  ["1500000", "", 1500000, "", false],
  ["15万", "", 15, "万", false],
  ["18.40万元/人年", "", 18.4, "万元/人年", false],
  ["18万", "", 18, "万", false],
  ["1个", "", 1, "个", false],
  ["2%", "", 2, "%", false],
  ["20", "", 20, "", false],
  ["20分", "", 20, "分", false],
  ["20分钟", "", 20, "分钟", false],
  ["20次", "", 20, "次", false],
  ["23", "", 23, "", false],
  ["24小时", "", 24, "小时", false],
  ["270.39万元", "", 270.39, "万元", false],
  ["2小时", "", 2, "小时", false],
  ["2条", "", 2, "条", false],
  ["2次", "", 2, "次", false],
  ["3", "", 3, "", false],
  ["30个", "", 30, "个", false],
  ["30年", "", 30, "年", false],
  ["31", "", 31, "", false],
  ["32", "", 32, "", false],
  ["3工作日", "", 3, "工作日", false],
  ["3条", "", 3, "条", false],
  ["3次", "", 3, "次", false],
  ["400", "", 400, "", false],
  ["400%", "", 400, "%", false],
  ["40000", "", 40000, "", false],
  ["45", "", 45, "", false],
  ["48", "", 48, "", false],
  ["49.8万元", "", 49.8, "万元", false],
  ["4小时", "", 4, "小时", false],
  ["5", "", 5, "", false],
  ["5%", "", 5, "%", false],
  ["50", "", 50, "", false],
  ["52次", "", 52, "次", false],
  ["5万元", "", 5, "万元", false],
  ["6", "", 6, "", false],
  ["60", "", 60, "", false],
  ["62.3万", "", 62.3, "万", false],
  ["624.43万元", "", 624.43, "万元", false],
  ["626.16万元", "", 626.16, "万元", false],
  ["65.88", "", 65.88, "", false],
  ["8.82万元", "", 8.82, "万元", false],
  ["80", "", 80, "", false],
  ["80%", "", 80, "%", false],
  ["84", "", 84, "", false],
  ["863.11万元", "", 863.11, "万元", false],
  ["90%", "", 90, "%", false],
  ["95%", "", 95, "%", false],
  ["=2", "=", 2, "", false],
  ["=3条", "=", 3, "条", false],
  ["≤10次", "≤", 10, "次", false],
  ["≤12万元", "≤", 12, "万元", false],
  ["≤153.48万元", "≤", 153.48, "万元", false],
  ["≤156.6456万", "≤", 156.6456, "万", false],
  ["≤15万元", "≤", 15, "万元", false],
  ["≤18万元", "≤", 18, "万元", false],
  ["≤2%", "≤", 2, "%", false],
  ["≤20分钟", "≤", 20, "分钟", false],
  ["≤20次", "≤", 20, "次", false],
  ["≤21.552万元", "≤", 21.552, "万元", false],
  ["≤27万元", "≤", 27, "万元", false],
  ["≤2小时", "≤", 2, "小时", false],
  ["≤31万元", "≤", 31, "万元", false],
  ["≤37.6万元", "≤", 37.6, "万元", false],
  ["≤39.6万元", "≤", 39.6, "万元", false],
  ["≤3次", "≤", 3, "次", false],
  ["≤47.04万元", "≤", 47.04, "万元", false],
  ["≤4小时", "≤", 4, "小时", false],
  ["≤5%", "≤", 5, "%", false],
  ["≤51万元", "≤", 51, "万元", false],
  ["≤62.3万元", "≤", 62.3, "万元", false],
  ["≤65.88万", "≤", 65.88, "万", false],
  ["≤650.4万元", "≤", 650.4, "万元", false],
  ["≤8.82万元", "≤", 8.82, "万元", false],
  ["≥0个", "≥", 0, "个", false],
  ["≥100%", "≥", 100, "%", false],
  ["≥11个", "≥", 11, "个", false],
  ["≥1486个", "≥", 1486, "个", false],
  ["≥1500000", "≥", 1500000, "", false],
  ["≥1个", "≥", 1, "个", false],
  ["≥30个", "≥", 30, "个", false],
  ["≥30年", "≥", 30, "年", false],
  ["≥400%", "≥", 400, "%", false],
  ["≥400000", "≥", 400000, "", false],
  ["≥400个", "≥", 400, "个", false],
  ["≥500000条", "≥", 500000, "条", false],
  ["≥52次", "≥", 52, "次", false],
  ["≥5个", "≥", 5, "个", false],
  ["≥90%", "≥", 90, "%", false],
  ["优", "", null, "", true],
  ["优良中低差", "", null, "", true],
  ["可达到预期", "", null, "", true],
  ["可达到预期指标", "", null, "", true],
  ["同比上升", "", null, "", true],
  ["持平", "", null, "", true],
  ["按标准完成", "", null, "", true],
  ["是", "", null, "", true],
  ["未超过", "", null, "", true],
  ["正常运转", "", null, "", true],
  ["符合政策", "", null, "", true],
];

describe('parseTarget / parseActual on every seed value', () => {
  it.each(SEED_VALUES)('%s', (text, op, value, unit, qualitative) => {
    const expected: ParsedTarget = { op, value, unit, qualitative };
    expect(parseTarget(text)).toEqual(expected);
    expect(parseActual(text)).toEqual(expected);
  });

  it('covers the seed qualitative texts as qualitative, never as numbers', () => {
    const qualitative = SEED_VALUES.filter((r) => r[4]).map((r) => r[0]);
    expect(qualitative).toEqual(
      expect.arrayContaining(['正常运转', '优良中低差', '同比上升', '是', '符合政策', '可达到预期指标', '未超过', '按标准完成', '持平']),
    );
    for (const t of qualitative) expect(parseTarget(t).value).toBeNull();
  });
});

describe('parseTarget: operators, spacing, full width, OCR noise', () => {
  const cases: [string, ParsedTarget['op'], number | null, string][] = [
    // Seed OCR page (seed.txt, forms 6 and 7): spaces around everything.
    ['≥ 30 年', '≥', 30, '年'],
    ['≤ 2 小时', '≤', 2, '小时'],
    ['≤ 47.04 万元', '≤', 47.04, '万元'],
    ['≤156.6 456 万', '≤', 156.6456, '万'],
    ['≥ 90%', '≥', 90, '%'],
    ['2 小时', '', 2, '小时'],
    // Full width.
    ['＞＝９０％', '≥', 90, '%'],
    ['＜＝２０分钟', '≤', 20, '分钟'],
    ['≥１，５００，０００条', '≥', 1500000, '条'],
    ['＝２', '=', 2, ''],
    ['＞5个', '>', 5, '个'],
    ['＜3次', '<', 3, '次'],
    // ASCII spellings and variants.
    ['>=95%', '≥', 95, '%'],
    ['<= 10 次', '≤', 10, '次'],
    ['≧1个', '≥', 1, '个'],
    ['≦5%', '≤', 5, '%'],
    ['> 0', '>', 0, ''],
    ['<1%', '<', 1, '%'],
    // Word operators.
    ['不低于95%', '≥', 95, '%'],
    ['不少于 3 次', '≥', 3, '次'],
    ['大于等于100%', '≥', 100, '%'],
    ['达到100%', '≥', 100, '%'],
    ['不高于5万元', '≤', 5, '万元'],
    ['不超过 20 分钟', '≤', 20, '分钟'],
    ['不多于2次', '≤', 2, '次'],
    ['小于等于2%', '≤', 2, '%'],
    ['控制在5%以内', '≤', 5, '%'],
    ['控制在 47.04 万元以内', '≤', 47.04, '万元'],
    ['90%以上', '≥', 90, '%'],
    ['5万元以下', '≤', 5, '万元'],
    ['3个工作日内', '≤', 3, '个工作日'],
    // Units and separators.
    ['18.40万元/人年', '', 18.4, '万元/人年'],
    ['18.40 万元 / 人年', '', 18.4, '万元/人年'],
    ['1,036.44万元', '', 1036.44, '万元'],
    ['1 036.44万元', '', 1036.44, '万元'],
    ['99. 91%', '', 99.91, '%'],
    ['3工作日', '', 3, '工作日'],
    ['≤-5%', '≤', -5, '%'],
  ];
  it.each(cases)('%s', (text, op, value, unit) => {
    expect(parseTarget(text)).toEqual({ op, value, unit, qualitative: false });
  });

  it('reads a range as ≥ lower bound with an inclusive upper bound', () => {
    expect(parseTarget('90%-100%')).toEqual({ op: '≥', value: 90, unit: '%', qualitative: false, upper: 100 });
    expect(parseTarget('90%—100%')).toEqual({ op: '≥', value: 90, unit: '%', qualitative: false, upper: 100 });
    expect(parseTarget('1~3个')).toEqual({ op: '≥', value: 1, unit: '个', qualitative: false, upper: 3 });
    expect(parseTarget('80至90%')).toEqual({ op: '≥', value: 80, unit: '%', qualitative: false, upper: 90 });
    expect(parseTarget('100%-90%')).toEqual({ op: '≥', value: 90, unit: '%', qualitative: false, upper: 100 });
  });

  it('treats dashes and empty cells as empty, not qualitative', () => {
    for (const t of ['', '  ', '-', '—', '——', '－', '/', '无']) {
      expect(parseTarget(t)).toEqual({ op: '', value: null, unit: '', qualitative: false });
    }
  });

  it('treats text without a leading number as qualitative, whatever operator word it starts with', () => {
    for (const t of ['达到预期', '不超过预算', '提前3天完成', '同比上升', '未超过', '1,2,3期']) {
      expect(parseTarget(t)).toEqual({ op: '', value: null, unit: '', qualitative: true });
    }
  });

  it('keeps an operator on an actual (seed: ≤47.04万元 printed as the actual)', () => {
    expect(parseActual('≤47.04万元')).toEqual({ op: '≤', value: 47.04, unit: '万元', qualitative: false });
  });
});

describe('parseAmount', () => {
  const numbers: [string, number][] = [
    // Seed budget lines (forms 1-15).
    ['128.18', 128.18],
    ['191.2947', 191.2947],
    ['89.2947', 89.2947],
    ['67.7492', 67.7492],
    ['162.317', 162.317],
    ['100.4004', 100.4004],
    ['45', 45],
    ['40.68', 40.68],
    ['10', 10],
    ['9.97', 9.97],
    ['99.97', 99.97],
    ['8.8', 8.8],
    // Separators, OCR spaces, units, full width.
    ['1,234.56', 1234.56],
    ['1，234.56', 1234.56],
    ['1,234,567', 1234567],
    ['1 036.44', 1036.44],
    ['99. 91', 99.91],
    ['99 .91', 99.91],
    ['１２３．４５', 123.45],
    ['１，２３４．５６万元', 1234.56],
    ['128.18万元', 128.18],
    ['128.18 万元', 128.18],
    ['5万', 5],
    ['300元', 300],
    ['8.8分', 8.8],
    ['  9.97 ', 9.97],
    ['0.50', 0.5],
    ['-3.5', -3.5],
  ];
  it.each(numbers)('%s → %d', (text, value) => {
    expect(parseAmount(text)).toEqual({ kind: 'number', value });
  });

  it('reads dashes and 无 as empty', () => {
    for (const t of ['', ' ', '-', '—', '——', '–', '－', '/', '／', '无', '一']) {
      expect(parseAmount(t)).toEqual({ kind: 'empty' });
    }
  });

  it('reports anything else as invalid, with the original text', () => {
    for (const t of ['12a', '1,23', '1.2.3', '99.74%', 'abc', '十', '1,2345.6', '≥5']) {
      expect(parseAmount(t)).toEqual({ kind: 'invalid', text: t });
    }
  });
});

describe('parsePercent', () => {
  const rates: [string, number][] = [
    // Seed 执行率.
    ['99.74%', 99.74],
    ['75.87%', 75.87],
    ['90.40%', 90.4],
    ['61.85%', 61.85],
    ['100%', 100],
    ['０％', 0],
    ['99.74', 99.74],
    ['99. 74 %', 99.74],
    ['９９．７４％', 99.74],
  ];
  it.each(rates)('%s → %d', (text, value) => {
    expect(parsePercent(text)).toEqual({ kind: 'number', value });
  });
  it('empty and invalid', () => {
    expect(parsePercent('—')).toEqual({ kind: 'empty' });
    expect(parsePercent('')).toEqual({ kind: 'empty' });
    expect(parsePercent('99.74%%')).toEqual({ kind: 'invalid', text: '99.74%%' });
    expect(parsePercent('约99%')).toEqual({ kind: 'invalid', text: '约99%' });
  });
});

describe('printedDecimals', () => {
  it('counts fraction digits as printed, trailing zeros included', () => {
    expect(printedDecimals('9.9')).toBe(1);
    expect(printedDecimals('9.90')).toBe(2);
    expect(printedDecimals('10')).toBe(0);
    expect(printedDecimals('99.74%')).toBe(2);
    expect(printedDecimals('191.2947')).toBe(4);
    expect(printedDecimals('1,234.5万元')).toBe(1);
    expect(printedDecimals('—')).toBeNull();
    expect(printedDecimals('abc')).toBeNull();
  });
});

describe('compareDecimal', () => {
  it('compares printed decimals exactly', () => {
    expect(compareDecimal(47.04, 47.04)).toBe(0);
    expect(compareDecimal(0.3, 0.1 + 0.2)).toBe(-1); // 0.1 + 0.2 prints as 0.30000000000000004
    expect(compareDecimal(9.765, 9.77)).toBe(-1);
    expect(compareDecimal(1e21, 1e20)).toBe(1);
    expect(compareDecimal(1.5e-7, 1.4e-7)).toBe(1);
    expect(compareDecimal(-2, 1)).toBe(-1);
    expect(compareDecimal(156.6456, 156.6456)).toBe(0);
  });
});

describe('normalizeValueText', () => {
  it('folds full width, operators, dashes and whitespace', () => {
    expect(normalizeValueText('＞＝ １２ ％')).toBe('≥ 12 %');
    expect(normalizeValueText('<=3')).toBe('≤3');
    expect(normalizeValueText('—')).toBe('-');
    expect(normalizeValueText('  a \t b  ')).toBe('a b');
  });
});

describe('isMet', () => {
  const t = parseTarget;
  const cases: [string, string, 'higher-better' | 'lower-better' | undefined, boolean | null][] = [
    // From the seed.
    ['≥400000', '40000', undefined, false], // form 3 数据维护数量
    ['≥500000条', '6', undefined, false], // form 5 数据维护数量
    ['≤20分钟', '20分', undefined, true], // form 3: 分 aliased to 分钟
    ['3工作日', '100%', undefined, null], // form 8: incompatible units
    ['正常运转', '正常运转', undefined, null], // qualitative
    ['≥1个', '1个', undefined, true],
    ['≥1个', '1', undefined, true], // one side without unit
    ['≥1500000', '1500000', undefined, true],
    ['≤3次', '2次', undefined, true],
    ['≤65.88万', '65.88', undefined, true],
    ['≤62.3万元', '62.3万', undefined, true], // 万 aliased to 万元
    ['≤47.04万元', '≤47.04万元', undefined, true], // actual bound within the target
    ['≤153.48万元', '≤153.4', undefined, true],
    ['≤51万元', '49.8万元', undefined, true],
    ['=2', '2条', undefined, true],
    ['=3条', '3条', undefined, true],
    ['=3条', '2条', undefined, false],
    ['50', '60', undefined, true], // form 8 审核合同数量, default: higher is fine
    ['90%', '80%', undefined, false], // forms 12, 13, 15 满意度
    ['3', '1', undefined, false], // form 8 法律培训
    ['1041.03万元', '1036.44万元', 'lower-better', true], // form 12 人员成本
    ['1041.03万元', '1036.44万元', 'higher-better', false],
    ['1041.03万元', '1036.44万元', undefined, false],
    ['5万元', '5万元', 'lower-better', true],
    ['24小时', '24小时', undefined, true],
    ['≥30年', '可达到预期指标', undefined, null],
    ['863.11万元', '未超过', 'lower-better', null],
    ['1', '持平', undefined, null],
    ['≥100%', '100%', undefined, true],
    ['≥0个', '1个', undefined, true],
    ['≥400%', '400%', undefined, true],
    // Operators and bounds.
    ['>5', '5', undefined, false],
    ['>5', '5.01', undefined, true],
    ['<5', '5', undefined, false],
    ['<5', '4.99', undefined, true],
    ['≤0.3', String(0.1 + 0.2), undefined, false], // exact decimal comparison
    ['≤0.30', '0.3', undefined, true],
    ['≥9.765', '9.77', undefined, true],
    ['≤5%', '≥3%', undefined, null], // the bound straddles the target
    ['≤5%', '≥6%', undefined, false],
    ['≥90%', '≥95%', undefined, true],
    ['≥90%', '<80%', undefined, false],
    ['90%-100%', '95%', undefined, true],
    ['90%-100%', '100%', undefined, true],
    ['90%-100%', '89.9%', undefined, false],
    ['≥90%', '90', undefined, true],
    ['≥90%', '90个', undefined, null],
    ['≥2小时', '120分钟', undefined, true], // converted: 120分钟 = 2小时 (more in values.units.test.ts)
    ['', '5', undefined, null],
    ['5', '', undefined, null],
  ];
  it.each(cases)('%s vs %s (%s) → %s', (target, actual, direction, expected) => {
    expect(isMet(t(target), t(actual), direction)).toBe(expected);
  });
});

describe('unitsCompatible', () => {
  it('aliases 分/分钟 and 万/万元, accepts a missing unit, converts units of one kind', () => {
    expect(unitsCompatible('分钟', '分')).toBe(true);
    expect(unitsCompatible('万', '万元')).toBe(true);
    expect(unitsCompatible('', '%')).toBe(true);
    expect(unitsCompatible('工作日', '%')).toBe(false);
    expect(unitsCompatible('万元', '元')).toBe(true);
    expect(unitsCompatible('个', '条')).toBe(false);
  });
});
