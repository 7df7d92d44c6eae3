// A session's published proceedings, for everyone: `/archive/{id}` (the latest version) and
// `/archive/{id}/v/{n}`. The session as planned and as held, every speech, the floor and attendance
// by stakeholder group, region and gender (charts with their figures as tables), the questions, the
// moderators' overrides and dismissals with their reasons, their text as the platform rendered it
// (rebuilt element by element, never inserted as markup), the version history with its hashes and
// takedowns, downloads, and "Verify this record": the version's bytes hashed here (SHA-256) against
// the chain, and every link of the chain against the version before.
import { announce } from '../announce';
import { ApiError, getSession, problemText } from '../api';
import { EXPORTS, getRendered, getVersionBytes, getVersions, pageUrl, versionUrl } from '../archiveApi';
import { groupShareChart, type ChartRow } from '../chart';
import { append, h, paragraphs, replaceChildren, type Child } from '../dom';
import { formatDateTime, formatTime, localized, localizedAttrs, platformText, t, tn, tNodes, topicLabel, typeLabel } from '../i18n';
import {
  KNOWN,
  duration,
  genderName,
  glance,
  groupName,
  kindName,
  number,
  ordered,
  permille,
  plainText,
  regionName,
  safeHtml,
  sha256Hex,
  shareRows,
  table,
  when,
  whereName,
} from '../record';
import type { ProceedingsContent, ProceedingsRecord, ProceedingsVersionInfo, RecordedShare, RenderedText } from '../types';

type Shown =
  | { kind: 'record'; record: ProceedingsRecord; bytes: ArrayBuffer }
  | { kind: 'takenDown'; version: number | null; hash: string | null }
  | { kind: 'failed'; error: unknown };

export async function proceedingsPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const sessionId = params.id ?? '';
  const asked = params.n === undefined ? 'latest' : /^[1-9]\d{0,5}$/.test(params.n) ? Number(params.n) : null;
  document.title = `${t('rec.title')} · ${t('app.name')}`;
  const article = h('article', { class: 'proceedings', 'aria-labelledby': 'rec-title', 'aria-busy': 'true' }, h('h1', { id: 'rec-title' }, t('rec.title')), h('p', null, t('app.loading')));
  main.append(h('p', { class: 'back' }, h('a', { href: '/archive' }, t('rec.back'))), article);

  if (asked === null) return notPublished(article, sessionId, t('rec.noSuchVersion'));
  const [chainResult, shownResult] = await Promise.allSettled([getVersions(sessionId), read(sessionId, asked)]);
  const chain = chainResult.status === 'fulfilled' ? chainResult.value : null;
  let shown: Shown = shownResult.status === 'fulfilled' ? shownResult.value : { kind: 'failed', error: shownResult.reason };
  // A version's bytes may be kept by a cache (they never change); the chain, read again each time,
  // says whether the version was taken down since: then its content is not shown.
  if (shown.kind === 'record') {
    const { version } = shown.record;
    const down = chain?.find((v) => v.version === version && v.takenDown);
    if (down) shown = { kind: 'takenDown', version, hash: down.hash };
  }
  article.removeAttribute('aria-busy');
  if (chainResult.status === 'rejected' && chainResult.reason instanceof ApiError && chainResult.reason.status === 404) {
    return notPublished(article, sessionId, t('rec.none'));
  }
  if (shown.kind === 'failed' && shown.error instanceof ApiError && shown.error.status === 404) {
    return notPublished(article, sessionId, t('rec.noSuchVersion'));
  }

  const versionNumber = shown.kind === 'record' ? shown.record.version : shown.kind === 'takenDown' ? shown.version : typeof asked === 'number' ? asked : null;
  const link = chain?.find((v) => v.version === versionNumber) ?? null;
  const latest = chain ? [...chain].reverse().find((v) => !v.takenDown) ?? null : null;
  const parts: Child[] = [];

  if (shown.kind === 'record') {
    const { record } = shown;
    const p = record.proceedings;
    const title = localized(p.session.titles, p.session.title);
    document.title = `${t('rec.titleOf', { title })} · ${t('app.name')}`;
    const text = h('div', { class: 'rec-text' });
    parts.push(
      header(record, title, chain, latest),
      text,
      section('rec-glance', t('rec.glance.title'), glance(p, 'rec-glance-list')),
      section('rec-about', t('rec.about'), h('div', { class: 'description', ...localizedAttrs(null) }, paragraphs(p.session.description))),
      agendaSection(p),
      speechesSection(p),
      floorSection(p),
      attendanceSection(p),
      questionsSection(p),
      decisionsSection(p),
    );
    void fillText(text, sessionId, record);
  } else {
    // Taken down, or not served: the chain still says what was published and when.
    let title = '';
    try {
      const session = await getSession(sessionId);
      title = localized(session.titles, session.title);
    } catch {
      title = '';
    }
    document.title = `${t('rec.title')} · ${t('app.name')}`;
    parts.push(
      h('h1', { id: 'rec-title' }, title ? t('rec.titleOf', { title }) : t('rec.title')),
      shown.kind === 'takenDown'
        ? tombstone(link, shown.hash, versionNumber)
        : h('div', { class: 'alert-region', role: 'alert', id: 'rec-error' }, h('p', null, platformText(problemText(shown.error)))),
      latest && latest.version !== versionNumber
        ? h('p', { class: 'notice', id: 'rec-latest' }, h('a', { href: pageUrl(sessionId, latest.version) }, t('rec.readLatest', { version: latest.version })))
        : null,
    );
  }

  parts.push(
    historySection(sessionId, chain, chainResult.status === 'rejected' ? chainResult.reason : null, versionNumber),
    verifySection(sessionId, versionNumber, shown.kind === 'record' ? shown.record : null),
    downloadsSection(sessionId, shown.kind === 'record' ? shown.record.version : null),
  );
  replaceChildren(article, parts);
}

