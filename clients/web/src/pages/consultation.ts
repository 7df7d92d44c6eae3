// A consultation on a draft text: its numbered paragraphs (and the published versions, the latest
// first, marked final), the closing date and phase; per paragraph its thread of comments (stance,
// author, group, text, replies three levels deep) and counts by stance; the whole-text thread; the
// summary by stakeholder group as a table. A signed-in participant comments (a stance is needed),
// replies and reports others' comments until the closing date; then the forms give way to a notice.
//
// Each comment being sent carries a clientRequestId made for that attempt (crypto.randomUUID) and
// kept while the same comment is sent again after a lost answer, so a retry never doubles it.
//
// The page follows the consultation's topic live (../live): others' comments and replies appear in
// their threads (and are announced), hidden ones go, restored ones come back, the summary and a
// published final text update, without a reload. Each comment keeps its element across redraws,
// so a reply being written (and the focus in it) survives whatever arrives meanwhile.
import {
  ApiError,
  contribute,
  getConsultation,
  getConsultationSummary,
  getContributions,
  problemText,
  reportContribution,
} from '../api';
import { announce } from '../announce';
import { getAuth } from '../auth';
import { ConnectionIndicator } from '../connection';
import { h, paragraphs, placeInOrder, replaceChildren } from '../dom';
import { createAccountLink } from '../signupLink';
import { formatDateTime, locale, platformText, t, tn, tNodes, tOr, topicLabel, vocabularyLabel } from '../i18n';
import type { LiveClient } from '../live';
import {
  STAKEHOLDER_GROUPS,
  STANCES,
  type Consultation,
  type ConsultationSummary,
  type ContributionCounts,
  type Contribution,
  type NewContribution,
  type SessionEvent,
  type Stance,
  type StanceCounts,
} from '../types';

const MAX_TEXT = 5000;
const MAX_LEVEL = 3;
const stanceLabel = (s: string): string => tOr(`consult.stance.${s}`, s);
const time = (iso: string): HTMLTimeElement => h('time', { datetime: iso }, formatDateTime(new Date(iso)));
const number = (n: number): string => n.toLocaleString(locale);
const requestId = (): string => crypto.randomUUID();
let formCount = 0;

export async function consultationPage(main: HTMLElement, params: Record<string, string>): Promise<() => void> {
  const id = params.id ?? '';
  let alive = true;
  const article = h('article', { class: 'consultation', 'aria-busy': 'true' }, h('h1', null, t('consult.title')), h('p', null, t('app.loading')));
  main.append(article);

  let consultation: Consultation;
  try {
    consultation = await getConsultation(id);
  } catch (error) {
    article.removeAttribute('aria-busy');
    const notFound = error instanceof ApiError && error.status === 404;
    replaceChildren(
      article,
      h('h1', null, t('consult.title')),
      notFound ? h('p', null, t('consult.notFound')) : h('p', { class: 'error', role: 'alert' }, platformText(problemText(error))),
    );
    return () => undefined;
  }
  if (!alive) return () => undefined;
  const page = new ConsultationView(consultation);
  document.title = `${consultation.title} · ${t('app.name')}`;
  article.removeAttribute('aria-busy');
  replaceChildren(article, ...page.render());
  // Live: the SignalR client loads while the threads are read for the first paint.
  let client: LiveClient | null = null;
  const live = import('../live')
    .then(({ LiveClient }) => {
      if (!alive) return;
      client = new LiveClient(getAuth()?.token ?? null);
      client.followTopic(consultation.topicSlug, {
        onEvents: (events) => page.onEvents(events),
        reload: () => page.reload(true),
        onConnection: (state) => page.connection.show(state),
      });
    })
    .catch((error: unknown) => console.warn('consultation: live updates unavailable', error));
  await page.reload(false).catch(() => undefined); // shown in the page's alert
  // The closing date passing while the page is open replaces the forms by the notice.
  const untilClose = Date.parse(consultation.closesAt) - Date.now();
  const timer = untilClose > 0 && untilClose < 2 ** 31 - 1 ? window.setTimeout(() => page.close(), untilClose + 500) : undefined;
  return () => {
    alive = false;
    page.alive = false;
    window.clearTimeout(timer);
    void live.then(() => client?.stop());
  };
}

