/**
 * Validator-guided repair of OCR readings. A scanned form whose arithmetic fails (总分 ≠ Σ 得分,
 * 得分 ≠ 执行率 × 分值, …) has often been misread, not misprinted: a decimal point lost (`8.8`
 * read as `88`), a digit taken for another. When a numeric cell such a check involves was read
 * with low confidence, the cell is read again with other settings (`OcrProvider.reread`), and
 * a reading is kept when it makes the form consistent: the failed check passes, and no error
 * appears that was not there before. The kept cell's provenance says `ocr-repaired`, and keeps
 * the first reading in `replaced`.
 *
 * Never touched: cells read with high confidence (a high-confidence value that does not add up
 * is reported as it is, not bent to fit), and every form of the text layer.
 *
 * Afterwards every OCR'd number of the model below the threshold that no arithmetic check
 * confirms gets a `low-confidence` warning (a score is confirmed when the scores add up to the
 * printed 总分, the budget 得分 when it equals rate × 分值, and so on).
 *
 * Re-reading the form is in memory: the page layouts' cell texts are changed, and the form
 * read, built and validated again — milliseconds. No PDF is needed; the provider keeps the
 * pixels of its low-confidence numeric cells.
 */
import type { Finding, FindingCode } from '../findings.js';
import { finding, worstStatus } from '../findings.js';
import { readForms } from '../form/reader.js';
import type { FormTable } from '../form/types.js';
import type { Cell, PageLayout } from '../grid/types.js';
import { buildProject } from '../model/build.js';
import type { FundTotal, Project, Provenance, ProvenanceMap } from '../model/types.js';
import type { Big } from '../validate/decimal.js';
import { dec, precisionOf, printedMatch } from '../validate/decimal.js';
import { validateProject } from '../validate/index.js';
import { exactRate, fundScoreCandidates } from '../validate/fund.js';
import type { CellReading, FormResult, OcrProvider } from './types.js';

/**
 * OCR confidence below which a number may be re-read, replaced by a reading that adds up, and
 * is reported as `low-confidence` when nothing confirms it. On generated scans of the 15 seed
 * forms, tesseract gave the correct numbers 0.64–0.96 (at 200 dpi 96 % of 522 cells ≥ 0.90,
 * at 150 dpi 91 % of 415), and the misread budget scores seen (`99`, `59` for 9.9) 0.57 and
 * 0.71. Below 0.9 catches those while leaving nine in ten correct readings alone; and a
 * correct reading below it is only re-read when a check fails, and only replaced by a reading
 * that makes the form add up.
 */
export const REPAIR_CONFIDENCE = 0.9;

/** The checks whose failure a re-read may cure: arithmetic, and numbers that did not parse. */
export const ARITHMETIC_CODES: readonly FindingCode[] = [
  'unparseable-value',
  'execution-rate-mismatch',
  'fund-score-mismatch',
  'total-mismatch',
  'weights-not-100',
  'score-above-weight',
];

export interface RepairOptions {
  /** Confidence below which a number may be re-read and is reported (default `REPAIR_CONFIDENCE`). */
  threshold?: number;
  /** Re-read forms tried per form at most (singles first, then pairs). Default 300. */
  maxTrials?: number;
}

/** A form table → its model, findings and status (the model and validate stages). */
export function formResult(table: FormTable): FormResult {
  const built = buildProject(table);
  const findings = [...built.findings, ...validateProject(built)];
  return { ...built, findings, status: worstStatus(findings) };
}

/** Numeric fields of the model, by path (`executionRatePercent` is the rate's own cell). */
const NUMERIC_FIELD = /^(?:funds\.(?:total|fiscal|carryover|other)\.(?:initialBudget|annualBudget|executed)|funds\.total\.(?:weight|executionRate|score)|indicators\.\d+\.(?:weight|score)|totalWeight|totalScore)$/;

