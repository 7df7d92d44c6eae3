// The live session view: details, the agenda with its current item, the connection state, and,
// for the session's moderators, the agenda controls. Changes arrive over the hub and are drawn
// without reload; focus stays where it was when the agenda is redrawn.
import { ApiError, getSession } from '../api';
import { announce } from '../announce';
import { getAuth } from '../auth';
import { h, paragraphs, replaceChildren } from '../dom';
import {
  formatDateTime,
  formatTime,
  localized,
  statusLabel,
  t,
  topicLabel,
  typeLabel,
  type MessageKey,
} from '../i18n';
import { LiveClient, NotConnectedError, type Change, type ConnectionState, type LiveState } from '../live';
import type { Cleanup } from '../router';
import type { AgendaItem, SessionDetails } from '../types';

const MAX_TITLE = 200;

/**
 * The id of a new agenda item, chosen here rather than left empty for the platform to fill: a
 * command that creates something carries a client-made id, so that a retry after an unknown
 * outcome cannot add the item twice. Letters, digits and '-' only (the platform's rule).
 */
function newItemId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `i-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
const MAX_MINUTES = 480;

export async function sessionPage(main: HTMLElement, params: Record<string, string>): Promise<Cleanup> {
  const sessionId = params.id ?? '';
  const auth = getAuth();
  const client = new LiveClient(auth?.token ?? null);
  document.title = `${t('session.title')} · ${t('app.name')}`;

  const view = new SessionView(main, sessionId, client, auth?.participantId ?? null);
  client.follow(sessionId, {
    onState: (state, changes) => view.onState(state, changes),
    onConnection: (state) => view.onConnection(state),
    onError: (message) => view.showError(message, true),
  });

  try {
    const details = await getSession(sessionId);
    view.onDetails(details);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      void client.stop();
      view.showNotFound();
    } else if (!view.hasState) {
      view.showError((error as Error).message);
    }
  }
  return () => void client.stop();
}

class SessionView {
  private state: LiveState | null = null;
  private details: SessionDetails | null = null;
  private connection: ConnectionState = 'connecting';
  private pending = false;
  /** The alert shows why joining failed; a later successful join clears it. */
  private joinError = false;
  /** The agenda the platform acknowledged for our last change, until its event arrives. */
  private acknowledged: AgendaItem[] | null = null;

  private readonly heading = h('h1', { id: 'session-title' }, t('app.loading'));
  private readonly meta = h('p', { class: 'meta' });
  private readonly topics = h('ul', { class: 'topics', 'aria-label': t('home.topics') });
  private readonly connectionIndicator = h('p', { class: 'connection', id: 'connection-state' });
  private readonly alert = h('div', { class: 'alert-region', role: 'alert', id: 'session-alert' });
  private readonly description = h('div', { class: 'description' });
  private readonly agendaHeading = h('h2', { id: 'agenda-heading', tabindex: '-1' }, t('session.agenda'));
  private readonly agendaTotal = h('p', { class: 'agenda-total' });
  private readonly agendaList = h('ol', { class: 'agenda', id: 'agenda', 'aria-labelledby': 'agenda-heading' });
  private readonly agendaEmpty = h('p', { class: 'agenda-empty', hidden: true }, t('session.agendaEmpty'));
  private readonly moderatorSection = h('section', {
    class: 'moderator',
    id: 'moderator-controls',
    'aria-labelledby': 'moderator-heading',
    hidden: true,
  });
  private readonly sessionButtons = h('div', { class: 'session-buttons' });
  private readonly article: HTMLElement;

  constructor(
    main: HTMLElement,
    private readonly sessionId: string,
    private readonly client: LiveClient,
    private readonly participantId: string | null,
  ) {
    this.article = h(
      'article',
      { class: 'session', 'aria-labelledby': 'session-title', 'aria-busy': 'true' },
      h('p', { class: 'back' }, h('a', { href: '/' }, t('session.backToList'))),
      h('header', { class: 'session-header' }, this.heading, this.meta, this.topics, this.connectionIndicator),
      this.alert,
      h(
        'section',
        { class: 'about', 'aria-labelledby': 'about-heading' },
        h('h2', { id: 'about-heading', class: 'visually-hidden' }, t('session.description')),
        this.description,
      ),
      h(
        'section',
        { class: 'agenda-section', 'aria-labelledby': 'agenda-heading' },
        this.agendaHeading,
        this.agendaTotal,
        this.agendaList,
        this.agendaEmpty,
      ),
      this.moderatorSection,
    );
    main.append(this.article);
    this.renderConnection();
    this.buildModeratorSection();
  }

  get hasState(): boolean {
    return this.state !== null;
  }

  // ---- incoming -------------------------------------------------------------------------------

  onDetails(details: SessionDetails): void {
    if (this.state) return; // the live snapshot is newer
    this.details = details;
    this.renderDetails(details);
  }

  onState(state: LiveState, changes: ReadonlySet<Change>): void {
    const first = this.state === null;
    this.state = state;
    this.details = state.session;
    this.article.removeAttribute('aria-busy');
    if (changes.has('snapshot') || changes.has('agenda')) this.acknowledged = null;
    if (changes.has('snapshot') && this.joinError) this.clearError();

    if (first || changes.has('snapshot') || changes.has('status') || changes.has('details')) {
      this.renderDetails(state.session);
    }
    this.renderAgenda();
    this.renderModerator();

    if (first) return;
    if (changes.has('status')) announce(t('session.statusChanged', { status: statusLabel(state.session.status) }));
    else if (changes.has('current')) {
      const current = state.agenda.find((i) => i.id === state.currentItemId);
      announce(current ? t('session.currentChanged', { title: current.title }) : t('session.agendaChanged'));
    } else if (changes.has('agenda') || changes.has('snapshot')) announce(t('session.agendaChanged'));
  }

  onConnection(state: ConnectionState): void {
    const previous = this.connection;
    this.connection = state;
    this.renderConnection();
    if (state === previous) return;
    if (state === 'reconnecting') announce(t('conn.announce.reconnecting'));
    else if (state === 'resynced') announce(t('conn.announce.resynced'));
  }

  showError(message: string, fromJoin = false): void {
    this.joinError = fromJoin;
    replaceChildren(
      this.alert,
      h('p', null, message),
      h('button', { type: 'button', class: 'link-button', onclick: () => this.clearError() }, t('mod.dismiss')),
    );
  }

  clearError(): void {
    this.joinError = false;
    this.alert.textContent = '';
  }

  showNotFound(): void {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
    replaceChildren(
      this.article,
      h('h1', { id: 'session-title' }, t('notFound.title')),
      h('p', null, t('session.notFound')),
      h('p', null, h('a', { href: '/' }, t('session.backToList'))),
    );
    this.article.removeAttribute('aria-busy');
  }

  // ---- drawing --------------------------------------------------------------------------------

  private renderDetails(s: SessionDetails): void {
    const title = localized(s.titles, s.title);
    this.heading.textContent = title;
    document.title = `${title} · ${t('app.name')}`;
    const start = new Date(s.startsAt);
    const end = new Date(start.getTime() + s.durationMinutes * 60_000);
    replaceChildren(
      this.meta,
      h('span', { class: `badge badge-${s.status}`, id: 'session-status', 'data-status': s.status }, statusLabel(s.status)),
      ' ',
      h('span', { class: 'type' }, typeLabel(s.type)),
      ' · ',
      h('time', { datetime: s.startsAt }, formatDateTime(start)),
      '–',
      h('time', { datetime: end.toISOString() }, formatTime(end)),
      ' ',
      h('span', { class: 'duration' }, `(${t('session.duration', { minutes: s.durationMinutes })})`),
    );
    replaceChildren(this.topics, (s.topics ?? []).map((slug) => h('li', null, topicLabel(slug))));
    this.topics.hidden = (s.topics ?? []).length === 0;
    replaceChildren(this.description, paragraphs(localized(s.descriptions, s.description ?? '')));
  }

  private renderConnection(): void {
    this.connectionIndicator.dataset.state = this.connection;
    replaceChildren(
      this.connectionIndicator,
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      t('session.connection', { state: t(`conn.${this.connection}` as MessageKey) }),
    );
  }

  private renderAgenda(): void {
    const state = this.state;
    if (!state) return;
    const moderator = this.isModerator();

    // Remember which control had focus, so that it (or its nearest neighbour) gets it back.
    const active = document.activeElement as HTMLElement | null;
    const inList = active !== null && this.agendaList.contains(active);
    const focusKey = inList ? active.dataset.focusKey : undefined;
    const focusItem = inList ? active.closest('li')?.dataset.itemId : undefined;
    const focusIndex = inList
      ? [...this.agendaList.children].indexOf(active.closest('li') as Element)
      : -1;

    const items = state.agenda;
    replaceChildren(
      this.agendaList,
      items.map((item, index) => this.renderItem(item, index, items.length, item.id === state.currentItemId, moderator)),
    );
    this.agendaEmpty.hidden = items.length > 0;
    const total = items.reduce((sum, i) => sum + (i.minutes || 0), 0);
    this.agendaTotal.textContent = items.length > 0 ? t('session.agendaTotal', { minutes: total }) : '';
    this.agendaList.setAttribute('aria-busy', String(this.pending));

    if (inList) this.restoreFocus(focusKey, focusItem, focusIndex);
  }

  private restoreFocus(key: string | undefined, itemId: string | undefined, index: number): void {
    const controls = [...this.agendaList.querySelectorAll<HTMLElement>('[data-focus-key]')];
    const usable = (el: HTMLElement | undefined): el is HTMLElement =>
      !!el && !(el as HTMLButtonElement).disabled;
    const exact = controls.find((el) => el.dataset.focusKey === key);
    if (usable(exact)) return exact.focus();
    const items = [...this.agendaList.children] as HTMLElement[];
    const sameItem = items.find((li) => li.dataset.itemId === itemId);
    const neighbour = sameItem ?? items[Math.min(Math.max(index, 0), items.length - 1)];
    const inItem = neighbour
      ? [...neighbour.querySelectorAll<HTMLElement>('[data-focus-key]')].find(usable)
      : undefined;
    if (inItem) return inItem.focus();
    this.agendaHeading.focus();
  }

  private renderItem(item: AgendaItem, index: number, count: number, current: boolean, moderator: boolean): HTMLLIElement {
    const li = h(
      'li',
      {
        class: current ? 'agenda-item current' : 'agenda-item',
        'data-item-id': item.id,
        'aria-current': current ? 'true' : null,
      },
      h(
        'div',
        { class: 'item-line' },
        h('span', { class: 'item-title' }, item.title),
        current ? h('span', { class: 'now-badge' }, t('session.now')) : null,
        h('span', { class: 'item-minutes' }, t('session.itemMinutes', { minutes: item.minutes })),
      ),
      item.speakers?.length
        ? h('p', { class: 'speakers' }, t('session.speakers', { names: item.speakers.join(', ') }))
        : null,
    );
    if (moderator) {
      const button = (action: string, label: MessageKey, aria: MessageKey, onClick: () => void, disabled = false) =>
        h(
          'button',
          {
            type: 'button',
            class: `item-action action-${action}`,
            'data-focus-key': `${item.id}:${action}`,
            'aria-label': t(aria, { title: item.title }),
            disabled,
            onclick: onClick,
          },
          t(label),
        );
      li.append(
        h(
          'div',
          { class: 'item-controls', role: 'group', 'aria-label': t('mod.itemControls', { title: item.title }) },
          button('up', 'mod.moveUp', 'mod.moveUpLabel', () => this.move(index, -1), index === 0),
          button('down', 'mod.moveDown', 'mod.moveDownLabel', () => this.move(index, 1), index === count - 1),
          button('current', 'mod.makeCurrent', 'mod.makeCurrentLabel', () => this.makeCurrent(item.id), current),
          button('remove', 'mod.remove', 'mod.removeLabel', () => this.remove(index)),
        ),
      );
    }
    return li;
  }

  // ---- moderator ------------------------------------------------------------------------------

  private isModerator(): boolean {
    const moderators = this.details?.moderators ?? [];
    return this.participantId !== null && moderators.includes(this.participantId);
  }

  private readonly titleInput = h('input', {
    id: 'new-item-title',
    name: 'title',
    type: 'text',
    required: true,
    maxlength: MAX_TITLE,
    autocomplete: 'off',
  });
  private readonly minutesInput = h('input', {
    id: 'new-item-minutes',
    name: 'minutes',
    type: 'number',
    inputmode: 'numeric',
    min: 1,
    max: MAX_MINUTES,
    step: 1,
    value: 10,
    required: true,
  });
  private readonly addError = h('p', { class: 'field-error', id: 'new-item-error' });

  private buildModeratorSection(): void {
    const form = h(
      'form',
      { class: 'add-item', 'aria-labelledby': 'add-item-heading', novalidate: true },
      h('h3', { id: 'add-item-heading' }, t('mod.addItem')),
      h(
        'div',
        { class: 'fields' },
        h('div', { class: 'field grow' }, h('label', { for: 'new-item-title' }, t('mod.itemTitle')), this.titleInput),
        h('div', { class: 'field' }, h('label', { for: 'new-item-minutes' }, t('mod.itemMinutes')), this.minutesInput),
        h('button', { type: 'submit' }, t('mod.add')),
      ),
      this.addError,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
    replaceChildren(
      this.moderatorSection,
      h('h2', { id: 'moderator-heading' }, t('mod.title')),
      h('h3', null, t('mod.sessionControls')),
      this.sessionButtons,
      form,
    );
  }

  private renderModerator(): void {
    const moderator = this.isModerator() && this.state !== null;
    this.moderatorSection.hidden = !moderator;
    if (!moderator) return;
    const status = this.state!.session.status;
    const hadFocus = this.sessionButtons.contains(document.activeElement);
    const buttons: HTMLButtonElement[] = [];
    if (status === 'scheduled' || status === 'draft') {
      buttons.push(
        h('button', { type: 'button', id: 'start-session', onclick: () => this.command(() => this.client.startSession(this.sessionId)) }, t('mod.start')),
      );
    }
    if (status === 'live') {
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            id: 'end-session',
            class: 'danger',
            onclick: () => {
              if (window.confirm(t('mod.confirmEnd'))) void this.command(() => this.client.endSession(this.sessionId));
            },
          },
          t('mod.end'),
        ),
      );
    }
    replaceChildren(this.sessionButtons, buttons);
    if (hadFocus && !this.sessionButtons.contains(document.activeElement)) {
      (buttons[0] ?? this.agendaHeading).focus();
    }
  }

  private baseAgenda(): AgendaItem[] {
    return [...(this.acknowledged ?? this.state?.agenda ?? [])];
  }

  private move(index: number, delta: number): void {
    const items = this.baseAgenda();
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    [items[index], items[target]] = [items[target]!, items[index]!];
    void this.changeAgenda(items);
  }

  private remove(index: number): void {
    const items = this.baseAgenda();
    items.splice(index, 1);
    void this.changeAgenda(items);
  }

  private makeCurrent(itemId: string): void {
    void this.command(() => this.client.setCurrentItem(this.sessionId, itemId));
  }

  private async add(): Promise<void> {
    const title = this.titleInput.value.trim();
    const minutes = Number(this.minutesInput.value);
    this.addError.textContent = '';
    this.titleInput.removeAttribute('aria-invalid');
    this.minutesInput.removeAttribute('aria-invalid');
    this.titleInput.removeAttribute('aria-describedby');
    this.minutesInput.removeAttribute('aria-describedby');
    if (!title || title.length > MAX_TITLE) {
      this.invalid(this.titleInput, t('mod.error.titleRequired'));
      return;
    }
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
      this.invalid(this.minutesInput, t('mod.error.minutes'));
      return;
    }
    const items = this.baseAgenda();
    items.push({ id: newItemId(), title, minutes, speakers: [] });
    if (await this.changeAgenda(items)) {
      this.titleInput.value = '';
      announce(t('mod.itemAdded', { title }));
      this.titleInput.focus();
    }
  }

  private invalid(input: HTMLInputElement, message: string): void {
    this.addError.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'new-item-error');
    input.focus();
  }

  private async changeAgenda(items: AgendaItem[]): Promise<boolean> {
    return this.command(async () => {
      const result = await this.client.setAgenda(this.sessionId, items);
      if (Array.isArray(result)) this.acknowledged = result;
    });
  }

  /** Runs one moderator command at a time; shows the platform's refusal in the alert. */
  private async command(run: () => Promise<unknown>): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    this.agendaList.setAttribute('aria-busy', 'true');
    try {
      await run();
      this.clearError();
      return true;
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : (error as Error).message;
      this.showError(t('mod.error.generic', { message }));
      return false;
    } finally {
      this.pending = false;
      this.agendaList.setAttribute('aria-busy', 'false');
    }
  }
}
