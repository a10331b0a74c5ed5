/**
 * Output of the form stage: each form found in a document, as labelled cells.
 * Nothing is parsed yet; every value keeps its page, box, source and confidence.
 * Coordinates: page points, top-left origin, y downward.
 */
import type { BBox, TextSource } from '../extract/types.js';

/** The text of one cell (or one free text line) and where it came from. */
export interface CellText {
  /** Cell text, whitespace-normalized by the grid stage. */
  text: string;
  page: number;
  bbox: BBox;
  source: TextSource;
  /** 0..1: 1 for the text layer; the lowest run confidence for OCR. */
  confidence: number;
  /** OCR only: the text as recognized, before a correction from the document's words. */
  replaced?: string;
}

export type BudgetColumn = 'initialBudget' | 'annualBudget' | 'executed' | 'weight' | 'executionRate' | 'score';
export type BudgetRow = 'total' | 'fiscal' | 'carryover' | 'other';
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'note';

/** One line of the budget block: its label and the cells under each column header found. */
export interface BudgetLineCells {
  label: CellText;
  cells: Partial<Record<BudgetColumn, CellText>>;
}

/** One indicator row; merged 一级/二级 cells are carried to every row they span. */
export interface IndicatorRowCells {
  cells: Partial<Record<IndicatorColumn, CellText>>;
  /** Page of the row. */
  page: number;
  bbox: BBox;
  /**
   * Label columns whose cell was taken across a page break (a merged label cut by the
   * break, printed on the other page only), not printed beside this row.
   */
  carried?: ('level1' | 'level2')[];
}

export interface FormTable {
  /** 1-based position of the form in its file. */
  index: number;
  /** Pages the form occupies, ascending. */
  pages: number[];
  title?: CellText;
  /** The text the year was read from, e.g. `(2024年度)`. */
  yearText?: CellText;
  fields: { projectName?: CellText; department?: CellText; implementer?: CellText };
  /** The text naming the unit of the budget amounts (`项目资金（万元）`, `单位：元`), if printed. */
  amountUnit?: CellText;
  /** Budget column headers found (the keys present say which optional columns exist). */
  budgetColumns: Partial<Record<BudgetColumn, CellText>>;
  budgetLines: Partial<Record<BudgetRow, BudgetLineCells>>;
  goals: { expected?: CellText; actual?: CellText };
  /** Indicator column headers found. */
  indicatorColumns: Partial<Record<IndicatorColumn, CellText>>;
  indicators: IndicatorRowCells[];
  total?: { label: CellText; weight?: CellText; score?: CellText };
  /**
   * Printed text the reader could not place (so the model stage reports it, page and cell):
   * `row`, a table row of the budget or indicator block read as neither a budget line, an
   * indicator nor the total; `total-label`, a 总分 cell holding more than its label
   * (`指标总分`), read as the total row all the same.
   */
  unread?: { kind: 'row' | 'total-label'; cell: CellText }[];
}
