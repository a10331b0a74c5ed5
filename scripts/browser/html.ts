/**
 * Serialize forms as a web page for Chromium's print-to-PDF: one bordered <table> per form (two
 * when the indicator header is a repeated <thead>), laid out from the office grid
 * (scripts/office/grid.ts), with the CSS variations of government web pages: fonts, sizes, page
 * size and margins, border styles, vertical alignment of the merged 一级/二级 labels, distributed
 * (justified) field labels, rows that may or may not split over a page break, and free text
 * around the table (page margin boxes, a filler line).
 */
import type { FormSpec } from '../fixtures/spec.js';
import { formGrid } from '../office/grid.js';
import type { FormGrid, GridCell } from '../office/grid.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** How the cell rules are drawn. */
export type BrowserBorder =
  /** border-collapse: collapse; every cell 1px solid #000 */
  | 'collapse-1px'
  /** border-collapse: collapse; every cell 0.5pt solid #000 */
  | 'collapse-0.5pt'
  /** border-collapse: collapse; 2px table border, 1px inner rules */
  | 'collapse-outer-2px'
  /** border-collapse: separate; border-spacing: 0; every cell its own 1px border (inner rules doubled) */
  | 'separate-1px';

export interface PageOptions {
  /** CSS font-family list for the body */
  fontFamily: string;
  /** @font-face rules, if any */
  fontFace?: string;
  fontSizePx: number;
  landscape: boolean;
  /** CSS @page margin */
  margin: string;
  border: BrowserBorder;
  /** vertical alignment of the merged 一级/二级 label cells */
  labelVAlign: 'top' | 'middle' | 'bottom';
  /** 项目名称/主管部门/实施单位 cells `text-align: justify; text-align-last: justify` */
  distributedLabels: boolean;
  /** the indicator header row is a <thead> (table-header-group) repeated on every page of the table */
  repeatHeader: boolean;
  /** `page-break-inside: avoid` on every row; otherwise a tall row may split over a page break */
  avoidRowBreaks: boolean;
  /** each form after the first starts on a new page */
  newPagePerForm: boolean;
  /** bold title (the fonts have no bold face: Skia synthesizes it) */
  boldTitle: boolean;
  /** @page margin boxes: free text at the top centre and a page number at the bottom right */
  marginBoxes?: { top: string; bottom: string };
  /** free text lines outside the table, before the title and after the table */
  aroundTable?: { before: (f: FormSpec) => string; after: (f: FormSpec) => string };
}

interface Row {
  cells: GridCell[];
}

function rowsOf(g: FormGrid): Row[] {
  const rows: Row[] = Array.from({ length: g.rows }, () => ({ cells: [] }));
  for (const c of g.cells) rows[c.r]?.cells.push(c);
  for (const r of rows) r.cells.sort((a, b) => a.c - b.c);
  return rows;
}

const FIELD_LABELS = new Set(['项目名称', '主管部门', '实施单位']);

function td(c: GridCell, o: PageOptions, indicatorLabel: boolean): string {
  const span = (c.rs > 1 ? ` rowspan="${c.rs}"` : '') + (c.cs > 1 ? ` colspan="${c.cs}"` : '');
  const cls: string[] = [];
  if (FIELD_LABELS.has(c.text) && o.distributedLabels) cls.push('dist');
  else cls.push(c.align === 'left' ? 'l' : c.align === 'right' ? 'r' : 'c');
  cls.push(indicatorLabel ? `v-${o.labelVAlign}` : c.valign === 'top' ? 'v-top' : 'v-middle');
  return `<td${span} class="${cls.join(' ')}">${c.text ? esc(c.text) : '&nbsp;'}</td>`;
}

function colgroup(g: FormGrid): string {
  const total = g.widths.reduce((s, w) => s + w, 0);
  return '<colgroup>' + g.widths.map((w) => `<col style="width: ${((w / total) * 100).toFixed(3)}%">`).join('') + '</colgroup>';
}

