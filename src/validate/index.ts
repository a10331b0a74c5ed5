/**
 * Validate stage: a built project → the findings of every rule. The model stage's own findings
 * (missing fields, unreadable numbers, label-inconsistent) come before these.
 */
import type { Finding } from '../findings.js';
import { executionRate } from './rules/execution-rate.js';
import { formulaicActuals } from './rules/formulaic-actuals.js';
import { fundScore } from './rules/fund-score.js';
import { scoreAboveWeight } from './rules/score-above-weight.js';
import { suspiciousTarget } from './rules/suspicious-target.js';
import { targetMissedFullScore } from './rules/target-missed.js';
import { total } from './rules/total.js';
import { weights } from './rules/weights.js';
import type { Rule, ValidationInput } from './types.js';

export type { Rule, ValidationInput } from './types.js';

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [executionRate, fundScore, total, weights, scoreAboveWeight, targetMissedFullScore, suspiciousTarget, formulaicActuals];

export function validateProject(input: ValidationInput): Finding[] {
  return RULES.flatMap((rule) => rule(input));
}