const FUND_INPUTS = ['funds.total.executionRate', 'funds.total.executed', 'funds.total.annualBudget'];

/** The model fields one failed check depends on. */
function involvedFields(f: Finding, project: Project): string[] {
  const indicators = (k: 'weight' | 'score'): string[] => project.indicators.map((_, n) => `indicators.${n}.${k}`);
  switch (f.code) {
    case 'unparseable-value':
      return f.field ? [f.field.replace(/Percent$/, '')] : [];
    case 'execution-rate-mismatch':
      return FUND_INPUTS;
    case 'fund-score-mismatch':
      return ['funds.total.score', 'funds.total.weight', ...FUND_INPUTS];
    case 'total-mismatch':
      return ['totalScore', ...(project.funds.total?.score != null ? ['funds.total.score'] : ['funds.total.weight', ...FUND_INPUTS]), ...indicators('score')];
    case 'weights-not-100':
      return ['funds.total.weight', ...indicators('weight')];
    case 'score-above-weight':
      return f.field ? [f.field, f.field.replace(/score$/, 'weight')] : [];
    default:
      return [];
  }
}

/**
 * The fields an arithmetic check confirms: it ran (every input read) and passed. A misread
 * input would have made it fail, short of two misreadings that cancel out.
 */
function confirmedFields(project: Project, provenance: ProvenanceMap, findings: readonly Finding[]): Set<string> {
  const failed = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code));
  const out = new Set<string>();
  const add = (code: FindingCode, ran: boolean, fields: string[]): void => {
    if (ran && !failed.has(code)) for (const f of fields) out.add(f);
  };
  const total = project.funds.total;
  const scores = project.indicators.map((_, n) => `indicators.${n}.score`);
  const weights = project.indicators.map((_, n) => `indicators.${n}.weight`);
  add('execution-rate-mismatch', exactRate(total) !== null && total?.executionRatePercent != null, FUND_INPUTS);
  add('fund-score-mismatch', total?.score != null && fundScoreCandidates(total).length > 0, ['funds.total.score', 'funds.total.weight', ...fundScoreSources(total, provenance)]);
  add('total-mismatch', project.totalScore !== null && project.indicators.every((i) => i.score !== null), [
    'totalScore',
    ...scores,
    ...(total?.score != null ? ['funds.total.score'] : []),
  ]);
  add('weights-not-100', project.indicators.length > 0 && total?.weight != null && project.indicators.every((i) => i.weight !== null), [
    'funds.total.weight',
    ...weights,
    ...(project.totalWeight === 100 ? ['totalWeight'] : []),
  ]);
  return out;
}

/**
 * What a budget 得分 that adds up confirms besides itself: the amounts when it equals
 * executed / budget × 分值, the printed rate when it equals rate × 分值 — below 100 % only
 * (above, every rate gives the full 分值).
 */
function fundScoreSources(total: FundTotal | null, provenance: ProvenanceMap): string[] {
  if (!total || total.score === null || total.weight === null) return [];
  const dp = precisionOf(provenance['funds.total.score']?.raw, total.score);
  const matches = (rate: Big | null): boolean => rate !== null && rate.lt(1) && printedMatch(dec(total.score as number), dp, [rate.times(dec(total.weight as number))]) !== null;
  const printed = total.executionRatePercent === null ? null : dec(total.executionRatePercent).div(100);
  return [...(matches(exactRate(total)) ? ['funds.total.executed', 'funds.total.annualBudget'] : []), ...(matches(printed) ? ['funds.total.executionRate'] : [])];
}

const isOcr = (p: Provenance | undefined): boolean => p?.source === 'ocr' || p?.source === 'ocr-repaired';

const errorKey = (f: Finding): string => `${f.code}|${f.field ?? ''}|${f.indicator ?? ''}`;

function errorKeys(form: FormResult): Set<string> {
  return new Set(form.findings.filter((f) => f.severity === 'error').map(errorKey));
}

