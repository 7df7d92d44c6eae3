// The archive of published proceedings: words and filters (topic, stakeholder group that spoke,
// year, session type) kept in the address, the platform searching; paged results with their snippet
// (as text) linking to each proceedings page; the open-data downloads. It follows the archive live:
// a publication or a takedown is said politely and offered as a refresh; the results never change
// under the reader unless asked.
import { announce } from '../announce';
import { getTopics, problemText } from '../api';
import { EXPORTS, archiveSearch, pageUrl, searchArchive } from '../archiveApi';
import { getAuth } from '../auth';
import { ConnectionIndicator } from '../connection';
import { h, replaceChildren, type Child } from '../dom';
import { formatDateTime, knownTopicName, localized, localizedAttrs, platformText, t, tn, topicLabel, typeLabel, type MessageKey } from '../i18n';
import type { LiveClient } from '../live';
import { duration, groupName, number } from '../record';
import { SESSION_TYPES, STAKEHOLDER_GROUPS, type ArchiveHit, type ArchivePage, type ArchiveQuery, type ProceedingsPublished, type ProceedingsTakenDown, type SessionEvent } from '../types';

type Filter = 'topic' | 'group' | 'year' | 'type';
const FILTERS: Filter[] = ['topic', 'group', 'year', 'type'];
const MAX_WORDS = 200;

function readQuery(): ArchiveQuery {
  const params = new URLSearchParams(location.search);
  const query: ArchiveQuery = {};
  const q = params.get('q');
  if (q) query.q = q.slice(0, MAX_WORDS);
  const topic = params.get('topic');
  if (topic && /^[a-z0-9-]{1,64}$/.test(topic)) query.topic = topic;
  const group = params.get('group');
  if (group && (STAKEHOLDER_GROUPS as readonly string[]).includes(group)) query.group = group;
  const year = params.get('year');
  if (year && /^\d{4}$/.test(year)) query.year = year;
  const type = params.get('type');
  if (type && (SESSION_TYPES as readonly string[]).includes(type)) query.type = type;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) query.page = page;
  return query;
}

