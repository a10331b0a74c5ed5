/**
 * Every Chinese label the tool recognizes, in one place.
 *
 * Labels are matched after `normalizeLabel` (NFKC, whitespace and brackets' contents such as
 * `（A）`, `(B/A)`, `（万元）` dropped), so `全年预算数（A）` and `全年预算数` are one label.
 * Provinces and years word the template differently: each field lists its synonyms.
 */

/** The form's title; one form starts where it is printed. */
export const FORM_TITLE = '项目支出绩效自评表';
/** Shorter wordings of the title seen on other templates (matched as substrings). */
export const FORM_TITLE_PATTERNS: readonly RegExp[] = [/项目支出绩效自评表/, /项目绩效自评表/, /支出绩效自评表/];

/** The evaluation year as printed near the title: `(2024年度)`, `2024 年度`, `2024年`. */
export const YEAR_PATTERN = /((?:19|20)\d{2})\s*年/;

/** Header fields read from label → value pairs (value is the next non-empty cell right of the label). */
export const HEADER_LABELS = {
  projectName: ['项目名称'],
  department: ['主管部门', '主管单位'],
  implementer: ['实施单位', '项目实施单位', '实施部门'],
} as const;

/** Column headers of the budget block (项目资金). */
export const BUDGET_COLUMN_LABELS = {
  initialBudget: ['年初预算数', '年初预算'],
  annualBudget: ['全年预算数', '全年预算', '调整后预算数'],
  executed: ['全年执行数', '全年执行', '实际执行数', '执行数'],
  weight: ['分值'],
  executionRate: ['执行率'],
  score: ['得分'],
} as const;

/** Row labels of the budget block. */
export const BUDGET_ROW_LABELS = {
  total: ['年度资金总额', '资金总额'],
  fiscal: ['其中:当年财政拨款', '当年财政拨款', '财政拨款'],
  carryover: ['上年结转资金', '上年结转'],
  other: ['其他资金'],
} as const;

/** Words that identify a budget line printed in a longer wording (`一般公共预算财政拨款`). */
export const BUDGET_ROW_KEYWORDS = {
  total: ['资金总额', '资金合计'],
  fiscal: ['财政拨款', '财政资金'],
  carryover: ['结转'],
  other: ['其他资金', '自有资金', '社会资金'],
} as const;

/** Label of the budget block itself (its first column). */
export const BUDGET_BLOCK_LABELS = ['项目资金', '资金情况'] as const;

/** Goal block. */
export const GOAL_LABELS = {
  block: ['年度总体目标', '总体目标'],
  expected: ['预期目标'],
  actual: ['实际完成情况', '实际完成'],
} as const;

/** Column headers of the indicator table. */
export const INDICATOR_COLUMN_LABELS = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称'],
  target: ['年度指标值', '指标值', '年度目标值', '目标值'],
  actual: ['实际完成值', '全年实际值', '实际值', '完成值'],
  weight: ['分值', '权重'],
  score: ['得分'],
  note: ['偏差原因分析及改进措施', '偏差原因分析及改进', '偏差原因分析', '偏差原因', '原因分析及改进措施'],
} as const;

/**
 * The template's column order, left to right, as chains: in every header row the columns of
 * one chain that are printed come in this order (others may sit between them). Header wordings
 * and optional columns vary (DOMAIN.md), the order of these does not; 分值/得分 come before or
 * after the values (`weight-first` forms), so they are a chain of their own.
 */
export const BUDGET_COLUMN_ORDER: readonly (readonly (keyof typeof BUDGET_COLUMN_LABELS)[])[] = [
  ['initialBudget', 'annualBudget', 'executed', 'executionRate', 'score'],
  ['executed', 'weight', 'score'],
];
export const INDICATOR_COLUMN_ORDER: readonly (readonly (keyof typeof INDICATOR_COLUMN_LABELS)[])[] = [
  ['level1', 'level2', 'name', 'target', 'actual', 'note'],
  ['name', 'weight', 'score', 'note'],
];

/** Label of the indicator block (its first column). */
export const INDICATOR_BLOCK_LABELS = ['绩效指标'] as const;

/** The closing row. */
export const TOTAL_LABELS = ['总分', '合计'] as const;

/**
 * The indicator taxonomy (DOMAIN.md): level-1 label → its level-2 labels.
 * `产出指标/成本指标` is the older template's cost group, kept as printed.
 */
export const TAXONOMY = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
  满意度指标: ['服务对象满意度指标'],
} as const;

