import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLabel } from '../../src/dictionary.js';
import {
  KNOWN_LABELS,
  cleanCellText,
  cleanSpacing,
  editDistance,
  maxLabelEdits,
  onesFromStrokes,
  snapLabel,
  type CellHint,
} from '../../src/ocr/cell-text.js';

describe('cleanCellText', () => {
  // [hint, tesseract output, expected]; OCR outputs marked "seed 01" were read from the
  // 300-dpi render of fixtures/seed-single/form-01.pdf.
  const cases: [CellHint, string, string][] = [
    // Spacing
    ['text', '项 目 名 称', '项目名称'],
    ['text', '2024 年 - 城 指 中心 网格 化', '2024年-城指中心网格化'],
    ['text', 'CPU、 内存 、 存储 设备\n利用 率', 'CPU、内存、存储设备利用率'],
    ['text', 'Windows Server\n维护', 'Windows Server维护'],
    ['text', 'Windows\nServer', 'Windows Server'],
    ['text', '合计 1 036.44 万元', '合计1036.44万元'],
    ['text', '  \n ', ''],
    // Numbers
    ['number', '99. 91', '99.91'],
    ['number', '99 .91', '99.91'],
    ['number', '1 036.44', '1036.44'],
    ['number', '99.74 %', '99.74%'],
    ['number', '１２８．１８', '128.18'],
    ['number', '９９．７４％', '99.74%'],
    ['number', '一', '—'],
    ['number', '——', '—'],
    ['number', '—', '—'],
    ['number', '-', '-'],
    ['number', '-5', '-5'],
    ['number', '1O0', '100'],
    ['number', 'l0', '10'],
    ['number', '8\n', '8'],
    ['number', '', ''],
    // Targets: operators misread (seed 01), typed, spaced
    ['target', '之 1500000', '≥1500000'],
    ['target', '过 30 个', '≥30个'],
    ['target', '过 1 个', '≥1个'],
    ['target', '之 90%', '≥90%'],
    ['target', '入 3 次', '≤3次'],
    ['target', '和 10 次', '≤10次'],
    ['target', '和 2 小 时', '≤2小时'],
    ['target', '入 20 分 钟', '≤20分钟'],
    ['target', '委 62.3 万 元', '≤62.3万元'],
    ['target', '<5%', '≤5%'],
    ['target', '> 30 年', '≥30年'],
    ['target', '>= 98%', '≥98%'],
    ['target', '<=20分钟', '≤20分钟'],
    ['target', '≧ 1 个', '≥1个'],
    ['target', '≥ 1 个', '≥1个'],
    ['target', '≤ 156. 6456 万', '≤156.6456万'],
    ['target', '= 2', '=2'],
    ['target', '１００％', '100%'],
    ['target', '18.40 万 元 / 人 年', '18.40万元/人年'],
    // …but a CJK word that starts with one of those characters is left alone
    ['target', '和 谐 稳定', '和谐稳定'],
    ['target', '之前 完成', '之前完成'],
    ['target', '优 良 中 低 差', '优良中低差'],
    ['target', '可 达到 预期 指标', '可达到预期指标'],
    ['target', '一', '—'],
    // A 1 read as a stroke (I, l, |), in a number before a known unit or before a digit
    // (the 200-dpi odd-page scan of the seed: actual 1个 read I个)…
    ['target', 'I 个', '1个'],
    ['target', '≥I个', '≥1个'],
    ['target', '|0 个', '10个'],
    ['target', 'l0%', '10%'],
    ['target', 'l0', '10'],
    ['target', '1I个', '11个'],
    ['target', '≤I.5 小 时', '≤1.5小时'],
    // …not a Roman numeral before what is no unit, a word, litres, a lone letter
    ['target', 'Ⅰ级', 'I级'],
    ['target', 'IPv6', 'IPv6'],
    ['target', '1.5l', '1.5l'],
    ['target', 'I', 'I'],
    // Labels: snapped when one character is off, kept otherwise
    ['label', '实际 完成 什', '实际完成值'],
    ['label', '项 目 名 秤', '项目名称'],
    ['label', '服务 对象 满意 度 指 示', '服务对象满意度指标'],
    ['label', '社 会 效益 措 标', '社会效益指标'],
    ['label', '全 年 预算 数 (A)', '全年预算数(A)'],
    ['label', '全年 预 算 致 （A）', '全年预算数（A）'],
    ['label', '分 值', '分值'],
    ['label', '效 量 指标', '效量指标'], // one edit from both 数量指标 and 质量指标
    ['label', '得 仿', '得分'],
    ['label', '待 分', '待分'], // one edit from both 得分 and 总分
    ['label', '项目 名称', '项目名称'],
    ['label', '其中 : 当年 财政 拨款', '其中:当年财政拨款'],
    ['target', '可达到预期指标:', '可达到预期指标'],
    ['target', '≥90%，', '≥90%'],
  ];
  it.each(cases)('%s %j → %j', (hint, raw, expected) => {
    expect(cleanCellText(raw, hint)).toBe(expected);
  });

  it('never snaps text, numbers or targets, only label cells', () => {
    expect(cleanCellText('项目名秤', 'text')).toBe('项目名秤');
    expect(cleanCellText('数量指示', 'target')).toBe('数量指示');
    expect(cleanCellText('100', 'label')).toBe('100');
    expect(cleanCellText('2分值', 'label')).toBe('2分值');
  });
});

