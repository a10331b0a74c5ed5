import { describe, expect, it } from 'vitest';
import { DOUBTFUL_CONFIDENCE, Lexicon, correctText, doubtfulCharacters } from '../../src/ocr/lexicon.js';
import type { LexiconSource } from '../../src/ocr/lexicon.js';

/** A lexicon of cells: `[text, source, doubtful indices]`; the cell to correct is added too, as the pipeline does. */
function lexicon(cells: readonly (readonly [string, LexiconSource, (readonly number[])?])[]): Lexicon {
  const out = new Lexicon();
  for (const [text, source, doubtful] of cells) out.add(text, source, doubtful);
  return out;
}

/** Correct `text` (doubtful at `doubtful`) against `others` plus itself, as OCR. */
function correct(text: string, doubtful: number[], others: readonly (readonly [string, LexiconSource, (readonly number[])?])[]) {
  return correctText(text, doubtful, lexicon([...others, [text, 'ocr', doubtful]]));
}

describe('doubtfulCharacters', () => {
  const g = (text: string, confidence = 0.99) => ({ text, confidence });

  it('marks the Chinese characters read below the threshold, by their index in the cleaned text', () => {
    expect(doubtfulCharacters('系统利用亩', [g('系'), g('统'), g('利'), g('用'), g('亩', 0.91)])).toEqual([4]);
    // Spaces tesseract put between words are not in the text; glyphs are matched in order.
    expect(doubtfulCharacters('软件故障率', [g('软', 0.8), g(' '), g('件'), g('故'), g('障', DOUBTFUL_CONFIDENCE - 0.01), g('率')])).toEqual([0, 3]);
  });

  it('never marks digits, Latin letters or punctuation, and stops where glyphs and text part', () => {
    expect(doubtfulCharacters('24小时,CPU', [g('2', 0.5), g('4'), g('小'), g('时'), g(',', 0.3), g('C', 0.2), g('P'), g('U')])).toEqual([]);
    expect(doubtfulCharacters('利用率', [g('利'), g('X', 0.5), g('率', 0.5)])).toEqual([]);
  });
});