export type Level1 = keyof typeof TAXONOMY;
export type Level2 = (typeof TAXONOMY)[Level1][number];

/**
 * Normalize a printed label for dictionary lookup: NFKC (full-width → half-width), drop all
 * whitespace, drop bracketed suffixes such as `(A)`, `(B/A)`, `(万元)`.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/：/g, ':');
}

/** True when `text` (normalized) equals one of `labels` (normalized). */
export function matchesLabel(text: string, labels: readonly string[]): boolean {
  const t = normalizeLabel(text);
  if (t === '') return false;
  return labels.some((l) => normalizeLabel(l) === t);
}

/**
 * Short forms and variant wordings of the 一级 labels (matched after `normalizeLabel`).
 * A label without its `指标` suffix is accepted anyway (see `model/taxonomy.ts`); only
 * wordings that are not the canonical label minus `指标` are listed here.
 */
export const LEVEL1_ALIASES: Readonly<Record<string, Level1>> = {
  产出: '产出指标',
  效益: '效益指标',
  成本: '成本指标',
  满意度: '满意度指标',
  满意: '满意度指标',
};

/**
 * Short forms and variant wordings of the 二级 labels (matched after `normalizeLabel`).
 * `服务对象满意度标` (seed forms 2, 5, 12, 13, 15) is a one-character slip and is caught by the
 * fuzzy match, not listed here.
 */
export const LEVEL2_ALIASES: Readonly<Record<string, Level2>> = {
  满意度: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  服务对象满意: '服务对象满意度指标',
  服务满意度指标: '服务对象满意度指标',
  对象满意度指标: '服务对象满意度指标',
  服务对象满意程度指标: '服务对象满意度指标',
  可持续影响: '可持续影响指标',
  可持续指标: '可持续影响指标',
  可持续发展指标: '可持续影响指标',
  可持续性影响指标: '可持续影响指标',
  生态环境效益指标: '生态效益指标',
  生态成本指标: '生态环境成本指标',
  环境成本指标: '生态环境成本指标',
};

/**
 * Keyword rules that infer an indicator's group from its name (三级指标), for rows printed
 * without labels (seed form 5's cost rows). Tried in order; the first rule with a keyword
 * contained in the name wins (when a level-1 is known, the first rule of that level-1).
 * More specific keywords come first: `社会成本` before `成本`, `故障修复时间` is a time
 * (时效) although it says `故障`, `利用率` is a social benefit although it ends in `率`.
 */
export const INDICATOR_NAME_KEYWORD_RULES: readonly {
  readonly keywords: readonly string[];
  readonly level1: Level1;
  readonly level2: Level2;
}[] = [
  { keywords: ['满意度', '满意率', '满意'], level1: '满意度指标', level2: '服务对象满意度指标' },
  // Savings and induced investment are economic benefits, though they name a cost (节约运行费用).
  { keywords: ['经济效益', '收入', '利润', '产值', '增收', '税收', '节约', '节省', '带动'], level1: '效益指标', level2: '经济效益指标' },
  { keywords: ['社会成本'], level1: '成本指标', level2: '社会成本指标' },
  { keywords: ['生态成本', '环境成本', '生态环境成本'], level1: '成本指标', level2: '生态环境成本指标' },
  {
    keywords: ['成本', '费用', '经费', '单价', '预算控制'],
    level1: '成本指标',
    level2: '经济成本指标',
  },
  { keywords: ['生态效益', '生态', '环境', '节能', '减排', '排放', '绿化'], level1: '效益指标', level2: '生态效益指标' },
  { keywords: ['可持续', '持续', '使用年限', '年限', '长效', '政策方向', '政策'], level1: '效益指标', level2: '可持续影响指标' },
  {
    keywords: ['时间', '时效', '及时', '时限', '进度', '响应', '周期', '频率', '工作日'],
    level1: '产出指标',
    level2: '时效指标',
  },
  {
    keywords: ['社会效益', '利用率', '使用率', '共享率', '公信力', '依法行政', '社会', '群众', '公众', '保障', '知晓率', '犯罪', '就业', '获得感'],
    level1: '效益指标',
    level2: '社会效益指标',
  },
  {
    keywords: ['故障', '差错', '合格', '正确', '准确', '达标', '质量', '完成率', '修复率', '覆盖率', '回复率', '率'],
    level1: '产出指标',
    level2: '质量指标',
  },
  {
    keywords: ['数量', '个数', '人数', '次数', '总数', '台数', '套数', '面积', '场次', '人次', '批次', '数'],
    level1: '产出指标',
    level2: '数量指标',
  },
];