/** The version's bytes as published (parsed from those very bytes), or why they are not served. */
async function read(sessionId: string, version: number | 'latest'): Promise<Shown> {
  try {
    const bytes = await getVersionBytes(sessionId, version);
    const record = JSON.parse(new TextDecoder().decode(bytes)) as ProceedingsRecord;
    return { kind: 'record', record, bytes };
  } catch (error) {
    if (error instanceof ApiError && error.status === 410) {
      const extra = error.problem as { version?: number; hash?: string } | null;
      return { kind: 'takenDown', version: typeof version === 'number' ? version : (extra?.version ?? null), hash: extra?.hash ?? null };
    }
    throw error;
  }
}

function notPublished(article: HTMLElement, sessionId: string, message: string): void {
  article.removeAttribute('aria-busy');
  replaceChildren(
    article,
    h('h1', { id: 'rec-title' }, t('rec.title')),
    h('p', { id: 'rec-missing' }, message),
    h('p', null, h('a', { href: `/sessions/${encodeURIComponent(sessionId)}` }, t('rec.sessionPage'))),
  );
}

function section(id: string, heading: string, ...content: Child[]): HTMLElement {
  return h('section', { id, class: 'rec-section', 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, heading), ...content);
}

function header(record: ProceedingsRecord, title: string, chain: ProceedingsVersionInfo[] | null, latest: ProceedingsVersionInfo | null): HTMLElement {
  const s = record.proceedings.session;
  const start = new Date(s.startsAt);
  const end = new Date(start.getTime() + s.durationMinutes * 60_000);
  const sessionId = record.sessionId;
  return h(
    'header',
    { class: 'rec-header' },
    h('h1', { id: 'rec-title' }, tNodes('rec.titleOf', { title: h('span', localizedAttrs(record.proceedings.session.titles), title) })),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'type' }, typeLabel(s.type)),
      ' · ',
      h('time', { datetime: s.startsAt }, formatDateTime(start)),
      '–',
      h('time', { datetime: end.toISOString() }, formatTime(end)),
      ` ${t('session.durationShown', { minutes: s.durationMinutes })}`,
    ),
    s.startedAt && s.endedAt
      ? h('p', { class: 'meta', id: 'rec-held' }, t('rec.heldFrom'), ' ', when(s.startedAt), ' ', t('rec.heldTo'), ' ', when(s.endedAt))
      : null,
    s.topics.length > 0 ? h('ul', { class: 'topics', 'aria-label': t('home.topics') }, s.topics.map((slug) => h('li', null, topicLabel(slug)))) : null,
    h(
      'p',
      { class: 'version-line', id: 'rec-version', 'data-version': record.version },
      chain ? t('rec.versionOf', { version: record.version, count: chain.length }) : t('rec.version', { version: record.version }),
      ' · ',
      t('rec.publishedAt'),
      ' ',
      when(record.publishedAt),
      ' · ',
      h('a', { href: `/sessions/${encodeURIComponent(sessionId)}` }, t('rec.sessionPage')),
    ),
    record.note ? h('p', { class: 'version-note', id: 'rec-note' }, h('strong', null, t('rec.note')), ' ', record.note) : null,
    latest && latest.version > record.version
      ? h(
          'p',
          { class: 'notice', id: 'rec-latest' },
          t('rec.notLatest'),
          ' ',
          h('a', { href: pageUrl(sessionId, latest.version) }, t('rec.readLatest', { version: latest.version })),
        )
      : null,
  );
}

