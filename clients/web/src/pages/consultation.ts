// A consultation on a draft text: its numbered paragraphs (and the published versions, the latest
// first, marked final), the closing date and phase; per paragraph its thread of comments (stance,
// author, group, text, replies three levels deep) and counts by stance; the whole-text thread; the
// summary by stakeholder group as a table. A signed-in participant comments (a stance is needed),
// replies and reports others' comments until the closing date; then the forms give way to a notice.
//
// Each comment being sent carries a clientRequestId made for that attempt (crypto.randomUUID) and
// kept while the same comment is sent again after a lost answer, so a retry never doubles it.
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
import { h, paragraphs, replaceChildren } from '../dom';
import { formatDateTime, locale, t, tn, tNodes, tOr, topicLabel, vocabularyLabel } from '../i18n';
import {
  STAKEHOLDER_GROUPS,
  STANCES,
  type Consultation,
  type ConsultationSummary,
  type ContributionCounts,
  type Contribution,
  type NewContribution,
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
      notFound ? h('p', null, t('consult.notFound')) : h('p', { class: 'error', role: 'alert' }, problemText(error)),
    );
    return () => undefined;
  }
  if (!alive) return () => undefined;
  const page = new ConsultationView(consultation);
  document.title = `${consultation.title} · ${t('app.name')}`;
  article.removeAttribute('aria-busy');
  replaceChildren(article, ...page.render());
  await page.refresh();
  // The closing date passing while the page is open replaces the forms by the notice.
  const untilClose = Date.parse(consultation.closesAt) - Date.now();
  const timer = untilClose > 0 && untilClose < 2 ** 31 - 1 ? window.setTimeout(() => page.close(), untilClose + 500) : undefined;
  return () => {
    alive = false;
    page.alive = false;
    window.clearTimeout(timer);
  };
}

class ConsultationView {
  alive = true;
  private closed: boolean;
  private threads: Contribution[] = [];
  private summary: ConsultationSummary | null = null;
  private readonly reported = new Set<string>();
  private readonly signedIn = getAuth() !== null;
  /** Per paragraph (null: the whole text): its counts, its thread, and where its form goes. */
  private readonly parts = new Map<number | null, { counts: HTMLElement; thread: HTMLElement; form: HTMLElement }>();
  private readonly notice = h('p', { class: 'notice', id: 'consult-closed', role: 'status' });
  private readonly loadError = h('p', { class: 'error', role: 'alert', id: 'consult-load-error' });
  private readonly summaryBody = h('div', { id: 'consult-summary' });

  constructor(private readonly c: Consultation) {
    this.closed = this.isClosed();
  }

  private isClosed(): boolean {
    return this.c.phase !== 'open' || Date.now() >= Date.parse(this.c.closesAt);
  }

  render(): Node[] {
    const c = this.c;
    const versions = [...c.versions].sort((a, b) => b.version - a.version);
    const draft = versions.find((v) => v.draft) ?? versions[versions.length - 1];
    const finals = versions.filter((v) => !v.draft);
    this.notice.textContent = t('consult.closedNotice');
    this.notice.hidden = !this.closed;
    const nodes: Node[] = [
      h('p', { class: 'back' }, h('a', { href: `/topics/${encodeURIComponent(c.topicSlug)}` }, topicLabel(c.topicSlug))),
      h('h1', null, c.title),
      h(
        'p',
        { class: 'meta', id: 'consult-meta' },
        h('span', { class: `badge phase-${c.phase}`, id: 'consult-phase', 'data-phase': c.phase }, tOr(`consult.phase.${c.phase}`, c.phase)),
        ' ',
        h('span', { id: 'consult-closes' }, ...closesText(c.closesAt, this.closed)),
      ),
      this.notice,
      this.loadError,
    ];
    if (finals.length > 0) {
      nodes.push(
        h(
          'section',
          { id: 'consult-versions', 'aria-labelledby': 'consult-versions-heading' },
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
        ),
      );
    }
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
    const thread = h('div', { class: 'thread-slot', id: `thread-${key}` });
    const form = h('div', { class: 'form-slot' });
    this.parts.set(paragraph, { counts, thread, form });
    this.fillForm(paragraph);
    return h('div', { class: 'part' }, counts, h('h3', { class: 'visually-hidden' }, t('consult.thread')), thread, form);
  }

