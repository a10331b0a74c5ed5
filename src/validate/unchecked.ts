/**
 * What a rule could not check: the values it needs that the model holds as null (a blank or
 * unreadable cell, already reported by the model stage with its page). A rule that skips says
 * so in a finding of its own, naming those values, so a check never vanishes silently.
 */
import type { Finding } from '../findings.js';
import { finding } from '../findings.js';
import type { Project, ProvenanceMap } from '../model/types.js';
import { at } from './where.js';

/** A value a rule needs: its field path and how a person names it. */
export interface NeededValue {
  path: string;
  label: string;
  value: number | null;
  /** Page of the value's row, for a blank cell the provenance does not hold. */
  page?: number;
}

/** The needed values an indicator row gives for one of its numeric columns. */
export function indicatorValues(project: Project, column: 'weight' | 'score'): NeededValue[] {
  const label = column === 'weight' ? '分值' : '得分';
  return project.indicators.map((i) => ({ path: `indicators.${i.seq - 1}.${column}`, label: `${i.name} ${label}`, value: i[column], page: i.page }));
}

/** The needed values that are missing. */
export function missingValues(values: readonly NeededValue[]): NeededValue[] {
  return values.filter((v) => v.value === null);
}

/**
 * A `missing-field` warning: `check` (Chinese / English) was not made because these values
 * are missing; points at the first of them.
 */
export function uncheckedFinding(project: Project, provenance: ProvenanceMap, check: [string, string], missing: readonly NeededValue[], field: string): Finding {
  const names = missing.map((m) => m.label).join('、');
  const paths = missing.map((m) => m.path).join(', ');
  const first = missing[0];
  const where = first ? at(provenance, first.path) : {};
  const page = where.page ?? first?.page;
  return finding('missing-field', `${check[0]}未核对：${names} 缺失 / ${check[1]} not checked: ${paths} missing`, {
    form: project.form,
    ...where,
    ...(page !== undefined ? { page } : {}),
    field,
  });
}

/** The 年度资金总额 line's figures a rule needs, by name (page: the form's first, where the line is printed). */
export function budgetValues(project: Project, keys: readonly ('annualBudget' | 'executed' | 'weight' | 'executionRatePercent')[]): NeededValue[] {
  const total = project.funds.total;
  const labels = { annualBudget: '全年预算数', executed: '全年执行数', weight: '分值', executionRatePercent: '执行率' } as const;
  const page = project.pages[0];
  return keys.map((k) => ({ path: `funds.total.${k}`, label: `年度资金总额 ${labels[k]}`, value: total ? total[k] : null, ...(page !== undefined ? { page } : {}) }));
}