describe('correctText', () => {
  it('a whole cell the text layer holds, differing only where OCR was unsure', () => {
    const r = correct('系统利用京', [4], [['系统利用率', 'text']]);
    expect(r.text).toBe('系统利用率');
    expect(r.corrections).toEqual([{ index: 4, read: '京', corrected: '率', by: 'cell' }]);
  });

  it('a whole cell differing in two characters is another cell, not a misreading', () => {
    // 聘用人员服务工作进度 read 贞用… with two doubtful characters, beside a digital 坐席人员服务工作进度.
    expect(correct('贞用人员服务工作进度', [0, 1], [['坐席人员服务工作进度', 'text']]).text).toBe('贞用人员服务工作进度');
  });

  it('never changes a character read with confidence', () => {
    expect(correct('系统利用京', [], [['系统利用率', 'text']]).text).toBe('系统利用京');
    expect(correct('系统利用京', [0], [['系统利用率', 'text']]).text).toBe('系统利用京');
  });

  it('a neighbourhood of six characters, from one confident OCR reading of another cell', () => {
    const goal = '完成城指中心搬迁信息化建设与利昌设备搬迁工作，保证相关系统运转正常。';
    const i = [...goal].indexOf('昌');
    const r = correct(goal, [i, i + 1], [['城指中心搬迁信息化建设与利旧设备搬迁工作完成，相关系统运转正常。', 'ocr']]);
    expect(r.text).toBe(goal.replace('昌', '旧'));
    expect(r.corrections.map((c) => c.by)).toEqual(['context']);
  });

  it('a neighbourhood of four characters changes nothing; of five, it needs the text layer or two confident OCR readings', () => {
    // `\n` + 用人员 is four characters: 聘用人员… read 贞用人员… is not 使用人员满意度.
    expect(correct('贞用人员服务工作进度', [0], [['使用人员满意度', 'text']]).text).toBe('贞用人员服务工作进度');
    const text = '开展设备巡昌工作';
    const fixed = '开展设备巡检工作';
    // 设备巡 + 工作: five characters.
    expect(correct(text, [5], [['设备巡检工作制度', 'ocr']]).text).toBe(text);
    expect(correct(text, [5], [['设备巡检工作制度', 'ocr'], ['设备巡检工作制度', 'ocr']]).text).toBe(fixed);
    expect(correct(text, [5], [['设备巡检工作制度', 'text']]).text).toBe(fixed);
    // 设备巡 + 工作 + the cell's end: six, one confident OCR reading is enough.
    expect(correct(text, [5], [['每月设备巡检工作', 'ocr']]).text).toBe(fixed);
  });

  it('where no reading is sure, two other doubtful readings agreeing on one character in six of context', () => {
    const text = '无线数据传输予系统运行';
    const i = [...text].indexOf('予');
    const other = (s: string): [string, 'ocr', number[]] => [s, 'ocr', [[...s].indexOf('子')]];
    const twice = [other('数据传输子系统运转'), other('无线数据传输子系统运行提供')];
    expect(correct(text, [i], twice).text).toBe('无线数据传输子系统运行');
    expect(correct(text, [i], twice.slice(0, 1)).text).toBe(text);
    // Read 予 elsewhere too: no majority.
    expect(correct(text, [i], [...twice, ['数据传输予系统运转', 'ocr', [4]]]).text).toBe(text);
  });

  it('a whole cell of four characters needs the text layer or two confident OCR readings', () => {
    expect(correct('数量指村', [3], [['数量指标', 'ocr']]).text).toBe('数量指村');
    expect(correct('数量指村', [3], [['数量指标', 'ocr'], ['数量指标', 'ocr']]).text).toBe('数量指标');
    // Three characters: only a last character that can end no name (数 can).
    expect(correct('量指数', [2], [['量指标', 'text']]).text).toBe('量指数');
    expect(correct('量指村', [2], [['量指标', 'text']]).text).toBe('量指标');
    expect(correct('接件盏', [2], [['接件率', 'text']]).text).toBe('接件率');
    expect(correct('接件盏', [2], [['接件率', 'ocr']]).text).toBe('接件盏');
    expect(correct('接盏率', [1], [['接件率', 'text']]).text).toBe('接盏率');
  });

  it('keeps a reading found elsewhere, even read with doubt: a character read alike twice is printed', () => {
    // 软件维护成本 read twice with a doubtful 软, beside a confident 硬件维护成本.
    expect(correct('软件维护成本', [0], [['硬件维护成本', 'ocr'], ['硬件维护成本', 'ocr'], ['软件维护成本', 'ocr', [0]]]).text).toBe('软件维护成本');
  });

  it('keeps a reading whose character sits between the same neighbours where the document is sure', () => {
    expect(correct('软件维护成本', [0], [['硬件维护成本', 'text'], ['软件故障率', 'text']]).text).toBe('软件维护成本');
  });

  it('changes nothing when the document offers two characters, or has the one read', () => {
    expect(correct('设备使用京况良好', [4], [['设备使用率况良好', 'text'], ['设备使用量况良好', 'text']]).text).toBe('设备使用京况良好');
    expect(correct('设与利昌设备搬迁', [3], [['设与利旧设备搬迁', 'text'], ['设与利昌设备搬迁', 'text']]).text).toBe('设与利昌设备搬迁');
  });

  it('one doubtful reading of another OCR cell is no evidence', () => {
    expect(correct('建设与利昌设备搬迁', [4], [['建设与利旧设备搬迁', 'ocr', [4]]]).text).toBe('建设与利昌设备搬迁');
    expect(correct('建设与利昌设备搬迁', [4], [['建设与利旧设备搬迁', 'ocr']]).text).toBe('建设与利旧设备搬迁');
  });

  it('punctuation width does not matter in the context', () => {
    expect(correct('工作，利昌设备', [4], [['工作,利旧设备', 'text']]).text).toBe('工作，利旧设备');
  });

  it("an indicator name's last character, from the indicator words, only where the character read can end no name", () => {
    expect(correct('法律咨询意见正确亩', [8], []).text).toBe('法律咨询意见正确率');
    expect(correct('硬件故障盏', [4], []).corrections).toEqual([{ index: 4, read: '盏', corrected: '率', by: 'word' }]);
    // 量, 数, 度, 点 end names: kept.
    expect(correct('设备使用量', [4], []).text).toBe('设备使用量');
    expect(correct('排除故障点', [4], []).text).toBe('排除故障点');
    // Not the last character, or not doubtful: kept.
    expect(correct('故障亩数', [2], []).text).toBe('故障亩数');
    expect(correct('硬件故障盏', [], []).text).toBe('硬件故障盏');
  });
});
