/**
 * Serialize office fixture files: an HTML document for LibreOffice Writer (one <table> per form)
 * and a flat OpenDocument spreadsheet (.fods) for LibreOffice Calc.
 *
 * Writer's HTML import ignores the style sheet's cell borders, so the tables carry `border="1"
 * cellspacing="0"` and an inline 0.75 pt border on every cell as well as the CSS
 * (`border-collapse: collapse; 1px solid black`).
 * Calc's HTML import loses the borders, turns value cells into numbers (863.10 → 863.1) and
 * cannot set the page to fit the width, hence the hand-written .fods: every cell a string,
 * 0.75 pt (1 px) black borders, merges, a page style scaled to 1 page wide, no header/footer.
 */
import type { FormSpec } from '../fixtures/spec.js';
import { formGrid } from './grid.js';
import type { FormGrid, GridCell, GridOptions } from './grid.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function yearLine(form: FormSpec): string {
  return `(${form.year}年度)`;
}

// ---------------------------------------------------------------- Writer (HTML)

export interface HtmlOptions {
  title: string;
  font: string;
  fontSize: number;
  newPagePerForm: boolean;
}

/**
 * Writer's HTML import ignores the <style> sheet for cell borders and maps `1px` to a 0.1 pt
 * hairline; an inline `0.75pt` (= 1 px) border gives the intended black 0.75 pt rules.
 */
const CELL_BORDER = 'border: 0.75pt solid #000000';

function htmlTable(form: FormSpec, g: FormGrid): string {
  const total = g.widths.reduce((s, w) => s + w, 0);
  const out: string[] = [];
  out.push('<table border="1" bordercolor="#000000" cellspacing="0" cellpadding="3" width="100%" style="border-collapse: collapse; width: 100%">');
  out.push('<colgroup>' + g.widths.map((w) => `<col width="${((w / total) * 100).toFixed(2)}%">`).join('') + '</colgroup>');
  const byRow = new Map<number, GridCell[]>();
  for (const c of g.cells) byRow.set(c.r, [...(byRow.get(c.r) ?? []), c]);
  for (let r = 0; r < g.rows; r++) {
    const cells = (byRow.get(r) ?? []).sort((a, b) => a.c - b.c);
    const tds = cells.map((c) => {
      const span = (c.rs > 1 ? ` rowspan="${c.rs}"` : '') + (c.cs > 1 ? ` colspan="${c.cs}"` : '');
      return `<td${span} align="${c.align}" valign="${c.valign}" style="${CELL_BORDER}">${c.text ? esc(c.text) : '&nbsp;'}</td>`;
    });
    out.push(`<tr>${tds.join('')}</tr>`);
  }
  out.push('</table>');
  void form;
  return out.join('\n');
}

