/**
 * Taxonomy resolver (src/model/taxonomy.ts): label matching and the seed forms' label quirks
 * (fixtures/oracle/seed-forms.json `printed`): form 2/5/12/13/15 `服务对象满意度标`, form 6
 * `服务对象满意度`, form 4 `满意度指标` over a cost row, form 5 swapped columns and unlabelled
 * cost rows, forms 8/11-15 the older template's 产出指标/成本指标.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAXONOMY, type Level1, type Level2 } from '../../src/dictionary.js';
import {
  LEVEL1_LABELS,
  belongsTo,
  canonicalLevel1,
  canonicalLevel2,
  defaultDirection,
  inferFromName,
  ownerOf,
  resolveLabels,
} from '../../src/model/taxonomy.js';

const ALL_LEVEL2: [Level1, Level2][] = LEVEL1_LABELS.flatMap((l1) => TAXONOMY[l1].map((l2): [Level1, Level2] => [l1, l2]));

describe('canonicalLevel2', () => {
  it.each(ALL_LEVEL2)('%s/%s is its own canonical form, with or without 指标 and with noise', (_l1, l2) => {
    expect(canonicalLevel2(l2)).toBe(l2);
    expect(canonicalLevel2(l2.replace(/指标$/, ''))).toBe(l2);
    expect(canonicalLevel2(` ${[...l2].join(' ')} `)).toBe(l2);
    expect(canonicalLevel2(`${l2}（10分）`)).toBe(l2);
  });

  const variants: [string, Level2 | null][] = [
    ['服务对象满意度标', '服务对象满意度指标'], // seed forms 2, 5, 12, 13, 15
    ['服务对象满意度', '服务对象满意度指标'], // seed form 6
    ['满意度', '服务对象满意度指标'],
    ['服务对象满意度指', '服务对象满意度指标'],
    ['服务对像满意度指标', '服务对象满意度指标'],
    ['数量', '数量指标'],
    ['数量指', '数量指标'],
    ['数量指木', '数量指标'],
    ['质量', '质量指标'],
    ['时效', '时效指标'],
    ['社会效益', '社会效益指标'],
    ['社会效益指', '社会效益指标'],
    ['杜会效益指标', '社会效益指标'],
    ['可持续影响', '可持续影响指标'],
    ['可持续影响指', '可持续影响指标'],
    ['可持续影晌指标', '可持续影响指标'],
    ['经济效益', '经济效益指标'],
    ['经济成本', '经济成本指标'],
    ['经济成本指', '经济成本指标'],
    ['生态环境成本', '生态环境成本指标'],
    ['生态效益', '生态效益指标'],
    ['ｓ数量指标', '数量指标'],
    ['数量指标\n', '数量指标'],
    // The ambiguous one: also a 二级 label (older template, under 产出指标).
    ['成本指标', '成本指标'],
    ['成本', '成本指标'],
    // Neighbours stay apart.
    ['经济成益指标', null], // one edit from both 经济效益指标 and 经济成本指标
    ['量指标', null], // 数量指标 or 质量指标
    ['X量指标', null],
    // 一级 labels are not 二级 labels.
    ['产出指标', null],
    ['效益指标', null],
    ['满意度指标', null],
    ['产出', null],
    // Noise.
    ['', null],
    ['  ', null],
    ['应用系统维护数量', null],
    ['指标', null],
    ['123', null],
  ];
  it.each(variants)('%s → %s', (printed, expected) => {
    expect(canonicalLevel2(printed)).toBe(expected);
  });

  it('does not confuse 经济效益指标 and 经济成本指标 under one-character slips', () => {
    expect(canonicalLevel2('经济效益指木')).toBe('经济效益指标');
    expect(canonicalLevel2('经济成本指木')).toBe('经济成本指标');
    expect(canonicalLevel2('经济效益')).toBe('经济效益指标');
    expect(canonicalLevel2('经济成本')).toBe('经济成本指标');
  });

  it('full-width and whitespace noise never changes the reading (property)', () => {
    const labels = ALL_LEVEL2.map(([, l2]) => l2);
    fc.assert(
      fc.property(
        fc.constantFrom(...labels),
        fc.array(fc.constantFrom(' ', '\u3000', '\n', '\t'), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (label, spaces, positions) => {
          const chars = [...label];
          positions.forEach((p, i) => chars.splice(p % (chars.length + 1), 0, spaces[i % Math.max(spaces.length, 1)] ?? ' '));
          expect(canonicalLevel2(chars.join(''))).toBe(label);
        },
      ),
    );
  });

  it('a one-character deletion of a full 二级 label never reads as a different label (property)', () => {
    const labels = ALL_LEVEL2.map(([, l2]) => l2);
    fc.assert(
      fc.property(fc.constantFrom(...labels), fc.nat(), (label, p) => {
        const chars = [...label];
        chars.splice(p % chars.length, 1);
        const got = canonicalLevel2(chars.join(''));
        expect(got === null || got === label).toBe(true);
      }),
    );
  });
});

describe('canonicalLevel1', () => {
  it.each(LEVEL1_LABELS.map((l) => [l]))('%s', (l1) => {
    expect(canonicalLevel1(l1)).toBe(l1);
    expect(canonicalLevel1(l1.replace(/指标$/, ''))).toBe(l1);
    expect(canonicalLevel1(` ${l1} `)).toBe(l1);
  });
  const variants: [string, Level1 | null][] = [
    ['产出', '产出指标'],
    ['效益指', '效益指标'],
    ['满意度', '满意度指标'],
    ['满意度指', '满意度指标'],
    ['产岀指标', '产出指标'],
    ['成本指标', '成本指标'],
    ['成本', '成本指标'],
    ['数量指标', null],
    ['服务对象满意度指标', null],
    ['经济成本指标', null],
    ['社会效益指标', null],
    ['', null],
    ['总分', null],
  ];
  it.each(variants)('%s → %s', (printed, expected) => {
    expect(canonicalLevel1(printed)).toBe(expected);
  });
});

describe('ownerOf / belongsTo', () => {
  it.each(ALL_LEVEL2)('%s owns %s', (l1, l2) => {
    expect(ownerOf(l2)).toBe(l1);
    expect(belongsTo(l2, l1)).toBe(true);
  });
  it('the older 成本指标 二级 label belongs to 产出指标, not to the 成本指标 group', () => {
    expect(ownerOf('成本指标')).toBe('产出指标');
    expect(belongsTo('成本指标', '成本指标')).toBe(false);
  });
});

describe('inferFromName', () => {
  const cases: [string, Level1 | undefined, [Level1, Level2] | null][] = [
    // Seed form 5's unlabelled cost rows.
    ['软件维护成本', undefined, ['成本指标', '经济成本指标']],
    ['数据维护成本', undefined, ['成本指标', '经济成本指标']],
    ['年度维护成本变化率', undefined, ['成本指标', '经济成本指标']],
    ['应用系统维护成本', undefined, ['成本指标', '经济成本指标']],
    ['使用人员满意度', undefined, ['满意度指标', '服务对象满意度指标']],
    ['管理人员满意度', undefined, ['满意度指标', '服务对象满意度指标']],
    ['故障修复时间', undefined, ['产出指标', '时效指标']],
    ['故障应急响应时间', undefined, ['产出指标', '时效指标']],
    ['硬件设备巡检频率', undefined, ['产出指标', '时效指标']],
    ['系统故障修复率', undefined, ['产出指标', '质量指标']],
    ['硬件维护故障次数', undefined, ['产出指标', '质量指标']],
    ['数据差错率', undefined, ['产出指标', '质量指标']],
    ['硬件维护数量', undefined, ['产出指标', '数量指标']],
    ['接线员总人数', undefined, ['产出指标', '数量指标']],
    ['CPU、内存、存储设备利用率', undefined, ['效益指标', '社会效益指标']],
    ['系统、设备未来持续使用年限', undefined, ['效益指标', '可持续影响指标']],
    ['符合市、区政策方向', undefined, ['效益指标', '可持续影响指标']],
    ['项目社会成本', undefined, ['成本指标', '社会成本指标']],
    ['生态环境成本', undefined, ['成本指标', '生态环境成本指标']],
    // The older template: a cost name under 产出指标.
    ['人员成本', '产出指标', ['产出指标', '成本指标']],
    ['人员成本', '成本指标', ['成本指标', '经济成本指标']],
    ['使用人员满意度', '满意度指标', ['满意度指标', '服务对象满意度指标']],
    ['租用专线', undefined, null],
    ['', undefined, null],
  ];
  it.each(cases)('%s (under %s)', (name, level1, expected) => {
    const got = inferFromName(name, level1);
    expect(got === null ? null : [got.level1, got.level2]).toEqual(expected);
  });
});

describe('defaultDirection', () => {
  it('costs, faults and durations are lower-better, the rest higher-better', () => {
    expect(defaultDirection('成本指标', '经济成本指标', '硬件维护成本')).toBe('lower-better');
    expect(defaultDirection('产出指标', '成本指标', '人员成本')).toBe('lower-better');
    expect(defaultDirection('产出指标', '质量指标', '硬件维护故障次数')).toBe('lower-better');
    expect(defaultDirection('产出指标', '时效指标', '故障修复时间')).toBe('lower-better');
    expect(defaultDirection('产出指标', '数量指标', '审核合同数量')).toBe('higher-better');
    expect(defaultDirection('满意度指标', '服务对象满意度指标', '管理人员满意度')).toBe('higher-better');
  });
});

type Case = {
  p1: string;
  p2: string;
  name: string;
  previous?: { level1: string; level2: string };
  expected: [Level1, Level2 | string, boolean];
};

describe('resolveLabels: seed label quirks (forms.json `printed`)', () => {
  const cases: Case[] = [
    // Form 2 (also 5, 12, 13, 15): misspelled 二级 → normalized, no finding.
    { p1: '满意度指标', p2: '服务对象满意度标', name: '使用人员满意度', expected: ['满意度指标', '服务对象满意度指标', false] },
    { p1: '满意度指标', p2: '服务对象满意度标', name: '管理人员满意度', expected: ['满意度指标', '服务对象满意度指标', false] },
    // Form 6: short form.
    { p1: '满意度指标', p2: '服务对象满意度', name: '使用人员满意度', expected: ['满意度指标', '服务对象满意度指标', false] },
    // Form 4: a cost row under 满意度指标.
    {
      p1: '满意度指标',
      p2: '经济成本指标',
      name: '软件开发成本',
      previous: { level1: '效益指标', level2: '可持续影响指标' },
      expected: ['成本指标', '经济成本指标', true],
    },
    // Form 5, first page: columns swapped.
    { p1: '数量指标', p2: '产出指标', name: '应用系统维护数量', expected: ['产出指标', '数量指标', true] },
    { p1: '数量指标', p2: '产出指标', name: '数据维护数量', expected: ['产出指标', '数量指标', true] },
    { p1: '质量指标', p2: '产出指标', name: '系统故障修复率', expected: ['产出指标', '质量指标', true] },
    { p1: '质量指标', p2: '产出指标', name: '硬件维护故障次数', expected: ['产出指标', '质量指标', true] },
    // Form 5: cost rows printed without labels.
    {
      p1: '',
      p2: '',
      name: '软件维护成本',
      previous: { level1: '效益指标', level2: '可持续影响指标' },
      expected: ['成本指标', '经济成本指标', true],
    },
    {
      p1: '',
      p2: '',
      name: '数据维护成本',
      previous: { level1: '成本指标', level2: '经济成本指标' },
      expected: ['成本指标', '经济成本指标', true],
    },
    {
      p1: '',
      p2: '',
      name: '年度维护成本变化率',
      previous: { level1: '成本指标', level2: '经济成本指标' },
      expected: ['成本指标', '经济成本指标', true],
    },
    { p1: '', p2: '', name: '应用系统维护成本', expected: ['成本指标', '经济成本指标', true] },
    // Forms 8, 11-15: the older template's 产出指标/成本指标, consistent.
    { p1: '产出指标', p2: '成本指标', name: '运转或维护成本', expected: ['产出指标', '成本指标', false] },
    { p1: '产出指标', p2: '成本指标', name: '人员成本', expected: ['产出指标', '成本指标', false] },
    {
      p1: '',
      p2: '成本指标',
      name: '人员成本',
      previous: { level1: '产出指标', level2: '时效指标' },
      expected: ['产出指标', '成本指标', false],
    },
    // The newer template's cost group, consistent.
    { p1: '成本指标', p2: '经济成本指标', name: '硬件维护成本', expected: ['成本指标', '经济成本指标', false] },
  ];
  it.each(cases)('$p1 / $p2 / $name', ({ p1, p2, name, previous, expected }) => {
    const got = resolveLabels({ printedLevel1: p1, printedLevel2: p2, name, ...(previous ? { previous } : {}) });
    expect(got).not.toBeNull();
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(expected);
    if (expected[2]) expect(got?.reason).toBeTruthy();
  });

  it('names what was printed in the reason', () => {
    const swapped = resolveLabels({ printedLevel1: '数量指标', printedLevel2: '产出指标', name: '硬件维护数量' });
    expect(swapped?.reason).toContain('数量指标');
    expect(swapped?.reason).toContain('产出指标');
    expect(swapped?.reason).toMatch(/swapped/);
    const wrong = resolveLabels({ printedLevel1: '满意度指标', printedLevel2: '经济成本指标', name: '软件开发成本' });
    expect(wrong?.reason).toContain('满意度指标');
    const missing = resolveLabels({ printedLevel1: '', printedLevel2: '', name: '软件维护成本' });
    expect(missing?.reason).toMatch(/missing/);
  });
});

describe('resolveLabels: other cases', () => {
  it('every canonical pair, printed as such, is consistent', () => {
    for (const [l1, l2] of ALL_LEVEL2) {
      expect(resolveLabels({ printedLevel1: l1, printedLevel2: l2, name: '' })).toEqual({
        level1: l1,
        level2: l2,
        inconsistent: false,
      });
    }
  });

  it('every canonical pair, swapped, is read back with a finding', () => {
    for (const [l1, l2] of ALL_LEVEL2) {
      const got = resolveLabels({ printedLevel1: l2, printedLevel2: l1, name: '' });
      expect([got?.level1, got?.level2, got?.inconsistent]).toEqual([l1, l2, true]);
    }
  });

  it('a 二级 label with the 一级 column empty (merged cell labelled elsewhere): level1 follows, no finding', () => {
    expect(resolveLabels({ printedLevel1: '', printedLevel2: '质量指标', name: '回复率' })).toEqual({
      level1: '产出指标',
      level2: '质量指标',
      inconsistent: false,
    });
    expect(resolveLabels({ printedLevel1: ' ', printedLevel2: '服务对象满意度标', name: 'x' })).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      inconsistent: false,
    });
  });

  it('成本指标 in the 二级 column after 效益 rows is the 一级 cost group, with a finding', () => {
    const got = resolveLabels({
      printedLevel1: '',
      printedLevel2: '成本指标',
      name: '硬件维护成本',
      previous: { level1: '效益指标', level2: '可持续影响指标' },
    });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['成本指标', '经济成本指标', true]);
  });

  it('成本指标 in the 二级 column without context is the older 产出指标/成本指标', () => {
    expect(resolveLabels({ printedLevel1: '', printedLevel2: '成本指标', name: '人员成本' })).toEqual({
      level1: '产出指标',
      level2: '成本指标',
      inconsistent: false,
    });
  });

  it('成本指标 as 二级 under a 一级 other than 产出指标 keeps 产出指标/成本指标, with a finding', () => {
    const got = resolveLabels({ printedLevel1: '社会效益指标', printedLevel2: '成本指标', name: '人员成本' });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['产出指标', '成本指标', true]);
  });

  it('only a 一级 label: 二级 from the row above when it belongs there', () => {
    const got = resolveLabels({
      printedLevel1: '产出指标',
      printedLevel2: '',
      name: '软件维护数量',
      previous: { level1: '产出指标', level2: '数量指标' },
    });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['产出指标', '数量指标', true]);
  });

  it('only a 一级 label: 二级 from the name when the row above is another group', () => {
    const got = resolveLabels({
      printedLevel1: '效益指标',
      printedLevel2: '',
      name: '系统、设备未来持续使用年限',
      previous: { level1: '产出指标', level2: '时效指标' },
    });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['效益指标', '可持续影响指标', true]);
  });

  it('only a 一级 label with a single 二级 label: that one', () => {
    const got = resolveLabels({ printedLevel1: '满意度指标', printedLevel2: '', name: '群众评价' });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['满意度指标', '服务对象满意度指标', true]);
  });

  it('only a 一级 label and nothing to go on: 二级 left empty', () => {
    const got = resolveLabels({ printedLevel1: '产出指标', printedLevel2: '', name: '租用专线' });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['产出指标', '', true]);
  });

  it('a 二级 label in the 一级 column, 二级 empty', () => {
    const got = resolveLabels({ printedLevel1: '社会效益指标', printedLevel2: '', name: '系统利用率' });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['效益指标', '社会效益指标', true]);
  });

  it('a 一级 label in the 二级 column, 一级 empty', () => {
    const got = resolveLabels({ printedLevel1: '', printedLevel2: '满意度指标', name: '使用人员满意度' });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['满意度指标', '服务对象满意度指标', true]);
  });

  it('no labels: the name, else the row above, else null', () => {
    const byPrevious = resolveLabels({
      printedLevel1: '',
      printedLevel2: '',
      name: '租用专线',
      previous: { level1: '产出指标', level2: '数量指标' },
    });
    expect([byPrevious?.level1, byPrevious?.level2, byPrevious?.inconsistent]).toEqual(['产出指标', '数量指标', true]);
    expect(resolveLabels({ printedLevel1: '', printedLevel2: '', name: '租用专线' })).toBeNull();
    expect(resolveLabels({ printedLevel1: '', printedLevel2: '', name: '' })).toBeNull();
    expect(resolveLabels({ printedLevel1: '???', printedLevel2: '!!!', name: '' })).toBeNull();
  });

  it('no labels after older-template cost rows: a cost name stays in 产出指标/成本指标', () => {
    const got = resolveLabels({
      printedLevel1: '',
      printedLevel2: '',
      name: '单位人员成本',
      previous: { level1: '产出指标', level2: '成本指标' },
    });
    expect([got?.level1, got?.level2, got?.inconsistent]).toEqual(['产出指标', '成本指标', true]);
  });

  it('misspelled labels in both columns are normalized without a finding', () => {
    expect(resolveLabels({ printedLevel1: '产 出 指 标', printedLevel2: '数量指', name: '' })).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      inconsistent: false,
    });
    expect(resolveLabels({ printedLevel1: '效益', printedLevel2: '社会效益', name: '' })).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      inconsistent: false,
    });
    expect(resolveLabels({ printedLevel1: '满意度指标', printedLevel2: '满意度', name: '' })).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      inconsistent: false,
    });
  });

  it('chains: each result can be the next row’s previous', () => {
    const rows = [
      ['数量指标', '产出指标', '应用系统维护数量'],
      ['', '', '硬件维护数量'],
      ['', '', '软件维护成本'],
      ['', '', '数据维护成本'],
    ] as const;
    let previous: { level1: string; level2: string } | undefined;
    const out: string[] = [];
    for (const [p1, p2, name] of rows) {
      const got = resolveLabels({ printedLevel1: p1, printedLevel2: p2, name, ...(previous ? { previous } : {}) });
      expect(got).not.toBeNull();
      if (got) previous = { level1: got.level1, level2: got.level2 };
      out.push(`${got?.level1}/${got?.level2}`);
    }
    expect(out).toEqual(['产出指标/数量指标', '产出指标/数量指标', '成本指标/经济成本指标', '成本指标/经济成本指标']);
  });
});

/**
 * All rows of the seed reference (fixtures/oracle/seed-forms.json): printed labels (canonical
 * unless `printed` says otherwise) resolve to the canonical labels, with a finding exactly
 * where the 一级 label was printed differently (or missing).
 */
