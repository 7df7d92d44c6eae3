// The live view's speaking queue: who has the floor now (with a timer against the time given), the
// line (stakeholder group and kind of each request, how many wait, open or closed), the balance of
// the floor as a chart with its figures as a table, the overrides and dismissals with their
// reasons; for a signed-in participant, asking for the floor (intervention, reply or point of
// order, a note, as a remote hub), their place in the line and withdrawing. The moderators'
// console is loaded on demand (./floorConsole).
//
// A request is sent once: its clientRequestId is made when it is first sent and kept until the
// platform answers, so a send whose answer was lost (the connection dropped) is sent again after
// the next join with the same id, and the platform keeps one entry.
import { announce } from '../announce';
import { groupShareChart } from '../chart';
import { append, h, replaceChildren, type Child } from '../dom';
import { createAccountHint } from '../signupLink';
import { takeMine } from '../floor';
import {
  formatClock,
  formatPercent,
  formatTime,
  locale,
  platformText,
  t,
  tn,
  tNodes,
  tOr,
  tOrdinal,
  vocabularyLabel,
  type MessageKey,
} from '../i18n';
import { HubRefusal, NotConnectedError, type Change, type LiveClient, type LiveState } from '../live';
import { newRequestId } from './questions';
import {
  FLOOR_KINDS,
  GENDERS,
  REGIONS,
  STAKEHOLDER_GROUPS,
  type FloorKind,
  type FloorLedger,
  type FloorShare,
  type FloorView as Floor,
  type RemoteHub,
} from '../types';

const MAX_NOTE = 200;
const MAX_HUB_NAME = 100;
const MAX_HEADCOUNT = 100_000;

export const kindLabel = (kind: string): string => tOr(`floor.kind.${kind}`, kind);
export const groupLabel = (group: string): string => vocabularyLabel('group', group);
/** In the room, remote, or the remote hub with its headcount. */
export const whereLabel = (e: { inRoom: boolean; hub: RemoteHub | null }): string =>
  e.hub ? tn('floor.hub', e.hub.headcount, { name: e.hub.name }) : t(e.inRoom ? 'floor.inRoom' : 'floor.remote');
/** A stable id for one request (attempt), the same when it is sent again. */
export const requestId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : newRequestId());
export const timeOf = (iso: string): HTMLTimeElement => h('time', { datetime: iso }, formatTime(new Date(iso)));

/** The moderators' console, loaded on demand. */
export interface FloorConsoleApi {
  readonly element: HTMLElement;
  update(state: LiveState, changes: ReadonlySet<Change>, all: boolean): void;
  /** Once a second while someone waits: how long each has waited (`now` on the platform's clock). */
  tick(now: number): void;
}

/** A request being sent: the same id until the platform answers. */
interface Pending {
  id: string;
  kind: FloorKind;
  note: string | null;
  hub: RemoteHub | null;
}

/** Keys in the contract's order, then any this version does not know. */
const ordered = (shares: Record<string, FloorShare>, known: readonly string[]): string[] => [
  ...known.filter((k) => k in shares),
  ...Object.keys(shares).filter((k) => !known.includes(k)),
];

export class FloorView {
  readonly panel = h('section', { class: 'floor', id: 'floor', 'aria-labelledby': 'floor-heading', hidden: true });
  /** Where the moderators' console goes once loaded. */
  readonly console = h('div', { id: 'floor-console-slot', hidden: true });

  private state: LiveState | null = null;
  private moderator = false;
  private consoleImpl: FloorConsoleApi | null = null;
  private consoleLoading = false;
  private timer: number | undefined;
  private pending: Pending | null = null;
  private inFlight = false;
  private sendAgain = false;
  private withdrawing = false;
  /** What was drawn last, for what to announce. */
  private seen = { speech: null as number | null, position: 0, speaking: false, dismissed: '', open: true };

  // Who speaks now.
  private readonly speakerBox = h('div', { class: 'speaker', id: 'floor-current', hidden: true });
  private readonly speakerName = h('p', { class: 'speaker-name', id: 'floor-speaker-name' });
  private readonly speakerMeta = h('p', { class: 'speaker-meta' });
  private readonly timerText = h('p', { class: 'speaker-timer', id: 'floor-timer', role: 'timer' });
  private readonly timerBar = h('span', { class: 'timer-bar', 'aria-hidden': 'true' });
  private readonly nobody = h('p', { class: 'hint', id: 'floor-nobody' }, t('floor.nobody'));

