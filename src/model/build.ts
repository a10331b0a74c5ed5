/**
 * Model stage: a `FormTable` (labelled cells) → a `Project` with parsed values, a provenance
 * map keyed by field path, and the findings met on the way (missing fields, unreadable
 * numbers, label quirks).
 */
import { FORM_TITLE, YEAR_PATTERN } from '../dictionary.js';
import { JixiaoError } from '../errors.js';
import type { Finding } from '../findings.js';
import { finding } from '../findings.js';
import type { BudgetLineCells, BudgetRow, CellText, FormTable, IndicatorRowCells } from '../form/types.js';
import type { ResolvedLabels } from './taxonomy.js';
import { canonicalLevel1, canonicalLevel2, defaultDirection, inferFromName, resolveLabels } from './taxonomy.js';
import type { BudgetLine, FundTotal, Indicator, ParsedValue, Project, ProvenanceMap } from './types.js';
import { ProjectSchema } from './types.js';
import { isMet, parseActual, parseAmount, parsePercent, parseTarget } from './values.js';

export interface BuiltProject {
  project: Project;
  provenance: ProvenanceMap;
  findings: Finding[];
}

/**
 * Value cells (targets, actuals, rates) as people type them: full-width ASCII (`９０％`,
 * `＝２`) → half-width, ideographic space → space. The raw text stays in the provenance.
 */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

class Builder {
  readonly provenance: ProvenanceMap = {};
  readonly findings: Finding[] = [];
  constructor(readonly form: FormTable) {}

  note(path: string, cell: CellText | undefined): void {
    if (!cell) return;
    const replaced = cell.replaced !== undefined ? { replaced: cell.replaced } : {};
    this.provenance[path] = { page: cell.page, bbox: cell.bbox, source: cell.source, confidence: cell.confidence, raw: cell.text, ...replaced };
  }

  text(path: string, cell: CellText | undefined): string {
    this.note(path, cell);
    return cell?.text.trim() ?? '';
  }

  /** A value cell's text, half-width. */
  value(path: string, cell: CellText | undefined): string {
    return halfWidth(this.text(path, cell)).trim();
  }

  /** A required text field: missing → a finding. */
  requiredText(path: string, cell: CellText | undefined, label: string, severity: 'error' | 'warning'): string {
    const value = this.text(path, cell);
    if (value === '') {
      this.findings.push(
        finding('missing-field', `${label} not found`, { severity, field: path, form: this.form.index, page: this.form.pages[0] }),
      );
    }
    return value;
  }

  /**
   * A numeric cell parsed. With `required`, a cell that is blank (or absent, or a dash) is a
   * `missing-field` error naming the cell and its page (`required.page` when there is no cell):
   * a value the checks need and the form does not show, never silently skipped.
   */
  number(
    path: string,
    cell: CellText | undefined,
    parse: typeof parseAmount,
    extra: { indicator?: number; required?: { label: string; page: number | undefined } } = {},
  ): number | null {
    this.note(path, cell);
    const { required, ...where } = extra;
    const parsed = cell ? parse(cell.text) : ({ kind: 'empty' } as const);
    if (parsed.kind === 'number') return parsed.value;
    if (parsed.kind === 'empty' && required) {
      const page = cell?.page ?? required.page;
      this.findings.push(
        finding('missing-field', `${required.label}${page !== undefined ? `（第 ${page} 页）` : ''}未填或无法识别 / ${path}: the ${required.label} cell${page !== undefined ? ` on page ${page}` : ''} is blank`, {
          severity: 'error',
          field: path,
          form: this.form.index,
          ...(cell ? { printed: cell.text, bbox: cell.bbox } : {}),
          ...(page !== undefined ? { page } : {}),
          ...where,
        }),
      );
    }
    if (!cell) return null;
    if (parsed.kind === 'invalid') {
      this.findings.push(
        finding('unparseable-value', `${path}: "${cell.text}" does not read as a number`, {
          field: path,
          form: this.form.index,
          printed: cell.text,
          page: cell.page,
          bbox: cell.bbox,
          ...where,
        }),
      );
    }
    return null;
  }
}

function lineIsEmpty(line: BudgetLineCells | undefined): boolean {
  if (!line) return true;
  return (['initialBudget', 'annualBudget', 'executed'] as const).every((k) => parseAmount(line.cells[k]?.text ?? '').kind === 'empty');
}

/**
 * Amounts are reported in 万元, the unit the template prints. A form that says its amounts
 * are in 元 (`项目资金（元）`, `单位：元`) has them converted; the provenance keeps the printed
 * figure.
 */