const addressOf = (query: ArchiveQuery): string => {
  const qs = archiveSearch(query).toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}`;
};

/** What identifies a page of results: its hits and their versions. */
const fingerprint = (page: ArchivePage): string => `${page.total}|${page.items.map((i) => `${i.sessionId}@${i.hash}`).join(',')}`;

export async function archivePage(main: HTMLElement): Promise<() => void> {
  document.title = `${t('arch.title')} · ${t('app.name')}`;
  let query = readQuery();
  let alive = true;
  let generation = 0;
  let shown: ArchivePage | null = null;
  let topicNames = new Map<string, string>();

  const connection = new ConnectionIndicator('conn.announce.resyncedPage');
  const words = h('input', { type: 'search', id: 'archive-q', name: 'q', maxlength: MAX_WORDS, autocomplete: 'off' });
  words.value = query.q ?? '';
  const selects = new Map<Filter, HTMLSelectElement>();
  const fields = h('div', { class: 'fields' });
  const labels: Record<Filter, MessageKey> = { topic: 'arch.filter.topic', group: 'arch.filter.group', year: 'arch.filter.year', type: 'arch.filter.type' };
  for (const name of FILTERS) {
    const select = h('select', { id: `archive-${name}`, name });
    select.addEventListener('change', () => search({ ...readForm(), page: undefined }));
    selects.set(name, select);
    fields.append(h('div', { class: 'field' }, h('label', { for: select.id }, t(labels[name])), select));
  }
  const clear = h('button', { type: 'button', class: 'link-button', id: 'archive-clear' }, t('arch.clear'));
  clear.addEventListener('click', () => {
    // The form shows the cleared search at once, not only when the new results arrive.
    words.value = '';
    for (const select of selects.values()) select.value = '';
    search({});
    words.focus();
  });
  const form = h(
    'form',
    { class: 'archive-search', role: 'search', 'aria-label': t('arch.search') },
    h(
      'div',
      { class: 'search-line' },
      h('div', { class: 'field grow' }, h('label', { for: 'archive-q' }, t('arch.words')), words),
      h('button', { type: 'submit', id: 'archive-submit' }, t('arch.submit')),
    ),
    fields,
    clear,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search({ ...readForm(), page: undefined });
  });

  const news = h('div', { class: 'archive-news', id: 'archive-news', hidden: true });
  const resultsHeading = h('h2', { id: 'archive-results-heading', tabindex: '-1' }, t('arch.results'));
  const results = h('div', { id: 'archive-results', 'aria-busy': 'true' }, h('p', null, t('app.loading')));
  main.append(
    h('h1', null, t('arch.title')),
    h('p', { class: 'intro' }, t('arch.intro')),
    connection.element,
    form,
    news,
    h('section', { class: 'archive-results', 'aria-labelledby': 'archive-results-heading' }, resultsHeading, results),
    h(
      'section',
      { id: 'archive-downloads', 'aria-labelledby': 'archive-downloads-heading' },
      h('h2', { id: 'archive-downloads-heading' }, t('rec.downloads')),
      h('p', { class: 'hint' }, t('arch.downloads.intro')),
      h(
        'ul',
        { class: 'downloads' },
        h('li', null, h('a', { href: EXPORTS.json, type: 'application/json', download: 'igf-archive.json' }, t('rec.downloads.exportJson'))),
        h('li', null, h('a', { href: EXPORTS.csv, type: 'text/csv', download: 'igf-archive.csv' }, t('rec.downloads.exportCsv'))),
        h('li', null, h('a', { href: EXPORTS.atom, type: 'application/atom+xml' }, t('rec.downloads.feed'))),
      ),
    ),
  );

  function readForm(): ArchiveQuery {
    const next: ArchiveQuery = {};
    const q = words.value.trim();
    if (q) next.q = q;
    for (const name of FILTERS) {
      const value = selects.get(name)!.value;
      if (value) next[name] = value;
    }
    return next;
  }

  /** A new search from the form or a page link: the address follows, the results are announced. */
  function search(next: ArchiveQuery, focusResults = false): void {
    query = next;
    history.replaceState(history.state, '', addressOf(query));
    void load({ announceCount: true, focusResults });
  }

  /** Each filter lists the values the results have (with their counts), and the one chosen. */
  function fillFilters(page: ArchivePage | null): void {
    const facets = page?.facets;
    const options: Record<Filter, [string, string][]> = {
      topic: Object.entries(facets?.topics ?? {}).map(([k, n]) => [k, `${topicNames.get(k) ?? topicLabel(k)} (${number(n)})`]),
      group: Object.entries(facets?.groups ?? {}).map(([k, n]) => [k, `${groupName(k)} (${number(n)})`]),
      year: Object.entries(facets?.years ?? {})
        .sort((a, b) => Number(b[0]) - Number(a[0]))
        .map(([k, n]) => [k, `${k} (${number(n)})`]),
      type: Object.entries(facets?.types ?? {}).map(([k, n]) => [k, `${typeLabel(k)} (${number(n)})`]),
    };
    for (const name of FILTERS) {
      const select = selects.get(name)!;
      const chosen = query[name] ?? '';
      const list = options[name];
      if (chosen && !list.some(([k]) => k === chosen)) {
        const label = name === 'topic' ? topicNames.get(chosen) ?? topicLabel(chosen) : name === 'group' ? groupName(chosen) : name === 'type' ? typeLabel(chosen) : chosen;
        list.push([chosen, `${label} (0)`]);
      }
      if (name !== 'year') list.sort((a, b) => a[1].localeCompare(b[1]));
      // The focused select keeps its element (and the focus); only its options change.
      select.replaceChildren(h('option', { value: '' }, t('home.filter.any')), ...list.map(([value, label]) => h('option', { value }, label)));
      select.value = chosen;
    }
  }

  async function load(options: { announceCount: boolean; focusResults: boolean }): Promise<void> {
    const mine = ++generation;
    results.setAttribute('aria-busy', 'true');
    let page: ArchivePage;
    try {
      page = await searchArchive(query);
    } catch (error) {
      if (!alive || mine !== generation) return;
      results.removeAttribute('aria-busy');
      replaceChildren(
        results,
        h('p', { role: 'alert', class: 'error' }, platformText(problemText(error))),
        h('p', null, h('a', { href: `${location.pathname}${location.search}` }, t('app.retry'))),
      );
      return;
    }
    if (!alive || mine !== generation) return;
    shown = page;
    results.removeAttribute('aria-busy');
    hideNews();
    fillFilters(page);
    replaceChildren(results, renderResults(page));
    if (options.announceCount) announce(countText(page));
    if (options.focusResults) resultsHeading.focus();
  }

  function countText(page: ArchivePage): string {
    const filtered = Boolean(query.q || query.topic || query.group || query.year || query.type);
    if (page.total === 0) return t(filtered ? 'arch.noneMatch' : 'arch.empty');
    return tn('arch.count', page.total);
  }

  function renderResults(page: ArchivePage): Child[] {
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const count = h('p', { class: 'count', id: 'archive-count', 'data-total': page.total }, countText(page));
    if (page.items.length === 0) return [count];
    const pageLink = (to: number, key: MessageKey, rel: string) =>
      h(
        'a',
        {
          href: addressOf({ ...query, page: to }),
          rel,
          onclick: (event: Event) => {
            event.preventDefault();
            search({ ...query, page: to }, true);
          },
        },
        t(key),
      );
    return [
      count,
      h('ol', { class: 'card-list archive-list', id: 'archive-list', start: (page.page - 1) * page.pageSize + 1 }, page.items.map((hit) => card(hit))),
      pages > 1
        ? h(
            'nav',
            { class: 'pager', 'aria-label': t('arch.pages') },
            page.page > 1 ? pageLink(page.page - 1, 'arch.previous', 'prev') : null,
            h('span', { 'aria-current': 'page', id: 'archive-page' }, t('arch.pageOf', { page: number(page.page), pages: number(pages) })),
            page.page < pages ? pageLink(page.page + 1, 'arch.next', 'next') : null,
          )
        : null,
    ];
  }

  function card(hit: ArchiveHit): HTMLLIElement {
    const start = new Date(hit.startsAt);
    return h(
      'li',
      { class: 'card archive-hit', 'data-session-id': hit.sessionId, 'data-version': hit.version },
      // The hit carries the platform's own title only (no translations).
      h('h3', localizedAttrs(null), h('a', { href: pageUrl(hit.sessionId) }, hit.title)),
      h(
        'p',
        { class: 'meta' },
        typeLabel(hit.type),
        ' · ',
        h('time', { datetime: hit.startsAt }, formatDateTime(start)),
        ' · ',
        t('arch.hit.figures', { speeches: number(hit.speeches), time: duration(hit.floorSeconds), people: number(hit.peakAttendance) }),
        ' · ',
        t('rec.version', { version: hit.version }),
      ),
      hit.snippet ? h('p', { class: 'snippet' }, hit.snippet) : null,
      hit.topics.length > 0 ? h('ul', { class: 'topics', 'aria-label': t('home.topics') }, hit.topics.map((s) => h('li', null, topicNames.get(s) ?? topicLabel(s)))) : null,
      hit.groups.length > 0 ? h('p', { class: 'meta groups' }, t('arch.hit.groups', { groups: hit.groups.map(groupName).join(', ') })) : null,
    );
  }

  // ---- live: publications and takedowns, offered as a refresh --------------------------------

  const newsItems: string[] = [];
  const newsText = h('p', { id: 'archive-news-text' });
  const refresh = h('button', { type: 'button', id: 'archive-refresh' }, t('arch.live.refresh'));
  refresh.addEventListener('click', () => void load({ announceCount: true, focusResults: true }));
  news.append(newsText, refresh);

  function hideNews(): void {
    newsItems.length = 0;
    // The button goes with the news: whoever pressed it is taken to the results' heading (load).
    news.hidden = true;
  }

  function tell(line: string): void {
    newsItems.push(line);
    // The text changes in place: the button (maybe focused) stays where it is.
    newsText.textContent = newsItems.slice(-3).join(' ');
    news.hidden = false;
    announce(`${line} ${t('arch.live.offer')}`);
  }

  function onEvents(events: readonly SessionEvent[]): void {
    for (const event of events) {
      if (event.type === 'proceedingsPublished') {
        const p = event.data as Partial<ProceedingsPublished> | null;
        if (!p?.sessionId) continue;
        tell(p.version && p.version > 1 ? t('arch.live.newVersion', { title: p.title ?? '', version: p.version }) : t('arch.live.published', { title: p.title ?? '' }));
      } else if (event.type === 'proceedingsTakenDown') {
        const d = event.data as Partial<ProceedingsTakenDown> | null;
        if (!d?.sessionId) continue;
        tell(t('arch.live.takenDown', { version: d.version ?? '?' }));
      }
    }
  }

  /** After following (and when missed events are gone): has the archive moved since it was read? */
  async function check(): Promise<void> {
    if (!shown) return;
    const before = shown;
    const now = await searchArchive(query);
    if (alive && shown === before && fingerprint(now) !== fingerprint(before)) tell(t('arch.live.changed'));
  }

  fillFilters(null);
  const topicsRead = getTopics()
    .then((topics) => {
      topicNames = new Map(topics.map((tp) => [tp.slug, localized(tp.titles, knownTopicName(tp.slug) ?? (tp.title || topicLabel(tp.slug)))]));
    })
    .catch(() => undefined);
  await topicsRead;
  await load({ announceCount: false, focusResults: false });

  let client: LiveClient | null = null;
  const live = import('../live')
    .then(({ LiveClient }) => {
      if (!alive) return;
      client = new LiveClient(getAuth()?.token ?? null);
      client.followArchive({ onEvents, reload: check, onConnection: (state) => connection.show(state) });
    })
    .catch((error: unknown) => console.warn('archive: live updates unavailable', error));
  return () => {
    alive = false;
    void live.then(() => client?.stop());
  };
}
