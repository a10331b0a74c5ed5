/**
 * OCR runs with the network taken away. A child Node process loads fixtures/no-network.cjs
 * (`--require`), which replaces every network entry point — sockets, TLS, DNS, http(s), fetch —
 * with one that records the attempt and throws, in the main thread and in every worker thread
 * (tesseract.js runs its workers in worker_threads). The child reads real cells with a fresh
 * OCR engine; the test asserts the text, and that nothing tried to reach the network.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, SEED_SINGLE } from '../support/paths.js';

const PRELOAD = fileURLToPath(new URL('fixtures/no-network.cjs', import.meta.url));
const CHILD = fileURLToPath(new URL('fixtures/offline-child.ts', import.meta.url));
const TIMEOUT = 180_000;

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the child printed as `RESULT <json>`. */
  result: unknown;
  /** Threads the preload loaded in (0 = main). */
  loads: number[];
  /** Network attempts the preload recorded: `<threadId> <what>`. */
  attempts: string[];
  /** Sockets to a local path (interprocess communication) it let through: `<threadId> <what> <path>`. */
  ipc: string[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jixiao-offline-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

let runs = 0;
async function runChild(...args: string[]): Promise<ChildRun> {
  const logFile = join(dir, `net-${++runs}.log`);
  // tsx (a devDependency, resolved from the repository) loads the TypeScript sources, in the child and its worker threads.
  const child = spawn(process.execPath, ['--import', 'tsx', '--require', PRELOAD, CHILD, ...args], {
    cwd: REPO,
    env: { ...process.env, JIXIAO_NET_LOG: logFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const log = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return {
    code,
    stdout,
    stderr,
    result: line === undefined ? undefined : JSON.parse(line.slice('RESULT '.length)),
    loads: log.filter((l) => l.startsWith('load ')).map((l) => Number(l.split(' ')[1])),
    attempts: log.filter((l) => l.startsWith('attempt ')).map((l) => l.slice('attempt '.length)),
    ipc: log.filter((l) => l.startsWith('ipc ')).map((l) => l.slice('ipc '.length)),
  };
}

const describeRun = (run: ChildRun): string => `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;

describe('OCR offline (network entry points replaced in every thread)', () => {
  it(
    'the trap works: every entry point throws and is recorded, in the main thread and in a worker thread',
    async () => {
      const run = await runChild('probe');
      expect(run.code, describeRun(run)).toBe(0);
      const names = [
        'net.connect', 'net.createConnection', 'new net.Socket().connect', 'tls.connect',
        'dns.lookup', 'dns.promises.lookup', 'http.request', 'http.get', 'https.request', 'https.get', 'fetch',
      ];
      expect(run.result).toEqual({ main: [...names, 'import { connect } from node:net'], thread: expect.any(Number), blocked: names });
      const worker = (run.result as { thread: number }).thread;
      expect(worker).not.toBe(0);
      expect(run.loads).toEqual(expect.arrayContaining([0, worker]));
      // One record per attempt, each naming its thread.
      expect(run.attempts.filter((a) => a.startsWith('0 '))).toHaveLength(names.length + 1);
      expect(run.attempts.filter((a) => a.startsWith(`${worker} `))).toHaveLength(names.length);
    },
    TIMEOUT,
  );

  it(
    'a fresh engine reads a Chinese label and a number from a rendered page, with no network attempt, its workers trapped too',
    async () => {
      const texts = ['项目名称', '128.18'];
      const run = await runChild('cells', `${SEED_SINGLE}form-01.pdf`, ...texts);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.result).toEqual({ readings: texts.map((expected) => ({ expected, text: expected })), ocrThreads: expect.any(Array) });
      expect(run.attempts).toEqual([]);
      expect(run.ipc.every((line) => /tsx-[^/\\]*[/\\]\d+\.pipe$/.test(line)), run.ipc.join('\n')).toBe(true);
      // The preload ran in the main thread and in the worker thread(s) tesseract.js started.
      expect(run.loads).toContain(0);
      expect((run.result as { ocrThreads: number[] }).ocrThreads.length).toBeGreaterThanOrEqual(1);
    },
    TIMEOUT,
  );

  it(
    'a URL as langPath is refused before anything is fetched',
    async () => {
      const run = await runChild('url');
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.result).toMatchObject({ rejected: true, name: 'OcrEngineError', message: expect.stringMatching(/not a URL/) });
      expect(run.attempts).toEqual([]);
    },
    TIMEOUT,
  );
});