const arithmeticErrors = (form: FormResult): Finding[] => form.findings.filter((f) => f.severity === 'error' && ARITHMETIC_CODES.includes(f.code));

/** `next` is better: fewer errors, and none that `current` did not have. */
function improves(current: FormResult, next: FormResult): boolean {
  const before = errorKeys(current);
  const after = errorKeys(next);
  return after.size < before.size && [...after].every((k) => before.has(k));
}

/** Lexicographic order of two ranks. */
function before(a: readonly number[], b: readonly number[]): boolean {
  const k = a.findIndex((x, i) => x !== b[i]);
  return k >= 0 && (a[k] as number) < (b[k] as number);
}

const boxKey = (page: number, b: { x0: number; y0: number; x1: number; y1: number }): string => `${page}|${b.x0}|${b.y0}|${b.x1}|${b.y1}`;

/** One cell's reading put in place of the first one. */
interface Substitution {
  cell: Cell;
  page: number;
  reading: CellReading;
}

/** A cell of the page layouts to be re-read, with the provenance of its field. */
interface Candidate {
  cell: Cell;
  page: number;
  provenance: Provenance;
}

/** Put `readings` into the layouts' cells, run `body`, and put the first readings back. */
function withSubstitutions<T>(subs: readonly Substitution[], body: () => T): T {
  const saved = subs.map(({ cell }) => ({ cell, text: cell.text, runs: cell.runs }));
  for (const { cell, reading } of subs) substitute(cell, reading);
  try {
    return body();
  } finally {
    for (const s of saved.reverse()) Object.assign(s.cell, { text: s.text, runs: s.runs });
  }
}

function substitute(cell: Cell, reading: CellReading): void {
  const b = cell.bbox;
  const inset = Math.min(2, (b.y1 - b.y0) / 4);
  cell.text = reading.text;
  cell.runs = [
    {
      text: reading.text,
      bbox: { x0: b.x0 + inset, y0: b.y0 + inset, x1: b.x1 - inset, y1: b.y1 - inset },
      fontSize: Math.min(12, Math.max(6, b.y1 - b.y0 - 2 * inset)),
      source: 'ocr',
      confidence: reading.confidence,
    },
  ];
}

/**
 * Reads one form again from the layouts. Only the form's own pages are read (fast on a long
 * file), unless that does not give back the same form as the whole file did.
 */
function formReader(layouts: readonly PageLayout[], form: FormResult): () => FormResult | undefined {
  const { form: index, pages, projectName } = form.project;
  const first = pages[0] ?? 0;
  const last = pages.at(-1) ?? 0;
  const own = layouts.filter((l) => l.page >= first && l.page <= last);
  const samePages = (t: FormTable): boolean => t.pages.length === pages.length && t.pages.every((p, k) => p === pages[k]);
  const read = (from: readonly PageLayout[]): FormResult | undefined => {
    const table = readForms(from).find((t) => (from === layouts ? t.index === index : samePages(t)));
    if (!table || !samePages(table)) return undefined;
    try {
      const result = formResult({ ...table, index });
      return result.project.projectName === projectName ? result : undefined;
    } catch {
      return undefined; // a reading the model refuses
    }
  };
  const same = read(own);
  const fast = same !== undefined && JSON.stringify(same.project) === JSON.stringify(form.project) && JSON.stringify(same.findings) === JSON.stringify(form.findings);
  return () => read(fast ? own : layouts);
}

/**
 * Re-read low-confidence numeric cells of the forms whose arithmetic fails, keep the readings
 * that make them add up, and add `low-confidence` warnings. Forms without OCR'd values are
 * returned as they are. `document` is the key the provider's `recognize` was given.
 */
