// The policy topics: the list (title, description), and one topic with its source paragraphs (the
// quotations in their own language), related topics, its sessions over the years, its followers
// (a Follow / Following toggle for signed-in participants) and its consultations, followed live:
// a consultation opened appears, and each one's count of comments follows its summary.
import {
  ApiError,
  getFollowers,
  getConsultationSummary,
  getSessions,
  getTopic,
  getTopicConsultations,
  getTopicDetails,
  problemText,
  setFollowing,
} from '../api';
import { announce } from '../announce';
import { getAuth } from '../auth';
import { ConnectionIndicator } from '../connection';
import { h, placeInOrder, replaceChildren } from '../dom';
import { formatDateTime, knownTopicName, localized, localizedAttrs, platformText, statusLabel, t, tn, tNodes, topicLabel, typeLabel } from '../i18n';
import type { LiveClient } from '../live';
import type { Consultation, ConsultationListItem, ConsultationSummary, SessionEvent, SessionSummary, TopicDetails, TopicFollowers } from '../types';

const topicTitle = (topic: TopicDetails): string =>
  localized(topic.titles, knownTopicName(topic.slug) ?? (topic.title || topicLabel(topic.slug)));
/** The title's language attributes: none where it is shown in the interface language. */
const topicTitleAttrs = (topic: TopicDetails) => (knownTopicName(topic.slug) ? null : localizedAttrs(topic.titles));
const topicHref = (slug: string): string => `/topics/${encodeURIComponent(slug)}`;
const time = (iso: string): HTMLTimeElement => h('time', { datetime: iso }, formatDateTime(new Date(iso)));

function failure(error: unknown): HTMLElement[] {
  return [
    h('p', { role: 'alert', class: 'error' }, platformText(problemText(error))),
    h('p', null, h('a', { href: location.pathname }, t('app.retry'))),
  ];
}

export async function topicsPage(main: HTMLElement): Promise<void> {
  document.title = `${t('topics.title')} · ${t('app.name')}`;
  const body = h('div', { id: 'topics', 'aria-busy': 'true' }, h('p', null, t('app.loading')));
  main.append(h('h1', null, t('topics.title')), h('p', { class: 'intro' }, t('topics.intro')), body);
  let topics: TopicDetails[];
  try {
    topics = await getTopicDetails();
  } catch (error) {
    body.removeAttribute('aria-busy');
    return replaceChildren(body, failure(error));
  }
  body.removeAttribute('aria-busy');
  const sorted = [...topics].sort((a, b) => topicTitle(a).localeCompare(topicTitle(b)));
  replaceChildren(
    body,
    sorted.length === 0
      ? h('p', null, t('topics.empty'))
      : h(
          'ul',
          { class: 'card-list' },
          sorted.map((topic) =>
            h(
              'li',
              { class: 'card topic-card', 'data-slug': topic.slug },
              h('h2', topicTitleAttrs(topic), h('a', { href: topicHref(topic.slug) }, topicTitle(topic))),
              h('p', localizedAttrs(topic.descriptions), localized(topic.descriptions, topic.description)),
            ),
          ),
        ),
  );
}