function amountParser(form: FormTable): typeof parseAmount {
  const unit = form.amountUnit?.text ?? '';
  if (!/[（(]\s*元\s*[)）]|单位\s*[:：]\s*元/.test(unit)) return parseAmount;
  return (text) => {
    const parsed = parseAmount(text);
    return parsed.kind === 'number' ? { kind: 'number', value: parsed.value / 10_000 } : parsed;
  };
}

function budgetLine(b: Builder, key: BudgetRow): BudgetLine | null {
  const line = b.form.budgetLines[key];
  if (!line || lineIsEmpty(line)) return null;
  const path = `funds.${key}`;
  const amount = amountParser(b.form);
  return {
    initialBudget: b.number(`${path}.initialBudget`, line.cells.initialBudget, amount),
    annualBudget: b.number(`${path}.annualBudget`, line.cells.annualBudget, amount),
    executed: b.number(`${path}.executed`, line.cells.executed, amount),
  };
}

/** How a finding names a cell of the 年度资金总额 line. */
const BUDGET_CELL_LABELS = { annualBudget: '全年预算数', executed: '全年执行数', weight: '分值', executionRate: '执行率' } as const;

function fundTotal(b: Builder): FundTotal | null {
  const line = b.form.budgetLines.total;
  if (!line) {
    b.findings.push(finding('missing-field', '年度资金总额 line not found', { severity: 'error', field: 'funds.total', form: b.form.index, page: b.form.pages[0] }));
    return null;
  }
  const page = line.label.page;
  // The columns whose header the form prints must have a figure on the 年度资金总额 line
  // (年初预算数 may be blank or `-`: no initial budget; a blank budget 得分 is the fund-score
  // rule's `missing-field` warning).
  const required = (key: keyof typeof BUDGET_CELL_LABELS) =>
    b.form.budgetColumns[key] ? { required: { label: `年度资金总额 ${BUDGET_CELL_LABELS[key]}`, page } } : {};
  const amount = amountParser(b.form);
  const rateCell = line.cells.executionRate;
  return {
    initialBudget: b.number('funds.total.initialBudget', line.cells.initialBudget, amount),
    annualBudget: b.number('funds.total.annualBudget', line.cells.annualBudget, amount, required('annualBudget')),
    executed: b.number('funds.total.executed', line.cells.executed, amount, required('executed')),
    weight: b.number('funds.total.weight', line.cells.weight, parseAmount, required('weight')),
    executionRate: b.value('funds.total.executionRate', rateCell),
    executionRatePercent: b.number('funds.total.executionRatePercent', rateCell, parsePercent, required('executionRate')),
    score: b.number('funds.total.score', line.cells.score, parseAmount),
  };
}

/** One row's printed labels and name, and the canonical labels the taxonomy gives them. */
interface RowLabels {
  printedLevel1: string;
  printedLevel2: string;
  name: string;
  /** Every label the row shows was taken across a page break (see form/types.ts `carried`). */
  fromBreak: boolean;
  /** Null until resolved (labels missing and nothing to infer them from). */
  resolved: ResolvedLabels | null;
}

/** Read the printed labels and name of a row (the name may sit in a label column). */
function rowLabels(b: Builder, row: IndicatorRowCells, seq: number): RowLabels {
  const path = `indicators.${seq - 1}`;
  const c = row.cells;
  let printedLevel1 = c.level1?.text.trim() ?? '';
  let printedLevel2 = c.level2?.text.trim() ?? '';
  let name = b.text(`${path}.name`, c.name);
  const notALabel = (t: string): boolean => t !== '' && canonicalLevel2(t) === null && canonicalLevel1(t) === null;
  // Some forms print the name in the 二级 column and leave 三级 empty.
  if (name === '' && notALabel(printedLevel2)) {
    name = printedLevel2;
    b.note(`${path}.name`, c.level2);
    printedLevel2 = '';
  } else if (name === '' && notALabel(printedLevel1)) {
    name = printedLevel1;
    b.note(`${path}.name`, c.level1);
    printedLevel1 = '';
  }
  b.note(`${path}.level1`, c.level1);
  b.note(`${path}.level2`, c.level2);
  const carried = row.carried ?? [];
  const fromBreak =
    carried.length > 0 && (printedLevel1 === '' || carried.includes('level1')) && (printedLevel2 === '' || carried.includes('level2'));
  return { printedLevel1, printedLevel2, name, fromBreak, resolved: null };
}

/**
 * Labels taken across a page break assume the merged label cell continued there; the cell
 * may as well have been empty (labels missing). When two or more such rows in a row all have
 * names that say another group, the labels are treated as missing: inferred and reported.
 */