describe('snapLabel', () => {
  it('keeps every known label as it is', () => {
    for (const label of KNOWN_LABELS) expect(snapLabel(label)).toBe(label);
  });

  it('snaps a label with one substituted character back to it, unless another label is as near', () => {
    const ambiguous: string[] = [];
    for (const label of KNOWN_LABELS) {
      const chars = [...label];
      for (let i = 0; i < chars.length; i++) {
        const misread = [...chars.slice(0, i), '口', ...chars.slice(i + 1)].join('');
        const snapped = snapLabel(misread);
        if (snapped === misread) ambiguous.push(misread);
        else expect(snapped).toBe(label);
      }
    }
    // Only two-character labels that share a character with another (得分/总分, 分值/权重 …)
    // and same-shaped taxonomy labels can be left ambiguous.
    for (const m of ambiguous) {
      const rivals = KNOWN_LABELS.filter((l) => editDistance(m, l) <= maxLabelEdits(l) && [...l].length === [...m].length);
      expect(rivals.length, `${m}: ${rivals.join(',')}`).toBeGreaterThan(1);
    }
  });

  it('leaves free text alone', () => {
    for (const text of ['丰台区城市管理指挥中心', '正常运转', '可达到预期指标', '硬件维护数量', '使用人员满意度', '']) {
      expect(snapLabel(text)).toBe(text);
    }
  });

  it('allows 1 edit up to 4 characters, 2 beyond', () => {
    expect(snapLabel('项目名口')).toBe('项目名称');
    expect(snapLabel('项目口口')).toBe('项目口口');
    expect(snapLabel('偏差原因分析及改进口口')).toBe('偏差原因分析及改进措施');
    expect(snapLabel('偏差原因分析口改口口')).toBe('偏差原因分析口改口口');
  });

  it('lists labels normalized as dictionary.ts matches them', () => {
    for (const label of KNOWN_LABELS) expect(normalizeLabel(label)).toBe(label);
    expect(KNOWN_LABELS).toContain('服务对象满意度指标');
    expect(KNOWN_LABELS).toContain('年度资金总额');
  });
});

describe('cleanSpacing', () => {
  it('joins wrapped lines of CJK text without a space', () => {
    expect(cleanSpacing('服务 对象 满意\n度 指标')).toBe('服务对象满意度指标');
  });
});

describe('properties', () => {
  /** A decimal as printed in the forms: integer part, optional 1–4 decimals, optional %. */
  const numberArb = fc
    .tuple(
      fc.integer({ min: 0, max: 9_999_999 }),
      fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([int, dec, percent, negative]) => `${negative ? '-' : ''}${int}${dec === undefined ? '' : `.${dec}`}${percent ? '%' : ''}`);

  /** Insert OCR-like spaces (1–2 spaces, sometimes a newline at the end) between characters. */
  const spaced = (text: string, gaps: boolean[], wide: boolean[], fullWidth: boolean): string => {
    const chars = [...text].map((c) => (fullWidth && /[0-9%.]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
    return chars.map((c, i) => (i > 0 && gaps[i % gaps.length] ? (wide[i % wide.length] ? '  ' : ' ') : '') + c).join('');
  };

  it('a number with random spaces (and full-width digits) cleans to the exact number', () => {
    fc.assert(
      fc.property(
        numberArb,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.boolean(),
        (number, gaps, wide, fullWidth, newline) => {
          const raw = spaced(number, gaps, wide, fullWidth) + (newline ? '\n' : '');
          expect(cleanCellText(raw, 'number')).toBe(number);
          // The same number inside a target keeps its operator and unit.
          expect(cleanCellText(`≥ ${raw.trim()} 万 元`, 'target')).toBe(`≥${number}万元`);
          expect(cleanCellText(`之 ${raw.trim()}`, 'target')).toBe(number.startsWith('-') ? `之${number}` : `≥${number}`);
        },
      ),
    );
  });

  it('cleaning is idempotent', () => {
    const hints: CellHint[] = ['text', 'number', 'target', 'label'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'项目名称值指标个 12.%≥≤之入一—-IlO|\n'.split('')), maxLength: 12 }), fc.constantFrom(...hints), (raw, hint) => {
        const once = cleanCellText(raw, hint);
        expect(cleanCellText(once, hint)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    // Counterexamples found: a dash once its point is gone; a letter next to one that became a digit.
    expect(cleanCellText('-—.', 'number')).toBe('—');
    expect(cleanCellText('Ol2', 'number')).toBe('012');
  });
});

describe('onesFromStrokes', () => {
  it('takes the strokes of a number as 1 before a known unit, % or a digit, and only then', () => {
    expect(onesFromStrokes('I', '个')).toBe('1');
    expect(onesFromStrokes('l', '%')).toBe('1');
    expect(onesFromStrokes('I2', '')).toBe('12');
    expect(onesFromStrokes('1|', '次')).toBe('11');
    expect(onesFromStrokes('I', '级')).toBeUndefined();
    expect(onesFromStrokes('I', '')).toBeUndefined();
    expect(onesFromStrokes('2l', '')).toBeUndefined();
    expect(onesFromStrokes('I.I.', '个')).toBeUndefined();
    expect(onesFromStrokes('12', '个')).toBeUndefined();
  });
});