export async function topicPage(main: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const slug = params.slug ?? '';
  let alive = true;
  const back = h('p', { class: 'back' }, h('a', { href: '/topics' }, t('topics.back')));
  const article = h('article', { class: 'topic', 'aria-busy': 'true' }, h('h1', null, t('topics.title')), h('p', null, t('app.loading')));
  main.append(back, article);

  let topic: TopicDetails;
  try {
    topic = await getTopic(slug);
  } catch (error) {
    article.removeAttribute('aria-busy');
    if (error instanceof ApiError && error.status === 404) {
      replaceChildren(article, h('h1', null, t('topics.title')), h('p', null, t('topics.notFound')));
    } else replaceChildren(article, h('h1', null, t('topics.title')), failure(error));
    return () => undefined;
  }
  const title = topicTitle(topic);
  document.title = `${title} · ${t('app.name')}`;

  // The rest of the page comes together; each part says on its own when it could not be fetched.
  const consultations = new ConsultationList(slug);
  let client: LiveClient | null = null;
  const live = import('../live')
    .then(({ LiveClient }) => {
      if (!alive) return;
      client = new LiveClient(getAuth()?.token ?? null);
      client.followTopic(slug, {
        onEvents: (events) => consultations.onEvents(events),
        reload: () => consultations.reload(),
        onConnection: (state) => consultations.connection.show(state),
      });
    })
    .catch((error: unknown) => console.warn('topic: live updates unavailable', error));
  const stop = () => {
    alive = false;
    consultations.alive = false;
    void live.then(() => client?.stop());
  };
  const [sessions, followers, all] = await Promise.allSettled([
    getSessions({ topic: slug }),
    getFollowers(slug),
    getTopicDetails(),
    consultations.reload(),
  ]);
  if (!alive) return stop;
  const names = new Map<string, string>(
    all.status === 'fulfilled' ? all.value.map((tp): [string, string] => [tp.slug, topicTitle(tp)]) : [],
  );

  article.removeAttribute('aria-busy');
  replaceChildren(
    article,
    h('h1', topicTitleAttrs(topic), title),
    h('p', { class: 'intro', ...localizedAttrs(topic.descriptions) }, localized(topic.descriptions, topic.description)),
    followPanel(slug, followers),
    section('topic-sources', t('topics.sources'), sourcesList(topic)),
    topic.relatedTopics.length > 0
      ? section(
          'topic-related',
          t('topics.related'),
          h(
            'ul',
            { class: 'topics related' },
            topic.relatedTopics.map((s) => h('li', null, h('a', { href: topicHref(s) }, names.get(s) ?? topicLabel(s)))),
          ),
        )
      : null,
    section('topic-sessions', t('topics.sessions'), sessionsList(sessions)),
    section('topic-consultations', t('topics.consultations'), consultations.connection.element, consultations.body),
  );
  return stop;
}

function section(id: string, heading: string, ...content: (Node | Node[] | null)[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, heading), ...content);
}

function sourcesList(topic: TopicDetails): HTMLElement {
  return h(
    'ul',
    { class: 'sources' },
    topic.sources.map((s) =>
      h(
        'li',
        { class: 'source' },
        h(
          'figure',
          null,
          h('blockquote', { lang: s.quotationLanguage, class: 'quotation' }, s.quotation),
          h('figcaption', null, h('cite', null, t('topics.source', { document: s.document, paragraph: s.paragraph }))),
        ),
      ),
    ),
  );
}

function sessionsList(result: PromiseSettledResult<SessionSummary[]>): Node[] {
  if (result.status === 'rejected') return failure(result.reason);
  if (result.value.length === 0) return [h('p', null, t('topics.noSessions'))];
  const sorted = [...result.value].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return [
    h(
      'ul',
      { class: 'session-list' },
      sorted.map((s) =>
        h(
          'li',
          { class: `session-card status-${s.status}`, 'data-session-id': s.id },
          h('h3', localizedAttrs(s.titles), h('a', { href: `/sessions/${encodeURIComponent(s.id)}` }, localized(s.titles, s.title))),
          h(
            'p',
            { class: 'meta' },
            h('span', { class: `badge badge-${s.status}` }, statusLabel(s.status)),
            ' ',
            typeLabel(s.type),
            ' · ',
            time(s.startsAt),
          ),
        ),
      ),
    ),
  ];
}

/** The topic's consultations, the latest opened first, each with its count of comments. */
class ConsultationList {
  alive = true;
  readonly connection = new ConnectionIndicator('conn.announce.resyncedPage');
  readonly body = h('div', { id: 'topic-consultations-body' });
  private readonly list = h('ul', { class: 'consultation-list' });
  private items: ConsultationListItem[] = [];
  /** Comments shown by each consultation's summary (unknown when it could not be read). */
  private readonly counts = new Map<string, number>();
  private readonly shown = new Map<string, HTMLLIElement>();
  private reads = 0;

  constructor(private readonly slug: string) {}

  /** Reads the list and each one's summary; rejects (after saying why) when the list could not be read. */
  async reload(): Promise<void> {
    const read = ++this.reads;
    let items: ConsultationListItem[];
    let summaries: PromiseSettledResult<ConsultationSummary>[];
    try {
      items = await getTopicConsultations(this.slug);
      summaries = await Promise.allSettled(items.map((c) => getConsultationSummary(c.id)));
    } catch (error) {
      if (this.alive && read === this.reads) replaceChildren(this.body, failure(error));
      throw error;
    }
    if (!this.alive || read !== this.reads) return;
    this.items = items;
    this.counts.clear();
    summaries.forEach((s, i) => {
      if (s.status === 'fulfilled') this.counts.set(items[i]!.id, s.value.contributions);
    });
    this.draw();
  }