function dropContradictedCarries(rows: RowLabels[]): void {
  for (let i = 0; i < rows.length; ) {
    const first = rows[i] as RowLabels;
    let j = i + 1;
    if (first.fromBreak) {
      while (j < rows.length && rows[j]?.fromBreak && rows[j]?.printedLevel1 === first.printedLevel1 && rows[j]?.printedLevel2 === first.printedLevel2) j++;
      const span = rows.slice(i, j);
      const shown2 = canonicalLevel2(first.printedLevel2);
      const shown1 = canonicalLevel1(first.printedLevel1);
      // The older template's 产出指标/成本指标 holds what names now file under 成本指标.
      const shownCost = shown2 === '成本指标';
      const contradicts = (r: RowLabels): boolean => {
        const inferred = inferFromName(r.name);
        if (!inferred) return false;
        if (shownCost && inferred.level1 === '成本指标') return false;
        return shown2 !== null ? inferred.level2 !== shown2 : shown1 !== null && inferred.level1 !== shown1;
      };
      if (span.length >= 2 && span.every(contradicts)) {
        for (const r of span) {
          r.printedLevel1 = '';
          r.printedLevel2 = '';
        }
      }
    }
    i = j;
  }
}

/**
 * Canonical labels for every row: each row from its printed labels and the row above; a row
 * that still has none (labels missing at the top of a group, and a name that says nothing)
 * takes the group of the next row that has one, and is reported.
 */
function resolveAllLabels(rows: RowLabels[]): void {
  dropContradictedCarries(rows);
  let previous: { level1: string; level2: string } | undefined;
  for (const r of rows) {
    r.resolved = resolveLabels({ printedLevel1: r.printedLevel1, printedLevel2: r.printedLevel2, name: r.name, ...(previous ? { previous } : {}) });
    if (r.resolved) previous = { level1: r.resolved.level1, level2: r.resolved.level2 };
  }
  // Unlabelled cost rows: the older template keeps costs inside 产出指标 (before the 效益指标
  // rows), the current one has a 成本指标 group after them. Position decides.
  rows.forEach((r, i) => {
    if (r.printedLevel1 !== '' || r.printedLevel2 !== '' || r.resolved?.level1 !== '成本指标') return;
    const before = rows.slice(0, i).reverse().find((x) => x.resolved && x.resolved.level1 !== '成本指标');
    const after = rows.slice(i + 1).find((x) => x.resolved && x.resolved.level1 !== '成本指标');
    if (before?.resolved?.level1 === '产出指标' && after?.resolved?.level1 === '效益指标') {
      r.resolved = { ...r.resolved, level1: '产出指标', level2: '成本指标', reason: `printed 一级 "", 二级 "": labels missing; a cost between 产出 and 效益 rows, read as 产出指标/成本指标 (older template)` };
    }
  });
  let next: ResolvedLabels | null = null;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as RowLabels;
    if (r.resolved) next = r.resolved;
    else if (next) {
      r.resolved = {
        level1: next.level1,
        level2: next.level2,
        inconsistent: true,
        reason: `printed 一级 "${r.printedLevel1}", 二级 "${r.printedLevel2}": labels missing, read as the next row's group ${next.level1}/${next.level2}`,
      };
    }
  }
}

function indicator(b: Builder, row: IndicatorRowCells, seq: number, labels: RowLabels): Indicator {
  const path = `indicators.${seq - 1}`;
  const c = row.cells;
  const { printedLevel1, printedLevel2, name, resolved } = labels;
  const level1 = resolved?.level1 ?? printedLevel1;
  const level2 = resolved?.level2 ?? printedLevel2;
  const printed: { level1?: string; level2?: string } = {};
  if (printedLevel1 !== level1) printed.level1 = printedLevel1;
  if (printedLevel2 !== level2) printed.level2 = printedLevel2;
  if (!resolved || resolved.inconsistent) {
    const shown = `printed 一级 "${printedLevel1}", 二级 "${printedLevel2}"`;
    b.findings.push(
      finding('label-inconsistent', `${name}: ${resolved?.reason ?? `${shown}; no taxonomy group found`}`, {
        form: b.form.index,
        indicator: seq,
        field: `${path}.level2`,
        printed: `${printedLevel1 || '(空)'}/${printedLevel2 || '(空)'}`,
        computed: `${level1 || '(空)'}/${level2 || '(空)'}`,
        page: row.page,
      }),
    );
  }
  const target = b.value(`${path}.target`, c.target);
  const actual = b.value(`${path}.actual`, c.actual);
  const targetParsed: ParsedValue = parseTarget(target);
  const actualParsed: ParsedValue = parseActual(actual);
  const cells = Object.values(c).filter((x): x is CellText => x !== undefined);
  return {
    seq,
    level1,
    level2,
    name,
    target,
    actual,
    weight: b.number(`${path}.weight`, c.weight, parseAmount, { indicator: seq, required: { label: `${name} 分值`, page: row.page } }),
    score: b.number(`${path}.score`, c.score, parseAmount, { indicator: seq, required: { label: `${name} 得分`, page: row.page } }),
    note: b.text(`${path}.note`, c.note),
    ...(Object.keys(printed).length > 0 ? { printed } : {}),
    targetParsed,
    actualParsed,
    met: isMet(targetParsed, actualParsed, defaultDirection(level1, level2, name)),
    page: row.page,
    source: cells.some((x) => x.source === 'ocr') ? 'ocr' : 'text',
    confidence: cells.length > 0 ? Math.min(...cells.map((x) => x.confidence)) : 1,
  };
}

