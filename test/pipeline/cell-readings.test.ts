import { describe, expect, it } from 'vitest';
import { chooseReading, ppSure, ppocrCellReading, type EngineReading } from '../../src/pipeline/cell-readings.js';

const reading = (engine: EngineReading['engine'], text: string, confidence: number): EngineReading => ({ engine, text, confidence, raw: text, psm: engine === 'ppocr' ? 0 : 7 });
const tess = (text: string, confidence = 0.9) => reading('tesseract', text, confidence);
const pp = (text: string, confidence = 0.9) => reading('ppocr', text, confidence);

describe('choosing among the readings of a cell', () => {
  it('keeps both readings and takes tesseract’s when they agree (its glyph doubts come with it)', () => {
    const t = { ...tess('系统利用率'), doubtful: [4] };
    const r = chooseReading('text', t, pp('系统利用率'));
    expect(r.chosen).toBe(t);
    expect(r.readings.map((x) => x.engine)).toEqual(['tesseract', 'ppocr']);
  });

  it('numbers: a number beats what is none, then the more confident', () => {
    expect(chooseReading('number', tess('l0'), pp('10', 0.5)).chosen.text).toBe('10');
    expect(chooseReading('number', tess('94.06', 0.95), pp('94.0', 0.7)).chosen.text).toBe('94.06');
    expect(chooseReading('number', tess('00', 0.6), pp('100', 0.99)).chosen.text).toBe('100');
    expect(chooseReading('number', tess(''), pp('7', 0.8)).chosen.text).toBe('7');
  });

  it('targets: the sign tesseract read as 2 is PP-OCR’s; a known unit; a qualitative target', () => {
    expect(chooseReading('target', tess('290%', 0.95), pp('≥90%', 0.8)).chosen.text).toBe('≥90%');
    expect(chooseReading('target', tess('≤3次', 0.6), pp('≤3欠', 0.9)).chosen.text).toBe('≤3次');
    expect(chooseReading('target', tess('1个', 0.6), pp('健全', 0.98)).chosen.text).toBe('健全');
  });

  it('text: a known label beats what is none, otherwise the more confident', () => {
    expect(chooseReading('text', tess('二级指标'), pp('二级指标数图]', 0.99)).chosen.text).toBe('二级指标');
    expect(chooseReading('text', tess('级指标'), pp('一级指标', 0.7)).chosen.text).toBe('一级指标');
    expect(chooseReading('text', tess('妊众调意度', 0.27), pp('群众满意度', 1)).chosen.text).toBe('群众满意度');
    expect(chooseReading('text', tess('保障新设立街道城市运行', 0.94), pp('保新设立道市远行', 0.88)).chosen.text).toBe('保障新设立街道城市运行');
    expect(chooseReading('text', tess('受疫情影响'), pp('', 1)).chosen.text).toBe('受疫情影响');
    // One line of ink 7 characters wide (20 px tall glyphs): the reading that drops one does not fit.
    const ink = { lines: 1, lineHeight: 20, inkWidth: 7 * 22 - 2 };
    expect(chooseReading('target', tess('可达到预期指标', 0.8), pp('可达到预期指', 0.99), ink).chosen.text).toBe('可达到预期指标');
    // Two lines of ink: PP-OCR read one.
    const wrapped = { lines: 2, lineHeight: 24, inkWidth: 148 };
    const tessWrapped = { ...tess('可达到预期指标', 0.93), raw: '可达到预期指\n标' };
    expect(chooseReading('target', tessWrapped, pp('可达到预期指', 0.98), wrapped).chosen.text).toBe('可达到预期指标');
    // Digits and marks: widths too uneven to count, the confidence decides.
    expect(chooseReading('target', tess('≤12.57平方米', 0.7), pp('≤12.5元/平方米', 0.9), { lines: 1, lineHeight: 20, inkWidth: 6 * 22 }).chosen.text).toBe('≤12.5元/平方米');
  });
});

describe('a PP-OCR reading that stands alone', () => {
  const line = { lines: 1, lineHeight: 20 };
  it('is one sure line of text or a sure number', () => {
    expect(ppSure(pp('群众满意度', 0.99), 'text', line)).toBe(true);
    expect(ppSure(pp('94.06', 0.99), 'number', line)).toBe(true);
  });
  it('is not a target (its sign is read by shape too), nor two lines, nor a doubtful one', () => {
    expect(ppSure(pp('450人', 0.99), 'target', line)).toBe(false);
    expect(ppSure(pp('可达到预期指', 0.985), 'text', { lines: 2, lineHeight: 24 })).toBe(false);
    expect(ppSure(pp('群众满意度', 0.9), 'text', line)).toBe(false);
    expect(ppSure(pp('9a', 0.99), 'number', line)).toBe(false);
    expect(ppSure(pp('', 1), 'text', line)).toBe(false);
  });
});

describe('PP-OCR’s lines as a cell reading', () => {
  it('joins the lines, cleans them for the cell kind, keeps each character as a glyph', () => {
    const line = (text: string, confidence: number) => ({ text, confidence, chars: [...text].map((char, i) => ({ char, confidence, x0: 10 * i, x1: 10 * i + 9 })) });
    const r = ppocrCellReading([line('服务对象满', 0.99), line('意度指标', 0.9)], 'text', 40);
    expect(r.text).toBe('服务对象满意度指标');
    expect(r.confidence).toBe(0.9);
    expect(r.glyphs).toHaveLength(9);
    expect(ppocrCellReading([line('9 4.06', 0.9)], 'number', 20).text).toBe('94.06');
    expect(ppocrCellReading([], 'number', 20)).toMatchObject({ text: '', confidence: 1 });
  });
});