/** A comment's element, kept across redraws (see `ConsultationView.node`). */
interface Shown {
  li: HTMLLIElement;
  head: HTMLElement;
  actions: HTMLElement;
  status: HTMLElement;
  replies: HTMLOListElement;
  /** What its head and actions were drawn from. */
  key: string;
  /** Its reply form, once opened (in the page or not). */
  form?: HTMLFormElement;
}

class ConsultationView {
  alive = true;
  readonly connection = new ConnectionIndicator('conn.announce.resyncedPage');
  private closed: boolean;
  private threads: Contribution[] = [];
  private summary: ConsultationSummary | null = null;
  private readonly reported = new Set<string>();
  /** The person's own comments (what the public view in a pushed event does not say). */
  private readonly mine = new Set<string>();
  /** Comments being sent from this page, and the news that waits for their answers: the live
   *  event of one's own comment comes before the answer that says it is one's own. */
  private sending = 0;
  private unannounced: Contribution[] = [];
  /** Every comment drawn so far, by id. */
  private readonly shown = new Map<string, Shown>();
  /** Reads started: a read's answer is dropped once a later one has started. */
  private reads = 0;
  private readonly signedIn = getAuth() !== null;
  /** Organizers see hidden comments too: a change to one is read again rather than taken from the public event. */
  private readonly organizer = getAuth()?.roles.includes('organizer') ?? false;
  /** Per paragraph (null: the whole text): its counts, its thread (empty hint and list), and where its form goes. */
  private readonly parts = new Map<number | null, { counts: HTMLElement; empty: HTMLElement; list: HTMLOListElement; form: HTMLElement }>();
  private readonly meta = h('p', { class: 'meta', id: 'consult-meta' });
  private readonly versions = h('section', { id: 'consult-versions', 'aria-labelledby': 'consult-versions-heading' });
  private readonly notice = h('p', { class: 'notice', id: 'consult-closed', role: 'status' });
  // Holds only the platform's own words (English): marked as such.
  private readonly loadError = h('p', { class: 'error', role: 'alert', id: 'consult-load-error', lang: 'en', dir: 'auto' });
  private readonly summaryBody = h('div', { id: 'consult-summary' });

  constructor(private c: Consultation) {
    this.closed = this.isClosed();
  }

  private isClosed(): boolean {
    return this.c.phase !== 'open' || Date.now() >= Date.parse(this.c.closesAt);
  }

  render(): Node[] {
    const c = this.c;
    const versions = [...c.versions].sort((a, b) => b.version - a.version);
    const draft = versions.find((v) => v.draft) ?? versions[versions.length - 1];
    this.notice.textContent = t('consult.closedNotice');
    this.notice.hidden = !this.closed;
    this.drawHeader();
    const nodes: Node[] = [
      h('p', { class: 'back' }, h('a', { href: `/topics/${encodeURIComponent(c.topicSlug)}` }, topicLabel(c.topicSlug))),
      h('h1', null, c.title),
      this.meta,
      this.connection.element,
      this.notice,
      this.loadError,
      this.versions,
    ];
    if (draft) {
      nodes.push(
        h(
          'section',
          { id: 'consult-draft', 'aria-labelledby': 'consult-draft-heading' },
          h('h2', { id: 'consult-draft-heading' }, t('consult.draft', { version: draft.version })),
          h('ol', { class: 'draft' }, draft.paragraphs.map((p) => this.part(p.number, p.text))),
        ),
      );
    }
    nodes.push(
      h(
        'section',
        { id: 'consult-whole', class: 'whole', 'aria-labelledby': 'consult-whole-heading' },
        h('h2', { id: 'consult-whole-heading' }, t('consult.whole')),
        h('p', { class: 'hint' }, t('consult.wholeHint')),
        this.partBody(null),
      ),
      h(
        'section',
        { id: 'consult-summary-section', 'aria-labelledby': 'consult-summary-heading' },
        h('h2', { id: 'consult-summary-heading' }, t('consult.summary')),
        this.summaryBody,
      ),
    );
    return nodes;
  }

