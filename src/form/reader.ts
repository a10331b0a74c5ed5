/**
 * Form stage: the document's rows → one `FormTable` per form.
 *
 * Everything is found by its printed label, never by position: provinces vary the columns.
 * A form starts at its title (or at a second 项目名称 when a form has no title); a table that
 * continues on the next page without a header row keeps filling the same form.
 */
import {
  BUDGET_COLUMN_LABELS,
  BUDGET_ROW_LABELS,
  FORM_TITLE_PATTERNS,
  GOAL_LABELS,
  HEADER_LABELS,
  INDICATOR_COLUMN_LABELS,
  TOTAL_LABELS,
  BUDGET_ROW_KEYWORDS,
  YEAR_PATTERN,
  isTaxonomyLabel,
  normalizeLabel,
} from '../dictionary.js';
import type { Grid, PageLayout } from '../grid/types.js';
import { isAnyLabel, isLabel, labelKey } from './labels.js';
import type { RowCell, StreamRow } from './rows.js';
import { documentRows } from './rows.js';
import type { BudgetColumn, BudgetRow, CellText, FormTable, IndicatorColumn, IndicatorRowCells } from './types.js';

export type { FormTable } from './types.js';
export * from './types.js';

/** Where a column header sits: horizontally, in page points. */
interface ColumnSlot {
  x0: number;
  x1: number;
}

type Mode = 'head' | 'budget' | 'goals' | 'indicators' | 'done';

interface FormState {
  form: FormTable;
  mode: Mode;
  budgetSlots: Partial<Record<BudgetColumn, ColumnSlot>>;
  goalSlots: { expected?: ColumnSlot; actual?: ColumnSlot };
  indicatorSlots: Partial<Record<IndicatorColumn, ColumnSlot>>;
  /** Label carrying over a page break: see `carryLabels`. */
  labels: LabelCarry;
  /** The table each of `form.indicators` was read from. */
  indicatorGrids: (Grid | undefined)[];
}

type LabelColumn = 'level1' | 'level2';

interface LabelCarry {
  /** The table of the previous indicator row. */
  grid?: Grid;
  /** Label cells replaced by their text joined over a page break (`效益指` + `标`). */
  joined: Map<CellText, CellText>;
  /** Last non-empty 一级/二级 cell seen. */
  last: Partial<Record<LabelColumn, CellText>>;
  /** Whether an empty cell in that column still continues the previous table's label. */
  carrying: Record<LabelColumn, boolean>;
}

/**
 * A title line: the title, perhaps with a year or unit around it (`2024年度项目支出绩效自评表`),
 * but not a sentence that mentions the form (`…填报了项目支出绩效自评表。`).
 */
const MAX_TITLE_LENGTH = 40;
function isTitle(text: string): boolean {
  const t = normalizeLabel(text);
  return t.length <= MAX_TITLE_LENGTH && !/[。，；,;]/.test(t) && FORM_TITLE_PATTERNS.some((p) => p.test(t));
}

function newForm(index: number): FormState {
  return {
    form: { index, pages: [], fields: {}, budgetColumns: {}, budgetLines: {}, goals: {}, indicatorColumns: {}, indicators: [] },
    mode: 'head',
    budgetSlots: {},
    goalSlots: {},
    indicatorSlots: {},
    labels: { last: {}, carrying: { level1: false, level2: false }, joined: new Map() },
    indicatorGrids: [],
  };
}

function slotOf(text: CellText): ColumnSlot {
  return { x0: text.bbox.x0, x1: text.bbox.x1 };
}

function overlap(a: ColumnSlot, b: ColumnSlot): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
}

/**
 * Assign the row's cells to column slots: each cell goes to the slot it overlaps most
 * (at least half of the narrower of the two), so a cell merged across two columns is read
 * once. Returns slot key → cell.
 */
