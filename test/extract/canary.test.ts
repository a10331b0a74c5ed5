/**
 * Canaries: what the extractor assumes of pdf.js, pinned on known fixture pages, so an
 * upgrade that changes it fails here first (and loudly).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../src/errors.js';
import { extractPage, openDocument, pdfjsVersion, withDocument } from '../../src/extract/index.js';
import { repairText } from '../../src/extract/text.js';
import type { PDFDocumentProxy } from '../../src/extract/index.js';
import { BAD, SAMPLES, SEED_PDF } from '../support/paths.js';

describe('pdf.js as the extractor uses it', () => {
  it('is the 5.6 line (legacy build; 6.x needs Node 22)', () => {
    expect(pdfjsVersion).toMatch(/^5\.6\./);
  });

  it('seed page 1: Chinese text with CMaps, positions in top-left page space, stroked rulings', async () => {
    const page = await withDocument(readFileSync(SEED_PDF), async (doc) => {
      expect(doc.numPages).toBe(18);
      return extractPage(doc, 1);
    });
    expect(page.width).toBeCloseTo(595.28, 1);
    expect(page.height).toBeCloseTo(841.89, 1);
    expect(page.imageCount).toBe(0);
    const title = page.runs.find((r) => r.text === '项目支出绩效自评表');
    expect(title?.fontSize).toBeCloseTo(16, 1);
    // The title is near the top: y grows downward from the top edge.
    expect(title!.bbox.y0).toBeGreaterThan(30);
    expect(title!.bbox.y1).toBeLessThan(70);
    expect(page.runs.some((r) => r.text === '≥1个')).toBe(true);
    expect(page.runs.some((r) => r.text === '99.74%')).toBe(true);
    // Long stroked lines, 0.6 pt: 34 horizontal and 15 vertical on this page.
    expect(page.segments.filter((s) => s.axis === 'h')).toHaveLength(34);
    expect(page.segments.filter((s) => s.axis === 'v')).toHaveLength(15);
    expect(new Set(page.segments.map((s) => s.thickness.toFixed(2)))).toEqual(new Set(['0.60']));
  });

  it('thin filled rectangles count as rulings (a spreadsheet-export border style)', async () => {
    const page = await withDocument(readFileSync(`${SAMPLES}synthetic/syn-07-wenlv-2021.pdf`), (doc) => extractPage(doc, 1));
    expect(page.segments).toHaveLength(36);
    expect(new Set(page.segments.map((s) => s.thickness.toFixed(2)))).toEqual(new Set(['0.40']));
  });

  it('classifies unreadable files with a reason', async () => {
    const reason = async (name: string): Promise<string> => {
      try {
        await withDocument(readFileSync(`${BAD}${name}`), async () => undefined);
        return 'opened';
      } catch (error) {
        expect(error).toBeInstanceOf(UnreadableFileError);
        return (error as UnreadableFileError).reason;
      }
    };
    expect(await reason('empty.pdf')).toBe('empty');
    expect(await reason('not-a-pdf.pdf')).toBe('not-pdf');
    expect(await reason('truncated.pdf')).toBe('corrupt');
    expect(await reason('encrypted.pdf')).toBe('encrypted');
    expect(await reason('no-form.pdf')).toBe('opened');
  });

  it('withDocument destroys the document when the callback throws', async () => {
    let seen: PDFDocumentProxy | undefined;
    await expect(
      withDocument(readFileSync(SEED_PDF), async (doc) => {
        seen = doc;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // A destroyed document refuses further work.
    await expect((async () => seen!.getPage(1))()).rejects.toThrow();
  });

  it('does not detach the caller\'s bytes', async () => {
    const bytes = readFileSync(SEED_PDF);
    const doc = await openDocument(bytes);
    await doc.destroy();
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('repairText', () => {
  it('maps CJK radical code points to the ideographs they stand for', () => {
    // U+2F6C KANGXI RADICAL EYE, U+2ED3 CJK RADICAL C-SIMPLIFIED LONG, U+2ED4 … GATE.
    expect(repairText('项\u2F6C')).toBe('项目');
    expect(repairText('\u2ED3效管理')).toBe('长效管理');
    expect(repairText('主管部\u2ED4')).toBe('主管部门');
  });
  it('turns control characters (Type 3 fonts\' spaces) into spaces and leaves the rest alone', () => {
    expect(repairText('\u0001')).toBe(' ');
    expect(repairText('≥90%，（含）')).toBe('≥90%，（含）');
  });
});