export async function repairOcrForms(
  layouts: readonly PageLayout[],
  forms: readonly FormResult[],
  ocr: OcrProvider,
  document: object,
  options: RepairOptions = {},
): Promise<FormResult[]> {
  const threshold = options.threshold ?? REPAIR_CONFIDENCE;
  const cells = new Map<string, Cell>();
  for (const layout of layouts) for (const grid of layout.grids) for (const cell of grid.cells) cells.set(boxKey(grid.page, cell.bbox), cell);
  const out: FormResult[] = [];
  for (const form of forms) {
    if (!Object.values(form.provenance).some(isOcr)) {
      out.push(form);
      continue;
    }
    const repaired = ocr.reread && arithmeticErrors(form).length > 0 ? await repairForm(form, layouts, cells, ocr, document, threshold, options.maxTrials ?? 300) : form;
    out.push(withLowConfidence(repaired, threshold));
  }
  return out;
}

async function repairForm(
  form: FormResult,
  layouts: readonly PageLayout[],
  cells: ReadonlyMap<string, Cell>,
  ocr: OcrProvider,
  document: object,
  threshold: number,
  maxTrials: number,
): Promise<FormResult> {
  const reread = formReader(layouts, form);
  const kept: (Substitution & { replaced: string })[] = [];
  const alternatives = new Map<Cell, CellReading[]>();
  const readingsOf = async (c: Candidate): Promise<CellReading[]> => {
    let got = alternatives.get(c.cell);
    if (!got) {
      const readings = (await ocr.reread?.(document, c.page, c.cell.bbox)) ?? [];
      const best = new Map<string, CellReading>();
      for (const r of readings) {
        const text = r.text.trim();
        if (text === '' || text === c.cell.text) continue;
        if ((best.get(text)?.confidence ?? -1) < r.confidence) best.set(text, { text, confidence: r.confidence });
      }
      got = [...best.values()].sort((a, b) => b.confidence - a.confidence);
      alternatives.set(c.cell, got);
    }
    return got;
  };
  let current = form;
  let trials = 0;
  for (;;) {
    const errors = arithmeticErrors(current);
    if (errors.length === 0) break;
    const candidates = candidatesOf(current, errors, cells, threshold).filter((c) => !kept.some((k) => k.cell === c.cell));
    const options: Substitution[][] = [];
    for (const c of candidates) for (const reading of await readingsOf(c)) options.push([{ cell: c.cell, page: c.page, reading }]);
    // The best substitution: fewest errors left, then fewest cells changed, then most confident.
    let best: { subs: Substitution[]; result: FormResult; rank: number[] } | undefined;
    const consider = (subs: Substitution[]): void => {
      trials++;
      const result = withSubstitutions(subs, reread);
      if (!result || !improves(current, result)) return;
      const rank = [errorKeys(result).size, subs.length, -Math.min(...subs.map((s) => s.reading.confidence))];
      if (!best || before(rank, best.rank)) best = { subs, result, rank };
    };
    for (const subs of options) if (trials < maxTrials) consider(subs);
    // Two misread cells in one check (two scores of one total): pairs, while the budget lasts.
    if (!best) {
      for (let i = 0; i < options.length && trials < maxTrials; i++) {
        for (let j = i + 1; j < options.length && trials < maxTrials; j++) {
          const a = options[i]?.[0];
          const b = options[j]?.[0];
          if (a && b && a.cell !== b.cell) consider([a, b]);
        }
      }
    }
    if (!best) break;
    for (const s of best.subs) {
      kept.push({ ...s, replaced: s.cell.text });
      substitute(s.cell, s.reading);
    }
    current = best.result;
  }
  if (kept.length === 0) return form;
  return markRepaired(current, kept);
}

