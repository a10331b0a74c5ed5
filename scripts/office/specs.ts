/**
 * Seeded FormSpecs for the office family (forms exported by LibreOffice Writer and Calc).
 *
 * scripts/fixtures/synthetic.ts exposes only its whole corpus (fixed seed), not its per-form
 * generator, so this is a small generator of its own with other units and indicator pools. It
 * reuses the PRNG and the exact decimal helpers of the synthetic corpus and the same arithmetic:
 * amounts in integer 1e-4 万元; 执行率 = 执行数/全年预算数 (2 decimals, half up); budget 得分 =
 * min(率,1)×10 from the printed rate (half up, 2 decimals); Σ 分值 = 90 + 10; 总分 = budget 得分 +
 * Σ indicator 得分 (the budget 得分 counts also when the form prints no budget 得分 column).
 */
import { Rng } from '../fixtures/prng.js';
import { divRoundHalfUp, formatRate, rateBp, unitsToNumber } from '../fixtures/num.js';
import type { Amounts, FormSpec, Indicator, IndicatorColumnOrder } from '../fixtures/spec.js';

export const OFFICE_SEED = 'jixiao-office-v1';

interface Unit {
  dept: string;
  subunits: string[];
  projects: string[];
  goals: string[];
  quantity: Array<[string, string]>;
  social: string[];
}

const DISTRICTS = ['金川区', '石桥县', '西岭区', '永宁县', '滨海新区', '望城区'];

const UNITS: Unit[] = [
  {
    dept: '城市管理委员会',
    subunits: ['环境卫生服务中心', '市政设施管理所', '城市照明管理所', '城管执法大队'],
    projects: ['道路清扫保洁服务', '垃圾分类设施购置', '市政道路大中修工程', '城市照明设施维护', '背街小巷环境精细化整治提升（第3批）'],
    goals: ['保持城市道路整洁有序', '推进生活垃圾分类', '完成市政道路维修任务', '保障城市照明设施正常运行'],
    quantity: [['清扫保洁面积', '万平方米'], ['购置分类垃圾桶数量', '个'], ['维修道路面积', '平方米'], ['维护路灯数量', '盏'], ['整治背街小巷条数', '条']],
    social: ['市容环境改善情况', '垃圾分类知晓率', '夜间出行安全保障情况'],
  },
  {
    dept: '应急管理局',
    subunits: ['应急救援保障中心', '安全生产执法监察大队', '防灾减灾科'],
    projects: ['应急物资储备', '安全生产专项检查经费', '应急救援队伍建设', '基层应急避难场所标准化建设'],
    goals: ['提升应急物资保障能力', '开展安全生产隐患排查', '加强应急救援队伍训练', '完善应急避难场所'],
    quantity: [['储备应急物资品类', '类'], ['检查生产经营单位数', '家'], ['开展应急演练次数', '次'], ['培训救援队员人次', '人次']],
    social: ['生产安全事故发生率', '群众防灾避险意识提升情况', '突发事件处置能力'],
  },
  {
    dept: '体育局',
    subunits: ['全民健身指导中心', '体育场馆管理中心', '青少年业余体校'],
    projects: ['全民健身设施更新', '体育场馆免费低收费开放补助', '青少年体育训练经费', '社区“15分钟健身圈”建设'],
    goals: ['更新老旧健身器材', '推动体育场馆向社会开放', '做好青少年体育后备人才培养', '丰富群众体育活动'],
    quantity: [['更新健身器材套数', '套'], ['场馆开放时长', '小时'], ['举办赛事活动场次', '场'], ['参训运动员人数', '人']],
    social: ['群众健身参与率', '体育设施使用便利程度', '青少年体质健康达标率'],
  },
  {
    dept: '生态环境局',
    subunits: ['环境监测站', '生态环境保护综合执法支队', '固体废物管理中心'],
    projects: ['大气污染防治专项', '水环境质量监测', '重点排污单位监督性监测', '土壤污染状况详查'],
    goals: ['改善区域空气质量', '完成地表水断面监测', '加强重点污染源监管', '摸清土壤环境底数'],
    quantity: [['监测点位数量', '个'], ['出具监测报告份数', '份'], ['执法检查次数', '次'], ['采集土壤样品数', '个']],
    social: ['空气质量优良天数比例', '群众环境投诉办结率', '环境风险防控水平'],
  },
];