  /** The phase, the closing date and the published versions (the latest first), as `c` has them. */
  private drawHeader(): void {
    const c = this.c;
    replaceChildren(
      this.meta,
      h('span', { class: `badge phase-${c.phase}`, id: 'consult-phase', 'data-phase': c.phase }, tOr(`consult.phase.${c.phase}`, c.phase)),
      ' ',
      h('span', { id: 'consult-closes' }, ...closesText(c.closesAt, this.closed)),
    );
    const finals = c.versions.filter((v) => !v.draft).sort((a, b) => b.version - a.version);
    this.versions.hidden = finals.length === 0;
    replaceChildren(
      this.versions,
      h('h2', { id: 'consult-versions-heading' }, t('consult.versions')),
      finals.map((v) =>
        h(
          'section',
          { class: 'version final', 'data-version': v.version, 'aria-labelledby': `version-${v.version}-heading` },
          h(
            'h3',
            { id: `version-${v.version}-heading` },
            t('consult.final', { version: v.version }),
            ' ',
            h('span', { class: 'badge badge-final' }, t('consult.finalBadge')),
            ' ',
            h('span', { class: 'meta' }, time(v.at)),
          ),
          h('ol', { class: 'version-text' }, v.paragraphs.map((p) => h('li', { value: p.number }, p.text))),
        ),
      ),
    );
  }

  private part(number: number, text: string): HTMLLIElement {
    return h(
      'li',
      { class: 'paragraph', id: `paragraph-${number}`, 'data-paragraph': number, value: number, 'aria-labelledby': `paragraph-${number}-label` },
      h('span', { class: 'visually-hidden', id: `paragraph-${number}-label` }, t('consult.paragraph', { number })),
      h('p', { class: 'paragraph-text' }, text),
      this.partBody(number),
    );
  }

  private partBody(paragraph: number | null): HTMLElement {
    const key = paragraph === null ? 'whole' : String(paragraph);
    const counts = h('p', { class: 'stance-counts', id: `counts-${key}` });
    const empty = h('p', { class: 'hint empty-thread', hidden: true }, t('consult.noContributions'));
    const list = h('ol', { class: 'thread', hidden: true });
    const form = h('div', { class: 'form-slot' });
    this.parts.set(paragraph, { counts, empty, list, form });
    this.fillForm(paragraph);
    return h(
      'div',
      { class: 'part' },
      counts,
      h('h3', { class: 'visually-hidden' }, t('consult.thread')),
      h('div', { class: 'thread-slot', id: `thread-${key}` }, empty, list),
      form,
    );
  }

