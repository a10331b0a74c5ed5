/**
 * The field-set score: a faithful TypeScript port of ../shared/field/score.py (the project's
 * field set, see the README next to it), so `npm run eval:field` and the field test measure what
 * score.py measures — the same metric names, definitions and fails list. Checked on the whole
 * field set: the `--json` outputs of score.py and score-cli.ts are byte-identical (see
 * score-cli.ts for the command).
 *
 * `scoreField(truth, rows)` is pure: the truth (as Python's json reads it, py.ts) and the rows of
 * projects.csv, indicators.csv and findings.csv (as csv.DictReader gives them: a missing column is
 * undefined, Python's None) → metrics, raw counts and the fails list. Scoring a subset of the
 * truth (`subsetTruth`) scores those files alone with the same definitions: eval-field.ts prints
 * per file and per kind that way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { PY_WHITESPACE, parsePyJson, pyEq, pyFloat, pyRepr, pyRound, pyStr, pyTruthy } from './py.js';
import type { Py, PyDict } from './py.js';
import { SequenceMatcher } from './sequence-matcher.js';

/** One CSV row as csv.DictReader gives it; undefined stands for Python's None. */
export type CsvRow = Readonly<Record<string, string | undefined>>;

export interface OutputRows {
  projects: readonly CsvRow[];
  indicators: readonly CsvRow[];
  findings: readonly CsvRow[];
}

/** The truth: file name → its forms in page order, or null for a file that must fail (a "bad file"). */
export type Truth = PyDict;

export const METRICS = ['forms', 'forms_exact', 'project_fields', 'goals', 'rows', 'ind_cells', 'num_cells', 'levels', 'anomalies', 'bad_files', 'clean_forms'] as const;
export type MetricName = (typeof METRICS)[number];

/** [hits, total]; for `goals` the hits are a sum of similarities. */
export type Tally = [number, number];

export type FileKind = 'digital' | 'scan' | 'mixed';

export interface FieldScore {
  /** What score.py prints, in its order: each tally's ratio rounded to 4 places (null when empty), then cells_/forms_ per kind. */
  metrics: Record<string, number | null>;
  /** The tallies behind `metrics`. */
  counts: Record<MetricName, Tally>;
  /** Per kind, as score.py counts them (cells: indicator cells; forms: forms found). */
  kinds: Partial<Record<FileKind, { cells: Tally; forms: Tally }>>;
  /** score.py's mismatch lines, in its order and wording. */
  fails: string[];
}

/** score.py's kind of a file, from its name. */
export function fileKind(fname: string): FileKind {
  return fname.includes('scan') ? 'scan' : fname.includes('mixed') ? 'mixed' : 'digital';
}

const PY_SPACES = new RegExp(`[${PY_WHITESPACE}]+`, 'g');

/** score.py's `norm`: NFKC, the CSV writer's formula guard undone, ≥/≤ spellings unified, no whitespace, ASCII punctuation. */
export function norm(s: Py | undefined): string {
  if (s === null || s === undefined) return '';
  let t = pyStr(s).normalize('NFKC');
  if (t.startsWith("'") && t.length > 1 && '=+-@'.includes(t[1] as string)) t = t.slice(1);
  t = t.replaceAll('⩾', '≥').replaceAll('⩽', '≤').replaceAll('>=', '≥').replaceAll('<=', '≤');
  t = t.replace(PY_SPACES, '');
  return t.replaceAll('，', ',').replaceAll('：', ':').replaceAll('（', '(').replaceAll('）', ')');
}

/** score.py's `numeq`: both empty, or within 1e-6 as floats (`%` and `,` dropped), else equal after norm. */
export function numeq(a: Py | undefined, b: Py | undefined): boolean {
  const empty = (v: Py | undefined): boolean => v === null || v === undefined || v === '';
  if (empty(a) && empty(b)) return true;
  const toFloat = (v: Py | undefined): number | null => pyFloat(pyStr(v ?? null).replaceAll('%', '').replaceAll(',', ''));
  const x = toFloat(a);
  const y = x === null ? null : toFloat(b);
  if (x === null || y === null) return norm(a) === norm(b);
  return Math.abs(x - y) < 1e-6;
}

