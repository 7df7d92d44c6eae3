// The live view's questions: the participant's panel (ask, the questions by votes or by time,
// upvotes, "My questions") and, for the session's moderators, the question console (pre-moderation,
// the review queue, highlight, answered, hidden with a reason). Question texts are always text.
//
// A question is submitted once: its clientRequestId is made when it is first sent and kept with
// its text in sessionStorage until the platform answers, so a send whose answer was lost (the
// connection dropped) is sent again after the next join with the same id, and the platform keeps
// one question. The text being written survives a reload too.
import { announce } from '../announce';
import { h, replaceChildren } from '../dom';
import { createAccountHint } from '../signupLink';
import { formatTime, locale, platformText, t, tn, tNodes, vocabularyLabel, type MessageKey } from '../i18n';
import { HubRefusal, NotConnectedError, type Change, type LiveClient, type LiveState } from '../live';
import { isVisible, ordered, publicView, setVotes, type QuestionsState } from '../questions';
import type { ModeratedQuestion, QuestionOrder, QuestionStatus, QuestionView, SessionEvent } from '../types';

export const MAX_QUESTION = 500;
const MAX_REASON = 300;

/** What is being written, and the request id once it is being sent. */
interface Draft {
  text: string;
  anonymous: boolean;
  requestId: string | null;
  sending: boolean;
}

export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const timeOf = (iso: string): HTMLTimeElement => h('time', { datetime: iso }, formatTime(new Date(iso)));

/**
 * Runs `draw` (which may replace elements of `container`); the control that had focus gets it
 * back by its data-focus-key (`questionId:action`), else another control of the same question,
 * else `fallback`.
 */