function assignToSlots<K extends string>(cells: readonly RowCell[], slots: Partial<Record<K, ColumnSlot>>): Partial<Record<K, CellText>> {
  const out: Partial<Record<K, CellText>> = {};
  const best: Partial<Record<K, number>> = {};
  for (const cell of cells) {
    const box = slotOf(cell.text);
    let bestKey: K | null = null;
    let bestScore = 0;
    for (const key of Object.keys(slots) as K[]) {
      const slot = slots[key] as ColumnSlot;
      const ov = overlap(box, slot);
      const need = 0.5 * Math.min(box.x1 - box.x0, slot.x1 - slot.x0);
      if (ov <= 0 || ov < need) continue;
      const score = ov / (slot.x1 - slot.x0);
      if (score > bestScore) {
        bestScore = score;
        bestKey = key;
      }
    }
    if (bestKey !== null && (best[bestKey] ?? 0) < bestScore) {
      best[bestKey] = bestScore;
      out[bestKey] = cell.text;
    }
  }
  return out;
}

function nonEmpty(cells: readonly RowCell[]): RowCell[] {
  return cells.filter((c) => c.text.text.trim() !== '');
}

/** Header rows name ≥ 2 distinct keys of a label table. */
function headerKeys<K extends string>(cells: readonly RowCell[], table: Readonly<Record<K, readonly string[]>>): Map<K, CellText> {
  const found = new Map<K, CellText>();
  for (const cell of cells) {
    const key = labelKey(cell.text.text, table);
    if (key !== null && !found.has(key)) found.set(key, cell.text);
  }
  return found;
}

const BUDGET_ANCHORS: BudgetColumn[] = ['initialBudget', 'annualBudget', 'executed', 'executionRate'];
const INDICATOR_ANCHORS: IndicatorColumn[] = ['level1', 'level2', 'name', 'target', 'actual'];

function countAnchors<K>(found: Map<K, CellText>, anchors: readonly K[]): number {
  return anchors.filter((a) => found.has(a)).length;
}

/** Header fields: every label cell takes the next non-empty, non-label cell to its right. */
function readFieldPairs(state: FormState, cells: readonly RowCell[]): boolean {
  let any = false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as RowCell;
    const key = labelKey(cell.text.text, HEADER_LABELS);
    if (key === null) {
      if (readInlineFields(state, cell.text)) any = true;
      continue;
    }
    any = true;
    for (let j = i + 1; j < cells.length; j++) {
      const next = cells[j] as RowCell;
      if (labelKey(next.text.text, HEADER_LABELS) !== null) break;
      if (next.text.text.trim() === '') continue;
      state.form.fields[key] ??= next.text;
      break;
    }
  }
  return any;
}

const INLINE_LABELS = Object.values(HEADER_LABELS)
  .flat()
  .sort((a, b) => b.length - a.length);
const INLINE_FIELD = new RegExp(`(${INLINE_LABELS.join('|')})\\s*[:：]\\s*`, 'g');

/**
 * Label and value in one cell or line, as word-processor forms print them:
 * `项目名称：某某项目`, `主管部门：某区教委　实施单位：某中心`.
 */
function readInlineFields(state: FormState, text: CellText): boolean {
  const matches = [...text.text.matchAll(INLINE_FIELD)];
  matches.forEach((m, i) => {
    const key = labelKey(m[1] ?? '', HEADER_LABELS);
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.text.length;
    const value = text.text.slice(start, end).trim();
    if (key !== null && value !== '') state.form.fields[key] ??= { ...text, text: value };
  });
  return matches.length > 0;
}

/** The unit of the amounts: `项目资金（万元）`, `（元）`, or a line `单位：万元` above the table. */
const AMOUNT_UNIT = /[（(]\s*(万元|元)\s*[)）]|单位\s*[:：]\s*(万元|元)/;

function readAmountUnit(form: FormTable, text: CellText): void {
  if (form.amountUnit === undefined && AMOUNT_UNIT.test(text.text)) form.amountUnit = text;
}

function touch(state: FormState, page: number): void {
  if (!state.form.pages.includes(page)) state.form.pages.push(page);
}

function hasContent(form: FormTable): boolean {
  return form.fields.projectName !== undefined || form.indicators.length > 0 || Object.keys(form.budgetLines).length > 0;
}

/** Pages where a form title is printed (a diagnostic when no form could be read). */
export function titlePages(layouts: readonly PageLayout[]): number[] {
  const pages = new Set<number>();
  for (const row of documentRows(layouts)) if (row.cells.some((c) => isTitle(c.text.text))) pages.add(row.page);
  return [...pages].sort((a, b) => a - b);
}

