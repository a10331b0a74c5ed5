/**
 * The `jixiao` command: a thin layer that parses arguments, shows progress, writes the
 * CSVs and maps the results to exit codes. All work happens in the library.
 *
 * Exit codes: 0 every file converted; 1 at least one file failed; 2 usage error.
 */
import { constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { access, mkdir, stat } from 'node:fs/promises';
import { describeError } from '../errors.js';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_CONCURRENCY, convertBatch, listPdfFiles } from '../pipeline/convert-batch.js';
import { createOcrProvider } from '../pipeline/ocr-provider.js';
import { writeCsvFiles } from '../write/csv.js';
import { createReporter } from './progress.js';
import { summarize } from './summary.js';

export const EXIT_OK = 0;
export const EXIT_FAILED_FILES = 1;
export const EXIT_USAGE = 2;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

class UsageError extends Error {}

interface ConvertCliOptions {
  out: string;
  concurrency: number;
  progress: boolean;
  ocr: boolean;
  ocrWorkers: number;
}

async function runConvert(inbox: string, opts: ConvertCliOptions, stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Promise<number> {
  const info = await stat(inbox).catch(() => null);
  if (!info) throw new UsageError(`inbox not found: ${inbox}`);
  const files = await listPdfFiles(inbox);
  if (files.length === 0) throw new UsageError(`no PDF or image files under ${inbox}`);
  const outDir = resolve(opts.out);
  // Find out now, not after the whole batch, that the output folder cannot be written.
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write to the output folder ${outDir} (${describeError(error)})`);
  }
  const started = performance.now();
  const reporter = createReporter(stderr, opts.progress);
  // One OCR engine for the whole batch; its workers start with the first scanned page.
  const ocr = opts.ocr ? createOcrProvider({ workers: opts.ocrWorkers }) : undefined;
  let results;
  try {
    results = await convertBatch(inbox, { concurrency: opts.concurrency, onProgress: reporter.onProgress, ...(ocr ? { ocr } : {}) });
  } finally {
    reporter.stop();
    await ocr?.close();
  }
  let written;
  try {
    written = await writeCsvFiles(outDir, results);
  } catch (error) {
    stderr.write(`jixiao: the CSV files could not be written to ${outDir} (${describeError(error)}); no output was changed\n`);
    return EXIT_FAILED_FILES;
  }
  const summary = summarize(results, performance.now() - started);
  stdout.write(summary.text + '\n');
  stdout.write(`Wrote:\n  ${written.projects}\n  ${written.indicators}\n  ${written.findings}\n`);
  return summary.failedFiles > 0 ? EXIT_FAILED_FILES : EXIT_OK;
}

/** Run the CLI; returns the exit code (never calls process.exit itself). */
export async function main(argv: readonly string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const program = new Command();
  let result = EXIT_OK;
  program
    .name('jixiao')
    .description('Turn 项目支出绩效自评表 PDFs into spreadsheet-ready CSV and check that the self-scores add up.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run "jixiao --help" for usage)');

  program
    .command('convert')
    .description('Convert every PDF and image file (PNG, JPEG, TIFF) under <inbox> (recursively) into projects.csv, indicators.csv and findings.csv; scanned pages are read with OCR')
    .argument('<inbox>', 'folder of PDFs and scans (searched recursively), or one file')
    .option('-o, --out <dir>', 'folder for the CSV files', 'out')
    .option('-c, --concurrency <n>', 'files converted at once, each in its own thread (default: cores, at most 4)', positiveInt, DEFAULT_CONCURRENCY)
    .option('--no-progress', 'no progress bar; one line per file instead')
    .option('--ocr', 'read scanned pages and image files with OCR (the default)', true)
    .option('--no-ocr', 'do not OCR scanned pages and image files (they are reported as not read)')
    .option('--ocr-workers <n>', 'OCR workers per model (default: one per core)', positiveInt, availableParallelism())
    .addHelpText(
      'after',
      `
Examples:
  jixiao convert inbox/                      # writes out/projects.csv, out/indicators.csv, out/findings.csv
  jixiao convert inbox/ --out result/2024    # another output folder
  jixiao convert one-form.pdf --concurrency 1

Exit codes: 0 every file converted, 1 at least one file failed (see findings.csv), 2 usage error.`,
    )
    .action(async (inbox: string, opts: ConvertCliOptions) => {
      result = await runConvert(inbox, opts, io.stdout, io.stderr);
    });

  try {
    await program.parseAsync(['node', 'jixiao', ...argv]);
    return result;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`jixiao: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