export function keepingFocus(container: HTMLElement, fallback: HTMLElement, draw: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset.focusKey : undefined;
  const selection = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : null;
  draw();
  if (key === undefined || document.activeElement?.getAttribute('data-focus-key') === key) return;
  const id = key.slice(0, key.lastIndexOf(':'));
  const again =
    container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`) ??
    container.querySelector<HTMLElement>(`[data-focus-key^="${CSS.escape(`${id}:`)}"]`);
  if (!again) return fallback.focus();
  again.focus();
  if (again instanceof HTMLInputElement && selection) again.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
}

/** Puts `items` into `list` in order, one element per key, reusing an element while its signature is unchanged. */
export function reconcile<T>(
  list: HTMLElement,
  items: readonly T[],
  key: (item: T) => string,
  signature: (item: T) => string,
  draw: (item: T) => HTMLElement,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const el of list.children as HTMLCollectionOf<HTMLElement>) existing.set(el.dataset.key ?? '', el);
  items.forEach((item, index) => {
    const k = key(item);
    const sig = signature(item);
    let el = existing.get(k);
    if (!el || el.dataset.sig !== sig) {
      el = draw(item);
      el.dataset.key = k;
      el.dataset.sig = sig;
    }
    existing.delete(k);
    if (list.children[index] !== el) list.insertBefore(el, list.children[index] ?? null);
  });
  while (list.children.length > items.length) list.lastElementChild!.remove();
}

export class QuestionsView {
  /** The participant's panel. */
  readonly panel = h('section', { class: 'questions', id: 'questions', 'aria-labelledby': 'questions-heading', hidden: true });
  /** The moderators' console. */
  readonly console = h('section', { class: 'question-console', id: 'question-console', 'aria-labelledby': 'qc-heading', hidden: true });

  private state: LiveState | null = null;
  private moderator = false;
  private order: QuestionOrder = 'votes';
  private draft: Draft;
  private inFlight = false;
  private sendAgain = false;
  private readonly voting = new Set<string>();
  /** What was drawn last, for what to announce. */
  private seenVisible = new Set<string>();
  private seenMine = new Map<string, QuestionStatus>();
  private seenHighlighted: string | null = null;
  private seenPending: number | null = null;

  private readonly heading = h('h2', { id: 'questions-heading', tabindex: '-1' }, t('q.title'));
  private readonly count = h('p', { class: 'hint', id: 'questions-count' });
  private readonly preModerationNote = h('p', { class: 'hint', id: 'questions-premoderation', hidden: true }, t('q.preModeration'));
  private readonly closedNote = h('p', { class: 'hint', id: 'questions-closed', hidden: true }, t('q.closed'));
  private readonly alert = h('p', { class: 'field-error', id: 'questions-error', role: 'alert' });
  private readonly textArea = h('textarea', {
    id: 'question-text',
    name: 'question',
    rows: 3,
    maxlength: MAX_QUESTION,
    'aria-describedby': 'question-count question-error',
  });
  private readonly charCount = h('p', { class: 'hint char-count', id: 'question-count' });
  private readonly anonymousBox = h('input', { type: 'checkbox', id: 'question-anonymous', 'aria-describedby': 'question-anonymous-hint' });
  private readonly submit = h('button', { type: 'submit', id: 'ask-submit' }, t('q.ask.submit'));
  private readonly sendStatus = h('p', { class: 'hint', id: 'question-status' });
  private readonly askError = h('p', { class: 'field-error', id: 'question-error' });
  private readonly form = h(
    'form',
    { class: 'ask', id: 'ask-form', 'aria-labelledby': 'ask-heading', novalidate: true },
    h('h3', { id: 'ask-heading' }, t('q.ask.heading')),
    h('label', { for: 'question-text' }, t('q.ask.label')),
    this.textArea,
    this.charCount,
    h(
      'div',
      { class: 'choice' },
      this.anonymousBox,
      h('label', { for: 'question-anonymous' }, t('q.ask.anonymous')),
    ),
    h('p', { class: 'hint', id: 'question-anonymous-hint' }, t('q.ask.anonymousHint')),
    h('div', { class: 'ask-actions' }, this.submit, this.sendStatus),
    this.askError,
  );
  private readonly mineSection = h('section', { class: 'my-questions', id: 'my-questions', 'aria-labelledby': 'my-questions-heading', hidden: true });
  private readonly mineList = h('ul', { class: 'question-list mine', id: 'my-questions-list' });
  private readonly list = h('ol', { class: 'question-list', id: 'question-list', 'aria-labelledby': 'questions-heading' });
  private readonly empty = h('p', { class: 'hint', id: 'questions-empty' }, t('q.empty'));

  // The console.
  private queue: ModeratedQuestion[] = [];
  private queueLoading = false;
  private queueAgain = false;
  private consoleBusy = false;
  /** Open "hide" forms: question id → the reason input (kept across redraws, with what was typed). */
  private readonly hideForms = new Map<string, HTMLInputElement>();
  private readonly consoleHeading = h('h2', { id: 'qc-heading', tabindex: '-1' }, t('qm.title'));
  private readonly preModerationSwitch = h(
    'button',
    { type: 'button', role: 'switch', id: 'premoderation-switch', 'aria-checked': 'false', class: 'switch' },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }),
    t('qm.preModeration'),
  );
  private readonly consoleAlert = h('p', { class: 'field-error', id: 'qc-error', role: 'alert' });
  private readonly consoleLists = {
    pending: h('ul', { class: 'question-list', id: 'qc-pending', 'aria-labelledby': 'qc-pending-heading' }),
    approved: h('ul', { class: 'question-list', id: 'qc-approved', 'aria-labelledby': 'qc-approved-heading' }),
    answered: h('ul', { class: 'question-list', id: 'qc-answered', 'aria-labelledby': 'qc-answered-heading' }),
    hidden: h('ul', { class: 'question-list', id: 'qc-hidden', 'aria-labelledby': 'qc-hidden-heading' }),
  };
  private readonly consoleHeadings = {
    pending: h('h3', { id: 'qc-pending-heading' }),
    approved: h('h3', { id: 'qc-approved-heading' }),
    answered: h('h3', { id: 'qc-answered-heading' }),
    hidden: h('h3', { id: 'qc-hidden-heading' }),
  };

  constructor(
    private readonly sessionId: string,
    private readonly client: LiveClient,
    private readonly participantId: string | null,
  ) {
    this.draft = this.readDraft();
    this.buildPanel();
    this.buildConsole();
  }

  // ---- incoming -------------------------------------------------------------------------------

  /** Draws what changed; returns what to announce (the page says it with its own news). */
  update(state: LiveState, changes: ReadonlySet<Change>, events: readonly SessionEvent[], moderator: boolean): string[] {
    const first = this.state === null;
    this.state = state;
    const becameModerator = moderator && !this.moderator;
    this.moderator = moderator;
    this.panel.hidden = false;
    this.console.hidden = !moderator;
    const all = first || changes.has('snapshot');
    if (all || changes.has('status')) this.renderForm();
    if (all || changes.has('questions') || changes.has('votes')) this.renderLists();
    if (all || changes.has('moderation')) this.renderPreModeration();
    if (moderator) {
      if (all || becameModerator || changes.has('questions') || changes.has('moderation')) void this.refreshQueue();
      else if (changes.has('votes')) this.renderConsole();
    }
    const messages = first ? [] : this.news(state.questions, events.length > 0);
    this.remember(state.questions);
    return messages;
  }

  /** The connection changed: say whether a question being sent waits for it. */
  onConnection(): void {
    this.renderSending();
  }

  /** After every join: a question whose answer never came is sent again, with its request id. */
  onJoined(): void {
    if (this.draft.sending) void this.send();
  }

  // ---- what to announce -----------------------------------------------------------------------

  private news(q: QuestionsState, fromEvents: boolean): string[] {
    if (!fromEvents) return [];
    const messages: string[] = [];
    const added = [...q.visible.keys()].filter((id) => !this.seenVisible.has(id) && !q.mine.has(id)).length;
    if (added > 0) messages.push(tn('q.announce.new', added));
    for (const [id, own] of q.mine) {
      const before = this.seenMine.get(id);
      const now = own.question.status;
      if (before === now || before === undefined) continue;
      if (now === 'approved' && (before === 'pending' || before === 'hidden')) messages.push(t('q.announce.approved'));
      if (now === 'hidden') {
        if (own.hiddenReason) messages.push(t('q.announce.hiddenReason', { reason: own.hiddenReason }));
        else void this.fetchHiddenReasons();
      }
    }
    const highlighted = [...q.visible.values()].find((v) => v.highlighted);
    if (highlighted && highlighted.id !== this.seenHighlighted) messages.push(t('q.announce.answering', { text: highlighted.text }));
    if (this.moderator && q.pending !== null && q.pending > (this.seenPending ?? 0)) messages.push(tn('qm.announce.pending', q.pending));
    return messages;
  }

  private remember(q: QuestionsState): void {
    this.seenVisible = new Set(q.visible.keys());
    this.seenMine = new Map([...q.mine].map(([id, m]) => [id, m.question.status]));
    this.seenHighlighted = [...q.visible.values()].find((v) => v.highlighted)?.id ?? null;
    this.seenPending = q.pending;
  }

  /** The reason of a question of ours that was just hidden (the event does not carry it). */
  private async fetchHiddenReasons(): Promise<void> {
    let reason: string | null = null;
    try {
      const board = await this.client.getQuestions(this.sessionId, this.order);
      const mine = this.state?.questions.mine;
      if (!mine) return;
      for (const own of board.mine ?? []) {
        const local = mine.get(own.question.id);
        if (local && local.question.status === 'hidden' && own.question.status === 'hidden' && !local.hiddenReason) {
          mine.set(own.question.id, { ...local, hiddenReason: own.hiddenReason });
          reason ??= own.hiddenReason;
        }
      }
      this.renderMine();
    } catch (error) {
      console.warn('questions: could not fetch the reason', error);
    }
    announce(reason ? t('q.announce.hiddenReason', { reason }) : t('q.announce.hidden'));
  }

  // ---- the participant's panel ----------------------------------------------------------------

  private buildPanel(): void {
    const radio = (order: QuestionOrder, label: MessageKey) => {
      const input = h('input', { type: 'radio', name: 'question-order', id: `order-${order}`, value: order });
      input.checked = this.order === order;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        this.order = order;
        this.renderLists();
      });
      return h('div', { class: 'choice' }, input, h('label', { for: `order-${order}` }, t(label)));
    };
    let ask: HTMLElement;
    if (this.participantId !== null) {
      this.textArea.value = this.draft.text;
      this.anonymousBox.checked = this.draft.anonymous;
      this.textArea.addEventListener('input', () => this.onEdit());
      this.anonymousBox.addEventListener('change', () => this.onEdit());
      this.form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.ask();
      });
      ask = this.form;
    } else {
      const next = encodeURIComponent(location.pathname);
      ask = h(
        'div',
        null,
        h('p', { id: 'questions-signin' }, tNodes('q.signInPrompt', { link: h('a', { href: `/signin?next=${next}` }, t('q.signInLink')) })),
        h('p', { class: 'hint' }, ...createAccountHint(location.pathname)),
      );
    }
    replaceChildren(
      this.panel,
      this.heading,
      this.count,
      this.preModerationNote,
      this.closedNote,
      ask,
      this.alert,
      this.mineSection,
      h(
        'fieldset',
        { class: 'order', id: 'question-order' },
        h('legend', null, t('q.order')),
        radio('votes', 'q.order.votes'),
        radio('time', 'q.order.time'),
      ),
      this.list,
      this.empty,
    );
    replaceChildren(this.mineSection, h('h3', { id: 'my-questions-heading' }, t('q.mine')), this.mineList);
    this.renderCount();
    this.renderSending();
  }

  private get draftKey(): string {
    return `igf.question.${this.participantId ?? ''}.${this.sessionId}`;
  }

  private readDraft(): Draft {
    try {
      const raw = sessionStorage.getItem(this.draftKey);
      const d = raw ? (JSON.parse(raw) as Partial<Draft>) : {};
      return {
        text: typeof d.text === 'string' ? d.text : '',
        anonymous: d.anonymous === true,
        requestId: typeof d.requestId === 'string' ? d.requestId : null,
        sending: d.sending === true && typeof d.requestId === 'string',
      };
    } catch {
      return { text: '', anonymous: false, requestId: null, sending: false };
    }
  }

  private saveDraft(): void {
    if (this.participantId === null) return;
    const d = this.draft;
    try {
      if (!d.text && !d.sending) sessionStorage.removeItem(this.draftKey);
      else sessionStorage.setItem(this.draftKey, JSON.stringify(d));
    } catch {
      // Storage full or refused: the page still holds the draft.
    }
  }

  private onEdit(): void {
    if (this.draft.sending) return; // read-only while sending
    const text = this.textArea.value;
    const anonymous = this.anonymousBox.checked;
    // Another question: another request id when it is sent.
    if (text !== this.draft.text || anonymous !== this.draft.anonymous) this.draft.requestId = null;
    this.draft.text = text;
    this.draft.anonymous = anonymous;
    this.saveDraft();
    this.renderCount();
    if (this.askError.textContent) this.setAskError('');
  }

  private renderCount(): void {
    const n = this.textArea.value.length;
    this.charCount.textContent = t('q.ask.count', { count: n.toLocaleString(locale), max: MAX_QUESTION.toLocaleString(locale) });
    this.charCount.dataset.count = String(n);
    this.charCount.classList.toggle('at-limit', n >= MAX_QUESTION);
  }

  private setAskError(message: string | (Node | string)[]): void {
    replaceChildren(this.askError, message);
    if (message.length > 0) {
      this.askError.setAttribute('role', 'alert');
      this.textArea.setAttribute('aria-invalid', 'true');
    } else {
      this.textArea.removeAttribute('aria-invalid');
    }
  }

  private async ask(): Promise<void> {
    if (this.draft.sending) return;
    const text = this.textArea.value;
    if (!text.trim()) {
      this.setAskError(t('q.ask.error.empty'));
      this.textArea.focus();
      return;
    }
    if (text.trim().length > MAX_QUESTION) {
      this.setAskError(t('q.ask.error.tooLong', { max: MAX_QUESTION }));
      this.textArea.focus();
      return;
    }
    this.setAskError('');
    this.onEdit();
    // One id per question being submitted, kept until the platform answers.
    this.draft.requestId ??= newRequestId();
    this.draft.sending = true;
    this.saveDraft();
    await this.send();
  }

  private renderSending(): void {
    const sending = this.draft.sending;
    this.textArea.readOnly = sending;
    this.anonymousBox.disabled = sending;
    this.submit.setAttribute('aria-disabled', String(sending));
    this.form.setAttribute('aria-busy', String(sending));
    const connected = this.client.connectionState === 'connected' || this.client.connectionState === 'resynced';
    this.sendStatus.textContent = !sending ? '' : connected ? t('q.ask.sending') : t('q.ask.waiting');
  }

  /** Sends the draft with its request id; after a lost answer, the next join sends it again. */
  private async send(): Promise<void> {
    if (this.inFlight) {
      this.sendAgain = true;
      return;
    }
    const d = this.draft;
    if (!d.sending || !d.requestId) return;
    this.inFlight = true;
    this.sendAgain = false;
    this.renderSending();
    try {
      const result = await this.client.askQuestion(this.sessionId, d.requestId, d.text, d.anonymous);
      this.draft = { text: '', anonymous: d.anonymous, requestId: null, sending: false };
      this.saveDraft();
      this.textArea.value = '';
      this.renderCount();
      const questions = this.state?.questions;
      if (questions) {
        questions.mine.set(result.questionId, { question: result.question, hiddenReason: null });
        if (isVisible(result.status) && !questions.visible.has(result.questionId)) {
          questions.visible.set(result.questionId, publicView(result.question));
        }
        this.seenMine.set(result.questionId, result.status);
        this.seenVisible.add(result.questionId);
        this.renderLists();
      }
      announce(result.status === 'pending' ? t('q.ask.sentReview') : t('q.ask.sent'));
    } catch (error) {
      if (error instanceof HubRefusal) {
        // Refused (too long, a repeat, too many): nothing was stored; the text stays to edit.
        this.draft.sending = false;
        this.saveDraft();
        this.setAskError(tNodes('q.ask.error.refused', { message: platformText(error.message) }));
      } else if (!(error instanceof NotConnectedError)) {
        // The connection went before the answer came: the question may be stored. Sent again
        // (same id) after the next join; the platform answers as it did the first time.
        console.warn('questions: no answer to AskQuestion; sent again after reconnecting', error);
      }
    } finally {
      this.inFlight = false;
      this.renderSending();
      if (this.sendAgain && this.draft.sending) void this.send();
    }
  }

  private renderForm(): void {
    const status = this.state?.session.status;
    const open = status === 'scheduled' || status === 'live' || status === undefined;
    this.form.hidden = !open;
    this.closedNote.hidden = open;
  }

  private renderPreModeration(): void {
    const on = this.state?.questions.preModeration ?? false;
    this.preModerationNote.hidden = !on;
    this.preModerationSwitch.setAttribute('aria-checked', String(on));
    if (this.moderator) this.renderConsoleHeadings();
  }

  private renderLists(): void {
    const q = this.state?.questions;
    if (!q) return;
    const questions = ordered(q.visible.values(), this.order);
    this.count.textContent = tn('q.count', questions.length);
    this.empty.hidden = questions.length > 0;
    const signedIn = this.participantId !== null;
    keepingFocus(this.list, this.heading, () =>
      reconcile(
        this.list,
        questions,
        (v) => v.id,
        (v) => JSON.stringify([v.text, v.status, v.highlighted, v.upvotes, v.askerName, q.myVotes.has(v.id), this.voting.has(v.id)]),
        (v) => this.drawQuestion(v, signedIn),
      ),
    );
    this.renderMine();
  }

  private meta(v: QuestionView, asker: Node | string): HTMLElement {
    return h(
      'p',
      { class: 'q-meta' },
      h('span', { class: 'q-asker' }, asker),
      ' · ',
      h('span', { class: 'q-group', 'data-group': v.stakeholderGroup }, vocabularyLabel('group', v.stakeholderGroup)),
      ' · ',
      h('span', { class: 'q-region', 'data-region': v.region }, vocabularyLabel('region', v.region)),
      ' · ',
      timeOf(v.askedAt),
    );
  }

  private badges(v: QuestionView): (HTMLElement | null)[] {
    return [
      v.highlighted ? h('span', { class: 'badge badge-now' }, t('q.badge.now')) : null,
      v.status === 'answered' ? h('span', { class: 'badge badge-answered' }, t('q.badge.answered')) : null,
    ];
  }

  private drawQuestion(v: QuestionView, signedIn: boolean): HTMLLIElement {
    const textId = `q-text-${v.id}`;
    const voted = this.state?.questions.myVotes.has(v.id) ?? false;
    return h(
      'li',
      {
        class: `question${v.highlighted ? ' highlighted' : ''} status-${v.status}`,
        'data-question-id': v.id,
        'data-status': v.status,
        'data-highlighted': String(v.highlighted),
        'aria-current': v.highlighted ? 'true' : null,
      },
      h('p', { class: 'q-text', id: textId }, v.text),
      this.meta(v, v.askerName ?? t('q.anonymous')),
      h(
        'div',
        { class: 'q-line' },
        this.badges(v),
        h('span', { class: 'q-votes', 'data-votes': v.upvotes }, tn('q.votes', v.upvotes)),
        signedIn
          ? h(
              'button',
              {
                type: 'button',
                class: 'upvote',
                'data-focus-key': `${v.id}:vote`,
                'aria-pressed': String(voted),
                'aria-describedby': textId,
                'aria-disabled': this.voting.has(v.id) ? 'true' : null,
                onclick: () => void this.vote(v.id),
              },
              h('span', { 'aria-hidden': 'true' }, '▲ '),
              t('q.upvote'),
            )
          : null,
      ),
    );
  }

  private renderMine(): void {
    const q = this.state?.questions;
    if (!q) return;
    const mine = [...q.mine.values()].sort((a, b) => Date.parse(b.question.askedAt) - Date.parse(a.question.askedAt));
    this.mineSection.hidden = mine.length === 0;
    replaceChildren(
      this.mineList,
      mine.map(({ question: v, hiddenReason }) =>
        h(
          'li',
          { class: `question mine status-${v.status}`, 'data-question-id': v.id, 'data-status': v.status },
          h('p', { class: 'q-text' }, v.text),
          h(
            'p',
            { class: 'q-line' },
            h('span', { class: `badge q-status status-${v.status}` }, t(`q.status.${v.status}` as MessageKey)),
            this.badges(v),
            v.anonymous ? h('span', { class: 'hint' }, t('q.anonymous')) : null,
            isVisible(v.status) ? h('span', { class: 'q-votes', 'data-votes': v.upvotes }, tn('q.votes', v.upvotes)) : null,
          ),
          v.status === 'hidden' && hiddenReason ? h('p', { class: 'q-reason' }, t('q.reason', { reason: hiddenReason })) : null,
        ),
      ),
    );
  }

  private async vote(questionId: string): Promise<void> {
    const q = this.state?.questions;
    if (!q || this.voting.has(questionId)) return;
    const up = !q.myVotes.has(questionId);
    this.voting.add(questionId);
    this.renderLists();
    try {
      const result = await this.client.vote(this.sessionId, questionId, up);
      const now = this.state?.questions;
      if (now) {
        if (result.voted) now.myVotes.add(questionId);
        else now.myVotes.delete(questionId);
        setVotes(now, questionId, result.upvotes);
      }
      this.alert.textContent = '';
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : platformText((error as Error).message);
      replaceChildren(this.alert, ...tNodes('q.vote.error', { message }));
    } finally {
      this.voting.delete(questionId);
      this.renderLists();
      if (this.moderator) this.renderConsole();
    }
  }

  // ---- the moderators' console ----------------------------------------------------------------

  private buildConsole(): void {
    this.preModerationSwitch.addEventListener('click', () => {
      const on = this.preModerationSwitch.getAttribute('aria-checked') !== 'true';
      void this.command(async () => {
        await this.client.setPreModeration(this.sessionId, on);
        if (this.state) this.state.questions.preModeration = on;
        this.renderPreModeration();
      });
    });
    const part = (kind: QuestionStatus) =>
      h('section', { class: `qc-part qc-${kind}` }, this.consoleHeadings[kind], this.consoleLists[kind]);
    replaceChildren(
      this.console,
      this.consoleHeading,
      h('p', { class: 'switch-line' }, this.preModerationSwitch),
      this.consoleAlert,
      part('pending'),
      part('approved'),
      part('answered'),
      part('hidden'),
    );
    this.renderConsoleHeadings();
  }

  /** At most one GetModerationQueue at a time; a refresh asked for meanwhile runs once afterwards. */
  private async refreshQueue(): Promise<void> {
    if (this.queueLoading) {
      this.queueAgain = true;
      return;
    }
    this.queueLoading = true;
    this.queueAgain = false;
    try {
      this.queue = await this.client.getModerationQueue(this.sessionId);
      this.renderConsole();
    } catch (error) {
      if (!(error instanceof NotConnectedError)) replaceChildren(this.consoleAlert, ...tNodes('qm.error', { message: platformText((error as Error).message) }));
    } finally {
      this.queueLoading = false;
      if (this.queueAgain) void this.refreshQueue();
    }
  }

  /** The queue with what the pushes said since it was fetched (status, highlight, votes of visible ones). */
  private moderated(): ModeratedQuestion[] {
    const visible = this.state?.questions.visible;
    return this.queue.map((m) => {
      const v = visible?.get(m.question.id);
      return v ? { ...m, question: { ...m.question, status: v.status, highlighted: v.highlighted, upvotes: v.upvotes } } : m;
    });
  }

  private byStatus(all: ModeratedQuestion[], status: QuestionStatus): ModeratedQuestion[] {
    const items = all.filter((m) => m.question.status === status);
    return status === 'approved' ? items.sort((a, b) => b.question.upvotes - a.question.upvotes) : items;
  }

  private renderConsoleHeadings(): void {
    const all = this.moderated();
    const count = (kind: QuestionStatus) => all.filter((m) => m.question.status === kind).length;
    const label: Record<QuestionStatus, MessageKey> = { pending: 'qm.pending', approved: 'qm.approved', answered: 'qm.answered', hidden: 'qm.hidden' };
    for (const kind of ['pending', 'approved', 'answered', 'hidden'] as const) {
      this.consoleHeadings[kind].textContent = `${t(label[kind])} (${count(kind).toLocaleString(locale)})`;
    }
  }

  private renderConsole(): void {
    if (!this.moderator) return;
    this.renderConsoleHeadings();
    keepingFocus(this.console, this.consoleHeading, () => this.renderConsoleLists());
  }

  private renderConsoleLists(): void {
    const all = this.moderated();
    for (const kind of ['pending', 'approved', 'answered', 'hidden'] as const) {
      const items = this.byStatus(all, kind);
      const list = this.consoleLists[kind];
      reconcile(
        list,
        items,
        (m) => m.question.id,
        (m) =>
          JSON.stringify([
            m.question.text,
            m.question.status,
            m.question.highlighted,
            m.question.upvotes,
            m.askerName,
            m.hiddenReason,
            this.hideForms.has(m.question.id),
          ]),
        (m) => this.drawModerated(m),
      );
      if (items.length === 0) list.replaceChildren(h('li', { class: 'hint', 'data-key': '' }, t('qm.none')));
    }
  }

  private drawModerated(m: ModeratedQuestion): HTMLLIElement {
    const v = m.question;
    const id = v.id;
    const highlighted = v.highlighted;
    const textId = `qc-text-${id}`;
    const button = (action: string, label: MessageKey, run: () => Promise<unknown>, pressed?: boolean) =>
      h(
        'button',
        {
          type: 'button',
          class: `qc-action action-${action}${action === 'hide' ? ' danger-outline' : ''}`,
          'data-focus-key': `${id}:${action}`,
          'aria-describedby': textId,
          'aria-pressed': pressed === undefined ? null : String(pressed),
          onclick: () => void this.command(run),
        },
        t(label),
      );
    const hideButton = h(
      'button',
      {
        type: 'button',
        class: 'qc-action action-hide danger-outline',
        'data-focus-key': `${id}:hide`,
        'aria-describedby': textId,
        'aria-expanded': String(this.hideForms.has(id)),
        onclick: () => this.openHideForm(id),
      },
      t('qm.hide'),
    );
    const actions: HTMLElement[] = [];
    if (v.status === 'pending' || v.status === 'hidden') actions.push(button('approve', 'qm.approve', () => this.client.approveQuestion(this.sessionId, id)));
    if (v.status === 'approved') {
      actions.push(
        button('highlight', 'qm.highlight', () => this.client.highlightQuestion(this.sessionId, highlighted ? null : id), highlighted),
        button('answered', 'qm.markAnswered', () => this.client.markAnswered(this.sessionId, id)),
      );
    }
    if (v.status !== 'hidden') actions.push(hideButton);
    const asker = v.anonymous ? [m.askerName, ' (', t('qm.askedAnonymously'), ')'] : [m.askerName];
    return h(
      'li',
      {
        class: `question moderated status-${v.status}${highlighted ? ' highlighted' : ''}`,
        'data-question-id': id,
        'data-status': v.status,
        'data-highlighted': String(highlighted),
      },
      h('p', { class: 'q-text', id: textId }, v.text),
      this.meta(v, h('span', null, asker)),
      h(
        'p',
        { class: 'q-line' },
        this.badges(v),
        isVisible(v.status) ? h('span', { class: 'q-votes', 'data-votes': v.upvotes }, tn('q.votes', v.upvotes)) : null,
      ),
      v.status === 'hidden' && m.hiddenReason ? h('p', { class: 'q-reason' }, t('q.reason', { reason: m.hiddenReason })) : null,
      h('div', { class: 'qc-actions', role: 'group', 'aria-label': t('qm.actions') }, actions),
      this.hideForms.has(id) ? this.hideForm(id) : null,
    );
  }

  private openHideForm(id: string): void {
    if (!this.hideForms.has(id)) {
      this.hideForms.set(
        id,
        h('input', {
          type: 'text',
          id: `hide-reason-${id}`,
          class: 'hide-reason',
          maxlength: MAX_REASON,
          autocomplete: 'off',
          'data-focus-key': `${id}:reason`,
          'aria-describedby': `hide-error-${id}`,
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Escape') this.closeHideForm(id, true);
          },
        }),
      );
    }
    this.renderConsole();
    this.hideForms.get(id)?.focus();
  }

  private closeHideForm(id: string, focusButton: boolean): void {
    this.hideForms.delete(id);
    this.renderConsole();
    if (focusButton) this.console.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${id}:hide`)}"]`)?.focus();
  }

  private hideForm(id: string): HTMLFormElement {
    const input = this.hideForms.get(id)!;
    const error = h('p', { class: 'field-error', id: `hide-error-${id}`, role: 'alert' });
    const form = h(
      'form',
      { class: 'hide-form', novalidate: true },
      h('label', { for: input.id }, t('qm.hideReason')),
      input,
      error,
      h(
        'div',
        { class: 'qc-actions' },
        h('button', { type: 'submit', class: 'danger', 'data-focus-key': `${id}:confirm-hide` }, t('qm.hideConfirm')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.closeHideForm(id, true) }, t('qm.cancel')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = input.value.trim();
      if (!reason) {
        error.textContent = t('qm.reasonRequired');
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      void this.command(async () => {
        await this.client.hideQuestion(this.sessionId, id, reason);
        this.closeHideForm(id, false); // focus follows the question to its new place
      }).then((ok) => {
        if (!ok) error.textContent = this.consoleAlert.textContent;
      });
    });
    return form;
  }

  /** One console command at a time; the platform's refusal is shown as it words it. */
  private async command(run: () => Promise<unknown>): Promise<boolean> {
    if (this.consoleBusy) return false;
    this.consoleBusy = true;
    this.console.setAttribute('aria-busy', 'true');
    try {
      await run();
      this.consoleAlert.textContent = '';
      return true;
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : platformText((error as Error).message);
      replaceChildren(this.consoleAlert, ...tNodes('qm.error', { message }));
      return false;
    } finally {
      this.consoleBusy = false;
      this.console.removeAttribute('aria-busy');
    }
  }
}