/** A printed text the form stage could not place (`FormTable.unread`), as a finding naming page and cell. */
function unreadFinding(form: number, kind: 'row' | 'total-label', cell: CellText): Finding {
  const where = { form, page: cell.page, bbox: cell.bbox, printed: cell.text };
  if (kind === 'total-label') {
    return finding('missing-field', `第 ${cell.page} 页总分单元格印为「${cell.text}」，多于标签 / page ${cell.page}: the 总分 cell reads "${cell.text}", more than its label`, {
      ...where,
      field: 'totalScore',
    });
  }
  return finding('missing-field', `第 ${cell.page} 页有一行未读入（既非指标行也非总分行）：「${cell.text}」/ page ${cell.page}: a row read as neither an indicator nor the total: "${cell.text}"`, {
    ...where,
    field: 'indicators',
  });
}

function projectSource(form: FormTable, provenance: ProvenanceMap): Project['source'] {
  const sources = new Set(Object.values(provenance).map((p) => p.source));
  if (form.title) sources.add(form.title.source);
  if (sources.size > 1) return 'mixed';
  return sources.has('ocr') ? 'ocr' : 'text';
}

/** Build the model of one form. Throws `JixiaoError` (stage `model`) only on a bug. */
export function buildProject(form: FormTable): BuiltProject {
  const b = new Builder(form);
  const yearMatch = form.yearText ? YEAR_PATTERN.exec(form.yearText.text.normalize('NFKC')) : null;
  b.note('year', form.yearText);
  if (!yearMatch) b.findings.push(finding('missing-field', 'evaluation year (年度) not found', { field: 'year', form: form.index, page: form.pages[0] }));

  const projectName = b.requiredText('projectName', form.fields.projectName, '项目名称', 'error');
  const department = b.requiredText('department', form.fields.department, '主管部门', 'warning');
  const implementer = b.requiredText('implementer', form.fields.implementer, '实施单位', 'warning');
  const total = fundTotal(b);
  const funds = { total, fiscal: budgetLine(b, 'fiscal'), carryover: budgetLine(b, 'carryover'), other: budgetLine(b, 'other') };
  const goals = { expected: b.text('goals.expected', form.goals.expected), actual: b.text('goals.actual', form.goals.actual) };

  const labels = form.indicators.map((row, i) => rowLabels(b, row, i + 1));
  resolveAllLabels(labels);
  const indicators = form.indicators.map((row, i) => indicator(b, row, i + 1, labels[i] as RowLabels));
  if (indicators.length === 0) {
    b.findings.push(finding('missing-field', 'no indicator rows (绩效指标) found', { severity: 'error', field: 'indicators', form: form.index, page: form.pages[0] }));
  }
  if (!form.total) b.findings.push(finding('missing-field', '总分 row not found', { severity: 'error', field: 'totalScore', form: form.index, page: form.pages.at(-1) }));
  for (const { kind, cell } of form.unread ?? []) b.findings.push(unreadFinding(form.index, kind, cell));

  // The 总分 row's figures, once the row is found (its absence is reported above).
  const totalCell = (label: string) => (form.total ? { required: { label: `总分 ${label}`, page: form.total.label.page } } : {});
  const candidate = {
    form: form.index,
    pages: form.pages,
    title: form.title?.text.trim() || FORM_TITLE,
    year: yearMatch ? Number(yearMatch[1]) : null,
    projectName,
    department,
    implementer,
    funds,
    goals,
    indicators,
    totalWeight: b.number('totalWeight', form.total?.weight, parseAmount, totalCell('分值')),
    totalScore: b.number('totalScore', form.total?.score, parseAmount, totalCell('得分')),
    layout: { noteColumn: form.indicatorColumns.note !== undefined, fundScoreColumn: form.budgetColumns.score !== undefined },
    source: 'text' as Project['source'],
  };
  candidate.source = projectSource(form, b.provenance);
  const parsed = ProjectSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new JixiaoError(`form ${form.index}: the model does not validate (${parsed.error.issues.map((i) => i.path.join('.') + ': ' + i.message).join('; ')})`, 'model', form.pages[0]);
  }
  return { project: parsed.data, provenance: b.provenance, findings: b.findings };
}