/** The summary, takeaways and calls to action as the platform rendered them (as text if that fails). */
async function fillText(into: HTMLElement, sessionId: string, record: ProceedingsRecord): Promise<void> {
  const p = record.proceedings;
  let rendered: RenderedText | null = null;
  into.setAttribute('aria-busy', 'true');
  try {
    rendered = await getRendered(sessionId, record.version);
  } catch (error) {
    console.warn('proceedings: the rendered text could not be read', error);
  }
  into.removeAttribute('aria-busy');
  const block = (html: string | undefined, markdown: string): Node[] => (html !== undefined ? [safeHtml(html)] : plainText(markdown));
  const list = (id: string, htmls: string[] | undefined, items: string[]) =>
    items.length === 0
      ? h('p', { class: 'hint' }, t('rec.noneWritten'))
      : h('ul', { class: 'rec-list', id }, items.map((item, i) => h('li', { class: 'markdown' }, block(htmls?.[i], item))));
  replaceChildren(
    into,
    section(
      'rec-summary',
      t('rec.summary'),
      p.summary ? h('div', { class: 'markdown', id: 'rec-summary-text' }, block(rendered?.summary, p.summary)) : h('p', { class: 'hint' }, t('rec.noneWritten')),
    ),
    section('rec-takeaways', t('rec.takeaways'), list('rec-takeaways-list', rendered?.takeaways, p.takeaways)),
    section('rec-calls', t('rec.calls'), list('rec-calls-list', rendered?.callsToAction, p.callsToAction)),
  );
}

// ---- the record's figures ----------------------------------------------------------------------

const ITEM_STATUS = new Set(['done', 'skipped', 'removed', 'upcoming', 'current']);

function agendaSection(p: ProceedingsContent): HTMLElement {
  if (p.agenda.length === 0) return section('rec-agenda', t('rec.agenda'), h('p', null, t('session.agendaEmpty')));
  const time = (iso: string | null | undefined) => (iso ? h('time', { datetime: iso }, formatTime(new Date(iso))) : '—');
  return section(
    'rec-agenda',
    t('rec.agenda'),
    table(
      'rec-agenda-table',
      t('rec.agenda.caption'),
      [t('rec.agenda.item'), t('rec.agenda.plannedStart'), t('rec.agenda.minutes'), t('rec.agenda.held'), t('rec.agenda.actual'), t('rec.agenda.speakers')],
      p.agenda.map((item) => [
        item.title,
        item.planned ? time(item.plannedStart) : t('rec.agenda.added'),
        number(item.minutes),
        h('span', { class: `item-status status-${item.status}`, 'data-status': item.status }, ITEM_STATUS.has(item.status) ? t(`rec.item.${item.status}` as 'rec.item.done') : item.status),
        item.actualStart ? h('span', null, time(item.actualStart), '–', time(item.actualEnd)) : '—',
        item.speakers.join(', ') || '—',
      ]),
    ),
  );
}