export function writerHtml(forms: FormSpec[], o: HtmlOptions): string {
  const ff = `'${o.font}', sans-serif`;
  const body = forms.map((form, i) => {
    const g = formGrid(form, o.fontSize);
    const brk = i > 0 && o.newPagePerForm ? ' style="page-break-before: always"' : '';
    const gap = i > 0 && !o.newPagePerForm ? '<p>&nbsp;</p>\n' : '';
    return (
      `${gap}<p align="center"${brk}><font face="${esc(o.font)}" size="5">${esc(form.title)}</font></p>\n` +
      `<p align="center"><font face="${esc(o.font)}" size="2">${esc(yearLine(form))}</font></p>\n` +
      htmlTable(form, g)
    );
  });
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(o.title)}</title>
<style>
body { font-family: ${ff}; font-size: ${o.fontSize}pt; }
table { border-collapse: collapse; }
td { border: 1px solid #000000; font-family: ${ff}; font-size: ${o.fontSize}pt; padding: 2px 3px; }
p { margin: 4px 0; }
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

// ---------------------------------------------------------------- Calc (flat ODS)

export interface FodsOptions {
  font: string;
  fontSize: number;
  /** one sheet per form; otherwise all forms stacked on one sheet */
  sheetPerForm: boolean;
  /** stacked forms: a manual row (page) break before each form after the first */
  newPagePerForm: boolean;
  /** fixed height (pt) of every table row but the goals row, however tall its wrapped text */
  rowHeight?: number;
  /** column widths and the unruled budget 得分 column (scripts/office/grid.ts) */
  grid?: GridOptions;
  /** vertical alignment of the table's cells (default middle) */
  valign?: 'middle' | 'bottom' | 'top';
}

interface SheetRow {
  height?: number;
  breakBefore?: boolean;
  cells: Array<{ c: number; cs: number; rs: number; text: string; style: string }>;
}

function sheetFor(forms: FormSpec[], o: FodsOptions): { widths: number[]; rows: SheetRow[] } {
  const grids = forms.map((f) => formGrid(f, o.fontSize, o.grid));
  const bounds = [...new Set(grids.flatMap((g) => g.bounds))].sort((a, b) => a - b);
  const col = (x: number) => bounds.indexOf(x);
  const rows: SheetRow[] = [];
  forms.forEach((form, fi) => {
    const g = grids[fi] as (typeof grids)[number];
    const right = g.bounds[g.bounds.length - 1] ?? 0;
    const last = col(right);
    if (fi > 0 && !o.newPagePerForm) rows.push({ cells: [], height: 18 });
    rows.push({ breakBefore: fi > 0 && o.newPagePerForm, height: 30, cells: [{ c: 0, cs: last, rs: 1, text: form.title, style: 'title' }] });
    rows.push({ height: 18, cells: [{ c: 0, cs: last, rs: 1, text: yearLine(form), style: 'year' }] });
    const base = rows.length;
    for (let r = 0; r < g.rows; r++) rows.push({ cells: [], height: g.minHeights.get(r) ?? o.rowHeight });
    for (const c of g.cells) {
      const x0 = g.bounds[c.c] ?? 0;
      const x1 = g.bounds[c.c + c.cs] ?? right;
      const style = (c.valign === 'top' ? 'lt' : c.align === 'left' ? 'l' : c.align === 'right' ? 'r' : 'c') + (c.border === false ? 'n' : '');
      rows[base + c.r]?.cells.push({ c: col(x0), cs: col(x1) - col(x0), rs: c.rs, text: c.text, style });
    }
  });
  return { widths: bounds.slice(1).map((b, i) => b - (bounds[i] ?? 0)), rows };
}

function sheetXml(name: string, sheet: { widths: number[]; rows: SheetRow[] }, colStyle: Map<number, string>): string {
  const n = sheet.widths.length;
  const out: string[] = [`<table:table table:name="${esc(name)}" table:style-name="ta1">`];
  for (const w of sheet.widths) out.push(`<table:table-column table:style-name="${colStyle.get(w)}" table:default-cell-style-name="Default"/>`);
  // covered[r][c] = true when a merged cell above/left covers the position
  const covered: boolean[][] = sheet.rows.map(() => new Array<boolean>(n).fill(false));
  sheet.rows.forEach((row, r) => {
    for (const c of row.cells) for (let i = r; i < r + c.rs; i++) for (let j = c.c; j < c.c + c.cs; j++) if (i !== r || j !== c.c) (covered[i] as boolean[])[j] = true;
  });
  sheet.rows.forEach((row, r) => {
    const rs = row.breakBefore ? (row.height ? `roB${Math.round(row.height * 10)}` : 'roB') : row.height ? `ro${Math.round(row.height * 10)}` : 'ro';
    out.push(`<table:table-row table:style-name="${rs}">`);
    const at = new Map(row.cells.map((c) => [c.c, c]));
    for (let j = 0; j < n; j++) {
      const c = at.get(j);
      if (c) {
        const span = (c.cs > 1 ? ` table:number-columns-spanned="${c.cs}"` : '') + (c.rs > 1 ? ` table:number-rows-spanned="${c.rs}"` : '');
        out.push(
          c.text
            ? `<table:table-cell table:style-name="${c.style}" office:value-type="string" calcext:value-type="string"${span}><text:p>${esc(c.text)}</text:p></table:table-cell>`
            : `<table:table-cell table:style-name="${c.style}"${span}/>`,
        );
      } else if (covered[r]?.[j]) out.push('<table:covered-table-cell/>');
      else out.push('<table:table-cell/>');
    }
    out.push('</table:table-row>');
  });
  out.push('</table:table>');
  return out.join('\n');
}

export function calcFods(forms: FormSpec[], o: FodsOptions): string {
  const sheets = o.sheetPerForm ? forms.map((f, i) => ({ name: `表${i + 1}`, sheet: sheetFor([f], o) })) : [{ name: '绩效自评表', sheet: sheetFor(forms, o) }];
  const widths = [...new Set(sheets.flatMap((s) => s.sheet.widths))];
  const colStyle = new Map(widths.map((w, i) => [w, `co${i}`]));
  const heights = [...new Set(sheets.flatMap((s) => s.sheet.rows.flatMap((r) => (r.height ? [r.height] : []))))];
  const fs = `${o.fontSize}pt`;
  const text = (size: string) => `<style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="${size}" style:font-size-asian="${size}"/>`;
  const middle = o.valign ?? 'middle';
  const cellStyle = (name: string, align: string, valign: string, border: boolean, size = fs) =>
    `<style:style style:name="${name}" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties ${border ? 'fo:border="0.75pt solid #000000" ' : 'fo:border="none" '}fo:wrap-option="wrap" style:vertical-align="${valign}" fo:padding="0.06cm"/><style:paragraph-properties fo:text-align="${align}"/>${text(size)}</style:style>`;
  const rowStyle = (name: string, height: number | undefined, brk: boolean) =>
    `<style:style style:name="${name}" style:family="table-row"><style:table-row-properties${height ? ` style:row-height="${height.toFixed(1)}pt" style:use-optimal-row-height="false"` : ' style:use-optimal-row-height="true"'}${brk ? ' fo:break-before="page"' : ' fo:break-before="auto"'}/></style:style>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls>
<style:font-face style:name="CJK" svg:font-family="'${esc(o.font)}'"/>
</office:font-face-decls>
<office:styles>
<style:style style:name="Default" style:family="table-cell">${text(fs)}</style:style>
</office:styles>
<office:automatic-styles>
${widths.map((w) => `<style:style style:name="${colStyle.get(w)}" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="${w.toFixed(1)}pt"/></style:style>`).join('\n')}
${rowStyle('ro', undefined, false)}
${rowStyle('roB', undefined, true)}
${heights.map((h) => rowStyle(`ro${Math.round(h * 10)}`, h, false) + rowStyle(`roB${Math.round(h * 10)}`, h, true)).join('\n')}
<style:style style:name="ta1" style:family="table" style:master-page-name="Form"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>
${cellStyle('c', 'center', middle, true)}
${cellStyle('l', 'start', middle, true)}
${cellStyle('r', 'end', middle, true)}
${cellStyle('lt', 'start', 'top', true)}
${cellStyle('cn', 'center', middle, false)}
${cellStyle('rn', 'end', middle, false)}
${cellStyle('title', 'center', 'middle', false, '16pt')}
${cellStyle('year', 'center', 'middle', false, '10pt')}
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" style:print-orientation="portrait" fo:margin-top="15mm" fo:margin-bottom="15mm" fo:margin-left="15mm" fo:margin-right="15mm" style:print-page-order="ttb" style:first-page-number="continue" style:scale-to-X="1" style:scale-to-Y="0" style:print="objects charts drawings zero-values"/><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Form" style:page-layout-name="pm1"><style:header style:display="false"/><style:header-left style:display="false"/><style:footer style:display="false"/><style:footer-left style:display="false"/></style:master-page>
</office:master-styles>
<office:body>
<office:spreadsheet>
${sheets.map((s) => sheetXml(s.name, s.sheet, colStyle)).join('\n')}
</office:spreadsheet>
</office:body>
</office:document>
`;
}