  onEvents(events: readonly SessionEvent[]): void {
    let changed = false;
    for (const event of events) {
      const data = (event.data ?? {}) as Record<string, unknown>;
      if (event.type === 'consultationChanged') {
        const c = data.consultation as Consultation | undefined;
        if (!c?.id || c.topicSlug !== this.slug) continue;
        const { id, topicSlug, title, openedAt, closesAt } = c;
        const i = this.items.findIndex((x) => x.id === id);
        if (i >= 0) this.items[i] = { id, topicSlug, title, openedAt, closesAt };
        else {
          this.items.push({ id, topicSlug, title, openedAt, closesAt });
          if (!this.counts.has(id)) this.counts.set(id, c.contributions);
          announce(t('topics.live.opened', { title }));
        }
        changed = true;
      } else if (event.type === 'consultationSummaryChanged') {
        const s = data.summary as ConsultationSummary | undefined;
        if (!s?.consultationId) continue;
        this.counts.set(s.consultationId, s.contributions);
        changed = true;
      }
    }
    if (changed) this.draw();
  }

  /** Each consultation keeps its element (and a link's focus) across redraws. */
  private draw(): void {
    if (this.items.length === 0) return replaceChildren(this.body, h('p', null, t('topics.noConsultations')));
    if (this.list.parentNode !== this.body) replaceChildren(this.body, this.list);
    // As the platform lists them: the latest opened first.
    const sorted = [...this.items].sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || a.id.localeCompare(b.id));
    placeInOrder(this.list, sorted.map((c) => this.item(c)));
  }

  /** Made once; later only its count changes (so a focused link stays focused). */
  private item(c: ConsultationListItem): HTMLLIElement {
    let li = this.shown.get(c.id);
    if (!li) {
      li = h(
        'li',
        { 'data-consultation-id': c.id },
        h('a', { href: `/consultations/${encodeURIComponent(c.id)}` }, c.title),
        ' ',
        h('span', { class: 'meta' }, '(', t('topics.closes', { date: formatDateTime(new Date(c.closesAt)) }), ')'),
        h('span', { class: 'contribution-count' }),
      );
      this.shown.set(c.id, li);
    }
    const count = this.counts.get(c.id);
    const span = li.querySelector<HTMLElement>('.contribution-count')!;
    span.hidden = count === undefined;
    span.dataset.count = String(count ?? '');
    span.textContent = count === undefined ? '' : ` · ${tn('topics.comments', count)}`;
    return li;
  }
}

/** The follower count, and for a signed-in participant the toggle (aria-pressed). */
function followPanel(slug: string, result: PromiseSettledResult<TopicFollowers>): HTMLElement {
  const count = h('span', { id: 'topic-followers', class: 'followers' });
  const error = h('p', { class: 'error', role: 'alert', id: 'follow-error' });
  const panel = h('div', { class: 'follow' }, count);
  let state: TopicFollowers = result.status === 'fulfilled' ? result.value : { slug, followers: 0, following: false };
  const show = () => {
    count.dataset.count = String(state.followers);
    count.textContent = tn('topics.followers', state.followers);
    if (button) {
      button.setAttribute('aria-pressed', String(state.following));
      button.textContent = t(state.following ? 'topics.following' : 'topics.follow');
    }
  };
  let button: HTMLButtonElement | null = null;
  if (getAuth()) {
    button = h('button', { type: 'button', id: 'follow-toggle', class: 'toggle' });
    button.addEventListener('click', async () => {
      const b = button!;
      b.disabled = true;
      error.textContent = '';
      try {
        state = await setFollowing(slug, !state.following);
        show();
        announce(tn('topics.followers', state.followers));
      } catch (e) {
        replaceChildren(error, ...tNodes('topics.followError', { message: platformText(problemText(e)) }));
      } finally {
        b.disabled = false;
      }
    });
    panel.append(button);
  } else {
    panel.append(
      h('span', { class: 'hint' }, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, t('nav.signIn')), ' — ', t('topics.followHint')),
    );
  }
  show();
  if (result.status === 'rejected') replaceChildren(error, platformText(problemText(result.reason)));
  panel.append(error);
  return panel;
}