function speechesSection(p: ProceedingsContent): HTMLElement {
  if (p.speeches.length === 0) return section('rec-speeches', t('rec.speeches'), h('p', null, t('rec.noSpeeches')));
  return section(
    'rec-speeches',
    t('rec.speeches'),
    table(
      'rec-speeches-table',
      tn('rec.speeches.caption', p.speeches.length),
      [
        t('rec.speech.number'),
        t('rec.speech.speaker'),
        t('floor.table.group'),
        t('rec.speech.region'),
        t('rec.speech.gender'),
        t('rec.speech.kind'),
        t('rec.speech.where'),
        t('rec.speech.started'),
        t('rec.speech.time'),
        t('rec.speech.repliesTo'),
      ],
      p.speeches.map((s) => [
        number(s.number),
        s.speaker,
        groupName(s.group),
        regionName(s.region),
        s.gender ? genderName(s.gender) : '—',
        kindName(s.kind),
        whereName(s.where, s.hubName, s.hubHeadcount),
        h('time', { datetime: s.startedAt }, formatTime(new Date(s.startedAt))),
        t('rec.speech.timeValue', { time: duration(s.seconds), allotted: duration(s.allottedSeconds) }),
        s.repliesTo ? t('rec.speech.replyTo', { number: s.repliesTo }) : '—',
      ]),
    ),
  );
}

/** A chart of shares by group, region or gender, with its table (`chart.ts`). */
function shareFigure(id: string, title: string, columns: string[], rows: ChartRow[], legend?: string): HTMLElement {
  const figure = h('figure', { class: 'floor-figure', id: `${id}-figure` });
  append(
    figure,
    ...groupShareChart({ id: `${id}-chart`, className: 'floor-chart', tableId: `${id}-table`, title, legend, columns, rows }),
  );
  return figure;
}

function floorFigure(id: string, title: string, shares: Record<string, RecordedShare>, known: readonly string[], name: (k: string) => string, withTargets: boolean): HTMLElement {
  const keys = ordered(shares, known);
  if (keys.length === 0) return h('p', { id: `${id}-empty`, class: 'hint' }, t('rec.noSpeeches'));
  const rows = shareRows(shares, known, name);
  return shareFigure(
    id,
    title,
    [t('rec.floor.who'), t('floor.table.speeches'), t('floor.table.time'), t('floor.table.share'), t('floor.table.target')],
    keys.map((k, i) => {
      const s = shares[k]!;
      return {
        group: k,
        label: name(k),
        share: s.permille / 1000,
        target: withTargets && s.targetPermille !== null && s.targetPermille !== undefined ? s.targetPermille / 1000 : null,
        cells: rows[i]!.slice(1).map(String),
      };
    }),
    withTargets ? t('floor.chart.legend') : undefined,
  );
}

function floorSection(p: ProceedingsContent): HTMLElement {
  const f = p.floor;
  const where = (label: string, s: RecordedShare): Child[] => [label, number(s.speeches), duration(s.seconds), permille(s.permille)];
  return section(
    'rec-floor',
    t('rec.floor'),
    h('p', { id: 'rec-floor-total' }, tn('rec.floor.total', f.speeches, { time: duration(f.seconds) })),
    floorFigure('rec-floor-group', t('rec.floor.byGroup'), f.byGroup, KNOWN.group, groupName, true),
    floorFigure('rec-floor-region', t('rec.floor.byRegion'), f.byRegion, KNOWN.region, regionName, false),
    floorFigure('rec-floor-gender', t('rec.floor.byGender'), f.byGender, KNOWN.gender, genderName, false),
    table(
      'rec-floor-where',
      t('rec.floor.where'),
      [t('rec.speech.where'), t('floor.table.speeches'), t('floor.table.time'), t('floor.table.share')],
      [
        where(t('floor.inRoom'), f.inRoom),
        where(t('floor.remote'), f.remote),
        where(tn('rec.floor.hubs', f.remoteHubHeadcount), f.remoteHubs),
      ],
    ),
  );
}