  /** The comment form of a paragraph (behind a button), a sign-in prompt, or nothing once closed. */
  private fillForm(paragraph: number | null): void {
    const slot = this.parts.get(paragraph)!.form;
    if (this.closed) return replaceChildren(slot);
    if (!this.signedIn) {
      return replaceChildren(
        slot,
        h('p', { class: 'hint sign-in-prompt' }, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, t('consult.signIn')), ' ', t('consult.signInHint')),
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
      try {
        await contribute(this.c.id, { clientRequestId: pending.id, ...body });
        pending = null;
        textarea.value = '';
        for (const r of radios) r.input.checked = reply && r.input.value === '';
        announce(t('consult.sent'));
        o.onDone();
        await this.refresh();
      } catch (e) {
        // A refusal is final for this attempt (a new one gets a new id); a lost answer is retried with the same id.
        if (!(e instanceof ApiError && e.status === 0)) pending = null;
        error.textContent = problemText(e);
        if (e instanceof ApiError && e.status === 409 && Date.now() >= Date.parse(this.c.closesAt)) this.close();
      } finally {
        submit.disabled = false;
        submit.textContent = t(reply ? 'consult.sendReply' : 'consult.submit');
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  }

  /** Fetches the threads and the summary again and redraws them. */
  async refresh(): Promise<void> {
    const [threads, summary] = await Promise.allSettled([getContributions(this.c.id), getConsultationSummary(this.c.id)]);
    if (!this.alive) return;
    const errors: string[] = [];
    if (threads.status === 'fulfilled') this.threads = threads.value;
    else errors.push(problemText(threads.reason));
    if (summary.status === 'fulfilled') this.summary = summary.value;
    else errors.push(problemText(summary.reason));
    this.loadError.textContent = errors.join(' ');
    this.drawThreads();
    this.drawSummary();
  }

  /** The closing date has passed: the forms give way to the notice. */
  close(): void {
    if (this.closed || !this.alive) return;
    this.closed = true;
    this.notice.hidden = false;
    document.getElementById('consult-closes')?.replaceChildren(...closesText(this.c.closesAt, true));
    for (const key of this.parts.keys()) this.fillForm(key);
    this.drawThreads();
  }

  private drawThreads(): void {
    for (const [paragraph, part] of this.parts) {
      const threads = this.threads.filter((c) => (c.paragraph ?? null) === paragraph);
      replaceChildren(
        part.thread,
        threads.length === 0
          ? h('p', { class: 'hint empty-thread' }, t('consult.noContributions'))
          : h('ol', { class: 'thread' }, threads.map((c) => this.item(c))),
      );
      const counts = this.summary?.byParagraph.find((p) => (p.paragraph ?? null) === paragraph)?.stances ?? countStances(threads);
      for (const s of STANCES) part.counts.dataset[s] = String(counts[s]);
      part.counts.textContent = t('consult.counts', { agree: number(counts.agree), disagree: number(counts.disagree), neutral: number(counts.neutral) });
    }
  }

  private item(c: Contribution): HTMLLIElement {
    const actions = h('div', { class: 'contribution-actions' });
    const status = h('span', { class: 'report-status', role: 'status' });
    const li = h(
      'li',
      { class: `contribution level-${c.level}`, 'data-id': c.id, 'data-level': c.level, 'data-stance': c.stance ?? '', 'data-status': c.status },
      h(
        'p',
        { class: 'contribution-head' },
        c.stance ? h('span', { class: `badge stance stance-${c.stance}` }, stanceLabel(c.stance)) : null,
        ' ',
        h('span', { class: 'author' }, c.authorName),
        ', ',
        h('span', { class: 'group' }, vocabularyLabel('group', c.stakeholderGroup)),
        c.mine ? [' ', h('span', { class: 'badge mine' }, t('consult.mine'))] : null,
        ' · ',
        h('span', { class: 'meta' }, time(c.at)),
        c.status === 'hiddenPendingReview' || c.status === 'keptHidden'
          ? [' ', h('span', { class: 'badge hidden-badge' }, t('consult.hidden'))]
          : null,
      ),
      h('div', { class: 'contribution-text' }, paragraphs(c.text)),
      actions,
      status,
    );
    if (this.signedIn && !this.closed && c.level < MAX_LEVEL) {
      const replyButton = h('button', { type: 'button', class: 'link-button reply', 'aria-expanded': 'false' }, t('consult.reply'));
      const form = this.contributionForm({
        paragraph: c.paragraph,
        parentId: c.id,
        level: c.level + 1,
        replyTo: c.authorName,
        onDone: () => undefined,
        onCancel: () => {
          form.remove();
          replyButton.setAttribute('aria-expanded', 'false');
          replyButton.focus();
        },
      });
      replyButton.setAttribute('aria-label', t('consult.replyTo', { name: c.authorName }));
      replyButton.addEventListener('click', () => {
        if (form.isConnected) return form.querySelector<HTMLElement>('textarea')?.focus();
        actions.after(form);
        replyButton.setAttribute('aria-expanded', 'true');
        form.querySelector<HTMLElement>('textarea')?.focus();
      });
      actions.append(replyButton);
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
        status.textContent = '';
        status.classList.remove('error');
        try {
          await reportContribution(this.c.id, c.id);
          this.reported.add(c.id);
          report.textContent = t('consult.reported');
          status.textContent = t('consult.reportDone');
        } catch (e) {
          status.classList.add('error');
          status.textContent = problemText(e);
          if (e instanceof ApiError && e.status === 409) this.reported.add(c.id);
          else report.disabled = false;
        }
      });
      actions.append(report);
    }
    if (c.replies.length > 0) li.append(h('ol', { class: 'thread replies' }, c.replies.map((r) => this.item(r))));
    return li;
  }

  private drawSummary(): void {
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

function countStances(threads: Contribution[]): StanceCounts {
  const counts: StanceCounts = { agree: 0, disagree: 0, neutral: 0 };
  for (const c of threads) if (c.stance) counts[c.stance]++;
  return counts;
}
