/**
 * `weights-not-100`: the 分值 of the budget line and of every indicator do not add up to 100.
 */
import { finding } from '../../findings.js';
import { dec, show } from '../decimal.js';
import type { Rule } from '../types.js';
import { at } from '../where.js';

export const weights: Rule = ({ project, provenance }) => {
  // Every weight must have been read; an unreadable one is already its own finding.
  const fundWeight = project.funds.total?.weight ?? null;
  if (project.indicators.length === 0 || fundWeight === null || project.indicators.some((i) => i.weight === null)) return [];
  const sum = project.indicators.reduce((s, i) => s.plus(dec(i.weight as number)), dec(fundWeight));
  if (sum.eq(100)) return [];
  return [
    finding('weights-not-100', `分值合计为 ${show(sum)}，不等于 100 / the weights add up to ${show(sum)}, not 100`, {
      form: project.form,
      ...at(provenance, 'totalWeight'),
      printed: project.totalWeight === null ? undefined : String(project.totalWeight),
      computed: show(sum),
    }),
  ];
};
