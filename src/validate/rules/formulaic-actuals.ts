/**
 * `formulaic-actuals` (info): every actual equals its target exactly — the actuals may have
 * been copied from the targets rather than measured.
 */
import { finding } from '../../findings.js';
import type { Indicator } from '../../model/types.js';
import { convertToUnit } from '../../model/values.js';
import { dec } from '../decimal.js';
import type { Rule } from '../types.js';

/** At least this many indicators before the pattern means anything. */
const MIN_INDICATORS = 3;

function sameAsTarget(i: Indicator): boolean {
  const t = i.targetParsed;
  const a = i.actualParsed;
  if (i.actual.trim() === '') return false;
  if (t.value !== null && a.value !== null) {
    // The same quantity, in the same or a convertible unit (`≥20分钟` / `20分`), or unit-less.
    const converted = convertToUnit(a.value, a.unit, t.unit);
    return converted !== null && dec(converted).eq(dec(t.value));
  }
  return i.actual.replace(/\s+/g, '') === i.target.replace(/\s+/g, '');
}

export const formulaicActuals: Rule = ({ project }) => {
  const rows = project.indicators;
  if (rows.length < MIN_INDICATORS || !rows.every(sameAsTarget)) return [];
  return [
    finding('formulaic-actuals', `全部 ${rows.length} 项实际完成值与指标值完全相同 / every actual equals its target exactly`, {
      form: project.form,
      computed: `${rows.length}/${rows.length}`,
    }),
  ];
};
