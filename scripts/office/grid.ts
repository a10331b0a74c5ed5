/**
 * One form as a cell grid (rows × columns with rowspan/colspan), the layout of the national
 * template (fixtures/README.md, DOMAIN.md). The budget block and the indicator block have
 * different column boundaries; like a real spreadsheet form, the grid is the union of both
 * sets of boundaries and cells span several grid columns.
 */
import { unitsToString, toUnits } from '../fixtures/num.js';
import type { FormSpec } from '../fixtures/spec.js';

export type Align = 'left' | 'center' | 'right';

export interface GridCell {
  r: number;
  c: number;
  rs: number;
  cs: number;
  text: string;
  align: Align;
  valign: 'top' | 'middle';
  /** false: drawn without borders (a column outside the ruled table) */
  border?: false;
}

export interface FormGrid {
  /** grid column widths in pt (sum = table width) */
  widths: number[];
  /** grid column boundaries in pt (widths.length + 1 values, from 0) */
  bounds: number[];
  rows: number;
  cells: GridCell[];
  /** row index → estimated minimum height in pt for rows whose text sits in merged cells */
  minHeights: Map<number, number>;
}

interface Headers {
  fundBlock: string;
  annual: string;
  executed: string;
  rate: string;
  fiscal: string;
  target: string;
  actualValue: string;
  note: string;
}

function headers(form: FormSpec): Headers {
  const v = form.layout.headerVariant;
  return {
    fundBlock: v === 'national' ? '项目资金（万元）' : '项目资金(万元)',
    annual: v === 'national' ? '全年预算数（A）' : '全年预算数',
    executed: v === 'national' ? '全年执行数（B）' : '全年执行数',
    rate: v === 'national' ? '执行率（B/A）' : '执行率',
    fiscal: v === 'short' ? '其中:当年财政拨款' : '其中：当年财政拨款',
    target: v === 'national' ? '年度指标值（A）' : v === 'short' ? '指标值' : '年度指标值',
    actualValue: v === 'national' ? '实际完成值（B）' : v === 'short' ? '实际值' : '实际完成值',
    note: '偏差原因分析及改进措施',
  };
}

const amount = (n: number | null): string => (n === null ? '' : unitsToString(toUnits(n)));

type IndCol = 'block' | 'l1' | 'l2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'note';
type FundCol = 'initial' | 'annual' | 'executed' | 'weight' | 'rate' | 'score';

const IND_W: Record<IndCol, number> = { block: 40, l1: 50, l2: 60, name: 100, target: 66, actual: 62, weight: 32, score: 32, note: 90 };
const FUND_W: Record<FundCol, number> = { initial: 1.15, annual: 1.15, executed: 1.15, weight: 0.75, rate: 1, score: 0.9 };

/** Layout choices beyond the spec (the wrapped family, scripts/office/make-wrapped-fixtures.ts). */
export interface GridOptions {
  /** column widths in pt instead of the defaults (narrow columns make labels and headers wrap) */
  widths?: Partial<Record<IndCol, number>>;
  /** the budget 得分 column right of the indicator table's right edge, drawn without borders */
  fundScoreOutside?: boolean;
}

