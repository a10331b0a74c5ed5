/**
 * Small valid projects for rule tests: a budget line and indicators, consistent unless the
 * test changes something.
 */
import type { Indicator, Project } from '../../src/model/types.js';
import { isMet, parseActual, parseTarget } from '../../src/model/values.js';

export function indicator(seq: number, target: string, actual: string, weight: number, score: number, extra: Partial<Indicator> = {}): Indicator {
  const targetParsed = parseTarget(target);
  const actualParsed = parseActual(actual);
  return {
    seq,
    level1: '产出指标',
    level2: '数量指标',
    name: `指标${seq}`,
    target,
    actual,
    weight,
    score,
    note: '',
    targetParsed,
    actualParsed,
    met: isMet(targetParsed, actualParsed),
    page: 1,
    source: 'text',
    confidence: 1,
    ...extra,
  };
}

/** 128.18 / 127.85 → 99.74 %, budget score 9.97, indicators 90/90, total 99.97. */
export function project(overrides: Partial<Project> = {}): Project {
  return {
    form: 1,
    pages: [1],
    title: '项目支出绩效自评表',
    year: 2024,
    projectName: '测试项目',
    department: '某部门',
    implementer: '某单位',
    funds: {
      total: { initialBudget: 128.18, annualBudget: 128.18, executed: 127.85, weight: 10, executionRate: '99.74%', executionRatePercent: 99.74, score: 9.97 },
      fiscal: null,
      carryover: null,
      other: null,
    },
    goals: { expected: '', actual: '' },
    indicators: [indicator(1, '≥1个', '1个', 50, 50), indicator(2, '≥95%', '96%', 40, 40)],
    totalWeight: 100,
    totalScore: 99.97,
    layout: { noteColumn: true, fundScoreColumn: true },
    source: 'text',
    ...overrides,
  };
}