interface Tpl {
  name: string;
  make: (rng: Rng, miss: boolean, budget: number, year: number) => { target: string; actual: string; ratio: number | null };
}

const ge = (name: string, unit: string): Tpl => ({
  name,
  make: (rng, miss) => {
    const n = rng.int(2, 60) * rng.pick([1, 5, 10, 100]);
    if (miss) {
      const m = Math.floor(n * rng.float(0.5, 0.9));
      return { target: `≥${n}${unit}`, actual: `${m}${unit}`, ratio: m / n };
    }
    return { target: `${rng.chance(0.85) ? '≥' : ''}${n}${unit}`, actual: `${rng.chance(0.6) ? n : n + rng.int(1, Math.max(1, Math.floor(n / 5)))}${unit}`, ratio: null };
  },
});
const pct = (name: string): Tpl => ({
  name,
  make: (rng, miss) => {
    const p = rng.pick([85, 90, 95, 98]);
    if (miss) {
      const q = p - rng.int(3, 10);
      return { target: `≥${p}%`, actual: `${q}%`, ratio: q / p };
    }
    return { target: `≥${p}%`, actual: `${rng.chance(0.5) ? rng.int(p, 100) : (p + rng.float(0, 100 - p)).toFixed(1)}%`, ratio: null };
  },
});
const fixed = (name: string, target: string, actuals: string[]): Tpl => ({ name, make: (rng) => ({ target, actual: rng.pick(actuals), ratio: null }) });
const timeLe = (name: string, unit: string, opts: number[]): Tpl => ({
  name,
  make: (rng, miss) => {
    const n = rng.pick(opts);
    if (miss) {
      const m = n + rng.int(1, Math.max(1, Math.floor(n / 2)));
      return { target: `≤${n}${unit}`, actual: `${m}${unit}`, ratio: n / m };
    }
    return { target: `≤${n}${unit}`, actual: `${rng.int(Math.max(1, Math.floor(n / 2)), n)}${unit}`, ratio: null };
  },
});
const costLe = (name: string): Tpl => ({
  name,
  make: (rng, _miss, budget) => {
    const dec = rng.pick([0, 2, 4]);
    const v = Math.max(0.5, budget * rng.float(0.3, 1));
    const t = (dec === 0 ? Math.round(v) : Number(v.toFixed(dec))).toFixed(dec).replace(/\.?0+$/, '');
    const target = `≤${t}万元`;
    return { target, actual: rng.pick(['未超过', target, '控制在预算内']), ratio: null };
  },
});

const QUALITY: Tpl[] = [pct('验收合格率'), fixed('服务质量达标情况', '达标', ['达标', '基本达标']), pct('设备完好率'), fixed('资金使用合规性', '合规', ['合规']), fixed('作业质量等级', '优良中低差', ['优', '良'])];
const TIMELY: Tpl[] = [
  { name: '项目完成时间', make: (rng, _m, _b, year) => ({ target: `${year}年12月31日前`, actual: rng.pick(['按期完成', `${year}年11月完成`]), ratio: null }) },
  fixed('资金支付及时率', '100%', ['100%']),
  timeLe('问题响应时间', '小时', [2, 4, 24]),
  timeLe('整改完成时限', '个工作日', [5, 10, 15]),
];
const COST: Tpl[] = [costLe('项目总成本'), costLe('设备采购成本'), { name: '人员经费标准', make: (rng) => ({ target: `${rng.float(8, 20).toFixed(2)}万元/人年`, actual: '未超过', ratio: null }) }];
const SUSTAIN: Tpl[] = [fixed('长效管理机制建立情况', '建立健全', ['已建立', '建立健全']), fixed('设施持续发挥作用年限', '≥5年', ['5年以上', '可达到预期指标'])];
const ECON: Tpl[] = [fixed('带动社会投资情况', '有所带动', ['有所带动', '达到预期']), ge('节约运行费用', '万元')];
const SAT: Tpl[] = [pct('服务对象满意度'), pct('群众满意度'), pct('受益群体满意度'), fixed('投诉数量同比变化', '同比下降', ['同比下降', '持平'])];
const NOTES = ['受疫情及天气影响，部分任务顺延，下一步将加快实施进度', '实际需求低于预期，下年度将科学合理设置指标值', '供应商交付延迟，已约谈督促', '需进一步加强过程管理'];

