// What the proceedings pages share: the moderators' text as the platform rendered it (taken into the
// page element by element, never as markup), the record's figures and their labels, and SHA-256.
import './i18nProceedings';
import './proceedings.css';
import { h, paragraphs, type Child } from './dom';
import { formatClock, formatDateTime, formatPercent, locale, t, tn, tOr, vocabularyLabel } from './i18n';
import { GENDERS, REGIONS, STAKEHOLDER_GROUPS, type ProceedingsContent, type RecordedShare } from './types';

export const number = (n: number): string => n.toLocaleString(locale);
export const duration = (seconds: number): string => formatClock(seconds * 1000);
export const permille = (p: number | null | undefined): string => formatPercent((p ?? 0) / 1000);
export const when = (iso: string | null | undefined): Child =>
  iso ? h('time', { datetime: iso }, formatDateTime(new Date(iso))) : '—';

export const groupName = (key: string): string => vocabularyLabel('group', key);
export const regionName = (key: string): string => vocabularyLabel('region', key);
export const genderName = (key: string): string => vocabularyLabel('gender', key);
export const kindName = (kind: string): string => tOr(`floor.kind.${kind}`, kind);

/** The keys of a breakdown: the contract's order first, then any others. */
export function ordered(values: Record<string, unknown> | null | undefined, known: readonly string[]): string[] {
  const keys = Object.keys(values ?? {});
  return [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k))];
}
export const KNOWN = { group: STAKEHOLDER_GROUPS, region: REGIONS, gender: GENDERS } as const;

/** Where a speech was given from. */
export function whereName(where: string, hubName?: string | null, headcount = 0): string {
  if (where === 'remoteHub') return tn('rec.where.hub', headcount, { name: hubName ?? '' });
  return tOr(`rec.where.${where}`, where);
}

/** A table with a caption, column headings, and rows whose first cell heads the row. */
export function table(id: string, caption: string, columns: string[], rows: Child[][], className = 'data-table'): HTMLTableElement {
  return h(
    'table',
    { class: className, id },
    h('caption', null, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      rows.map(([head, ...cells]) => h('tr', null, h('th', { scope: 'row' }, head), cells.map((c) => h('td', null, c)))),
    ),
  );
}

/** The figures at a glance: speeches, floor time, where from, attendance, questions, decisions. */
export function glance(p: ProceedingsContent, id: string): HTMLDListElement {
  const f = p.floor;
  const a = p.attendance;
  const q = p.questions;
  const held = p.agenda.filter((i) => i.held && i.status === 'done').length;
  const line = (key: string, label: string, value: Child) =>
    h('div', { class: 'figure', 'data-figure': key }, h('dt', null, label), h('dd', null, value));
  return h(
    'dl',
    { class: 'glance', id },
    line('speeches', t('rec.glance.speeches'), t('rec.glance.speechesValue', { count: number(f.speeches), time: duration(f.seconds) })),
    line(
      'where',
      t('rec.glance.where'),
      t('rec.glance.whereValue', { inRoom: permille(f.inRoom.permille), remote: permille(f.remote.permille), hubs: permille(f.remoteHubs.permille) }),
    ),
    line(
      'attendance',
      t('rec.glance.attendance'),
      tn('rec.glance.attendanceValue', a.total, { registered: number(a.registered), anonymous: number(a.anonymous) }),
    ),
    line(
      'questions',
      t('rec.glance.questions'),
      t('rec.glance.questionsValue', { asked: number(q.asked), approved: number(q.approved), answered: number(q.answered), hidden: number(q.hidden) }),
    ),
    line('agenda', t('rec.glance.agenda'), t('rec.glance.agendaValue', { held: number(held), planned: number(p.agenda.filter((i) => i.planned).length) })),
    line('decisions', t('rec.glance.decisions'), t('rec.glance.decisionsValue', { overrides: number(p.overrides.length), dismissals: number(p.dismissals.length) })),
  );
}

/** The floor by stakeholder group as a table (the editor's glance; the public page draws a chart too). */
export function shareRows(shares: Record<string, RecordedShare>, known: readonly string[], name: (k: string) => string): Child[][] {
  return ordered(shares, known).map((k) => {
    const s = shares[k]!;
    return [
      name(k),
      number(s.speeches),
      duration(s.seconds),
      permille(s.permille),
      s.targetPermille === null || s.targetPermille === undefined ? t('floor.noTarget') : permille(s.targetPermille),
    ];
  });
}

// ---- the moderators' text as the platform rendered it ------------------------------------------

const KEEP = new Set(['p', 'br', 'hr', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'del', 's', 'sup', 'sub']);
const DROP = new Set(['script', 'style', 'iframe', 'object', 'embed', 'img', 'svg', 'math', 'template', 'form', 'input', 'textarea', 'select', 'button', 'link', 'meta', 'base', 'video', 'audio', 'source', 'noscript']);

/**
 * The platform's safe HTML of what moderators wrote, rebuilt element by element: it never reaches
 * the page as markup. Only text and a few formatting elements are kept; a link keeps an http,
 * https or mailto address only; headings start below the page's own (`headingBelow`).
 */
export function safeHtml(html: string, headingBelow = 2): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const out = document.createDocumentFragment();
  const copy = (from: Node, to: Node) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.textContent ?? ''));
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const el = node as Element;
      const tag = el.tagName.toLowerCase();
      if (DROP.has(tag)) continue;
      const level = /^h([1-6])$/.exec(tag);
      if (level) {
        const heading = document.createElement(`h${Math.min(6, Number(level[1]) + headingBelow)}`);
        copy(el, heading);
        to.appendChild(heading);
      } else if (tag === 'a') {
        const href = safeHref(el.getAttribute('href'));
        if (!href) {
          copy(el, to);
          continue;
        }
        const a = document.createElement('a');
        a.setAttribute('href', href);
        if (new URL(href, location.href).origin !== location.origin) a.setAttribute('rel', 'nofollow noopener noreferrer');
        copy(el, a);
        to.appendChild(a);
      } else if (KEEP.has(tag)) {
        const kept = document.createElement(tag);
        const start = el.getAttribute('start');
        if (tag === 'ol' && start && /^\d{1,6}$/.test(start)) kept.setAttribute('start', start);
        copy(el, kept);
        to.appendChild(kept);
      } else {
        copy(el, to); // unknown element: its text only
      }
    }
  };
  copy(parsed.body, out);
  return out;
}

function safeHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, location.href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The Markdown as plain text (paragraphs), when the rendered text could not be read. */
export const plainText = (markdown: string): HTMLElement[] => paragraphs(markdown);

// ---- SHA-256 -----------------------------------------------------------------------------------

/** Lower-case hex SHA-256 of the bytes; null where the browser gives no SubtleCrypto (not HTTPS). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