/** Read every form in a document. */
export function readForms(layouts: readonly PageLayout[]): FormTable[] {
  const forms: FormTable[] = [];
  // A holder, so the closure's assignments are visible to the type checker.
  const open: { form: FormState | null } = { form: null };
  /** Close the open form (kept only if it has content) and open the next one. */
  const begin = (): FormState => {
    if (open.form && hasContent(open.form.form)) forms.push(open.form.form);
    open.form = newForm(forms.length + 1);
    return open.form;
  };

  for (const row of documentRows(layouts)) {
    const cells = nonEmpty(row.cells);
    if (cells.length === 0) continue;
    const titleCell = cells.find((c) => isTitle(c.text.text));
    if (titleCell) {
      // A title opens a form; a second title before any content (a document heading, then
      // the form's own title) replaces the first.
      const form: FormState = open.form && !hasContent(open.form.form) ? open.form : begin();
      form.form.title = titleCell.text;
      form.form.pages = [row.page];
      if (YEAR_PATTERN.test(titleCell.text.text.normalize('NFKC'))) form.form.yearText = titleCell.text;
      continue;
    }
    // A second 项目名称 means a new form whose title was not found.
    const opensForm = cells.some((c) => labelKey(c.text.text, HEADER_LABELS) === 'projectName');
    let form: FormState | null = open.form;
    if (opensForm && (!form || form.form.fields.projectName !== undefined)) form = begin();
    if (!form) continue; // text before any form (cover pages, notes)
    readRow(form, row, cells);
  }
  begin();
  return forms.map((f, i) => ({ ...f, index: i + 1, pages: [...f.pages].sort((a, b) => a - b) }));
}

/**
 * `(2024年度)` names the evaluation year; a line such as `填报日期：2025年3月10日` names a year
 * too, but the wrong one: a `年度` line wins over any other, and a date line never counts.
 */
function readYearLine(form: FormTable, line: CellText | undefined): void {
  if (!line) return;
  const text = line.text.normalize('NFKC');
  if (!YEAR_PATTERN.test(text) || /月|日期|时间/.test(text)) return;
  const strong = /\d{4}\s*年度/.test(text);
  const current = form.yearText?.text.normalize('NFKC') ?? '';
  if (form.yearText === undefined || (strong && !/\d{4}\s*年度/.test(current))) form.yearText = line;
}

function readRow(s: FormState, row: StreamRow, cells: RowCell[]): void {
  const form = s.form;
  const free = row.grid === undefined;

  // The year line sits between the title and the table.
  if (free) {
    const line = cells[0]?.text;
    if (s.mode === 'head' && line) {
      readYearLine(form, line);
      readInlineFields(s, line);
      readAmountUnit(form, line);
    }
    return; // other free text (page numbers, notes) is not part of the table
  }
  touch(s, row.page);

  if (s.mode !== 'indicators' && readFieldPairs(s, cells)) return;

  const budgetHeader = headerKeys(cells, BUDGET_COLUMN_LABELS);
  if (countAnchors(budgetHeader, BUDGET_ANCHORS) >= 2) {
    s.mode = 'budget';
    for (const c of cells) readAmountUnit(form, c.text);
    for (const [key, text] of budgetHeader) {
      form.budgetColumns[key] = text;
      s.budgetSlots[key] = slotOf(text);
    }
    return;
  }

  const indicatorHeader = headerKeys(cells, INDICATOR_COLUMN_LABELS);
  if (countAnchors(indicatorHeader, INDICATOR_ANCHORS) >= 2) {
    s.mode = 'indicators';
    for (const [key, text] of indicatorHeader) {
      form.indicatorColumns[key] = text;
      s.indicatorSlots[key] = slotOf(text);
    }
    return;
  }

  const expected = cells.find((c) => GOAL_LABELS.expected.some((l) => isLabel(c.text.text, l)));
  const actualGoal = cells.find((c) => GOAL_LABELS.actual.some((l) => isLabel(c.text.text, l)));
  if (expected && s.mode !== 'indicators') {
    s.mode = 'goals';
    s.goalSlots = { expected: slotOf(expected.text), ...(actualGoal ? { actual: slotOf(actualGoal.text) } : {}) };
    return;
  }

  const totalLabel = cells.find((c) => isAnyLabel(c.text.text, TOTAL_LABELS));
  if (totalLabel && (s.mode === 'indicators' || s.mode === 'goals' || s.mode === 'budget')) {
    readTotal(s, cells, totalLabel);
    s.mode = 'done';
    return;
  }
  const longTotal = s.mode === 'indicators' ? totalWithExtraText(s, cells) : undefined;
  if (longTotal) {
    unread(form, 'total-label', longTotal.text);
    readTotal(s, cells, longTotal);
    s.mode = 'done';
    return;
  }

  switch (s.mode) {
    case 'budget':
      readBudgetLine(s, row, cells);
      break;
    case 'goals':
      readGoals(s, cells);
      break;
    case 'indicators':
      readIndicator(s, row, cells);
      break;
    default:
      break;
  }
}

