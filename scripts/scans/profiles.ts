/**
 * Scan profiles: the families of real scans (issue 9, ../shared/field) as named option sets of
 * `scanPdf`, each from a named source document, so that make-scans.ts and the tests make the same
 * files from the same seeds.
 *
 * Sources: `seed` is the seed document as the fixtures print it (fixtures/samples/fengtai-2024.pdf:
 * 9 pt sans, 0.6 pt rules); `field` is the same forms as a spreadsheet export printed fit to width
 * (field-source.ts: 6.8 pt serif, 0.5 pt hairlines).
 *
 * The `field` look, measured against the field scans with measure-scans.ts: white paper (≈ 252)
 * with little sensor noise, a blur of about 0.07 mm (0.55 px at 200 dpi), so that the serif's
 * hairlines come out light gray; the scanner's bed captured a few mm beyond the paper and the
 * image fitted, centred, into an A4 page with a few points of margin (so the image's resolution
 * on the page is a few percent above the nominal dpi); skew within ±1°; JPEG quality 55–75; a red
 * seal on every third page. The other profiles change one thing of it each.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldExportPdf } from './field-source.js';
import { SCAN_SEED, scanPdf } from './scan.js';
import type { ScanOptions } from './scan.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_SOURCE = join(ROOT, 'fixtures', 'samples', 'fengtai-2024.pdf');

export type SourceName = 'seed' | 'field';

export type ProfileOptions = Omit<ScanOptions, 'dpi' | 'seed' | 'pages' | 'onPage'>;

export interface Profile {
  name: string;
  about: string;
  source: SourceName;
  /** the resolutions make-scans.ts writes */
  dpis: number[];
  options: (dpi: number) => ProfileOptions;
}

const fieldLook = (): ProfileOptions => ({
  maxRotateDeg: 1,
  noise: 3,
  blur: 0.5,
  jpegQuality: [55, 75],
  stampEvery: 3,
  paperLevel: [248, 254],
  inkLevel: [5, 30],
  overscanMm: [0.5, 3],
  placement: { marginPt: [3, 12] },
});

const variant = (name: string, about: string, change: (dpi: number) => ProfileOptions, dpis = [200]): Profile => ({
  name,
  about,
  source: 'field',
  dpis,
  options: (dpi) => ({ ...fieldLook(), ...change(dpi) }),
});

export const PROFILES: readonly Profile[] = [
  { name: 'seed', about: 'the seed document, 9 pt sans, dark ink, image over the whole page (the first simulator)', source: 'seed', dpis: [150, 200, 300], options: () => ({}) },
  { name: 'field', about: 'fit-to-width serif export, light hairlines, image centred with margins on A4, ±1°, JPEG 55–75', source: 'field', dpis: [150, 200, 300], options: fieldLook },
  variant('gray-seal', 'field, a gray seal on every page (gray page)', () => ({ stampEvery: 1, sealInk: 'gray' }), [200, 300]),
  variant('bilevel', 'field, 1-bit CCITT G4 (K = −1), no JPEG', () => ({ encoding: 'ccitt-g4', stampEvery: 0 }), [200, 300]),
  variant('bilevel-flate', 'field, 1-bit FlateDecode', () => ({ encoding: 'flate-1bit', stampEvery: 0 })),
  variant('sideways-90', 'field, paper fed sideways: image content turned 90° clockwise, landscape page', () => ({ turn: 90 })),
  variant('sideways-270', 'field, image content turned 270° clockwise, landscape page', () => ({ turn: 270 })),
  variant('upside-down', 'field, image content turned 180°', () => ({ turn: 180 })),
  variant('rotate-90', 'field, upright image on a page with /Rotate 90 (shown sideways)', () => ({ pageRotate: 90 })),
  variant('rotate-180', 'field, upright image on a page with /Rotate 180 (shown upside down)', () => ({ pageRotate: 180 })),
  variant('rotate-270', 'field, upright image on a page with /Rotate 270 (shown sideways)', () => ({ pageRotate: 270 })),
  variant('rotate-90-upright', 'field, image turned 270° on a page with /Rotate 90: shown upright', () => ({ turn: 270, pageRotate: 90 })),
  variant('heavy-jpeg', 'field, JPEG quality 20–30', () => ({ jpegQuality: [20, 30] })),
];

export function profile(name: string): Profile {
  const p = PROFILES.find((x) => x.name === name);
  if (!p) throw new RangeError(`no scan profile ${name} (${PROFILES.map((x) => x.name).join(', ')})`);
  return p;
}

/** how the content a viewer shows is turned, clockwise degrees: the image's turn plus the page's /Rotate */
export function shownTurn(options: ProfileOptions): number {
  return ((options.turn ?? 0) + (options.pageRotate ?? 0)) % 360;
}

/**
 * The source document: the whole seed document, or the field export of the seed forms at the
 * 0-based `forms` (all by default; a subset makes a short document for a fast test).
 */
export async function sourcePdf(source: SourceName, forms?: number[]): Promise<Uint8Array> {
  if (source === 'seed') {
    if (forms) throw new RangeError('sourcePdf: the seed source is the whole document (scan a page subset instead)');
    return new Uint8Array(readFileSync(SEED_SOURCE));
  }
  return fieldExportPdf(forms);
}

/** The options `name` scans with at `dpi`, with the seed make-scans.ts uses. */
export function profileOptions(name: string, dpi: number): ScanOptions {
  return { ...profile(name).options(dpi), dpi, seed: `${SCAN_SEED}/${name}-${dpi}` };
}

export interface MakeScanOptions {
  /** field source only: the seed forms (0-based) to print */
  forms?: number[];
  /** pages (1-based) of the source to scan; the others stay digital */
  pages?: number[];
  onPage?: ScanOptions['onPage'];
}

/** Scan the profile's source at `dpi`: the PDF bytes. */
export async function makeScan(name: string, dpi: number, options: MakeScanOptions = {}): Promise<Uint8Array> {
  const p = profile(name);
  const source = await sourcePdf(p.source, options.forms);
  return scanPdf(source, {
    ...profileOptions(name, dpi),
    ...(options.pages ? { pages: options.pages } : {}),
    ...(options.onPage ? { onPage: options.onPage } : {}),
  });
}
