/**
 * `weights-not-100`: the 分值 of the budget line and of every indicator do not add up to 100.
 * A 分值 that is missing (blank or unreadable: the model stage's own finding names the cell)
 * leaves the sum unchecked, said in a `missing-field` warning naming what is missing — unless
 * the 分值 that were read already exceed 100, which no missing value can mend.
 */
import { finding } from '../../findings.js';
import { dec, show } from '../decimal.js';
import type { Rule } from '../types.js';
import { indicatorValues, missingValues, uncheckedFinding } from '../unchecked.js';
import { at } from '../where.js';

export const weights: Rule = ({ project, provenance }) => {
  if (project.indicators.length === 0) return [];
  const first = project.pages[0];
  const needed = [{ path: 'funds.total.weight', label: '年度资金总额 分值', value: project.funds.total?.weight ?? null, ...(first !== undefined ? { page: first } : {}) }, ...indicatorValues(project, 'weight')];
  const missing = missingValues(needed);
  const sum = needed.reduce((s, v) => (v.value === null ? s : s.plus(dec(v.value))), dec(0));
  if (missing.length > 0 && !sum.gt(100)) return [uncheckedFinding(project, provenance, ['分值合计', 'the sum of the weights'], missing, 'totalWeight')];
  if (sum.eq(100)) return [];
  const without = missing.length > 0 ? `（未计 ${missing.map((m) => m.label).join('、')}）` : '';
  const withoutEn = missing.length > 0 ? ` (without ${missing.map((m) => m.path).join(', ')}, missing)` : '';
  return [
    finding('weights-not-100', `分值合计为 ${show(sum)}${without}，不等于 100 / the weights add up to ${show(sum)}${withoutEn}, not 100`, {
      form: project.form,
      ...at(provenance, 'totalWeight'),
      printed: project.totalWeight === null ? undefined : String(project.totalWeight),
      computed: show(sum),
    }),
  ];
};