  /** The comment form of a paragraph (behind a button), a sign-in prompt, or nothing once closed. */
  private fillForm(paragraph: number | null): void {
    const slot = this.parts.get(paragraph)!.form;
    if (this.closed) return replaceChildren(slot);
    if (!this.signedIn) {
      return replaceChildren(
        slot,
        h('p', { class: 'hint sign-in-prompt' }, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, t('consult.signIn')), ' ', t('consult.signInHint'), ' ', createAccountLink(location.pathname)),
      );
    }
    const open = h(
      'button',
      { type: 'button', class: 'secondary open-form', 'aria-expanded': 'false' },
      t(paragraph === null ? 'consult.commentWhole' : 'consult.comment'),
    );
    const form = this.contributionForm({ paragraph, parentId: null, level: 1, onDone: () => close(), onCancel: () => close() });
    form.hidden = true;
    const close = () => {
      form.hidden = true;
      open.hidden = false;
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    };
    open.addEventListener('click', () => {
      form.hidden = false;
      open.hidden = true;
      open.setAttribute('aria-expanded', 'true');
      form.querySelector<HTMLElement>('input, textarea')?.focus();
    });
    replaceChildren(slot, open, form);
  }

  /** A form for a comment (level 1: stance required) or a reply (stance optional). */
  private contributionForm(o: {
    paragraph: number | null;
    parentId: string | null;
    level: number;
    replyTo?: string;
    onDone: () => void;
    onCancel: () => void;
  }): HTMLFormElement {
    const n = ++formCount;
    const reply = o.parentId !== null;
    const error = h('p', { class: 'error form-error', role: 'alert', id: `cf-${n}-error` });
    const stances: [string, string][] = [...STANCES.map((s): [string, string] => [s, stanceLabel(s)]), ...(reply ? [['', t('consult.stance.none')] as [string, string]] : [])];
    const radios = stances.map(([value, label]) => {
      const input = h('input', { type: 'radio', name: `cf-${n}-stance`, value, id: `cf-${n}-stance-${value || 'none'}`, checked: reply && value === '' });
      return { input, el: h('span', { class: 'choice' }, input, h('label', { for: input.id }, label)) };
    });
    const fieldset = h(
      'fieldset',
      { class: 'stances', 'aria-describedby': error.id },
      h('legend', null, t('consult.stance')),
      radios.map((r) => r.el),
    );
    const textarea = h('textarea', {
      id: `cf-${n}-text`,
      name: 'text',
      rows: 4,
      maxlength: MAX_TEXT,
      'aria-describedby': error.id,
    });
    const submit = h('button', { type: 'submit' }, t(reply ? 'consult.sendReply' : 'consult.submit'));
    const cancel = h('button', { type: 'button', class: 'secondary' }, t('consult.cancel'));
    cancel.addEventListener('click', () => o.onCancel());
    const form = h(
      'form',
      {
        class: reply ? 'contribution-form reply-form stack' : 'contribution-form stack',
        novalidate: true,
        'aria-label': reply ? t('consult.replyTo', { name: o.replyTo ?? '' }) : t(o.paragraph === null ? 'consult.commentWhole' : 'consult.comment'),
        'data-paragraph': o.paragraph ?? 'whole',
      },
      fieldset,
      h('div', { class: 'field' }, h('label', { for: textarea.id }, t(reply ? 'consult.replyText' : 'consult.text')), textarea),
      error,
      h('div', { class: 'actions' }, submit, cancel),
    );

    // One id per comment being sent: kept while the same comment is sent again after an answer was lost.
    let pending: { key: string; id: string } | null = null;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const stance = (radios.find((r) => r.input.checked)?.input.value || null) as Stance | null;
      const text = textarea.value.trim();
      fieldset.removeAttribute('aria-invalid');
      textarea.removeAttribute('aria-invalid');
      if (!reply && !stance) {
        fieldset.setAttribute('aria-invalid', 'true');
        error.textContent = t('consult.stanceRequired');
        radios[0]!.input.focus();
        return;
      }
      if (!text) {
        textarea.setAttribute('aria-invalid', 'true');
        error.textContent = t('consult.textRequired');
        textarea.focus();
        return;
      }
      const body: Omit<NewContribution, 'clientRequestId'> = reply
        ? { parentId: o.parentId, stance, text }
        : { paragraph: o.paragraph, stance, text };
      const key = JSON.stringify(body);
      if (pending?.key !== key) pending = { key, id: requestId() };
      submit.disabled = true;
      submit.textContent = t('consult.sending');
      form.setAttribute('aria-busy', 'true');
      this.sending++;
      try {
        const sent = await contribute(this.c.id, { clientRequestId: pending.id, ...body });
        pending = null;
        textarea.value = '';
        for (const r of radios) r.input.checked = reply && r.input.value === '';
        announce(t('consult.sent'));
        this.added(sent);
        o.onDone();
      } catch (e) {
        // A refusal is final for this attempt (a new one gets a new id); a lost answer is retried with the same id.
        if (!(e instanceof ApiError && e.status === 0)) pending = null;
        replaceChildren(error, platformText(problemText(e)));
        if (e instanceof ApiError && e.status === 409 && Date.now() >= Date.parse(this.c.closesAt)) this.close();
      } finally {
        if (--this.sending === 0) this.announceNews();
        submit.disabled = false;
        submit.textContent = t(reply ? 'consult.sendReply' : 'consult.submit');
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  }

  /**
   * Reads the threads and the summary (and with `details` the consultation) and redraws them.
   * Rejects when a part could not be read (after showing why), so that the live feed reads again.
   */
  async reload(details: boolean): Promise<void> {
    const read = ++this.reads;
    const [consultation, threads, summary] = await Promise.allSettled([
      details ? getConsultation(this.c.id) : Promise.resolve(null),
      getContributions(this.c.id),
      getConsultationSummary(this.c.id),
    ]);
    if (!this.alive || read !== this.reads) return;
    const errors: string[] = [];
    if (consultation.status === 'fulfilled') {
      if (consultation.value) this.update(consultation.value);
    } else errors.push(problemText(consultation.reason));
    if (threads.status === 'fulfilled') {
      this.threads = threads.value;
      const walk = (cs: Contribution[]): void => {
        for (const c of cs) {
          if (c.mine) this.mine.add(c.id);
          walk(c.replies);
        }
      };
      walk(this.threads);
    } else errors.push(problemText(threads.reason));
    if (summary.status === 'fulfilled') this.summary = summary.value;
    else errors.push(problemText(summary.reason));
    this.loadError.textContent = errors.join(' ');
    this.drawThreads();
    this.drawSummary();
    if (errors.length > 0) throw new Error(this.loadError.textContent);
  }

  /** The topic's live events: those of this consultation change what is shown. */
  async onEvents(events: readonly SessionEvent[]): Promise<void> {
    const arrived: Contribution[] = [];
    let threads = false;
    let summary = false;
    let readAgain = false;
    for (const event of events) {
      const data = (event.data ?? {}) as Record<string, unknown>;
      switch (event.type) {
        case 'contributionAdded': {
          const c = data.contribution as Contribution | undefined;
          // One already shown (the person's own, from the answer to sending it) is not added again.
          if (data.consultationId !== this.c.id || !c?.id || this.find(c.id)) break;
          if (this.insert(this.marked(c))) {
            threads = true;
            if (!this.mine.has(c.id)) arrived.push(c);
          }
          break;
        }
        case 'contributionChanged': {
          const id = data.contributionId;
          const shown = (data.contribution ?? null) as Contribution | null;
          if (data.consultationId !== this.c.id || typeof id !== 'string') break;
          // The event is the public's view; organizers and authors see hidden comments (marked): read theirs.
          const held = this.find(id);
          if (this.organizer || (held && this.hasMine(held)) || (shown && this.hasMine(shown))) {
            readAgain = true;
            break;
          }
          this.remove(id);
          if (shown) this.insert(this.marked(shown));
          threads = true;
          break;
        }
        case 'consultationSummaryChanged': {
          const s = data.summary as ConsultationSummary | undefined;
          if (s?.consultationId !== this.c.id) break;
          this.summary = s;
          summary = true;
          break;
        }
        case 'consultationChanged': {
          const c = data.consultation as Consultation | undefined;
          if (c?.id !== this.c.id) break;
          const finals = (x: Consultation) => x.versions.filter((v) => !v.draft).length;
          const published = finals(c) > finals(this.c) ? Math.max(...c.versions.map((v) => v.version)) : null;
          this.update(c);
          if (published !== null) announce(t('consult.live.published', { version: published }));
          break;
        }
      }
    }
    if (threads) this.drawThreads();
    if (summary) this.drawSummary();
    this.unannounced.push(...arrived);
    if (this.sending === 0) this.announceNews();
    if (readAgain) await this.reload(false).catch(() => undefined); // the alert says why
  }

  /** Someone else's comments and replies that arrived, politely (never one's own). */
  private announceNews(): void {
    const news = this.unannounced.filter((c) => !this.mine.has(c.id));
    this.unannounced = [];
    if (news.length > 3) announce(tn('consult.live.many', news.length));
    else for (const c of news) announce(newsOf(c));
  }

  /** The person's own comment, as the platform answered sending it. */
  private added(c: Contribution): void {
    this.mine.add(c.id);
    const held = this.find(c.id);
    // Already shown from the live event (the public view): the answer says it is theirs.
    if (held) Object.assign(held, { ...c, replies: held.replies });
    else this.insert(c);
    this.drawThreads();
  }

  /** Another version of the consultation (a final text published): the header, and the forms once closed. */
  private update(c: Consultation): void {
    this.c = c;
    if (this.isClosed()) this.close();
    this.drawHeader();
  }

  /** The closing date has passed: the forms give way to the notice. */
  close(): void {
    if (this.closed || !this.alive) return;
    this.closed = true;
    this.notice.hidden = false;
    this.drawHeader();
    for (const key of this.parts.keys()) this.fillForm(key);
    this.drawThreads();
  }

  // ---- the threads as a tree: find, insert in order, remove ------------------------------------

  private find(id: string, list: Contribution[] = this.threads): Contribution | null {
    for (const c of list) {
      const found = c.id === id ? c : this.find(id, c.replies);
      if (found) return found;
    }
    return null;
  }

  /** In its parent's replies (or the threads) in the order written; false when its parent is not shown. */
  private insert(c: Contribution): boolean {
    const siblings = c.parentId ? this.find(c.parentId)?.replies : this.threads;
    if (!siblings) return false;
    siblings.push(c);
    siblings.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id, undefined, { numeric: true }));
    return true;
  }

  private remove(id: string, list: Contribution[] = this.threads): boolean {
    const i = list.findIndex((c) => c.id === id);
    if (i >= 0) list.splice(i, 1);
    return i >= 0 || list.some((c) => this.remove(id, c.replies));
  }

  /** A pushed (public) view, with the person's own comments marked as theirs. */
  private marked(c: Contribution): Contribution {
    return { ...c, mine: c.mine || this.mine.has(c.id), replies: (c.replies ?? []).map((r) => this.marked(r)) };
  }

  private hasMine(c: Contribution): boolean {
    return c.mine || this.mine.has(c.id) || c.replies.some((r) => this.hasMine(r));
  }

  // ---- drawing ---------------------------------------------------------------------------------

  private drawThreads(): void {
    for (const [paragraph, part] of this.parts) {
      const threads = this.threads.filter((c) => (c.paragraph ?? null) === paragraph);
      part.empty.hidden = threads.length > 0;
      part.list.hidden = threads.length === 0;
      placeInOrder(part.list, threads.map((c) => this.node(c)));
    }
    this.drawCounts();
  }

  /** A comment's element: made once, its head and actions drawn again only when what they show changed. */
  private node(c: Contribution): HTMLLIElement {
    let n = this.shown.get(c.id);
    if (!n) {
      const [head, actions, status] = [h('p', { class: 'contribution-head' }), h('div', { class: 'contribution-actions' }), h('span', { class: 'report-status', role: 'status' })];
      const li = h('li', { 'data-id': c.id, 'data-level': c.level }, head, h('div', { class: 'contribution-text' }, paragraphs(c.text)), actions, status);
      n = { li, head, actions, status, replies: h('ol', { class: 'thread replies' }), key: '' };
      this.shown.set(c.id, n);
    }
    const key = `${c.status}|${c.mine}|${this.closed}`;
    if (n.key !== key) {
      n.key = key;
      this.drawItem(n, c);
    }
    const replies = c.replies ?? [];
    if (replies.length > 0) {
      placeInOrder(n.replies, replies.map((r) => this.node(r)));
      if (n.replies.parentNode !== n.li) n.li.append(n.replies);
    } else n.replies.remove();
    return n.li;
  }

  private drawItem(n: Shown, c: Contribution): void {
    n.li.className = `contribution level-${c.level}`;
    n.li.dataset.stance = c.stance ?? '';
    n.li.dataset.status = c.status;
    replaceChildren(
      n.head,
      c.stance ? h('span', { class: `badge stance stance-${c.stance}` }, stanceLabel(c.stance)) : null,
      ' ',
      h('span', { class: 'author' }, c.authorName),
      ', ',
      h('span', { class: 'group' }, vocabularyLabel('group', c.stakeholderGroup)),
      c.mine ? [' ', h('span', { class: 'badge mine' }, t('consult.mine'))] : null,
      ' · ',
      h('span', { class: 'meta' }, time(c.at)),
      c.status === 'hiddenPendingReview' || c.status === 'keptHidden' ? [' ', h('span', { class: 'badge hidden-badge' }, t('consult.hidden'))] : null,
    );
    replaceChildren(n.actions);
    if (this.closed) n.form?.remove();
    if (this.signedIn && !this.closed && c.level < MAX_LEVEL) {
      const replyButton = h(
        'button',
        { type: 'button', class: 'link-button reply', 'aria-expanded': String(n.form?.isConnected ?? false), 'aria-label': t('consult.replyTo', { name: c.authorName }) },
        t('consult.reply'),
      );
      replyButton.addEventListener('click', () => {
        n.form ??= this.replyForm(n, c);
        if (!n.form.isConnected) n.actions.after(n.form);
        replyButton.setAttribute('aria-expanded', 'true');
        n.form.querySelector<HTMLElement>('textarea')?.focus();
      });
      n.actions.append(replyButton);
    }
    if (this.signedIn && !c.mine) {
      const done = this.reported.has(c.id);
      const report = h(
        'button',
        { type: 'button', class: 'link-button report', 'aria-label': t('consult.reportLabel', { name: c.authorName }), disabled: done },
        t(done ? 'consult.reported' : 'consult.report'),
      );
      report.addEventListener('click', async () => {
        report.disabled = true;
        n.status.textContent = '';
        n.status.classList.remove('error');
        try {
          await reportContribution(this.c.id, c.id);
          this.reported.add(c.id);
          report.textContent = t('consult.reported');
          n.status.textContent = t('consult.reportDone');
        } catch (e) {
          n.status.classList.add('error');
          replaceChildren(n.status, platformText(problemText(e)));
          if (e instanceof ApiError && e.status === 409) this.reported.add(c.id);
          else report.disabled = false;
        }
      });
      n.actions.append(report);
    }
  }

  /** The reply form under a comment: kept (with what is typed in it) while the comment is. */
  private replyForm(n: Shown, c: Contribution): HTMLFormElement {
    const close = () => {
      n.form?.remove();
      const button = n.actions.querySelector<HTMLElement>('.reply');
      button?.setAttribute('aria-expanded', 'false');
      button?.focus();
    };
    return this.contributionForm({ paragraph: c.paragraph, parentId: c.id, level: c.level + 1, replyTo: c.authorName, onDone: close, onCancel: close });
  }

  private drawCounts(): void {
    for (const [paragraph, part] of this.parts) {
      const counts =
        this.summary?.byParagraph.find((p) => (p.paragraph ?? null) === paragraph)?.stances ??
        countStances(this.threads.filter((c) => (c.paragraph ?? null) === paragraph));
      for (const s of STANCES) part.counts.dataset[s] = String(counts[s]);
      part.counts.textContent = t('consult.counts', { agree: number(counts.agree), disagree: number(counts.disagree), neutral: number(counts.neutral) });
    }
  }

  private drawSummary(): void {
    this.drawCounts();
    const s = this.summary;
    if (!s) return replaceChildren(this.summaryBody);
    const groups = [
      ...STAKEHOLDER_GROUPS.filter((g) => g in s.byGroup),
      ...Object.keys(s.byGroup).filter((g) => !(STAKEHOLDER_GROUPS as readonly string[]).includes(g)),
    ];
    const cells = (x: ContributionCounts) => [x.contributions, x.replies, x.stances.agree, x.stances.disagree, x.stances.neutral].map((v) => h('td', null, number(v)));
    replaceChildren(
      this.summaryBody,
      h(
        'table',
        { class: 'data-table', id: 'consult-summary-table' },
        h('caption', { class: 'visually-hidden' }, t('consult.summary')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [t('consult.summary.group'), t('consult.summary.contributions'), t('consult.summary.replies'), ...STANCES.map(stanceLabel)].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          groups.map((g) => h('tr', { 'data-group': g }, h('th', { scope: 'row' }, vocabularyLabel('group', g)), cells(s.byGroup[g]!))),
        ),
        h('tfoot', null, h('tr', { 'data-group': 'all' }, h('th', { scope: 'row' }, t('consult.summary.total')), cells(s))),
      ),
      s.hidden > 0 ? h('p', { class: 'hint' }, tn('consult.summary.hidden', s.hidden)) : null,
    );
  }
}

function closesText(closesAt: string, closed: boolean): (Node | string)[] {
  return tNodes(closed ? 'consult.closed' : 'consult.closes', { date: time(closesAt) });
}

/** What to say when someone else's comment or reply arrives. */
function newsOf(c: Contribution): string {
  const group = vocabularyLabel('group', c.stakeholderGroup);
  const reply = Boolean(c.parentId);
  if (c.paragraph === null || c.paragraph === undefined) return t(reply ? 'consult.live.replyWhole' : 'consult.live.commentWhole', { group });
  return t(reply ? 'consult.live.reply' : 'consult.live.comment', { number: c.paragraph, group });
}

function countStances(threads: Contribution[]): StanceCounts {
  const counts: StanceCounts = { agree: 0, disagree: 0, neutral: 0 };
  for (const c of threads) if (c.stance) counts[c.stance]++;
  return counts;
}