/** Build the grid of one form. `fontSize` in pt is used to estimate the height of merged text cells. */
export function formGrid(form: FormSpec, fontSize: number, options: GridOptions = {}): FormGrid {
  const H = headers(form);
  const values: IndCol[] = form.layout.columnOrder === 'weight-target-actual-score' ? ['weight', 'target', 'actual', 'score'] : ['target', 'actual', 'weight', 'score'];
  const cols: IndCol[] = ['block', 'l1', 'l2', 'name', ...values];
  if (form.layout.noteColumn) cols.push('note');
  const fcols: FundCol[] = ['initial', 'annual', 'executed', 'weight', 'rate'];
  const outside = options.fundScoreOutside === true && form.layout.fundScoreColumn;
  if (form.layout.fundScoreColumn && !outside) fcols.push('score');
  const width = (c: IndCol): number => options.widths?.[c] ?? IND_W[c];

  // x boundaries (pt, rounded to 0.5)
  const rnd = (x: number) => Math.round(x * 2) / 2;
  const xs: number[] = [0];
  for (const c of cols) xs.push(rnd((xs[xs.length - 1] ?? 0) + width(c)));
  const right = xs[xs.length - 1] ?? 0;
  const ix = (c: IndCol) => cols.indexOf(c);
  const L = (c: IndCol) => xs[ix(c)] ?? 0;
  const R = (c: IndCol) => xs[ix(c) + 1] ?? right;
  const valueCols = cols.slice(ix('name'));
  let fxs: number[];
  if (valueCols.length === fcols.length && values[0] === 'target') fxs = [...valueCols.map((c) => L(c)), right];
  else {
    const start = L('name');
    const sum = fcols.reduce((s, c) => s + FUND_W[c], 0);
    fxs = [start];
    for (const c of fcols) fxs.push(rnd((fxs[fxs.length - 1] ?? start) + (FUND_W[c] / sum) * (right - start)));
    fxs[fxs.length - 1] = right;
  }
  if (outside) {
    // A gap column, then the 得分 column: both beyond the table's last rule.
    fcols.push('score');
    fxs.push(right + rnd(fontSize * 1.5), right + rnd(fontSize * 1.5 + IND_W.score));
  }
  const bounds = [...new Set([...xs, ...fxs])].sort((a, b) => a - b);
  const col = (x: number): number => {
    const i = bounds.indexOf(x);
    if (i < 0) throw new Error(`no boundary ${x}`);
    return i;
  };
  const widths = bounds.slice(1).map((b, i) => b - (bounds[i] ?? 0));

  const cells: GridCell[] = [];
  let r = 0;
  const cell = (row: number, x0: number, x1: number, text: string, align: Align = 'center', rs = 1, valign: 'top' | 'middle' = 'middle') => {
    const c0 = col(x0);
    cells.push({ r: row, c: c0, rs, cs: col(x1) - c0, text, align, valign, ...(x0 >= right && outside ? { border: false as const } : {}) });
  };

  cell(r, L('block'), R('block'), '项目名称');
  cell(r, L('l1'), right, form.projectName, 'left');
  r++;
  const after = cols[ix('name') + 1] as IndCol;
  cell(r, L('block'), R('block'), '主管部门');
  cell(r, L('l1'), R('name'), form.department, 'left');
  cell(r, L(after), R(after), '实施单位');
  cell(r, R(after), right, form.implementer, 'left');
  r++;

  // 项目资金
  const fundHeader: Record<FundCol, string> = { initial: '年初预算数', annual: H.annual, executed: H.executed, weight: '分值', rate: H.rate, score: '得分' };
  cell(r, L('block'), R('block'), H.fundBlock, 'center', 5);
  cell(r, L('l1'), R('l2'), '');
  const fundX = (i: number): [number, number] => (outside && fcols[i] === 'score' ? [fxs[i + 1] ?? right, fxs[i + 2] ?? right] : [fxs[i] ?? 0, fxs[i + 1] ?? right]);
  fcols.forEach((c, i) => cell(r, ...fundX(i), fundHeader[c]));
  r++;
  const f = form.funds;
  const lines: Array<['total' | 'fiscal' | 'carryover' | 'other', string]> = [
    ['total', '年度资金总额'],
    ['fiscal', H.fiscal],
    ['carryover', '上年结转资金'],
    ['other', '其他资金'],
  ];
  for (const [key, label] of lines) {
    cell(r, L('l1'), R('l2'), label, 'left');
    const a = key === 'total' ? f.total : f[key];
    fcols.forEach((c, i) => {
      let text = '';
      if (c === 'initial') text = key === 'total' && a?.initialBudget === null ? '-' : amount(a?.initialBudget ?? null);
      else if (c === 'annual') text = amount(a?.annualBudget ?? null);
      else if (c === 'executed') text = amount(a?.executed ?? null);
      else if (key !== 'total') text = '—';
      else if (c === 'weight') text = String(f.total.weight);
      else if (c === 'rate') text = f.total.executionRate;
      else text = f.total.score === null ? '' : String(f.total.score);
      cell(r, ...fundX(i), text, 'right');
    });
    r++;
  }

  // 年度总体目标
  const minHeights = new Map<number, number>();
  cell(r, L('block'), R('block'), '年度总体目标', 'center', 2);
  cell(r, L('l1'), R('name'), '预期目标');
  cell(r, R('name'), right, '实际完成情况');
  r++;
  cell(r, L('l1'), R('name'), form.goals.expected, 'left', 1, 'top');
  cell(r, R('name'), right, form.goals.actual, 'left', 1, 'top');
  const lineH = fontSize * 1.35;
  const linesFor = (text: string, width: number) => Math.ceil((text.length * fontSize * 1.02) / Math.max(10, width - 6));
  minHeights.set(r, Math.max(linesFor(form.goals.expected, R('name') - L('l1')), linesFor(form.goals.actual, right - R('name'))) * lineH + 6);
  r++;

  // 绩效指标
  const n = form.indicators.length;
  cell(r, L('block'), R('block'), '绩效指标', 'center', n + 1);
  const indHeader: Record<IndCol, string> = { block: '', l1: '一级指标', l2: '二级指标', name: '三级指标', target: H.target, actual: H.actualValue, weight: '分值', score: '得分', note: H.note };
  for (const c of cols) if (c !== 'block') cell(r, L(c), R(c), indHeader[c]);
  r++;
  const first = r;
  form.indicators.forEach((ind, k) => {
    const row = first + k;
    const text: Record<string, string> = { name: ind.name, target: ind.target, actual: ind.actual, weight: String(ind.weight), score: String(ind.score), note: ind.note };
    for (const c of cols) {
      if (c === 'block' || c === 'l1' || c === 'l2') continue;
      cell(row, L(c), R(c), text[c] ?? '', c === 'name' || c === 'note' ? 'left' : c === 'weight' || c === 'score' ? 'right' : 'center');
    }
  });
  const p1 = form.indicators.map((i) => i.printed?.level1 ?? i.level1);
  const p2 = form.indicators.map((i) => i.printed?.level2 ?? i.level2);
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && p1[e] === p1[k]) e++;
    cell(first + k, L('l1'), R('l1'), p1[k] ?? '', 'center', e - k);
    for (let j = k; j < e; ) {
      let g = j + 1;
      while (g < e && p2[g] === p2[j]) g++;
      cell(first + j, L('l2'), R('l2'), p2[j] ?? '', 'center', g - j);
      j = g;
    }
    k = e;
  }
  r = first + n;

  // 总分
  const wi = ix('weight');
  const si = ix('score');
  cell(r, 0, xs[wi] ?? 0, '总分');
  cell(r, xs[wi] ?? 0, xs[wi + 1] ?? 0, String(form.totalWeight), 'right');
  for (let i = wi + 1; i < cols.length; i++) cell(r, xs[i] ?? 0, xs[i + 1] ?? right, i === si ? String(form.totalScore) : '', 'right');
  r++;

  return { widths, bounds, rows: r, cells, minHeights };
}
