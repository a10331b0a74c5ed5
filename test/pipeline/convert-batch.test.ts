/**
 * convertBatch: worker threads give exactly the results of in-thread conversion, in file order.
 * The compiled library is used (npm test builds it first): worker threads run compiled code.
 */
import { describe, expect, it } from 'vitest';
import type * as Batch from '../../src/pipeline/convert-batch.js';
import { REPO, SEED_SINGLE } from '../support/paths.js';

const dist = (await import(`${REPO}dist/pipeline/convert-batch.js`)) as typeof Batch;

describe('convertBatch', () => {
  it('has a compiled worker to run threads with', () => {
    expect(dist.compiledWorker()).toMatch(/dist\/pipeline\/worker\.js$/);
  });

  it('converts in worker threads with the same results as in one thread, sorted by file', async () => {
    const events: string[] = [];
    const threaded = await dist.convertBatch(SEED_SINGLE, { concurrency: 2, onProgress: (e) => events.push(e.kind) });
    const single = await dist.convertBatch(SEED_SINGLE, { concurrency: 1 });
    const inThread = await dist.convertBatch(SEED_SINGLE, { concurrency: 2, threads: false });
    const strip = (rs: typeof single) => rs.map(({ durationMs: _d, ...r }) => r);
    expect(threaded.map((r) => r.file)).toEqual(Array.from({ length: 15 }, (_, i) => `form-${String(i + 1).padStart(2, '0')}.pdf`));
    expect(strip(threaded)).toEqual(strip(single));
    expect(strip(inThread)).toEqual(strip(single));
    expect(events).toEqual(['start', ...Array(15).fill('file-done')]);
  });
});
