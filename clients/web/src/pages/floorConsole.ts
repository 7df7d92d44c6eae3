// The moderators' speaking-queue console (loaded on demand, for the session's moderators only):
// take requests or not, the whole queue in the policy's order with who each is, the balance
// policy's suggestion with its reasons, giving the floor (to the suggestion as it is, to anyone
// else with a reason the figures keep), ending the speech, dismissing a request with a reason, and
// adding a speaker in the room. The queue is fetched again (GetFloorQueue, one at a time) after
// every change of the line; a suggestion on screen is fetched again after every change that can
// move it, so "Give the floor" to it is never to a stale one.
import { announce } from '../announce';
import { h, replaceChildren } from '../dom';
import { formatClock, platformText, t, tNodes, tOr, vocabularyLabel, type MessageKey } from '../i18n';
import { HubRefusal, NotConnectedError, type Change, type LiveClient, type LiveState } from '../live';
import { groupLabel, kindLabel, requestId, whereLabel, type FloorConsoleApi } from './floor';
import { keepingFocus, reconcile } from './questions';
import { FLOOR_KINDS, GENDERS, REGIONS, STAKEHOLDER_GROUPS, hasEnded, type FloorEntry, type FloorKind, type FloorSuggestion } from '../types';

const MAX_NAME = 80;
const MAX_REASON = 500;
/** Rows drawn at most (the queue may hold thousands). */
const SHOWN = 200;

type FormMode = 'give' | 'dismiss';

export class FloorConsole implements FloorConsoleApi {
  readonly element = h('section', { class: 'floor-console', id: 'floor-console', 'aria-labelledby': 'fc-heading' });

  private queue: FloorEntry[] = [];
  private loading = false;
  private loadAgain = false;
  /** undefined: not asked for yet; null: nobody waits. */
  private suggestion: FloorSuggestion | null | undefined = undefined;
  /** Fetched after the last change that can move it. */
  private fresh = false;
  private suggesting: Promise<void> | null = null;
  private suggestAgain = false;
  private busy = false;
  /** Open reason forms: entry id → what for, and the input (kept across redraws with what was typed). */
  private readonly forms = new Map<number, { mode: FormMode; input: HTMLInputElement; error: HTMLElement }>();
  private addId: string | null = null;

