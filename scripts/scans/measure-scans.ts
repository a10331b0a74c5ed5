/**
 * Print the measurements of measure.ts for scanned PDFs, one line per page: how the image is
 * embedded (size, filter, bits, resolution on the page, margins, /Rotate) and what the page image
 * the OCR path gets looks like (ink levels, stroke cores, character height, ink margins).
 * Usage: npx tsx scripts/scans/measure-scans.ts <file.pdf>…
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { characterHeight, inkBox, inkLevels, pageImages, scanImages } from './measure.js';

const f1 = (n: number): string => n.toFixed(1);

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: measure-scans.ts <file.pdf>…');
  for (const file of files) {
    const pdf = new Uint8Array(readFileSync(file));
    const images = await scanImages(pdf);
    const pages = await pageImages(pdf);
    for (const img of pages) {
      const x = images.filter((i) => i.page === img.pageNumber);
      const embed = x
        .map(
          (i) =>
            `${i.width}×${i.height} ${i.filter}${i.k !== undefined ? `(K=${i.k})` : ''} ${i.bitsPerComponent}bit ${i.colorSpace}` +
            ` ${f1(i.dpiX)}dpi margins l${f1(i.marginPt.left)} r${f1(i.marginPt.right)} t${f1(i.marginPt.top)} b${f1(i.marginPt.bottom)}pt` +
            ` rotate ${i.rotate}`,
        )
        .join('; ');
      const ink = inkLevels(img);
      const ch = characterHeight(img);
      const box = inkBox(img);
      console.log(
        `${basename(file)} p${img.pageNumber}: page image ${img.width}×${img.height} @${f1(img.dpi)} | ${embed || 'no image'}\n` +
          `  <128 ${(ink.darkFraction * 100).toFixed(2)}%  <230 ${(ink.inkFraction * 100).toFixed(2)}%  cores p10/p50/p90 ${ink.core.p10}/${ink.core.p50}/${ink.core.p90}` +
          ` h-cores ${ink.horizontalCore.p10}/${ink.horizontalCore.p50}/${ink.horizontalCore.p90}` +
          `  paper ${ink.paper}±${f1(ink.paperNoise)}  char h p50/p90 ${ch.median}/${ch.p90}px (${f1(ch.p90Pt)}pt, ${ch.components} comps)` +
          `  ink margins l${f1(box.marginPt.left)} r${f1(box.marginPt.right)} t${f1(box.marginPt.top)} b${f1(box.marginPt.bottom)}pt\n` +
          `  hist<230 /10: ${ink.histogram.map((c) => ((c / Math.max(1, ink.inkFraction * img.width * img.height)) * 100).toFixed(0)).join(' ')}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