/** score.py's `sim`: difflib's ratio of the normalised texts. */
export function sim(a: Py | undefined, b: Py | undefined): number {
  return new SequenceMatcher(norm(a), norm(b)).ratio();
}

/** `d[key]`, throwing as Python's KeyError would (the truth is malformed). */
function item(d: Py, key: string): Py {
  if (!(d instanceof Map) || !d.has(key)) throw new Error(`truth: no "${key}" in ${pyRepr(d).slice(0, 80)}`);
  return d.get(key) as Py;
}

function list(v: Py, what: string): Py[] {
  if (!Array.isArray(v)) throw new Error(`truth: ${what} is not a list`);
  return v;
}

/** `os.path.basename(p or "")`. */
function base(p: string | undefined): string {
  const s = p ?? '';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** A CSV cell as a Python value. */
const cell = (row: CsvRow | undefined, col: string): Py => row?.[col] ?? null;

function groupBy(rows: readonly CsvRow[], key: (row: CsvRow) => string): Map<string, CsvRow[]> {
  const out = new Map<string, CsvRow[]>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k);
    if (g) g.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const ARITHMETIC = new Set(['total-mismatch', 'score-above-weight', 'execution-rate-mismatch', 'fund-score-mismatch']);

/** score.py's `main`, without the printing. */
export function scoreField(truth: Truth, rows: OutputRows): FieldScore {
  const byFile = groupBy(rows.projects, (p) => base(p.file));
  const indsBy = groupBy(rows.indicators, (r) => `${base(r.file)}\u0000${pyStr(cell(r, 'form'))}`);
  const findsBy = groupBy(rows.findings, (r) => base(r.file));

  const m = Object.fromEntries(METRICS.map((k) => [k, [0, 0]])) as Record<MetricName, Tally>;
  const perKind: FieldScore['kinds'] = {};
  const fails: string[] = [];
  for (const [fname, forms] of truth) {
    const kind = fileKind(fname);
    if (forms === null) {
      m.bad_files[1] += 1;
      const fs = findsBy.get(fname) ?? [];
      if (fs.some((x) => x.severity === 'error') && !byFile.has(fname)) m.bad_files[0] += 1;
      else fails.push(`${fname}: bad file not reported as an error finding`);
      continue;
    }
    const got = byFile.get(fname) ?? [];
    const used = new Set<number>();
    list(forms, fname).forEach((f, fi) => {
      m.forms[1] += 1;
      let best: number | null = null;
      let bs = 0.6;
      got.forEach((g, gi) => {
        if (used.has(gi)) return;
        const s = sim(cell(g, 'project_name'), item(f, 'projectName'));
        if (s > bs) [best, bs] = [gi, s];
      });
      const pk = (perKind[kind] ??= { cells: [0, 0], forms: [0, 0] });
      pk.forms[1] += 1;
      m.forms_exact[1] += 1;
      if (best === null) {
        fails.push(`${fname}#${fi + 1}: form not found (${pyStr(item(f, 'projectName'))})`);
        return;
      }
      const nfails = fails.length;
      used.add(best);
      const g = got[best] as CsvRow;
      m.forms[0] += 1;
      pk.forms[0] += 1;
      const t = item(item(f, 'funds'), 'total');
      const checks: [string, Py, boolean][] = [
        ['project_name', item(f, 'projectName'), false], ['department', item(f, 'department'), false], ['implementer', item(f, 'implementer'), false],
        ['year', item(f, 'year'), true], ['budget_initial', item(t, 'initialBudget'), true], ['budget_annual', item(t, 'annualBudget'), true],
        ['executed', item(t, 'executed'), true], ['fund_weight', item(t, 'weight'), true], ['execution_rate', item(t, 'executionRate'), true],
        ['fund_score', item(t, 'score'), true], ['total_score', item(f, 'totalScore'), true],
      ];
      for (const [col, want, isnum] of checks) {
        const have = cell(g, col);
        const ok = isnum ? numeq(have, want) : norm(have) === norm(want);
        m.project_fields[1] += 1;
        if (isnum) {
          m.num_cells[1] += 1;
          m.num_cells[0] += Number(ok);
        }
        if (ok) m.project_fields[0] += 1;
        else fails.push(`${fname}#${fi + 1} ${col}: got ${pyRepr(have)} want ${pyRepr(want)}`);
      }
      const goals = item(f, 'goals');
      for (const [col, want] of [['goal_expected', item(goals, 'expected')], ['goal_actual', item(goals, 'actual')]] as const) {
        m.goals[1] += 1;
        m.goals[0] += sim(cell(g, col), want);
      }
      const rowsOf = indsBy.get(`${fname}\u0000${pyStr(cell(g, 'form'))}`) ?? [];
      const wantRows = list(item(f, 'indicators'), `${fname} indicators`);
      m.rows[1] += wantRows.length;
      // Align by name similarity, in order, looking at most 4 rows ahead.
      let j = 0;
      for (const w of wantRows) {
        const wname = item(w, 'name');
        let k = j;
        let hit: number | null = null;
        while (k < rowsOf.length && k < j + 4) {
          if (sim(cell(rowsOf[k], 'name'), wname) > 0.6) {
            hit = k;
            break;
          }
          k += 1;
        }
        if (hit === null) {
          fails.push(`${fname}#${fi + 1}: row missing: ${pyStr(wname)}`);
          m.ind_cells[1] += 6;
          pk.cells[1] += 6;
          m.levels[1] += 2;
          m.num_cells[1] += 2;
          continue;
        }
        j = hit + 1;
        const r = rowsOf[hit] as CsvRow;
        m.rows[0] += 1;
        const cols: [string, Py, boolean][] = [
          ['name', wname, false], ['target', item(w, 'target'), false], ['actual', item(w, 'actual'), false],
          ['weight', item(w, 'weight'), true], ['score', item(w, 'score'), true], ['note', item(w, 'note'), false],
        ];
        for (const [col, want, isnum] of cols) {
          const have = cell(r, col);
          const ok = isnum ? numeq(have, want) : norm(have) === norm(want);
          m.ind_cells[1] += 1;
          pk.cells[1] += 1;
          if (isnum) {
            m.num_cells[1] += 1;
            m.num_cells[0] += Number(ok);
          }
          if (ok) {
            m.ind_cells[0] += 1;
            pk.cells[0] += 1;
          } else {
            fails.push(`${fname}#${fi + 1} ${pyStr(wname)}.${col}: got ${pyRepr(have)} want ${pyRepr(want)}`);
          }
        }
        for (const col of ['level1', 'level2']) {
          const want = item(w, col);
          m.levels[1] += 1;
          if (norm(cell(r, col)) === norm(want)) m.levels[0] += 1;
          else fails.push(`${fname}#${fi + 1} ${pyStr(wname)}.${col}: got ${pyRepr(cell(r, col))} want ${pyRepr(want)}`);
        }
      }
      if (fails.length === nfails) m.forms_exact[0] += 1;
      // Anomalies (synthetic forms carry them); the finding's indicator column may hold seq or name.
      const fs = (findsBy.get(fname) ?? []).filter((x) => pyStr(cell(x, 'form')) === pyStr(cell(g, 'form')));
      const seqName = new Map(rowsOf.map((r) => [pyStr(cell(r, 'seq')), cell(r, 'name')]));
      const indName = (x: CsvRow): Py => {
        const key = pyStr(cell(x, 'indicator'));
        return seqName.has(key) ? (seqName.get(key) as Py) : cell(x, 'indicator');
      };
      const anomalies = f instanceof Map && f.has('anomalies') ? list(item(f, 'anomalies'), `${fname} anomalies`) : [];
      for (const pair of anomalies) {
        const [code, ind] = unpackPair(pair);
        m.anomalies[1] += 1;
        const hit = fs.some(
          (x) =>
            pyEq(cell(x, 'code'), code) &&
            (ind === null || sim(indName(x), ind) > 0.6 || (pyEq(code, 'label-inconsistent') && !pyTruthy(cell(x, 'indicator')))),
        );
        if (hit) m.anomalies[0] += 1;
        else fails.push(`${fname}#${fi + 1}: anomaly not flagged: ${pyStr(code)} ${pyTruthy(ind) ? pyStr(ind) : ''}`);
      }
      const isArithmetic = (a: Py): boolean => {
        const first = unpackPair(a)[0];
        return typeof first === 'string' && ARITHMETIC.has(first);
      };
      if (f instanceof Map && f.has('anomalies') && !anomalies.some(isArithmetic) && kind === 'digital') {
        m.clean_forms[1] += 1;
        const errs = fs.filter((x) => x.severity === 'error');
        if (errs.length === 0) m.clean_forms[0] += 1;
        else fails.push(`${fname}#${fi + 1}: false error findings: ` + errs.map((x) => x.code ?? '').join('; '));
      }
    });
  }
  const ratio = ([a, b]: Tally): number | null => (b ? pyRound(a / b, 4) : null);
  const metrics: Record<string, number | null> = {};
  for (const k of METRICS) metrics[k] = ratio(m[k]);
  for (const [kind, d] of Object.entries(perKind)) {
    metrics[`cells_${kind}`] = ratio(d.cells);
    metrics[`forms_${kind}`] = ratio(d.forms);
  }
  return { metrics, counts: m, kinds: perKind, fails };
}

/** `code, ind = pair` for a two-element list. */
function unpackPair(pair: Py): [Py, Py] {
  if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`truth: anomaly ${pyRepr(pair)} is not a [code, indicator] pair`);
  return [pair[0] as Py, pair[1] as Py];
}