const SEED = new URL('../../fixtures/oracle/seed-forms.json', import.meta.url);
describe('resolveLabels over every row of the seed forms', () => {
  interface SeedIndicator {
    level1: Level1;
    level2: Level2;
    name: string;
    printed?: { level1?: string; level2?: string };
  }
  const forms = (JSON.parse(readFileSync(SEED, 'utf8')) as { forms: { indicators: SeedIndicator[] }[] }).forms;
  it('resolves all rows', () => {
    let rows = 0;
    let findings = 0;
    for (const form of forms) {
      let previous: { level1: string; level2: string } | undefined;
      for (const ind of form.indicators) {
        const got = resolveLabels({
          printedLevel1: ind.printed?.level1 ?? ind.level1,
          printedLevel2: ind.printed?.level2 ?? ind.level2,
          name: ind.name,
          ...(previous ? { previous } : {}),
        });
        expect([got?.level1, got?.level2], ind.name).toEqual([ind.level1, ind.level2]);
        expect(got?.inconsistent, ind.name).toBe(ind.printed?.level1 !== undefined);
        if (got?.inconsistent) findings++;
        previous = { level1: ind.level1, level2: ind.level2 };
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(150);
    expect(findings).toBe(14); // form 4: 1 row; form 5: 9 swapped + 4 unlabelled
  });
});