interface Group {
  level1: string;
  level2: string;
  pool: Tpl[];
}

function groupsFor(rng: Rng, u: Unit): Group[] {
  const g: Group[] = [
    { level1: '产出指标', level2: '数量指标', pool: u.quantity.map(([n, unit]) => ge(n, unit)) },
    { level1: '产出指标', level2: '质量指标', pool: QUALITY },
    { level1: '产出指标', level2: '时效指标', pool: TIMELY },
  ];
  const old = rng.chance(0.3);
  if (old) g.push({ level1: '产出指标', level2: '成本指标', pool: COST });
  if (rng.chance(0.4)) g.push({ level1: '效益指标', level2: '经济效益指标', pool: ECON });
  g.push({ level1: '效益指标', level2: '社会效益指标', pool: u.social.map((s) => (s.endsWith('率') || s.endsWith('比例') ? pct(s) : fixed(s, '有所提升', ['有所提升', '明显提升']))) });
  if (rng.chance(0.6)) g.push({ level1: '效益指标', level2: '可持续影响指标', pool: SUSTAIN });
  if (!old) g.push({ level1: '成本指标', level2: '经济成本指标', pool: COST });
  g.push({ level1: '满意度指标', level2: '服务对象满意度指标', pool: SAT });
  return g;
}

function weights(rng: Rng, n: number, total: number): number[] {
  const step = n <= 9 && rng.chance(0.6) ? 5 : n <= 15 && rng.chance(0.4) ? 2 : 1;
  const w = new Array<number>(n).fill(1);
  for (let k = n; k < total / step; k++) {
    const i = rng.int(0, n - 1);
    w[i] = (w[i] ?? 0) + 1;
  }
  return w.map((x) => x * step);
}

export interface OfficeFormOptions {
  nInd: number;
  noteColumn: boolean;
  fundScoreColumn: boolean;
  /** 'national' header wording (…（A）/（B）) or plain */
  headerVariant: 'plain' | 'national' | 'short';
  columnOrder: IndicatorColumnOrder;
  structure: 'fiscal' | 'carry' | 'other' | 'none';
  /** label quirk applied (with `printed` set) */
  quirk?: 'typo' | 'missing' | 'swap';
}