/** The truth restricted to the files `keep` accepts, in the truth's order. */
export function subsetTruth(truth: Truth, keep: (fname: string) => boolean): Truth {
  return new Map([...truth].filter(([fname]) => keep(fname)));
}

/** Read a truth file as score.py does (`json.load`); it must map file names to forms (or null). */
export async function loadTruth(path: string): Promise<Truth> {
  const truth = parsePyJson(await readFile(path, 'utf8'));
  if (!(truth instanceof Map)) throw new Error(`${path}: the truth must be a JSON object mapping file names to their forms`);
  return truth;
}

/** One CSV file as csv.DictReader reads it (utf-8-sig); a missing file has no rows. */
export async function readCsvRows(path: string): Promise<CsvRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString<string[], string[]>(text.replace(/^\uFEFF/, ''), { headers: false, ignoreEmpty: true })
      .on('error', reject)
      .on('data', (row: string[]) => out.push(row))
      .on('end', () => resolve(out));
  });
  const [header, ...body] = records;
  if (!header) return [];
  // Like DictReader: a short row's missing columns are None.
  return body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

/** The three CSVs of an output folder. */
export async function readOutputDir(dir: string): Promise<OutputRows> {
  const [projects, indicators, findings] = await Promise.all(['projects.csv', 'indicators.csv', 'findings.csv'].map((f) => readCsvRows(join(dir, f))));
  return { projects: projects as CsvRow[], indicators: indicators as CsvRow[], findings: findings as CsvRow[] };
}

/** score.py's `--json` output, byte for byte (json.dumps with indent=1, ensure_ascii=False). */
export function scoreJson(score: Pick<FieldScore, 'metrics' | 'fails'>): string {
  const num = (v: number | null): string => (v === null ? 'null' : Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? 'Infinity' : '-Infinity') : pyStr(v));
  const metrics = Object.entries(score.metrics).map(([k, v]) => `  ${JSON.stringify(k)}: ${num(v)}`);
  const fails = score.fails.map((f) => `  ${JSON.stringify(f)}`);
  const block = (lines: string[], open: string, close: string): string => (lines.length ? `${open}\n${lines.join(',\n')}\n ${close}` : `${open}${close}`);
  return `{\n "metrics": ${block(metrics, '{', '}')},\n "fails": ${block(fails, '[', ']')}\n}`;
}

/** score.py's summary line: `forms=0.9583 forms_exact=0.25 … bad_files=None …`. */
export function summaryLine(metrics: FieldScore['metrics']): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}=${pyStr(v)}`)
    .join(' ');
}