/** A budget line's key; `其中：` ("of which") before a sub-line's label is not part of it. */
function budgetRowKey(text: string): BudgetRow | null {
  const label = text.replace(/^\s*其中\s*[:：]?\s*/, '');
  const exact = labelKey(label, BUDGET_ROW_LABELS);
  if (exact !== null) return exact;
  // Longer wordings that end in a known line's label: `一般公共预算财政拨款`, `上年结转结余资金`.
  const t = normalizeLabel(label);
  if (t.length > 16) return null;
  for (const key of Object.keys(BUDGET_ROW_KEYWORDS) as BudgetRow[]) {
    if (BUDGET_ROW_KEYWORDS[key].some((k) => t.includes(k))) return key;
  }
  return null;
}

function readBudgetLine(s: FormState, row: StreamRow, cells: RowCell[]): void {
  const labelCell = cells.find((c) => budgetRowKey(c.text.text) !== null);
  if (!labelCell) {
    // Figures in a budget row without a line label would vanish: report them.
    for (const c of ownCells(row, cells)) if (/\d/.test(c.text.text)) unread(s.form, 'row', c.text);
    return;
  }
  const key = budgetRowKey(labelCell.text.text);
  if (key === null || s.form.budgetLines[key]) return;
  const values = cells.filter((c) => c !== labelCell && budgetRowKey(c.text.text) === null);
  s.form.budgetLines[key] = { label: labelCell.text, cells: assignToSlots(values, s.budgetSlots) };
}

/** The text recognized before corrections of two cells joined (`replaced`), when either was corrected. */
function joinedReplaced(a: CellText, b: CellText, space = ''): { replaced?: string } {
  if (a.replaced === undefined && b.replaced === undefined) return {};
  return { replaced: (a.replaced ?? a.text) + space + (b.replaced ?? b.text) };
}

function appendText(a: CellText | undefined, b: CellText): CellText {
  if (!a || a === b) return b;
  return {
    ...a,
    text: a.text + b.text,
    ...joinedReplaced(a, b),
    bbox: { x0: Math.min(a.bbox.x0, b.bbox.x0), y0: Math.min(a.bbox.y0, b.bbox.y0), x1: Math.max(a.bbox.x1, b.bbox.x1), y1: Math.max(a.bbox.y1, b.bbox.y1) },
    confidence: Math.min(a.confidence, b.confidence),
    source: a.source === b.source ? a.source : 'ocr',
  };
}

function readGoals(s: FormState, cells: RowCell[]): void {
  const values = cells.filter((c) => !isAnyLabel(c.text.text, GOAL_LABELS.block));
  const got = assignToSlots(values, s.goalSlots as Partial<Record<'expected' | 'actual', ColumnSlot>>);
  if (got.expected && got.expected !== s.form.goals.expected) s.form.goals.expected = appendText(s.form.goals.expected, got.expected);
  if (got.actual && got.actual !== s.form.goals.actual) s.form.goals.actual = appendText(s.form.goals.actual, got.actual);
}

/** The columns an indicator row has of its own (the label columns are often merged cells). */
const VALUE_COLUMNS = ['name', 'target', 'actual', 'weight', 'score', 'note'] as const;

const hasText = (cell: CellText | undefined): boolean => (cell?.text ?? '').trim() !== '';

