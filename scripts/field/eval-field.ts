/**
 * The field-set measurement: converts a folder of forms with the library (OCR on, the CLI's
 * defaults), scores the CSVs against the folder's truth with score.ts (the port of the field
 * set's score.py) and prints, per file and per kind (digital / scan / mixed), forms found,
 * indicator cells, numeric cells and project fields exact and seconds; then score.py's summary
 * line and the first 80 mismatches.
 *
 *   npm run eval:field [dir] [-- --out DIR] [--truth FILE]
 *   npm run -s eval:field -- [dir] --json           (-s: no npm banner before the JSON)
 *
 * dir defaults to ../shared/field (from the repo root), the truth to <dir>/truth.json, the
 * output to a new folder under .cache/eval-field/. `--json` prints the whole report as JSON.
 * Progress goes to stderr. Exit code 0 whatever the figures; 2 when scoring cannot run (no
 * truth, no folder, an unreadable truth, an output folder that cannot be written).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Tally } from './score.js';
import { loadTruth } from './score.js';
import type { FieldFigures, FieldReport } from './report.js';
import { KINDS, convertFolder, fieldReport } from './report.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FAILS_SHOWN = 80;

function usageError(message: string): never {
  process.stderr.write(`eval:field: ${message}\n`);
  process.exit(2);
}

function tally([a, b]: Tally): string {
  return b ? `${a}/${b} ${((100 * a) / b).toFixed(1).padStart(5)} %` : '—';
}

const HEADER = `${'kind'.padEnd(8)} ${'forms'.padEnd(6)} ${'indicator cells'.padEnd(19)} ${'numeric cells'.padEnd(19)} ${'project fields'.padEnd(19)} seconds`;

function columns(f: FieldFigures): string {
  const forms = f.forms[1] ? `${f.forms[0]}/${f.forms[1]}` : f.badFiles[1] ? `bad ${f.badFiles[0]}/${f.badFiles[1]}` : '—';
  return `${forms.padEnd(6)} ${tally(f.indCells).padEnd(19)} ${tally(f.numCells).padEnd(19)} ${tally(f.projectFields).padEnd(19)} ${f.seconds.toFixed(1).padStart(7)}`;
}

function render(report: FieldReport, where: { dir: string; truth: string; out: string }): string {
  const lines: string[] = [`field set ${where.dir} (truth ${where.truth}), CSVs in ${where.out}`, ''];
  const width = Math.max(4, ...report.files.map((f) => f.file.length));
  // A dpi column only when the truth's layout gives one (the file name and the README do not count).
  const dpiColumn = report.files.some((f) => f.dpi !== undefined);
  const dpi = (text: string): string => (dpiColumn ? `${text.padStart(4)} ` : '');
  lines.push(`${'file'.padEnd(width)} ${dpi('dpi')}${HEADER}`);
  for (const f of report.files) {
    lines.push(`${f.file.padEnd(width)} ${dpi(f.dpi !== undefined ? String(f.dpi) : '')}${f.kind.padEnd(8)} ${columns(f)}${f.missing ? '   (not in the folder)' : ''}`);
  }
  lines.push('', `${'files'.padEnd(5)} ${HEADER}`);
  for (const kind of KINDS) {
    const k = report.kinds[kind];
    if (k) lines.push(`${String(k.files).padStart(5)} ${kind.padEnd(8)} ${columns(k)}`);
  }
  if (report.notInTruth.length > 0) lines.push('', `not in the truth (not scored): ${report.notInTruth.join(', ')}`);
  lines.push('', `extra (not in score.py): ${Object.entries(report.extra).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push(report.summary, '', `${report.fails.length} mismatches${report.fails.length > FAILS_SHOWN ? ` (the first ${FAILS_SHOWN})` : ''}:`);
  for (const f of report.fails.slice(0, FAILS_SHOWN)) lines.push(`  - ${f}`);
  if (report.fails.length > FAILS_SHOWN) lines.push(`  ... ${report.fails.length - FAILS_SHOWN} more`);
  return lines.join('\n');
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, truth: { type: 'string' } } });
  } catch (error) {
    return usageError(`${(error as Error).message}\nusage: npm run eval:field [dir] [-- --out DIR] [--json] [--truth FILE]`);
  }
})();
if (positionals.length > 1) usageError('one folder at most');
const dir = resolve(REPO, positionals[0] ?? '../shared/field');
const truthPath = resolve(values.truth ?? join(dir, 'truth.json'));
if (!(await stat(dir).catch(() => null))?.isDirectory()) usageError(`no folder ${dir}`);
if (!existsSync(truthPath)) usageError(`no truth file ${truthPath} (give one with --truth FILE)`);
const truth = await loadTruth(truthPath).catch((error: unknown) => usageError(`the truth ${truthPath} cannot be read: ${(error as Error).message}`));

async function outputFolder(): Promise<string> {
  if (values.out) {
    await mkdir(resolve(values.out), { recursive: true });
    return resolve(values.out);
  }
  await mkdir(join(REPO, '.cache/eval-field'), { recursive: true });
  return mkdtemp(join(REPO, '.cache/eval-field/run-'));
}
const out = await outputFolder().catch((error: unknown) => usageError(`no output folder: ${(error as Error).message}`));

const { results, rows } = await convertFolder(dir, out, (event) => {
  if (event.kind === 'file-done') {
    const r = event.result;
    process.stderr.write(`[${event.done}/${event.total}] ${r.status.padEnd(7)} ${r.file} ${(r.durationMs / 1000).toFixed(1)} s${r.error ? `: ${r.error.message}` : ''}\n`);
  }
}).catch((error: unknown) => usageError(`${dir} could not be converted into ${out}: ${(error as Error).message}`));
let report: FieldReport;
try {
  report = fieldReport(truth, rows, results);
} catch (error) {
  usageError(`scoring failed: ${(error as Error).message}`);
}
if (values.json) process.stdout.write(JSON.stringify({ dir, truth: truthPath, out, ...report }, null, 1) + '\n');
else process.stdout.write(render(report, { dir, truth: truthPath, out }) + '\n');
