// A bar chart of shares by stakeholder group (0–1), with an optional target mark per bar, as SVG
// (role="img", named by its caption) followed by a table with the same figures as its text
// alternative. Used by the session's floor ledger and by the stakeholder groups page.
import { h, svg, type Child } from './dom';
import { dir, formatPercent } from './i18n';

export interface ChartRow {
  group: string;
  label: string;
  share: number;
  target?: number | null;
  /** The table's cells after the row's label. */
  cells: string[];
}

export interface ChartOptions {
  /** The svg's id; the caption is `{id}-title`, the legend `{id}-legend`. */
  id: string;
  className: string;
  tableId: string;
  title: string;
  legend?: string;
  /** The table's column headings, the first one for the label. */
  columns: string[];
  rows: ChartRow[];
}

/** The figure's children: caption, chart, legend and table. */
export function groupShareChart(o: ChartOptions): Child[] {
  const [ROW, BAR, WIDTH] = [40, 360, 420];
  const x = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * BAR * 10) / 10;
  // Bars grow from the inline start: from the right in a right-to-left language. SVG does not
  // mirror by itself; its text does follow `direction` (text-anchor start is then the right end).
  const rtl = dir === 'rtl';
  const at = (offset: number, length = 0) => (rtl ? WIDTH - offset - length : offset);
  const bars = o.rows.map((row, i) => {
    const y = i * ROW;
    return svg(
      'g',
      { class: 'chart-row', 'data-group': row.group },
      svg('text', { x: at(0), y: y + 13, class: 'chart-label' }, row.label),
      svg('rect', { x: at(0, BAR), y: y + 18, width: BAR, height: 14, class: 'chart-track' }),
      svg('rect', { x: at(0, x(row.share)), y: y + 18, width: x(row.share), height: 14, class: 'chart-bar', 'data-share': row.share }),
      row.target === null || row.target === undefined
        ? null
        : svg('line', { x1: at(x(row.target)), x2: at(x(row.target)), y1: y + 15, y2: y + 35, class: 'chart-target', 'data-target': row.target }),
      svg('text', { x: at(BAR + 8), y: y + 30, class: 'chart-value' }, formatPercent(row.share)),
    );
  });
  return [
    h('figcaption', { id: `${o.id}-title` }, o.title),
    svg(
      'svg',
      {
        id: o.id,
        class: o.className,
        viewBox: `0 0 ${WIDTH} ${Math.max(1, o.rows.length) * ROW}`,
        role: 'img',
        'aria-labelledby': `${o.id}-title`,
        'aria-describedby': o.legend ? `${o.id}-legend` : null,
      },
      bars,
    ),
    o.legend ? h('p', { class: 'hint', id: `${o.id}-legend` }, o.legend) : null,
    h(
      'table',
      { class: 'visually-hidden', id: o.tableId },
      h('caption', null, o.title),
      h('thead', null, h('tr', null, o.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        o.rows.map((row) =>
          h('tr', { 'data-group': row.group }, h('th', { scope: 'row' }, row.label), row.cells.map((c) => h('td', null, c))),
        ),
      ),
    ),
  ];
}
