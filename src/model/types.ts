/**
 * The domain model: one `Project` per form. The zod schemas are the domain; the types are
 * inferred from them. Amounts are in 万元 as printed; rates are percent (99.74 means 99.74 %).
 * Printed text is kept next to every parsed value.
 */
import { z } from 'zod';

/**
 * Where a value was read: the text layer, OCR, or OCR read again because the first reading
 * did not add up (`ocr-repaired`: the re-reading makes the form's arithmetic consistent).
 */
export const TextSourceSchema = z.enum(['text', 'ocr', 'ocr-repaired']);
export type ValueSource = z.infer<typeof TextSourceSchema>;
export const ProjectSourceSchema = z.enum(['text', 'ocr', 'mixed']);

/** One line of the budget block (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金). */
export const BudgetLineSchema = z.object({
  /** 年初预算数, 万元. */
  initialBudget: z.number().nullable(),
  /** 全年预算数, 万元. */
  annualBudget: z.number().nullable(),
  /** 全年执行数, 万元. */
  executed: z.number().nullable(),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** The 年度资金总额 line, which also carries the budget's 分值, 执行率 and 得分. */
export const FundTotalSchema = BudgetLineSchema.extend({
  /** 分值 (10 in every form seen). */
  weight: z.number().nullable(),
  /** 执行率 as printed, e.g. `99.74%`. */
  executionRate: z.string(),
  /** 执行率 in percent, e.g. 99.74; null when absent or unreadable. */
  executionRatePercent: z.number().nullable(),
  /** 得分; null when the form prints none. */
  score: z.number().nullable(),
});
export type FundTotal = z.infer<typeof FundTotalSchema>;

export const TargetOpSchema = z.enum(['≥', '≤', '=', '>', '<', '']);

/** A target or actual split into operator, value and unit (`≥1个` → ≥, 1, 个). */
export const ParsedValueSchema = z.object({
  op: TargetOpSchema,
  value: z.number().nullable(),
  unit: z.string(),
  /** True for judged values such as `正常运转`, `同比上升`. */
  qualitative: z.boolean(),
});
export type ParsedValue = z.infer<typeof ParsedValueSchema>;

export const IndicatorSchema = z.object({
  /** 1-based position within the form. */
  seq: z.number().int().positive(),
  /** Canonical 一级指标 (DOMAIN.md taxonomy). */
  level1: z.string(),
  /** Canonical 二级指标. */
  level2: z.string(),
  /** 三级指标: the indicator's name. */
  name: z.string(),
  /** 年度指标值 as printed. */
  target: z.string(),
  /** 实际完成值 as printed. */
  actual: z.string(),
  weight: z.number().nullable(),
  score: z.number().nullable(),
  /** 偏差原因分析及改进措施 ('' when empty or the column is absent). */
  note: z.string(),
  /** The labels as printed on the page, when they differ from the canonical ones. */
  printed: z.object({ level1: z.string().optional(), level2: z.string().optional() }).optional(),
  targetParsed: ParsedValueSchema,
  actualParsed: ParsedValueSchema,
  /** Whether the actual meets the target; null when that cannot be computed. */
  met: z.boolean().nullable(),
  page: z.number().int().positive(),
  source: TextSourceSchema,
  /** Lowest confidence of the row's cells (1 for the text layer). */
  confidence: z.number().min(0).max(1),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ProjectSchema = z.object({
  /** 1-based position of the form in its file. */
  form: z.number().int().positive(),
  pages: z.array(z.number().int().positive()),
  title: z.string(),
  /** Evaluation year (the `(2024年度)` line). */
  year: z.number().int().nullable(),
  projectName: z.string(),
  department: z.string(),
  implementer: z.string(),
  funds: z.object({
    total: FundTotalSchema.nullable(),
    fiscal: BudgetLineSchema.nullable(),
    carryover: BudgetLineSchema.nullable(),
    other: BudgetLineSchema.nullable(),
  }),
  goals: z.object({ expected: z.string(), actual: z.string() }),
  indicators: z.array(IndicatorSchema),
  /** 总分 row: 分值 (100) and the printed total score. */
  totalWeight: z.number().nullable(),
  totalScore: z.number().nullable(),
  /** Which optional columns the printed form has. */
  layout: z.object({ noteColumn: z.boolean(), fundScoreColumn: z.boolean() }),
  source: ProjectSourceSchema,
});
export type Project = z.infer<typeof ProjectSchema>;

/** Where one value of the model came from. Keyed by field path (`indicators.3.score`). */
export interface Provenance {
  page: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  source: ValueSource;
  confidence: number;
  /** The cell's text before parsing. */
  raw: string;
  /**
   * The first OCR reading, replaced by `raw`: for `ocr-repaired`, by a re-reading that adds
   * up; for `ocr`, by a correction of doubtful characters from the document's words.
   */
  replaced?: string;
}
export type ProvenanceMap = Record<string, Provenance>;
