// The session calendar: live sessions first, then every session by local day.
import { getSessions } from '../api';
import { h } from '../dom';
import {
  dayKey,
  formatDateTime,
  formatDay,
  formatTime,
  localized,
  statusLabel,
  t,
  timeZoneLabel,
  tn,
  topicLabel,
  typeLabel,
} from '../i18n';
import type { SessionSummary } from '../types';

export async function homePage(main: HTMLElement): Promise<void> {
  document.title = `${t('home.title')} · ${t('app.name')}`;
  const heading = h('h1', null, t('home.title'));
  const body = h('div', { 'aria-busy': 'true' }, h('p', null, t('app.loading')));
  main.append(heading, h('p', { class: 'intro' }, t('home.intro', { zone: timeZoneLabel() })), body);

  let sessions: SessionSummary[];
  try {
    sessions = await getSessions();
  } catch (error) {
    body.removeAttribute('aria-busy');
    body.replaceChildren(
      h('p', { role: 'alert', class: 'error' }, (error as Error).message),
      h('p', null, h('a', { href: '/' }, t('app.retry'))),
    );
    return;
  }
  body.removeAttribute('aria-busy');
  body.replaceChildren(...renderCalendar(sessions));
}

function renderCalendar(sessions: SessionSummary[]): Node[] {
  if (sessions.length === 0) return [h('p', null, t('home.empty'))];
  const sorted = [...sessions].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.title.localeCompare(b.title),
  );
  const nodes: Node[] = [h('p', { class: 'count' }, tn('home.count', sessions.length))];

  const live = sorted.filter((s) => s.status === 'live');
  if (live.length > 0) {
    nodes.push(
      h(
        'section',
        { class: 'live-now', 'aria-labelledby': 'live-now-heading' },
        h('h2', { id: 'live-now-heading' }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t('home.liveNow')),
        h('ul', { class: 'session-list' }, live.map((s) => sessionCard(s, true))),
      ),
    );
  }

  const days = new Map<string, SessionSummary[]>();
  for (const s of sorted) {
    const key = dayKey(new Date(s.startsAt));
    const list = days.get(key);
    if (list) list.push(s);
    else days.set(key, [s]);
  }
  for (const [key, list] of days) {
    const id = `day-${key}`;
    nodes.push(
      h(
        'section',
        { class: 'day', 'aria-labelledby': id },
        h('h2', { id }, formatDay(new Date(list[0]!.startsAt))),
        h('ul', { class: 'session-list' }, list.map((s) => sessionCard(s, false))),
      ),
    );
  }
  return nodes;
}

function sessionCard(s: SessionSummary, inLiveSection: boolean): HTMLLIElement {
  const start = new Date(s.startsAt);
  const end = new Date(start.getTime() + s.durationMinutes * 60_000);
  const title = localized(s.titles, s.title);
  return h(
    'li',
    { class: `session-card status-${s.status}`, 'data-session-id': s.id, 'data-status': s.status },
    h(
      'h3',
      null,
      h('a', { href: `/sessions/${encodeURIComponent(s.id)}` }, title),
    ),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge badge-${s.status}` }, statusLabel(s.status)),
      ' ',
      h('span', { class: 'type' }, typeLabel(s.type)),
      ' · ',
      h('time', { datetime: s.startsAt }, inLiveSection ? formatDateTime(start) : formatTime(start)),
      '–',
      h('time', { datetime: end.toISOString() }, formatTime(end)),
    ),
    s.topics.length > 0
      ? h(
          'ul',
          { class: 'topics', 'aria-label': t('home.topics') },
          s.topics.map((slug) => h('li', null, topicLabel(slug))),
        )
      : null,
  );
}