/** One form: one table, or (repeatHeader) an upper table and an indicator table with a <thead>. */
export function formTables(form: FormSpec, o: PageOptions): string {
  const g = formGrid(form, o.fontSizePx * 0.75);
  const rows = rowsOf(g);
  const hdr = rows.findIndex((r) => r.cells.some((c) => c.text === '一级指标'));
  const isLabel = (r: number, c: GridCell) => r > hdr && (c.c === 1 || c.c === 2);
  const tr = (r: number, cells: GridCell[]) => `<tr>${cells.map((c) => td(c, o, isLabel(r, c))).join('')}</tr>`;
  if (!o.repeatHeader) {
    return `<table class="form">${colgroup(g)}\n<tbody>\n${rows.map((row, r) => tr(r, row.cells)).join('\n')}\n</tbody></table>`;
  }
  // upper part: project, budget, goals
  const upper = rows.slice(0, hdr).map((row, r) => tr(r, row.cells));
  // indicator part: the header row in <thead> with a one-row 绩效指标 cell; the body gets an empty
  // first-column cell spanning the indicator rows
  const head = (rows[hdr] as Row).cells.map((c) => (c.c === 0 ? { ...c, rs: 1 } : c));
  const n = form.indicators.length;
  const body = rows.slice(hdr + 1).map((row, k) => {
    const r = hdr + 1 + k;
    const cells = k === 0 ? [{ r, c: 0, rs: n, cs: 1, text: '', align: 'center', valign: 'middle' } as GridCell, ...row.cells] : row.cells;
    return tr(r, cells);
  });
  return (
    `<table class="form">${colgroup(g)}\n<tbody>\n${upper.join('\n')}\n</tbody></table>\n` +
    `<table class="form cont">${colgroup(g)}\n<thead>\n${tr(hdr, head)}\n</thead>\n<tbody>\n${body.join('\n')}\n</tbody></table>`
  );
}

function borderCss(b: BrowserBorder): string {
  switch (b) {
    case 'collapse-1px':
      return 'table.form { border-collapse: collapse; } table.form td { border: 1px solid #000; }';
    case 'collapse-0.5pt':
      return 'table.form { border-collapse: collapse; } table.form td { border: 0.5pt solid #000; }';
    case 'collapse-outer-2px':
      return 'table.form { border-collapse: collapse; border: 2px solid #000; } table.form td { border: 1px solid #000; }';
    case 'separate-1px':
      return 'table.form { border-collapse: separate; border-spacing: 0; } table.form td { border: 1px solid #000; }';
  }
}

export function pageHtml(title: string, forms: FormSpec[], o: PageOptions): string {
  const body = forms.map((form, i) => {
    const brk = i > 0 && o.newPagePerForm ? ' brk' : i > 0 ? ' gap' : '';
    const before = o.aroundTable ? `<div class="note">${esc(o.aroundTable.before(form))}</div>\n` : '';
    const after = o.aroundTable ? `\n<div class="note after">${esc(o.aroundTable.after(form))}</div>` : '';
    return (
      `<section class="sheet${brk}">\n${before}<div class="title">${esc(form.title)}</div>\n` +
      `<div class="year">(${form.year}年度)</div>\n${formTables(form, o)}${after}\n</section>`
    );
  });
  const mb = o.marginBoxes;
  const marginBoxes = mb
    ? `  @top-center { content: "${mb.top}"; font-family: ${o.fontFamily}; font-size: 9px; color: #333; }\n` +
      `  @bottom-right { content: "${mb.bottom}"; font-family: ${o.fontFamily}; font-size: 9px; }\n`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
${o.fontFace ?? ''}
@page { size: A4${o.landscape ? ' landscape' : ''}; margin: ${o.margin};
${marginBoxes}}
html, body { margin: 0; padding: 0; }
body { font-family: ${o.fontFamily}; font-size: ${o.fontSizePx}px; color: #000; }
.title { text-align: center; font-size: ${Math.round(o.fontSizePx * 1.8)}px; ${o.boldTitle ? 'font-weight: bold; ' : ''}margin: 0 0 4px 0; }
.year { text-align: center; font-size: ${o.fontSizePx + 1}px; margin: 0 0 6px 0; }
.note { font-size: ${o.fontSizePx}px; margin: 0 0 6px 0; }
.note.after { margin: 6px 0 0 0; }
.sheet.brk { break-before: page; page-break-before: always; }
.sheet.gap { margin-top: 24px; }
table.form { width: 100%; table-layout: fixed; }
table.form.cont { margin-top: -1px; }
table.form td { padding: 2px 4px; line-height: 1.35; }
${borderCss(o.border)}
${o.avoidRowBreaks ? 'table.form tr { page-break-inside: avoid; break-inside: avoid; }' : ''}
thead { display: table-header-group; }
td.l { text-align: left; } td.c { text-align: center; } td.r { text-align: right; }
td.dist { text-align: justify; text-align-last: justify; }
td.v-top { vertical-align: top; } td.v-middle { vertical-align: middle; } td.v-bottom { vertical-align: bottom; }
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