function attendanceSection(p: ProceedingsContent): HTMLElement {
  const a = p.attendance;
  const figure = (id: string, title: string, counts: Record<string, number>, known: readonly string[], name: (k: string) => string) => {
    const keys = ordered(counts, known);
    if (keys.length === 0) return null;
    return shareFigure(
      id,
      title,
      [t('rec.floor.who'), t('rec.attendance.people'), t('rec.attendance.share')],
      keys.map((k) => {
        const count = counts[k] ?? 0;
        const share = a.registered > 0 ? count / a.registered : 0;
        return { group: k, label: name(k), share, cells: [number(count), permille(Math.round(share * 1000))] };
      }),
    );
  };
  return section(
    'rec-attendance',
    t('rec.attendance'),
    h(
      'p',
      { id: 'rec-attendance-total' },
      a.peakAt
        ? [tn('rec.attendance.peak', a.total, { inRoom: number(a.inRoom), remote: number(a.remote) }), ' ', t('rec.attendance.at'), ' ', when(a.peakAt), '.']
        : t('rec.attendance.none'),
    ),
    a.registered > 0 ? h('p', { class: 'hint' }, t('rec.attendance.note', { registered: number(a.registered), anonymous: number(a.anonymous) })) : null,
    figure('rec-att-group', t('rec.attendance.byGroup'), a.byGroup, KNOWN.group, groupName),
    figure('rec-att-region', t('rec.attendance.byRegion'), a.byRegion, KNOWN.region, regionName),
    figure('rec-att-gender', t('rec.attendance.byGender'), a.byGender, KNOWN.gender, genderName),
  );
}

function questionsSection(p: ProceedingsContent): HTMLElement {
  const q = p.questions;
  const tally = (id: string, caption: string, first: string, values: Record<string, { asked: number; approved: number; answered: number }>, known: readonly string[], name: (k: string) => string) => {
    const keys = ordered(values, known);
    if (keys.length === 0) return null;
    return table(
      id,
      caption,
      [first, t('rec.questions.asked'), t('rec.questions.approved'), t('rec.questions.answered')],
      keys.map((k) => [name(k), number(values[k]!.asked), number(values[k]!.approved), number(values[k]!.answered)]),
    );
  };
  return section(
    'rec-questions',
    t('rec.questions'),
    h(
      'p',
      { id: 'rec-questions-total' },
      t('rec.questions.total', { asked: number(q.asked), approved: number(q.approved), answered: number(q.answered), hidden: number(q.hidden), upvotes: number(q.upvotes) }),
    ),
    tally('rec-questions-group', t('rec.questions.byGroup'), t('floor.table.group'), q.byGroup, KNOWN.group, groupName),
    tally('rec-questions-region', t('rec.questions.byRegion'), t('rec.speech.region'), q.byRegion, KNOWN.region, regionName),
  );
}

function decisionsSection(p: ProceedingsContent): HTMLElement {
  const time = (iso: string) => h('time', { datetime: iso }, formatTime(new Date(iso)));
  return section(
    'rec-decisions',
    t('rec.decisions'),
    h('p', { class: 'hint' }, t('rec.decisions.intro')),
    p.overrides.length === 0
      ? h('p', { id: 'rec-overrides-none' }, t('rec.overrides.none'))
      : table(
          'rec-overrides',
          t('rec.overrides.caption'),
          [t('rec.speech.number'), t('rec.decision.at'), t('rec.overrides.givenTo'), t('rec.overrides.suggested'), t('rec.decision.reason')],
          p.overrides.map((o) => [
            number(o.speech),
            time(o.at),
            groupName(o.givenToGroup),
            o.suggestedGroup ? groupName(o.suggestedGroup) : '—',
            h('span', { class: 'reason' }, o.reason),
          ]),
        ),
    p.dismissals.length === 0
      ? h('p', { id: 'rec-dismissals-none' }, t('rec.dismissals.none'))
      : table(
          'rec-dismissals',
          t('rec.dismissals.caption'),
          [t('rec.decision.at'), t('floor.table.group'), t('rec.decision.reason')],
          p.dismissals.map((d) => [time(d.at), groupName(d.group), h('span', { class: 'reason' }, d.reason)]),
        ),
  );
}