export function makeOfficeForm(rng: Rng, unitIndex: number, year: number, o: OfficeFormOptions): FormSpec {
  const u = UNITS[unitIndex % UNITS.length] as Unit;
  const district = rng.pick(DISTRICTS);
  const department = `${district}${u.dept}`;
  const implementer = rng.chance(0.4) ? department : `${district}${rng.pick(u.subunits)}`;
  let projectName = rng.pick(u.projects);
  if (rng.chance(0.4)) projectName = `${year}年-${projectName}`;

  // budget, exact integer units of 0.0001 万元
  const dec = rng.pick([0, 2, 2, 4]);
  const q = 10 ** (4 - dec);
  const annual = Math.round((rng.float(5, rng.chance(0.3) ? 4000 : 600) * 10_000) / q) * q;
  const executed = rng.chance(0.25) ? annual : Math.round((annual * rng.float(0.6, 0.999)) / q) * q;
  const initial = rng.chance(0.7) ? annual : rng.chance(0.5) ? Math.round((annual * rng.float(0.7, 1.3)) / q) * q : null;
  const bp = rateBp(executed, annual);
  const fundHundredths = divRoundHalfUp(Math.min(bp, 10_000), 10);
  const num = (v: number | null): number | null => (v === null ? null : unitsToNumber(v));
  let fiscal: Amounts | null = { initialBudget: num(initial), annualBudget: num(annual), executed: num(executed) };
  let carryover: Amounts | null = null;
  let other: Amounts | null = null;
  if (o.structure === 'none') fiscal = null;
  if (o.structure === 'carry' || o.structure === 'other') {
    const a1 = Math.round((annual * rng.float(0.5, 0.9)) / q) * q;
    const a2 = annual - a1;
    let e1 = Math.min(a1, Math.round((executed * (a1 / annual)) / q) * q);
    let e2 = executed - e1;
    if (e2 > a2) {
      e2 = a2;
      e1 = executed - a2;
    }
    fiscal = { initialBudget: num(initial), annualBudget: num(a1), executed: num(e1) };
    const rest: Amounts = { initialBudget: null, annualBudget: num(a2), executed: num(e2) };
    if (o.structure === 'carry') carryover = rest;
    else other = rest;
  }

  // indicators
  const groups = groupsFor(rng, u);
  const n = Math.max(o.nInd, groups.length > o.nInd ? o.nInd : 0);
  const chosen = groups.length > n ? [groups[0] as Group, ...rng.sample(groups.slice(1, -1), n - 2), groups[groups.length - 1] as Group] : groups;
  const ordered = groups.filter((g) => chosen.includes(g));
  const counts = ordered.map(() => 1);
  for (let k = ordered.length; k < n; k++) {
    const i = rng.int(0, ordered.length - 1);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const ws = weights(rng, n, 90);
  const inds: Indicator[] = [];
  const used = new Set<string>();
  ordered.forEach((g, gi) => {
    for (let k = 0; k < (counts[gi] ?? 1); k++) {
      const fresh = g.pool.filter((t) => !used.has(t.name));
      const base = fresh.length ? rng.pick(fresh) : rng.pick(g.pool);
      let name = base.name;
      for (let s = 2; used.has(name); s++) name = `${base.name}（${s}）`;
      used.add(name);
      const weight = ws[inds.length] ?? 1;
      const v = base.make(rng, weight >= 2 && rng.chance(0.12), annual / 10_000, year);
      let tenths = weight * 10;
      let note = '';
      if (v.ratio !== null) {
        tenths = Math.min(weight * 10 - 1, Math.max(0, Math.floor(weight * 10 * v.ratio)));
        if (o.noteColumn) note = rng.pick(NOTES);
      }
      inds.push({ level1: g.level1, level2: g.level2, name, target: v.target, actual: v.actual, weight, score: tenths / 10, note });
    }
  });

  const quirks: string[] = [];
  if (o.quirk === 'typo') {
    for (const i of inds) if (i.level2 === '服务对象满意度指标') i.printed = { level2: '服务对象满意度标' };
    quirks.push('misspelled level2 服务对象满意度标');
  } else if (o.quirk === 'missing') {
    const l2 = inds.find((i) => i.level1 === '效益指标')?.level2 ?? '质量指标';
    for (const i of inds) if (i.level2 === l2) i.printed = { level1: '', level2: '' };
    quirks.push(`no labels on ${l2} rows`);
  } else if (o.quirk === 'swap') {
    for (const i of inds) if (i.level1 === '产出指标') i.printed = { level1: i.level2, level2: i.level1 };
    quirks.push('swapped 一级/二级 columns for 产出指标');
  }

  const totalHundredths = fundHundredths + inds.reduce((s, i) => s + Math.round(i.score * 10) * 10, 0);
  const goal = (done: boolean): string => {
    const ps = rng.sample(u.goals, rng.int(2, u.goals.length)).map((p) => (done ? `已${p}` : p));
    if (rng.chance(0.4)) ps.push('加强项目全过程绩效管理，确保资金使用安全、规范、有效');
    return ps.join('，') + '。';
  };
  const form: FormSpec = {
    title: '项目支出绩效自评表',
    year,
    projectName,
    department,
    implementer,
    funds: {
      total: {
        initialBudget: num(initial),
        annualBudget: num(annual),
        executed: num(executed),
        weight: 10,
        executionRate: formatRate(bp, rng.chance(0.5)),
        score: o.fundScoreColumn ? unitsToNumber(fundHundredths, 100) : null,
      },
      fiscal,
      carryover,
      other,
    },
    goals: { expected: goal(false), actual: goal(true) },
    indicators: inds,
    totalWeight: 100,
    totalScore: unitsToNumber(totalHundredths, 100),
    layout: {
      noteColumn: o.noteColumn,
      fundScoreColumn: o.fundScoreColumn,
      headerVariant: o.headerVariant,
      columnOrder: o.columnOrder,
      amountStyle: 'plain',
    },
  };
  if (quirks.length) form.layout.labelQuirks = quirks;
  if (initial === null) form.layout.nullInitialBudget = '-';
  return form;
}

export interface OfficeFilePlan {
  /** base name without extension, e.g. "of-01-chengguan-2024" */
  name: string;
  /** CJK font family used for the file */
  font: string;
  /** each form starts on a new page (Writer: page break before the title; Calc: row break / own sheet) */
  newPagePerForm: boolean;
  /** Calc: one sheet per form instead of all forms stacked on one sheet */
  sheetPerForm: boolean;
  forms: FormSpec[];
}

const FONTS = ['WenQuanYi Zen Hei', 'AR PL UMing CN'];
const SLUG = ['chengguan', 'yingji', 'tiyu', 'shengtai'];

/** The office corpus plan: 6 files, 12 forms, deterministic. */
export function officeCorpus(): OfficeFilePlan[] {
  const root = new Rng(OFFICE_SEED);
  const sizes = [2, 3, 1, 2, 3, 1];
  const out: OfficeFilePlan[] = [];
  let formNo = 0;
  sizes.forEach((size, fi) => {
    const rng = root.fork(`file-${fi}`);
    const unit = fi % UNITS.length;
    const year = 2021 + ((fi + rng.int(0, 3)) % 4);
    const forms: FormSpec[] = [];
    for (let k = 0; k < size; k++, formNo++) {
      const fr = rng.fork(`form-${k}`);
      // forms 3, 6 and 10 are long (20–30 indicators): they run over a page break
      const long = formNo === 3 || formNo === 6 || formNo === 10;
      const nInd = long ? fr.int(20, 30) : fr.int(5, 14);
      forms.push(
        makeOfficeForm(fr, unit, year, {
          nInd,
          noteColumn: formNo % 4 !== 1,
          fundScoreColumn: formNo % 5 !== 2,
          headerVariant: (['plain', 'national', 'plain', 'short'] as const)[formNo % 4] ?? 'plain',
          columnOrder: formNo === 4 || formNo === 9 ? 'weight-target-actual-score' : 'target-actual-weight-score',
          structure: (['fiscal', 'fiscal', 'carry', 'fiscal', 'other', 'fiscal', 'none'] as const)[formNo % 7] ?? 'fiscal',
          quirk: formNo === 1 || formNo === 8 ? 'typo' : formNo === 5 ? 'missing' : formNo === 11 ? 'swap' : undefined,
        }),
      );
    }
    out.push({
      name: `of-${String(fi + 1).padStart(2, '0')}-${SLUG[unit] ?? 'unit'}-${year}`,
      font: FONTS[fi % 2] as string,
      newPagePerForm: fi % 3 !== 1,
      sheetPerForm: fi % 2 === 0,
      forms,
    });
  });
  return out;
}