/** The low-confidence OCR cells the failed checks depend on, least confident first. */
function candidatesOf(form: FormResult, errors: readonly Finding[], cells: ReadonlyMap<string, Cell>, threshold: number): Candidate[] {
  const seen = new Set<Cell>();
  const out: Candidate[] = [];
  for (const field of new Set(errors.flatMap((f) => involvedFields(f, form.project)))) {
    const p = form.provenance[field];
    if (!p || p.source !== 'ocr' || p.confidence >= threshold) continue;
    const cell = cells.get(boxKey(p.page, p.bbox));
    // The field must be that cell's text alone (not two parts of a row cut by a page break).
    if (!cell || seen.has(cell) || cell.text !== p.raw) continue;
    seen.add(cell);
    out.push({ cell, page: p.page, provenance: p });
  }
  return out.sort((a, b) => a.provenance.confidence - b.provenance.confidence);
}

/** The re-read form with the repaired cells' provenance (and their indicators) marked. */
function markRepaired(form: FormResult, kept: readonly (Substitution & { replaced: string })[]): FormResult {
  const provenance = { ...form.provenance };
  const rows = new Set<string>();
  for (const [path, p] of Object.entries(provenance)) {
    const k = kept.find((s) => boxKey(s.page, s.cell.bbox) === boxKey(p.page, p.bbox) && s.cell.text === p.raw);
    if (!k) continue;
    provenance[path] = { ...p, source: 'ocr-repaired', replaced: k.replaced };
    const row = /^indicators\.(\d+)\./.exec(path)?.[1];
    if (row !== undefined) rows.add(row);
  }
  const indicators = form.project.indicators.map((i, n) => (rows.has(String(n)) ? { ...i, source: 'ocr-repaired' as const } : i));
  return { ...form, provenance, project: { ...form.project, indicators } };
}

const LINE_NAMES: Record<string, string> = { total: '年度资金总额', fiscal: '当年财政拨款', carryover: '上年结转资金', other: '其他资金' };

const FIELD_NAMES: Record<string, string> = {
  initialBudget: '年初预算数',
  annualBudget: '全年预算数',
  executed: '全年执行数',
  weight: '分值',
  executionRate: '执行率',
  score: '得分',
  totalWeight: '总分分值',
  totalScore: '总分',
};

/** `low-confidence` warnings for the OCR'd numbers below the threshold no check confirms. */
function withLowConfidence(form: FormResult, threshold: number): FormResult {
  const confirmed = confirmedFields(form.project, form.provenance, form.findings);
  const failedOn = new Map<string, FindingCode>();
  for (const f of arithmeticErrors(form)) for (const field of involvedFields(f, form.project)) if (!failedOn.has(field)) failedOn.set(field, f.code);
  const warnings: Finding[] = [];
  for (const [field, p] of Object.entries(form.provenance)) {
    if (!NUMERIC_FIELD.test(field) || !isOcr(p) || p.confidence >= threshold || confirmed.has(field) || p.raw.trim() === '') continue;
    const row = /^indicators\.(\d+)\./.exec(field)?.[1];
    const indicator = row !== undefined ? form.project.indicators[Number(row)] : undefined;
    const line = /^funds\.(\w+)\./.exec(field)?.[1];
    const owner = indicator ? `${indicator.name} ` : line ? `${LINE_NAMES[line] ?? line} ` : '';
    const name = `${owner}${FIELD_NAMES[field.split('.').at(-1) ?? ''] ?? field}`;
    const failed = failedOn.get(field);
    const why = failed ? `${failed} 未能通过重新识别修复 / the ${failed} check it enters still fails after re-reading` : '无算术校验可确认 / no arithmetic check confirms it';
    warnings.push(
      finding('low-confidence', `第 ${p.page} 页 ${name} 识别为 "${p.raw}"，置信度 ${p.confidence.toFixed(2)}；${why} / page ${p.page}: ${field} read as "${p.raw}" with confidence ${p.confidence.toFixed(2)}`, {
        form: form.project.form,
        ...(indicator ? { indicator: indicator.seq } : {}),
        field,
        printed: p.raw,
        page: p.page,
        bbox: p.bbox,
      }),
    );
  }
  if (warnings.length === 0) return form;
  const findings = [...form.findings, ...warnings];
  return { ...form, findings, status: worstStatus(findings) };
}