  // The person's own request.
  private readonly myStatus = h('p', { class: 'my-floor', id: 'floor-my-status', tabindex: '-1', hidden: true });
  private readonly myDetail = h('p', { class: 'hint', id: 'floor-my-detail', hidden: true });
  private readonly withdrawButton = h('button', { type: 'button', id: 'floor-withdraw', class: 'secondary', hidden: true }, t('floor.mine.withdraw'));
  private readonly myError = h('p', { class: 'field-error', id: 'floor-my-error', role: 'alert' });
  private readonly kindInputs = FLOOR_KINDS.map((kind) =>
    h('input', { type: 'radio', name: 'floor-kind', id: `floor-kind-${kind}`, value: kind, checked: kind === 'intervention' }),
  );
  private readonly noteInput = h('input', { type: 'text', id: 'floor-note', maxlength: MAX_NOTE, autocomplete: 'off' });
  private readonly hubBox = h('input', { type: 'checkbox', id: 'floor-as-hub', 'aria-controls': 'floor-hub-fields', 'aria-expanded': 'false' });
  private readonly hubName = h('input', { type: 'text', id: 'floor-hub-name', maxlength: MAX_HUB_NAME, autocomplete: 'off' });
  private readonly hubCount = h('input', { type: 'number', id: 'floor-hub-headcount', min: 1, max: MAX_HEADCOUNT, step: 1, inputmode: 'numeric' });
  private readonly hubFields = h(
    'div',
    { class: 'fields', id: 'floor-hub-fields', hidden: true },
    h('div', { class: 'field grow' }, h('label', { for: 'floor-hub-name' }, t('floor.ask.hubName')), this.hubName),
    h('div', { class: 'field' }, h('label', { for: 'floor-hub-headcount' }, t('floor.ask.headcount')), this.hubCount),
  );
  private readonly askButton = h('button', { type: 'submit', id: 'floor-ask' }, t('floor.ask.submit'));
  private readonly askStatus = h('p', { class: 'hint', id: 'floor-ask-status' });
  private readonly askError = h('p', { class: 'field-error', id: 'floor-ask-error', role: 'alert' });
  private readonly askNote = h('p', { class: 'hint', id: 'floor-ask-closed', hidden: true });
  private readonly form = h(
    'form',
    { class: 'ask floor-ask', id: 'floor-request', 'aria-labelledby': 'floor-ask-heading', novalidate: true },
    h('h3', { id: 'floor-ask-heading' }, t('floor.ask.heading')),
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', null, t('floor.ask.kind')),
      this.kindInputs.map((input) =>
        h('div', { class: 'choice' }, input, h('label', { for: input.id }, t(`floor.ask.${input.value}` as MessageKey))),
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'floor-note' }, t('floor.ask.note')), this.noteInput),
    h('div', { class: 'choice' }, this.hubBox, h('label', { for: 'floor-as-hub' }, t('floor.ask.hub'))),
    this.hubFields,
    h('div', { class: 'ask-actions' }, this.askButton, this.askStatus),
    this.askError,
  );

  // The line.
  private readonly lineStatus = h('p', { class: 'line-status', id: 'floor-line-status' });
  private readonly head = h('ol', { class: 'floor-head', id: 'floor-head', 'aria-labelledby': 'floor-line-heading' });
  private readonly more = h('p', { class: 'hint', id: 'floor-more' });

  // The balance.
  private readonly balanceTotal = h('p', { id: 'floor-balance-total' });
  private readonly figure = h('figure', { class: 'floor-figure', id: 'floor-figure' });
  private readonly regions = h('ul', { class: 'shares', id: 'floor-by-region' });
  private readonly genders = h('ul', { class: 'shares', id: 'floor-by-gender' });
  private readonly where = h('ul', { class: 'shares', id: 'floor-where' });
  private readonly overrides = h('ul', { class: 'floor-log', id: 'floor-overrides', 'aria-labelledby': 'floor-overrides-heading' });
  private readonly dismissals = h('ul', { class: 'floor-log', id: 'floor-dismissals', 'aria-labelledby': 'floor-dismissals-heading' });

  constructor(
    private readonly sessionId: string,
    private readonly client: LiveClient,
    private readonly participantId: string | null,
  ) {
    this.build();
  }

  dispose(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  // ---- incoming -------------------------------------------------------------------------------

  /** Draws what changed; returns what to announce (the page says it with its own news). */
  update(state: LiveState, changes: ReadonlySet<Change>, moderator: boolean): string[] {
    const all = this.state === null || changes.has('snapshot');
    this.state = state;
    const view = state.floor.view;
    this.panel.hidden = view === null;
    this.moderator = moderator && view !== null;
    this.console.hidden = !this.moderator;
    if (!view) return [];
    const status = changes.has('status');
    if (all || changes.has('speaker')) this.renderSpeaker();
    if (all || changes.has('queue') || changes.has('speaker')) this.renderLine();
    if (all || changes.has('ledger')) this.renderLedger();
    if (all || status || changes.has('queue') || changes.has('speaker') || changes.has('ledger')) this.renderMine();
    if (this.moderator) {
      if (this.consoleImpl) this.consoleImpl.update(state, changes, all);
      else this.loadConsole();
    }
    this.schedule();
    const news = all ? [] : this.news();
    this.remember();
    return news;
  }

  /** The connection changed: say whether a request being sent waits for it. */
  onConnection(): void {
    this.renderSending();
  }

  /** After every join: a request whose answer never came is sent again, with its id. */
  onJoined(): void {
    if (this.pending) void this.send();
  }

  private get view(): Floor | null {
    return this.state?.floor.view ?? null;
  }

  /** Now on the platform's clock. */
  private now(): number {
    return Date.now() - (this.state?.clockOffsetMs ?? 0);
  }

  // ---- what to announce -----------------------------------------------------------------------

  private news(): string[] {
    const f = this.state!.floor;
    const view = f.view!;
    const messages: string[] = [];
    const current = view.current;
    const mine = f.mine;
    if ((current?.speechId ?? null) !== this.seen.speech) {
      if (mine?.speaking) messages.push(t('floor.mine.speaking'));
      else if (current) messages.push(t('floor.announce.speaker', { name: current.name }));
      else messages.push(t('floor.announce.ended'));
    } else if (mine?.speaking && !this.seen.speaking) {
      messages.push(t('floor.mine.speaking'));
    }
    if (mine && !mine.speaking && mine.position === 1 && this.seen.position !== 1) messages.push(t('floor.mine.next'));
    // Said again once the ledger brings the reason (it may come just after the line's push).
    const dismissed = f.left?.outcome === 'dismissed' ? this.leftText() : '';
    if (dismissed && dismissed !== this.seen.dismissed) messages.push(dismissed);
    if (view.open !== this.seen.open) messages.push(t(view.open ? 'floor.announce.open' : 'floor.announce.closed'));
    return messages;
  }

  private remember(): void {
    const f = this.state?.floor;
    this.seen = {
      speech: f?.view?.current?.speechId ?? null,
      position: f?.mine?.speaking ? 0 : (f?.mine?.position ?? 0),
      speaking: f?.mine?.speaking ?? false,
      dismissed: f?.left?.outcome === 'dismissed' ? this.leftText() : '',
      open: f?.view?.open ?? true,
    };
  }

  // ---- building -------------------------------------------------------------------------------

  private build(): void {
    let mine: Child[];
    if (this.participantId !== null) {
      this.withdrawButton.addEventListener('click', () => void this.withdraw());
      this.hubBox.addEventListener('change', () => {
        this.hubFields.hidden = !this.hubBox.checked;
        this.hubBox.setAttribute('aria-expanded', String(this.hubBox.checked));
        if (this.hubBox.checked) this.hubName.focus();
      });
      this.form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.ask();
      });
      for (const input of [this.noteInput, this.hubName, this.hubCount]) {
        input.addEventListener('input', () => {
          input.removeAttribute('aria-invalid');
          this.askError.textContent = '';
        });
      }
      mine = [this.myStatus, this.myDetail, h('p', { class: 'my-actions' }, this.withdrawButton), this.myError, this.askNote, this.form];
    } else {
      const next = encodeURIComponent(location.pathname);
      mine = [
        h('p', { id: 'floor-signin' }, tNodes('floor.signInPrompt', { link: h('a', { href: `/signin?next=${next}` }, t('nav.signIn')) })),
        h('p', { class: 'hint' }, ...createAccountHint(location.pathname)),
      ];
    }
    replaceChildren(
      this.speakerBox,
      this.speakerName,
      this.speakerMeta,
      h('div', { class: 'timer' }, this.timerText, h('span', { class: 'timer-track', 'aria-hidden': 'true' }, this.timerBar)),
    );
    const part = (id: string, title: MessageKey, ...children: Child[]) =>
      h('section', { class: 'floor-part', 'aria-labelledby': id }, h('h3', { id }, t(title)), ...children);
    const sub = (id: string, title: MessageKey, ...children: Child[]) =>
      h('section', { class: 'floor-sub', 'aria-labelledby': id }, h('h4', { id }, t(title)), ...children);
    replaceChildren(
      this.panel,
      h('h2', { id: 'floor-heading' }, t('floor.title')),
      h(
        'div',
        { class: 'floor-now' },
        part('floor-speaker-heading', 'floor.speaking', this.speakerBox, this.nobody),
        h('div', { class: 'floor-mine', id: 'floor-mine' }, mine),
      ),
      part('floor-line-heading', 'floor.line', this.lineStatus, this.head, this.more),
      part(
        'floor-balance-heading',
        'floor.balance',
        this.balanceTotal,
        this.figure,
        h(
          'div',
          { class: 'breakdowns' },
          sub('floor-region-heading', 'floor.byRegion', this.regions),
          sub('floor-gender-heading', 'floor.byGender', this.genders),
          sub('floor-where-heading', 'floor.where', this.where),
        ),
        sub('floor-overrides-heading', 'floor.overrides', this.overrides),
        sub('floor-dismissals-heading', 'floor.dismissals', this.dismissals),
      ),
    );
    this.renderSending();
  }

  private loadConsole(): void {
    if (this.consoleLoading) return;
    this.consoleLoading = true;
    import('./floorConsole')
      .then(({ FloorConsole }) => {
        const impl = new FloorConsole(this.sessionId, this.client, () => this.state);
        this.consoleImpl = impl;
        replaceChildren(this.console, impl.element);
        if (this.state) impl.update(this.state, new Set<Change>(['snapshot']), true);
        this.schedule();
      })
      .catch((error: unknown) => {
        this.consoleLoading = false; // tried again with the next change
        console.warn('floor: the console did not load', error);
      });
  }

  // ---- the timer ------------------------------------------------------------------------------

  /** One timer a second, while a speech runs (its clock) or, for moderators, someone waits. */
  private schedule(): void {
    const view = this.view;
    const needed = !!view && (view.current !== null || (this.moderator && view.waiting > 0));
    if (needed && this.timer === undefined) this.timer = window.setInterval(() => this.onTick(), 1000);
    else if (!needed && this.timer !== undefined) this.dispose();
  }

  private onTick(): void {
    this.renderTimer();
    this.consoleImpl?.tick(this.now());
  }

  // ---- drawing: the speech --------------------------------------------------------------------

  private renderSpeaker(): void {
    const c = this.view?.current ?? null;
    this.speakerBox.hidden = c === null;
    this.nobody.hidden = c !== null;
    if (!c) return;
    Object.assign(this.speakerBox.dataset, { speechId: String(c.speechId), entryId: String(c.entryId), kind: c.kind, group: c.group });
    this.speakerName.textContent = c.name;
    replaceChildren(
      this.speakerMeta,
      h('span', { class: 'speaker-group' }, groupLabel(c.group)),
      ' · ',
      h('span', { class: 'speaker-kind' }, kindLabel(c.kind)),
      ' · ',
      h('span', { class: 'speaker-where' }, whereLabel(c)),
    );
    this.renderTimer();
  }

  /** Counts from the start against the time given; past it, how far over (never announced). */
  private renderTimer(): void {
    const c = this.view?.current;
    if (!c) return;
    const end = c.endedAt ? Date.parse(c.endedAt) : this.now();
    const elapsed = Math.max(0, end - Date.parse(c.startedAt));
    const allotted = c.allottedSeconds * 1000;
    const over = elapsed - allotted;
    const params = { elapsed: formatClock(elapsed), allotted: formatClock(allotted), over: formatClock(over) };
    this.timerText.textContent = t(over >= 1000 ? 'floor.timerOver' : 'floor.timer', params);
    Object.assign(this.timerText.dataset, {
      elapsed: String(Math.floor(elapsed / 1000)),
      allotted: String(c.allottedSeconds),
      overrun: String(over >= 1000),
    });
    this.timerBar.style.inlineSize = `${Math.min(100, allotted > 0 ? (elapsed / allotted) * 100 : 100)}%`;
    this.speakerBox.classList.toggle('overrun', over >= 1000);
  }

  // ---- drawing: the person's request ----------------------------------------------------------

  private leftText(): string {
    const left = this.state?.floor.left;
    if (!left) return '';
    if (left.outcome !== 'dismissed') return t('floor.mine.withdrawn');
    const reason = this.view?.ledger.dismissals?.find((d) => d.entryId === left.entryId)?.reason;
    return reason ? t('floor.mine.dismissedReason', { reason }) : t('floor.mine.dismissed');
  }

  private renderMine(): void {
    const f = this.state?.floor;
    if (this.participantId === null || !f?.view) return;
    const mine = f.mine;
    let text = '';
    let state = '';
    if (mine?.speaking) [text, state] = [t('floor.mine.speaking'), 'speaking'];
    else if (mine && mine.position <= 1) [text, state] = [t('floor.mine.next'), 'next'];
    else if (mine) [text, state] = [tOrdinal('floor.mine.position', mine.position), 'waiting'];
    else if (f.left) [text, state] = [this.leftText(), f.left.outcome];
    this.myStatus.textContent = text;
    this.myStatus.hidden = text === '';
    Object.assign(this.myStatus.dataset, { state, position: String(mine?.speaking ? 0 : (mine?.position ?? 0)) });
    this.myDetail.hidden = !mine;
    if (mine) {
      this.myDetail.textContent = [
        t('floor.mine.request', { kind: kindLabel(mine.kind) }),
        mine.hub ? whereLabel({ inRoom: false, hub: mine.hub }) : null,
        mine.note,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    const status = this.state!.session.status;
    const taking = status === 'scheduled' || status === 'live';
    // After the end a request stays on record as it was left.
    this.withdrawButton.hidden = !mine || mine.speaking || !taking;
    this.withdrawButton.setAttribute('aria-disabled', String(this.withdrawing));

    const open = f.view.open && taking;
    this.form.hidden = mine !== null || !open;
    this.askNote.hidden = mine !== null || open;
    this.askNote.textContent = taking ? t('floor.ask.closed') : t('floor.ask.notLive');
    // A reply answers a speech: there is none to answer before the first.
    const reply = this.kindInputs[1]!;
    reply.disabled = f.view.current === null && f.view.ledger.speeches === 0;
    if (reply.disabled && reply.checked) this.kindInputs[0]!.checked = true;
  }

  private renderSending(): void {
    const sending = this.pending !== null;
    for (const input of [this.noteInput, this.hubName, this.hubCount]) input.readOnly = sending;
    this.askButton.setAttribute('aria-disabled', String(sending));
    this.form.setAttribute('aria-busy', String(sending));
    const connected = this.client.connectionState === 'connected' || this.client.connectionState === 'resynced';
    this.askStatus.textContent = !sending ? '' : connected ? t('floor.ask.sending') : t('floor.ask.waiting');
  }

  private invalid(input: HTMLInputElement, message: string): void {
    this.askError.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'floor-ask-error');
    input.focus();
  }

  private async ask(): Promise<void> {
    if (this.pending) return;
    this.askError.textContent = '';
    const kind = (this.kindInputs.find((i) => i.checked)?.value ?? 'intervention') as FloorKind;
    const note = this.noteInput.value.trim().slice(0, MAX_NOTE) || null;
    let hub: RemoteHub | null = null;
    if (this.hubBox.checked) {
      const name = this.hubName.value.trim();
      const headcount = Number(this.hubCount.value);
      if (!name) return this.invalid(this.hubName, t('floor.ask.error.hubName'));
      if (!Number.isInteger(headcount) || headcount < 1 || headcount > MAX_HEADCOUNT) {
        return this.invalid(this.hubCount, t('floor.ask.error.headcount'));
      }
      hub = { name, headcount };
    }
    // One id per request made, kept until the platform answers.
    this.pending = { id: requestId(), kind, note, hub };
    await this.send();
  }

  /** Sends the pending request; after a lost answer, the next join sends it again with the same id. */
  private async send(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    if (this.inFlight) {
      this.sendAgain = true;
      return;
    }
    this.inFlight = true;
    this.sendAgain = false;
    this.renderSending();
    try {
      const mine = await this.client.requestFloor(this.sessionId, p.id, p.kind, p.note, p.hub);
      this.pending = null;
      this.noteInput.value = '';
      const f = this.state?.floor;
      if (f) {
        takeMine(f, mine);
        this.renderMine();
        this.renderLine();
        announce(this.myStatus.textContent ?? '');
        this.remember();
        this.myStatus.focus();
      }
    } catch (error) {
      if (error instanceof HubRefusal) {
        // Refused (the queue closed, already waiting, too many): nothing was stored.
        this.pending = null;
        replaceChildren(this.askError, ...tNodes('floor.ask.error.refused', { message: platformText(error.message) }));
      } else if (!(error instanceof NotConnectedError)) {
        // The connection went before the answer came: the request may be stored. Sent again (same
        // id) after the next join; the platform answers as it did the first time.
        console.warn('floor: no answer to RequestFloor; sent again after reconnecting', error);
      }
    } finally {
      this.inFlight = false;
      this.renderSending();
      if (this.sendAgain && this.pending) void this.send();
    }
  }

  private async withdraw(): Promise<void> {
    const f = this.state?.floor;
    const mine = f?.mine;
    if (!f || !mine || this.withdrawing) return;
    this.withdrawing = true;
    this.myError.textContent = '';
    try {
      await this.client.withdrawFloor(this.sessionId, mine.entryId);
      if (f.mine?.entryId === mine.entryId) f.mine = null;
      f.left = { entryId: mine.entryId, outcome: 'withdrawn' };
      this.remember();
      announce(t('floor.mine.withdrawn'));
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : platformText((error as Error).message);
      replaceChildren(this.myError, ...tNodes('floor.mine.error', { message }));
    } finally {
      this.withdrawing = false;
      this.renderMine();
      this.renderLine();
      if (!f.mine) this.myStatus.focus();
    }
  }

  // ---- drawing: the line ----------------------------------------------------------------------

  private renderLine(): void {
    const view = this.view;
    if (!view) return;
    const mineId = this.state?.floor.mine?.entryId;
    replaceChildren(
      this.lineStatus,
      tn('floor.waiting', view.waiting),
      ' · ',
      h('span', { class: `badge ${view.open ? 'badge-open' : 'badge-closed'}` }, t(view.open ? 'floor.open' : 'floor.closed')),
    );
    Object.assign(this.lineStatus.dataset, { waiting: String(view.waiting), open: String(view.open) });
    replaceChildren(
      this.head,
      view.head.map((e) =>
        h(
          'li',
          { 'data-entry-id': e.entryId, 'data-group': e.group, 'data-kind': e.kind, class: e.entryId === mineId ? 'mine' : null },
          h('span', { class: 'head-group' }, groupLabel(e.group)),
          ' · ',
          h('span', { class: 'head-kind' }, kindLabel(e.kind)),
          ' · ',
          h('span', { class: 'head-where' }, whereLabel(e)),
          e.entryId === mineId ? h('strong', { class: 'head-you' }, ` (${t('floor.you')})`) : null,
        ),
      ),
    );
    this.head.hidden = view.head.length === 0;
    const rest = view.waiting - view.head.length;
    this.more.textContent = view.waiting === 0 ? t('floor.lineEmpty') : rest > 0 ? tn('floor.more', rest) : '';
    this.more.hidden = this.more.textContent === '';
  }

  // ---- drawing: the balance -------------------------------------------------------------------

  private renderLedger(): void {
    const ledger = this.view?.ledger;
    if (!ledger) return;
    this.balanceTotal.replaceChildren(
      ...(ledger.speeches === 0
        ? [t('floor.balance.none')]
        : tNodes('floor.balance.total', {
            speeches: tn('floor.speeches', ledger.speeches),
            time: formatClock(ledger.milliseconds),
            at: timeOf(ledger.at),
          })),
    );
    this.balanceTotal.dataset.speeches = String(ledger.speeches);
    this.renderChart(ledger);
    const shares = (list: HTMLUListElement, kind: 'region' | 'gender', values: Record<string, FloorShare>, known: readonly string[]) =>
      replaceChildren(
        list,
        ordered(values ?? {}, known).map((key) => this.shareItem(key, vocabularyLabel(kind, key), values[key]!)),
      );
    shares(this.regions, 'region', ledger.byRegion, REGIONS);
    shares(this.genders, 'gender', ledger.byGender, GENDERS);
    replaceChildren(
      this.where,
      this.shareItem('inRoom', t('floor.inRoom'), ledger.inRoom),
      this.shareItem('remote', t('floor.remote'), ledger.remote),
      h(
        'li',
        { 'data-key': 'remoteHubs' },
        t('floor.hubs', { share: formatPercent(ledger.remoteHubs?.share ?? 0), count: ledger.remoteHubHeadcount ?? 0 }),
      ),
    );
    const log = (list: HTMLUListElement, items: HTMLLIElement[]) =>
      replaceChildren(list, items.length > 0 ? items : h('li', { class: 'hint' }, t('floor.none')));
    log(
      this.overrides,
      (ledger.overrides ?? []).map((o) =>
        h(
          'li',
          { 'data-speech-id': o.speechId },
          tNodes(o.suggestedGroup ? 'floor.override' : 'floor.overrideAlone', {
            time: timeOf(o.at),
            moderator: o.moderatorName,
            name: o.givenTo,
            group: groupLabel(o.givenToGroup),
            suggested: groupLabel(o.suggestedGroup ?? ''),
            reason: h('q', { class: 'reason' }, o.reason),
          }),
        ),
      ),
    );
    log(
      this.dismissals,
      (ledger.dismissals ?? []).map((d) =>
        h(
          'li',
          { 'data-entry-id': d.entryId },
          tNodes('floor.dismissal', {
            time: timeOf(d.at),
            moderator: d.moderatorName,
            group: groupLabel(d.group),
            reason: h('q', { class: 'reason' }, d.reason),
          }),
        ),
      ),
    );
  }

  private shareItem(key: string, name: string, share: FloorShare): HTMLLIElement {
    const params = { name, share: formatPercent(share.share), target: share.target === null ? '' : formatPercent(share.target) };
    return h(
      'li',
      { 'data-key': key, 'data-share': share.share, 'data-target': share.target },
      t(share.target === null ? 'floor.shareOf' : 'floor.shareOfTarget', params),
    );
  }

  /** Floor time by stakeholder group against the target: an SVG chart, and a table with the same figures. */
  private renderChart(ledger: FloorLedger): void {
    const groups = ordered(ledger.byGroup ?? {}, STAKEHOLDER_GROUPS);
    this.figure.hidden = groups.length === 0;
    if (groups.length === 0) return this.figure.replaceChildren();
    const children = groupShareChart({
      id: 'floor-chart',
      className: 'floor-chart',
      tableId: 'floor-group-table',
      title: t('floor.chart.title'),
      legend: t('floor.chart.legend'),
      columns: (['floor.table.group', 'floor.table.speeches', 'floor.table.time', 'floor.table.share', 'floor.table.target'] as const).map(
        (key) => t(key),
      ),
      rows: groups.map((group) => {
        const s = ledger.byGroup[group]!;
        return {
          group,
          label: groupLabel(group),
          share: s.share,
          target: s.target,
          cells: [
            s.speeches.toLocaleString(locale),
            formatClock(s.milliseconds),
            formatPercent(s.share),
            s.target === null ? t('floor.noTarget') : formatPercent(s.target),
          ],
        };
      }),
    });
    this.figure.replaceChildren();
    append(this.figure, ...children);
  }
}