function readIndicator(s: FormState, row: StreamRow, cells: RowCell[]): void {
  const got = assignToSlots(cells, s.indicatorSlots);
  const own = VALUE_COLUMNS.some((k) => k !== 'note' && hasText(got[k]));
  if (!own) {
    // A row of merged label cells only is part of the rows they span; text of this row alone
    // is neither an indicator nor the total: reported, not dropped.
    for (const c of ownCells(row, cells)) unread(s.form, 'row', c.text);
    return;
  }
  const last = s.form.indicators.at(-1);
  // Every cell the same as the row above: one indicator row cut into two lattice rows by a
  // stray rule (cells drawn with separate borders), not a new indicator.
  if (last && VALUE_COLUMNS.every((k) => got[k] === undefined || got[k] === last.cells[k])) return;
  const grid = row.grid;
  const continuation = s.labels.grid !== undefined && grid !== s.labels.grid;
  if (continuation) joinLabelsOverBreak(s, got);
  const carried = carryLabels(s.labels, grid, got);
  const r = row.row ?? 0;
  const y0 = grid?.rows[r] ?? row.y;
  const y1 = grid?.rows[r + 1] ?? row.y;
  const x0 = Math.min(...cells.map((c) => c.text.bbox.x0));
  const x1 = Math.max(...cells.map((c) => c.text.bbox.x1));
  if (continuation && last && isSplitRow(last.cells, got)) {
    // One row cut by the page break (word processors let rows break): join its two parts.
    for (const key of VALUE_COLUMNS) last.cells[key] = joinParts(last.cells[key], got[key]);
    return;
  }
  s.form.indicators.push({ cells: got, page: row.page, bbox: { x0, y0, x1, y1 }, ...(carried.length > 0 ? { carried } : {}) });
  s.indicatorGrids.push(grid);
}

/**
 * The first row after a page break continues the last row before it when the two parts
 * do not both carry a 分值 or both a 得分 (a whole indicator row has its own).
 */
function isSplitRow(before: Partial<Record<IndicatorColumn, CellText>>, after: Partial<Record<IndicatorColumn, CellText>>): boolean {
  const both = (k: IndicatorColumn): boolean => hasText(before[k]) && hasText(after[k]);
  const scored = (x: Partial<Record<IndicatorColumn, CellText>>): boolean => hasText(x.weight) || hasText(x.score);
  return !both('weight') && !both('score') && (!scored(before) || !scored(after));
}

/** Two parts of one cell's text, above and below a page break. */
function joinParts(before: CellText | undefined, after: CellText | undefined): CellText | undefined {
  if (!hasText(after)) return before;
  if (!hasText(before) || !before || !after) return after;
  const space = /[A-Za-z]$/.test(before.text) && /^[A-Za-z]/.test(after.text) ? ' ' : '';
  return { ...before, text: before.text + space + after.text, confidence: Math.min(before.confidence, after.confidence), ...joinedReplaced(before, after, space) };
}

/**
 * At the first row after a page break, mend merged 一级/二级 cells the break cut:
 * - a label wrapped over the break (`效益指` before, `标` after) is joined, everywhere it
 *   is used, when only the joined text is a taxonomy label;
 * - a label drawn once in the middle of the whole merged span can land after the break
 *   only: the rows at the end of the previous table with that column empty take it.
 */
function joinLabelsOverBreak(s: FormState, got: Partial<Record<IndicatorColumn, CellText>>): void {
  const carry = s.labels;
  const rows = s.form.indicators;
  const previousGrid = carry.grid;
  for (const key of ['level1', 'level2'] as const) {
    const cur = got[key];
    if (!cur || !hasText(cur)) continue;
    const last = rows.at(-1)?.cells[key];
    if (last && hasText(last)) {
      const text = last.text + cur.text;
      if (isTaxonomyLabel(text) && !isTaxonomyLabel(cur.text)) {
        const joined: CellText = { ...last, text };
        for (const row of rows) if (row.cells[key] === last) row.cells[key] = joined;
        carry.joined.set(cur, joined);
        carry.joined.set(last, joined);
        carry.last[key] = joined;
      }
      continue;
    }
    for (let i = rows.length - 1; i >= 0 && s.indicatorGrids[i] === previousGrid; i--) {
      const row = rows[i] as IndicatorRowCells;
      if (hasText(row.cells[key])) break;
      row.cells[key] = cur;
      row.carried = [...(row.carried ?? []), key];
    }
  }
}