/**
 * Words in an indicator name that make a bare target (`5万元`, no operator) a ceiling rather
 * than a floor: costs, faults, errors, durations (`model/taxonomy.ts` `defaultDirection`).
 */
export const LOWER_IS_BETTER_KEYWORDS: readonly string[] = [
  '成本', '费用', '经费', '单价', '支出',
  '故障', '差错', '错误', '投诉', '事故', '失误', '缺陷',
  '时间', '时长', '时限', '用时', '耗时', '周期',
  '变化率', '超支',
];

/** Words that make a bare target a floor even beside a cost word: savings (`节约运行费用`). */
export const HIGHER_IS_BETTER_KEYWORDS: readonly string[] = ['节约', '节省', '增收', '收入', '利润', '带动'];

/**
 * True when `text` is exactly a taxonomy label or one of its listed short forms (after
 * `normalizeLabel`); misspellings are the model stage's business (taxonomy.ts).
 */
export function isTaxonomyLabel(text: string): boolean {
  const t = normalizeLabel(text);
  if (t === '') return false;
  return (
    t in TAXONOMY ||
    Object.values(TAXONOMY).some((l2s) => (l2s as readonly string[]).includes(t)) ||
    t in LEVEL1_ALIASES ||
    t in LEVEL2_ALIASES
  );
}

/**
 * Counting words (量词) printed as a target's unit (`≥1个`, `≥24场`, `100人次`), besides the
 * money, time and rate units of model/values.ts. OCR checks a unit it read against these
 * and those: a unit outside both is taken as a misreading of the cell's split.
 */
export const MEASURE_WORDS: readonly string[] = [
  '个', '次', '人', '人次', '户', '件', '项', '条', '台', '套', '家', '所', '场', '篇', '份', '本', '册',
  '批', '批次', '辆', '株', '棵', '处', '类', '盏', '名', '位', '张', '部', '座', '间', '块', '只', '头',
  '亩', '平方米', '平米', '米', '公里', '千米', '吨', '立方米', '千瓦', '户次', '课时', '学时', '期', '轮',
  '门', '种', '组', '支', '节', '页', '字', '宗', '单', '笔', '宗', '起', '例', '床', '车次', '架次', '标段',
];

/**
 * Words indicator names (三级指标) are made of, and end with: rates, degrees, qualities,
 * quantities, times and costs. OCR's free-text correction (ocr/lexicon.ts) completes a name's
 * doubtful last character from them (`故障盏` → 故障率) when that character can end no name;
 * their last characters are the endings it never changes.
 */
export const INDICATOR_WORDS: readonly string[] = [
  // Rates.
  '完成率', '执行率', '利用率', '使用率', '故障率', '正确率', '准确率', '合格率', '达标率', '覆盖率',
  '及时率', '到位率', '知晓率', '参与率', '办结率', '回复率', '接通率', '响应率', '解决率', '处理率',
  '完好率', '在线率', '上线率', '出勤率', '差错率', '投诉率', '增长率', '下降率', '节约率', '回访率',
  '通过率', '结案率', '整改率', '入住率', '就业率', '巡查率', '检查率', '检测率', '监测率', '达成率',
  '满意率', '可用率', '修复率', '更新率', '录入率', '归档率', '抽查率', '验收率', '支付率', '兑现率',
  '发放率', '受益率', '普及率', '开通率', '运行率', '报送率', '审核率', '采纳率', '准时率', '完整率',
  '转化率', '占有率', '参保率', '入学率', '成活率', '闭环率', '化解率', '成功率', '接种率', '好评率',
  '有效率', '合规率', '规范率', '派遣率', '核查率', '送达率', '联系率', '接听率', '分拨率', '应答率',
  // Degrees and qualities.
  '满意度', '完成度', '精确度', '准确度', '可靠度', '知晓度', '认可度', '透明度', '活跃度', '参与度',
  '及时性', '准确性', '稳定性', '安全性', '可靠性', '规范性', '完整性', '有效性', '合规性', '持续性', '时效性',
  // Quantities, times, costs.
  '数量', '次数', '人数', '个数', '台数', '件数', '户数', '人次', '场次', '工作量', '业务量', '访问量',
  '服务量', '处理量', '完成量', '覆盖面', '时间', '时长', '时限', '周期', '期限', '成本', '费用', '单价',
  '金额', '面积', '长度', '效益', '影响', '质量', '水平', '能力', '效果', '情况', '进度', '时效', '达标',
  '占比', '比例', '比重', '数值', '信息化', '获得感',
];
