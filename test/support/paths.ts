/** Paths of the committed fixtures (see fixtures/README.md). */
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const REPO = root;
export const FIXTURES = `${root}fixtures/`;
export const SAMPLES = `${FIXTURES}samples/`;
export const SEED_PDF = `${SAMPLES}fengtai-2024.pdf`;
export const SEED_SINGLE = `${FIXTURES}seed-single/`;
export const SEED_ORACLE = `${FIXTURES}oracle/seed-forms.json`;
export const SYNTHETIC_ORACLE = `${FIXTURES}oracle/synthetic.json`;
export const BAD = `${FIXTURES}bad/`;
export const CLI = `${root}bin/jixiao.js`;