/**
 * A merged 一级/二级 cell cut by a page break: the continuation table may leave the top of
 * those columns empty instead of printing the label again. Empty label cells at the top of
 * a continuation table take the label of the last row before the break; the first non-empty
 * cell in a column ends that. (An empty cell further down is a missing label, for the model
 * stage to infer and report.)
 */
function carryLabels(carry: LabelCarry, grid: Grid | undefined, got: Partial<Record<IndicatorColumn, CellText>>): LabelColumn[] {
  const carried: LabelColumn[] = [];
  if (grid !== carry.grid) {
    const continuation = carry.grid !== undefined;
    carry.carrying = { level1: continuation, level2: continuation };
    carry.grid = grid;
  }
  for (const key of ['level1', 'level2'] as const) {
    const original = got[key];
    const cell = original ? (carry.joined.get(original) ?? original) : undefined;
    if (cell) got[key] = cell;
    if (cell && cell.text.trim() !== '') {
      carry.carrying[key] = false;
      carry.last[key] = cell;
    } else if (carry.carrying[key] && carry.last[key]) {
      got[key] = carry.last[key];
      carried.push(key);
    }
  }
  return carried;
}

function readTotal(s: FormState, cells: RowCell[], label: RowCell): void {
  const values = cells.filter((c) => c !== label);
  const slots: Partial<Record<'weight' | 'score', ColumnSlot>> = {};
  if (s.indicatorSlots.weight) slots.weight = s.indicatorSlots.weight;
  if (s.indicatorSlots.score) slots.score = s.indicatorSlots.score;
  const got = assignToSlots(values, slots);
  // Without both column headers, the figures right of 总分 are 分值 then 得分.
  const numeric = values.filter((c) => /\d/.test(c.text.text));
  const weight = got.weight ?? (numeric.length >= 2 ? numeric[0]?.text : undefined);
  const score = got.score ?? numeric.at(-1)?.text;
  s.form.total = { label: label.text, ...(weight ? { weight } : {}), ...(score && score !== weight ? { score } : {}) };
}

/** Record printed text the reader could not place (see `FormTable.unread`). */
function unread(form: FormTable, kind: 'row' | 'total-label', cell: CellText): void {
  (form.unread ??= []).push({ kind, cell });
}

/** The non-empty cells of a table row that cover this lattice row only (not a merged cell spanning others). */
function ownCells(row: StreamRow, cells: readonly RowCell[]): RowCell[] {
  const grid = row.grid;
  const r = row.row;
  if (!grid || r === undefined) return [];
  const y0 = grid.rows[r] ?? 0;
  const y1 = grid.rows[r + 1] ?? 0;
  const tol = 0.5;
  return cells.filter((c) => Math.abs(c.text.bbox.y0 - y0) <= tol && Math.abs(c.text.bbox.y1 - y1) <= tol);
}

/** At most this many characters besides the label in a 总分 cell that holds more (`指标总分`). */
const MAX_TOTAL_EXTRA = 4;

/**
 * A cell left of the 分值 column that holds a total label and a little more (`指标总分`: a
 * wrapped label's last line over the 总分 cell), in a row with no name, target or actual of
 * its own: the total row, with text the model stage reports.
 */
function totalWithExtraText(s: FormState, cells: readonly RowCell[]): RowCell | undefined {
  const got = assignToSlots(cells, s.indicatorSlots);
  const weightX = s.indicatorSlots.weight?.x0 ?? Infinity;
  return cells.find((c) => {
    const t = normalizeLabel(c.text.text);
    if (c.text.bbox.x1 > weightX + 0.5) return false;
    if ((['target', 'actual'] as const).some((k) => hasText(got[k]) && got[k] !== c.text)) return false;
    return TOTAL_LABELS.some((l) => t.length > l.length && t.length - l.length <= MAX_TOTAL_EXTRA && (t.endsWith(l) || t.startsWith(l)));
  });
}