  private readonly heading = h('h2', { id: 'fc-heading', tabindex: '-1' }, t('fm.title'));
  private readonly openSwitch = h(
    'button',
    { type: 'button', role: 'switch', id: 'queue-open-switch', class: 'switch', 'aria-checked': 'true' },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }),
    t('fm.open'),
  );
  private readonly alert = h('p', { class: 'field-error', id: 'fc-error', role: 'alert' });
  private readonly suggestButton = h('button', { type: 'button', id: 'suggest-next' }, t('fm.suggest'));
  private readonly endButton = h('button', { type: 'button', id: 'end-speech', class: 'danger' }, t('fm.end'));
  private readonly suggestionBox = h('section', { class: 'fc-suggestion', id: 'fc-suggestion', 'aria-labelledby': 'fc-suggestion-heading', hidden: true });
  private readonly queueHeading = h('h3', { id: 'fc-queue-heading', tabindex: '-1' });
  private readonly list = h('ol', { class: 'fc-queue', id: 'fc-queue', 'aria-labelledby': 'fc-queue-heading' });
  private readonly more = h('p', { class: 'hint', id: 'fc-more' });
  private readonly nameInput = h('input', { type: 'text', id: 'fc-add-name', maxlength: MAX_NAME, autocomplete: 'off', required: true });
  private readonly groupSelect = this.select('fc-add-group', STAKEHOLDER_GROUPS, (g) => vocabularyLabel('group', g), t('fm.add.choose'));
  private readonly regionSelect = this.select('fc-add-region', REGIONS, (r) => vocabularyLabel('region', r), t('fm.add.choose'));
  private readonly genderSelect = this.select('fc-add-gender', GENDERS, (g) => vocabularyLabel('gender', g), t('fm.add.notGiven'));
  private readonly kindSelect = this.select('fc-add-kind', FLOOR_KINDS, kindLabel, null);
  private readonly addError = h('p', { class: 'field-error', id: 'fc-add-error', role: 'alert' });

  constructor(
    private readonly sessionId: string,
    private readonly client: LiveClient,
    private readonly getState: () => LiveState | null,
  ) {
    this.build();
  }

  // ---- incoming -------------------------------------------------------------------------------

  update(_state: LiveState, changes: ReadonlySet<Change>, all: boolean): void {
    if (all || changes.has('queue') || changes.has('status')) void this.refreshQueue();
    // What can move the suggestion: the line, the speech, who follows (equal targets for the groups present).
    if (all || changes.has('queue') || changes.has('speaker') || changes.has('presence') || changes.has('ledger')) {
      this.fresh = false;
      if (this.suggestion !== undefined) void this.suggest();
    }
    this.renderControls();
  }

  tick(now: number): void {
    for (const el of this.list.querySelectorAll<HTMLElement>('.fc-waited')) {
      el.textContent = t('fm.waited', { time: formatClock(now - Date.parse(el.dataset.since ?? '')) });
    }
  }

  private get view() {
    return this.getState()?.floor.view ?? null;
  }

  // ---- building -------------------------------------------------------------------------------

  private select<T extends string>(id: string, values: readonly T[], label: (v: T) => string, empty: string | null): HTMLSelectElement {
    return h(
      'select',
      { id },
      empty === null ? null : h('option', { value: '' }, empty),
      values.map((v) => h('option', { value: v }, label(v))),
    );
  }

  private build(): void {
    this.openSwitch.addEventListener('click', () => {
      const open = this.openSwitch.getAttribute('aria-checked') !== 'true';
      void this.command(() => this.client.setQueueOpen(this.sessionId, open)).then((error) => {
        if (!error) this.openSwitch.setAttribute('aria-checked', String(open));
      });
    });
    this.suggestButton.addEventListener('click', () => void this.suggest().then(() => this.suggestionBox.querySelector('h3')?.focus()));
    this.endButton.addEventListener('click', () => void this.command(() => this.client.endSpeech(this.sessionId)));
    const field = (id: string, label: MessageKey, control: HTMLElement, cls = 'field') =>
      h('div', { class: cls }, h('label', { for: id }, t(label)), control);
    const form = h(
      'form',
      { class: 'add-item fc-add', id: 'fc-add', 'aria-labelledby': 'fc-add-heading', novalidate: true },
      h('h3', { id: 'fc-add-heading' }, t('fm.add')),
      h(
        'div',
        { class: 'fields' },
        field('fc-add-name', 'fm.add.name', this.nameInput, 'field grow'),
        field('fc-add-group', 'fm.add.group', this.groupSelect),
        field('fc-add-region', 'fm.add.region', this.regionSelect),
        field('fc-add-gender', 'fm.add.gender', this.genderSelect),
        field('fc-add-kind', 'fm.add.kind', this.kindSelect),
        h('button', { type: 'submit', id: 'fc-add-submit' }, t('fm.add.submit')),
      ),
      this.addError,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
    // Another speaker: another request id when it is sent.
    form.addEventListener('input', () => {
      this.addId = null;
      this.addError.textContent = '';
    });
    replaceChildren(
      this.element,
      this.heading,
      h('p', { class: 'switch-line' }, this.openSwitch),
      this.alert,
      h('div', { class: 'session-buttons' }, this.suggestButton, this.endButton),
      this.suggestionBox,
      h('section', { class: 'fc-part', 'aria-labelledby': 'fc-queue-heading' }, this.queueHeading, this.list, this.more),
      form,
    );
  }

  // ---- fetching -------------------------------------------------------------------------------

  /** At most one GetFloorQueue at a time; one asked for meanwhile runs once afterwards. */
  private async refreshQueue(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return;
    }
    this.loading = true;
    this.loadAgain = false;
    try {
      this.queue = await this.client.getFloorQueue(this.sessionId);
      this.renderQueue();
    } catch (error) {
      if (!(error instanceof NotConnectedError)) replaceChildren(this.alert, ...tNodes('fm.error', { message: platformText((error as Error).message) }));
    } finally {
      this.loading = false;
      if (this.loadAgain) void this.refreshQueue();
    }
  }

  /** Fetches the suggestion (again while something moved it meanwhile) and shows it. */
  private suggest(): Promise<void> {
    if (this.suggesting) {
      this.suggestAgain = true;
      return this.suggesting;
    }
    this.suggesting = (async () => {
      do {
        this.suggestAgain = false;
        this.fresh = true;
        try {
          this.suggestion = await this.client.suggestNextSpeaker(this.sessionId);
        } catch (error) {
          this.fresh = false;
          if (!(error instanceof NotConnectedError)) replaceChildren(this.alert, ...tNodes('fm.error', { message: platformText((error as Error).message) }));
          break;
        }
      } while (this.suggestAgain || !this.fresh);
      this.renderSuggestion();
      this.renderQueue();
    })().finally(() => {
      this.suggesting = null;
    });
    return this.suggesting;
  }

  // ---- drawing --------------------------------------------------------------------------------

  private renderControls(): void {
    const view = this.view;
    if (!view) return;
    this.openSwitch.setAttribute('aria-checked', String(view.open));
    this.endButton.hidden = view.current === null;
    if (this.endButton.hidden && document.activeElement === this.endButton) this.suggestButton.focus();
  }

  private who(e: FloorEntry): HTMLElement[] {
    return [
      h('span', { class: 'fc-group' }, groupLabel(e.group)),
      h('span', { class: 'fc-region' }, vocabularyLabel('region', e.region)),
      h('span', { class: 'fc-kind' }, kindLabel(e.kind)),
      h('span', { class: 'fc-where' }, whereLabel(e)),
    ];
  }

  private renderSuggestion(): void {
    const s = this.suggestion;
    this.suggestionBox.hidden = s === undefined;
    if (s === undefined) return;
    const heading = h('h3', { id: 'fc-suggestion-heading', tabindex: '-1' }, t('fm.suggestion'));
    if (s === null) {
      this.suggestionBox.removeAttribute('data-entry-id');
      replaceChildren(this.suggestionBox, heading, h('p', { class: 'hint' }, t('floor.lineEmpty')));
      return;
    }
    const e = s.entry;
    this.suggestionBox.dataset.entryId = String(e.entryId);
    const focused = document.activeElement?.id === 'give-suggested';
    const give = h('button', { type: 'button', id: 'give-suggested', 'aria-describedby': 'fc-suggested-name' }, t('fm.give'));
    give.addEventListener('click', () => void this.give(e.entryId, null));
    replaceChildren(
      this.suggestionBox,
      heading,
      h('p', { class: 'fc-who' }, h('strong', { class: 'fc-name', id: 'fc-suggested-name' }, e.name), ' · ', this.joined(this.who(e))),
      e.note ? h('p', { class: 'fc-note' }, t('fm.note', { note: e.note })) : null,
      h('p', { class: 'fc-rule', 'data-rule': s.rule }, t('fm.rule', { rule: tOr(`fm.rule.${s.rule}`, s.rule) })),
      h('ul', { class: 'fc-reasons', id: 'fc-reasons' }, s.reasons.map((r) => h('li', { 'data-code': r.code }, r.text))),
      h('p', null, give),
    );
    if (focused) give.focus();
  }

  private joined(parts: HTMLElement[]): (HTMLElement | string)[] {
    return parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p]));
  }

  private renderQueue(): void {
    const suggested = this.fresh && this.suggestion ? this.suggestion.entry.entryId : null;
    const shown = this.queue.slice(0, SHOWN);
    this.queueHeading.textContent = t('fm.queue', { count: this.queue.length });
    this.queueHeading.dataset.count = String(this.queue.length);
    this.more.textContent = this.queue.length > SHOWN ? t('fm.more', { count: this.queue.length - SHOWN }) : '';
    this.more.hidden = this.more.textContent === '';
    keepingFocus(this.list, this.queueHeading, () =>
      reconcile(
        this.list,
        shown,
        (e) => String(e.entryId),
        (e) => JSON.stringify([e, e.entryId === suggested, this.forms.get(e.entryId)?.mode ?? null]),
        (e) => this.drawEntry(e, e.entryId === suggested),
      ),
    );
    const now = Date.now() - (this.getState()?.clockOffsetMs ?? 0);
    this.tick(now);
  }

  private drawEntry(e: FloorEntry, suggested: boolean): HTMLLIElement {
    const id = e.entryId;
    const nameId = `fc-name-${id}`;
    const form = this.forms.get(id);
    const ended = hasEnded(this.getState()?.session.status);
    const button = (action: FormMode, label: MessageKey, cls: string, onClick: () => void) =>
      h(
        'button',
        {
          type: 'button',
          class: `qc-action action-${action} ${cls}`,
          'data-focus-key': `${id}:${action}`,
          'aria-describedby': nameId,
          'aria-expanded': form ? String(form.mode === action) : null,
          onclick: onClick,
        },
        t(label),
      );
    return h(
      'li',
      { class: `fc-entry${suggested ? ' suggested' : ''}`, 'data-entry-id': id, 'data-position': e.position, 'data-suggested': String(suggested) },
      h(
        'p',
        { class: 'fc-line' },
        h('span', { class: 'fc-pos' }, `${e.position}.`),
        ' ',
        h('strong', { class: 'fc-name', id: nameId }, e.name),
        suggested ? h('span', { class: 'badge badge-now' }, t('fm.suggested')) : null,
      ),
      h('p', { class: 'fc-meta' }, this.joined([...this.who(e), h('span', { class: 'fc-waited', 'data-since': e.requestedAt })])),
      e.note ? h('p', { class: 'fc-note' }, t('fm.note', { note: e.note })) : null,
      // Once the session has ended the line stays on record as it was: nobody gets the floor or is dismissed.
      ended
        ? null
        : h(
            'div',
            { class: 'qc-actions', role: 'group', 'aria-label': e.name },
            button('give', 'fm.give', '', () => void this.giveClicked(id)),
            button('dismiss', 'fm.dismiss', 'danger-outline', () => this.openForm(id, 'dismiss')),
          ),
      form && !ended ? this.reasonForm(id, form.mode) : null,
    );
  }

  // ---- commands -------------------------------------------------------------------------------

  /** To the suggestion as it stands: at once. To anyone else: a reason first. */
  private async giveClicked(entryId: number): Promise<void> {
    if (!this.fresh) await this.suggest();
    if (this.fresh && this.suggestion?.entry.entryId === entryId) await this.give(entryId, null);
    else this.openForm(entryId, 'give');
  }

  private async give(entryId: number, reason: string | null): Promise<HubRefusal | Error | null> {
    const error = await this.command(() => this.client.giveFloor(this.sessionId, entryId, reason));
    if (!error) {
      // The button pressed (in the suggestion or the entry) goes with the entry: keep the focus in
      // the console, on what comes next, rather than let it fall to the page's body.
      const active = document.activeElement;
      const lost = !active || active === document.body || this.suggestionBox.contains(active) || this.list.contains(active);
      this.forms.delete(entryId);
      this.renderQueue();
      if (lost) this.suggestButton.focus();
    }
    return error;
  }

  private openForm(entryId: number, mode: FormMode): void {
    const open = this.forms.get(entryId);
    if (!open || open.mode !== mode) {
      const input = h('input', {
        type: 'text',
        id: `fc-reason-${entryId}`,
        class: 'hide-reason',
        maxlength: MAX_REASON,
        autocomplete: 'off',
        'data-focus-key': `${entryId}:reason`,
        'aria-describedby': `fc-reason-error-${entryId}`,
        onkeydown: (event: Event) => {
          if ((event as KeyboardEvent).key === 'Escape') this.closeForm(entryId, true);
        },
      });
      this.forms.set(entryId, { mode, input, error: h('p', { class: 'field-error', id: `fc-reason-error-${entryId}`, role: 'alert' }) });
    }
    this.renderQueue();
    this.forms.get(entryId)?.input.focus();
  }

  private closeForm(entryId: number, focusButton: boolean): void {
    const mode = this.forms.get(entryId)?.mode;
    this.forms.delete(entryId);
    this.renderQueue();
    if (focusButton) this.list.querySelector<HTMLElement>(`[data-focus-key="${entryId}:${mode}"]`)?.focus();
  }

  private reasonForm(entryId: number, mode: FormMode): HTMLFormElement {
    const { input, error } = this.forms.get(entryId)!;
    const form = h(
      'form',
      { class: 'hide-form fc-reason', novalidate: true, 'data-mode': mode },
      h('label', { for: input.id }, t(mode === 'give' ? 'fm.giveReason' : 'fm.dismissReason')),
      input,
      error,
      h(
        'div',
        { class: 'qc-actions' },
        h('button', { type: 'submit', class: mode === 'give' ? '' : 'danger', 'data-focus-key': `${entryId}:confirm` }, t(mode === 'give' ? 'fm.give' : 'fm.dismissConfirm')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.closeForm(entryId, true) }, t('qm.cancel')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = input.value.trim();
      if (!reason) {
        error.textContent = t('fm.reasonRequired');
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      error.textContent = '';
      const run =
        mode === 'give'
          ? this.give(entryId, reason)
          : this.command(() => this.client.dismissFloorEntry(this.sessionId, entryId, reason)).then((e) => {
              if (!e) this.closeForm(entryId, false);
              return e;
            });
      void run.then((e) => {
        if (e) error.textContent = this.alert.textContent;
      });
    });
    return form;
  }

  private async add(): Promise<void> {
    const name = this.nameInput.value.trim();
    this.addError.textContent = '';
    if (!name || name.length > MAX_NAME) {
      this.addError.textContent = t('fm.add.error.name');
      this.nameInput.focus();
      return;
    }
    if (!this.groupSelect.value || !this.regionSelect.value) {
      this.addError.textContent = t('fm.add.error.choose');
      (this.groupSelect.value ? this.regionSelect : this.groupSelect).focus();
      return;
    }
    // One id per speaker added, kept when the answer was lost, so that adding again adds once.
    this.addId ??= requestId();
    const draft = {
      name,
      group: this.groupSelect.value,
      region: this.regionSelect.value,
      gender: this.genderSelect.value || null,
      kind: this.kindSelect.value as FloorKind,
      inRoom: true,
    };
    const error = await this.command(() => this.client.addFloorEntry(this.sessionId, this.addId!, draft));
    if (!error || error instanceof HubRefusal) this.addId = null;
    if (error) {
      this.addError.textContent = this.alert.textContent;
      return;
    }
    this.nameInput.value = '';
    announce(t('fm.added', { name }));
    this.nameInput.focus();
  }

  /** One command at a time; the platform's refusal is shown as it words it. Returns the error, if any. */
  private async command(run: () => Promise<unknown>): Promise<HubRefusal | Error | null> {
    if (this.busy) return new Error('busy');
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    try {
      await run();
      this.alert.textContent = '';
      return null;
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : platformText((error as Error).message);
      replaceChildren(this.alert, ...tNodes('fm.error', { message }));
      return error as Error;
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }
}