// ---- the chain ---------------------------------------------------------------------------------

function tombstone(link: ProceedingsVersionInfo | null, hash: string | null, version: number | null): HTMLElement {
  const down = link?.takenDown;
  return h(
    'div',
    { class: 'tombstone', id: 'rec-tombstone', 'data-version': version ?? '' },
    h('h2', null, version ? t('rec.tombstone.title', { version }) : t('rec.tombstone.titleAny')),
    down ? h('p', null, t('rec.tombstone.when'), ' ', when(down.at), '.') : null,
    down ? h('p', null, h('strong', null, t('rec.tombstone.reason')), ' ', h('span', { class: 'reason' }, down.reason)) : null,
    h('p', null, t('rec.tombstone.hash'), ' ', h('code', { class: 'hash' }, link?.hash ?? hash ?? '—')),
    h('p', { class: 'hint' }, t('rec.tombstone.explain')),
  );
}

function historySection(sessionId: string, chain: ProceedingsVersionInfo[] | null, error: unknown, current: number | null): HTMLElement {
  if (!chain) return section('rec-history', t('rec.history'), h('p', { class: 'error', role: 'alert' }, platformText(problemText(error))));
  return section(
    'rec-history',
    t('rec.history'),
    h('p', { class: 'hint' }, t('rec.history.intro')),
    h(
      'ol',
      { class: 'versions', id: 'rec-versions' },
      chain.map((v) =>
        h(
          'li',
          { class: `version${v.takenDown ? ' taken-down' : ''}`, 'data-version': v.version },
          h(
            'p',
            { class: 'version-head' },
            h('a', { href: pageUrl(sessionId, v.version), 'aria-current': v.version === current ? 'page' : null }, t('rec.version', { version: v.version })),
            ' · ',
            t('rec.publishedAt'),
            ' ',
            when(v.publishedAt),
            v.version === current ? [' ', h('span', { class: 'badge' }, t('rec.history.shown'))] : null,
          ),
          v.note ? h('p', { class: 'version-note' }, h('strong', null, t('rec.note')), ' ', v.note) : null,
          v.takenDown
            ? h('p', { class: 'tombstone-line' }, h('strong', null, t('rec.history.takenDown')), ' ', when(v.takenDown.at), ': ', h('span', { class: 'reason' }, v.takenDown.reason))
            : null,
          h('p', { class: 'hash-line' }, 'SHA-256 ', h('code', { class: 'hash' }, v.hash)),
        ),
      ),
    ),
  );
}

function verifySection(sessionId: string, version: number | null, shown: ProceedingsRecord | null): HTMLElement {
  const result = h('div', { id: 'verify-result', class: 'verify-result' });
  const button = h('button', { type: 'button', id: 'verify' }, t('rec.verify.button'));
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    result.dataset.result = 'working';
    replaceChildren(result, h('p', null, t('rec.verify.working')));
    let outcome: { ok: boolean; lines: Child[][] };
    try {
      outcome = await verify(sessionId, version, shown);
    } catch (error) {
      outcome = { ok: false, lines: [tNodes('rec.verify.error', { message: platformText(problemText(error)) })] };
    }
    button.removeAttribute('aria-disabled');
    result.dataset.result = outcome.ok ? 'verified' : 'failed';
    replaceChildren(result, outcome.lines.map((line, i) => h('p', { class: i === 0 ? 'verify-verdict' : null }, line)));
    announce(result.querySelector('.verify-verdict')?.textContent ?? '');
  });
  return section('rec-verify', t('rec.verify'), h('p', { class: 'hint' }, t('rec.verify.intro')), button, result);
}

