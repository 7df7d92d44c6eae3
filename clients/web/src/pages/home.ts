// The session calendar: filters (status, session type, topic) kept in the address so that a
// filtered calendar can be shared, the platform doing the filtering; live sessions first, then
// every session by local day, each with its agenda as an iCalendar file.
import { agendaIcsUrl, getSessions, getTopics } from '../api';
import { announce } from '../announce';
import { getAuth } from '../auth';
import { h } from '../dom';
import {
  dayKey,
  formatDateTime,
  formatDay,
  formatTime,
  knownTopicName,
  localized,
  localizedAttrs,
  platformText,
  statusLabel,
  t,
  timeZoneLabel,
  tn,
  topicLabel,
  typeLabel,
  type MessageKey,
} from '../i18n';
import { SESSION_STATUSES, SESSION_TYPES, type SessionFilters, type SessionSummary, type Topic } from '../types';

type FilterName = keyof SessionFilters;
const FILTERS: FilterName[] = ['status', 'type', 'topic'];

/** The filters in the address; values this version does not know are left out (never sent). */
function readFilters(): SessionFilters {
  const query = new URLSearchParams(location.search);
  const filters: SessionFilters = {};
  const status = query.get('status');
  if (status && (SESSION_STATUSES as readonly string[]).includes(status)) filters.status = status;
  const type = query.get('type');
  if (type && (SESSION_TYPES as readonly string[]).includes(type)) filters.type = type;
  const topic = query.get('topic');
  if (topic && /^[a-z0-9-]{1,64}$/.test(topic)) filters.topic = topic;
  return filters;
}

function writeFilters(filters: SessionFilters): void {
  const query = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const value = filters[name];
    if (value) query.set(name, value);
    else query.delete(name);
  }
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

export async function homePage(main: HTMLElement): Promise<() => void> {
  document.title = `${t('home.title')} · ${t('app.name')}`;
  const heading = h('h1', null, t('home.title'));
  const body = h('div', { 'aria-busy': 'true', id: 'calendar' }, h('p', null, t('app.loading')));
  let filters = readFilters();
  let generation = 0;
  let alive = true;

  const select = (name: FilterName, label: MessageKey, options: [string, string][]): HTMLSelectElement => {
    const el = h(
      'select',
      { id: `filter-${name}`, name },
      h('option', { value: '' }, t('home.filter.any')),
      options.map(([value, text]) => h('option', { value }, text)),
    );
    el.value = filters[name] ?? '';
    el.addEventListener('change', () => {
      filters = { ...filters, [name]: el.value || undefined };
      writeFilters(filters);
      void load(true);
    });
    fields.append(h('div', { class: 'field' }, h('label', { for: el.id }, t(label)), el));
    return el;
  };

  const fields = h('div', { class: 'fields' });
  const organizer = getAuth()?.roles.includes('organizer') ?? false;
  const statuses = SESSION_STATUSES.filter((s) => s !== 'draft' || organizer || filters.status === 'draft');
  const statusSelect = select('status', 'home.filter.status', statuses.map((s) => [s, statusLabel(s)]));
  const typeSelect = select('type', 'home.filter.type', SESSION_TYPES.map((s) => [s, typeLabel(s)]));
  const topicSelect = select('topic', 'home.filter.topic', []);
  const clear = h('button', { type: 'button', class: 'link-button', id: 'clear-filters' }, t('home.filter.clear'));
  clear.addEventListener('click', () => {
    filters = {};
    for (const el of [statusSelect, typeSelect, topicSelect]) el.value = '';
    writeFilters(filters);
    void load(true);
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('home.filters') },
    fields,
    clear,
  );
  form.addEventListener('submit', (e) => e.preventDefault());

  main.append(heading, h('p', { class: 'intro' }, t('home.intro', { zone: timeZoneLabel() })), form, body);

  // Topic names come from the platform (new topics can be proposed); the shipped ones are also
  // known here, for when the list cannot be fetched.
  let topicNames = new Map<string, string>();
  const fillTopics = (topics: Topic[]) => {
    topicNames = new Map(topics.map((tp) => [tp.slug, localized(tp.titles, knownTopicName(tp.slug) ?? (tp.title || topicLabel(tp.slug)))]));
    const slugs = [...topicNames.keys()];
    if (filters.topic && !topicNames.has(filters.topic)) slugs.push(filters.topic);
    topicSelect.replaceChildren(
      h('option', { value: '' }, t('home.filter.any')),
      ...slugs
        .map((slug): [string, string] => [slug, topicNames.get(slug) ?? topicLabel(slug)])
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([slug, name]) => h('option', { value: slug }, name)),
    );
    topicSelect.value = filters.topic ?? '';
  };
  fillTopics([]);
  const topicsLoaded = getTopics()
    .then((topics) => {
      if (alive) fillTopics(topics);
    })
    .catch(() => undefined);

  const load = async (announceCount: boolean): Promise<void> => {
    const mine = ++generation;
    body.setAttribute('aria-busy', 'true');
    let sessions: SessionSummary[];
    try {
      sessions = await getSessions(filters);
    } catch (error) {
      if (mine !== generation || !alive) return;
      body.removeAttribute('aria-busy');
      body.replaceChildren(
        h('p', { role: 'alert', class: 'error' }, platformText((error as Error).message)),
        h('p', null, h('a', { href: `${location.pathname}${location.search}` }, t('app.retry'))),
      );
      return;
    }
    if (mine !== generation || !alive) return;
    await topicsLoaded;
    if (mine !== generation || !alive) return;
    body.removeAttribute('aria-busy');
    body.replaceChildren(...renderCalendar(sessions, Object.values(filters).some(Boolean), topicNames));
    if (announceCount) announce(tn('home.count', sessions.length));
  };

  await load(false);
  return () => {
    alive = false;
  };
}

function renderCalendar(sessions: SessionSummary[], filtered: boolean, topicNames: Map<string, string>): Node[] {
  if (sessions.length === 0) return [h('p', { class: 'count' }, t(filtered ? 'home.emptyFiltered' : 'home.empty'))];
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
        h('ul', { class: 'session-list' }, live.map((s) => sessionCard(s, true, topicNames))),
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
        h('ul', { class: 'session-list' }, list.map((s) => sessionCard(s, false, topicNames))),
      ),
    );
  }
  return nodes;
}

function sessionCard(s: SessionSummary, inLiveSection: boolean, topicNames: Map<string, string>): HTMLLIElement {
  const start = new Date(s.startsAt);
  const end = new Date(start.getTime() + s.durationMinutes * 60_000);
  const title = localized(s.titles, s.title);
  return h(
    'li',
    { class: `session-card status-${s.status}`, 'data-session-id': s.id, 'data-status': s.status },
    h('h3', localizedAttrs(s.titles), h('a', { href: `/sessions/${encodeURIComponent(s.id)}` }, title)),
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
          s.topics.map((slug) => h('li', null, topicNames.get(slug) ?? topicLabel(slug))),
        )
      : null,
    h(
      'p',
      { class: 'ics' },
      h(
        'a',
        {
          class: 'ics-link',
          href: agendaIcsUrl(s.id),
          download: `${s.id}.ics`,
          'aria-label': t('home.addToCalendarLabel', { title }),
        },
        t('home.addToCalendar'),
      ),
    ),
  );
}