/**
 * Reads the chain and the version's bytes again (past every cache), hashes the bytes here, and
 * checks them against the chain, and each link of the chain against the version before it.
 */
async function verify(sessionId: string, version: number | null, shown: ProceedingsRecord | null): Promise<{ ok: boolean; lines: Child[][] }> {
  const chain = await getVersions(sessionId, true);
  const problems: Child[][] = [];
  chain.forEach((v, i) => {
    const before = i === 0 ? null : chain[i - 1]!;
    if (v.version !== i + 1) problems.push([t('rec.verify.numbering', { version: v.version, expected: i + 1 })]);
    if ((v.previousHash ?? null) !== (before?.hash ?? null)) {
      problems.push([t('rec.verify.badLink', { version: v.version }), ' ', h('code', null, v.previousHash ?? 'null'), ' ≠ ', h('code', null, before?.hash ?? 'null')]);
    }
  });
  const link = chain.find((v) => v.version === version);
  if (!link) return { ok: false, lines: [[t('rec.verify.notInChain', { version: version ?? '?' })], ...problems] };
  if (link.takenDown) {
    const ok = problems.length === 0;
    return {
      ok: false,
      lines: [[t('rec.verify.takenDown', { version: link.version })], ok ? [t('rec.verify.chainOk', { count: chain.length })] : [t('rec.verify.chainBad')], ...problems],
    };
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await getVersionBytes(sessionId, link.version, true);
  } catch (error) {
    return { ok: false, lines: [tNodes('rec.verify.unreadable', { message: platformText(problemText(error)) }), ...problems] };
  }
  const hash = await sha256Hex(bytes);
  if (hash === null) return { ok: false, lines: [[t('rec.verify.noCrypto')]] };
  if (hash !== link.hash) {
    problems.unshift([t('rec.verify.badHash'), ' ', h('code', null, hash), ' ≠ ', h('code', null, link.hash)]);
  }
  let record: ProceedingsRecord | null = null;
  try {
    record = JSON.parse(new TextDecoder().decode(bytes)) as ProceedingsRecord;
  } catch {
    problems.push([t('rec.verify.notJson')]);
  }
  if (record) {
    if (record.version !== link.version || record.sessionId !== sessionId) problems.push([t('rec.verify.otherRecord')]);
    if ((record.previousHash ?? null) !== (link.previousHash ?? null)) problems.push([t('rec.verify.recordLink')]);
  }
  if (shown && hash !== null && JSON.stringify(shown) !== JSON.stringify(record)) problems.push([t('rec.verify.shownDiffers')]);
  if (problems.length > 0) return { ok: false, lines: [[t('rec.verify.failed', { version: link.version })], ...problems] };
  return {
    ok: true,
    lines: [
      [t('rec.verify.verified'), ' ', h('code', { class: 'hash' }, hash)],
      [t('rec.verify.detail', { version: link.version, bytes: number(bytes.byteLength), count: chain.length })],
    ],
  };
}

function downloadsSection(sessionId: string, version: number | null): HTMLElement {
  const item = (href: string, label: string, type: string, download?: string) =>
    h('li', null, h('a', { href, type, download: download ?? null }, label));
  return section(
    'rec-downloads',
    t('rec.downloads'),
    h(
      'ul',
      { class: 'downloads', id: 'rec-download-links' },
      version !== null ? item(versionUrl(sessionId, version), t('rec.downloads.version', { version }), 'application/json', `${sessionId}-v${version}.json`) : null,
      item(EXPORTS.json, t('rec.downloads.exportJson'), 'application/json', 'igf-archive.json'),
      item(EXPORTS.csv, t('rec.downloads.exportCsv'), 'text/csv', 'igf-archive.csv'),
      item(EXPORTS.atom, t('rec.downloads.feed'), 'application/atom+xml'),
    ),
  );
}
