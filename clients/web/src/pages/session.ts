// The live session view: details, the agenda in time (expected starts, done / now / upcoming /
// skipped, how late the session runs), the speaking queue (./floor), the questions (./questions),
// who is following, and, for the session's moderators, the agenda controls. Changes arrive over the hub and are drawn without reload; focus stays where it
// was when the agenda is redrawn; only the current item and status changes are announced.
import { agendaIcsUrl, ApiError, getSession } from '../api';
import { announce } from '../announce';
import { getAuth } from '../auth';
import { h, paragraphs, replaceChildren, type Child } from '../dom';
import {
  formatDateTime,
  formatTime,
  locale,
  localized,
  markLanguage,
  platformText,
  statusLabel,
  t,
  tn,
  tNodes,
  topicLabel,
  typeLabel,
  vocabularyLabel,
  type MessageKey,
} from '../i18n';
import { ConnectionIndicator } from '../connection';
import { LiveClient, NotConnectedError, type Change, type ConnectionState, type LiveState } from '../live';
import type { Cleanup } from '../router';
import { extrapolate } from '../timeline';
import { FloorView } from './floor';
import { QuestionsView } from './questions';
import {
  GENDERS,
  REGIONS,
  STAKEHOLDER_GROUPS,
  hasEnded,
  type AgendaItem,
  type ItemStatus,
  type Presence,
  type SessionDetails,
  type SessionEvent,
  type Timeline,
  type TimelineItem,
} from '../types';

const MAX_TITLE = 200;
const MAX_MINUTES = 480;
const STEP_MINUTES = 5;

export async function sessionPage(main: HTMLElement, params: Record<string, string>): Promise<Cleanup> {
  const sessionId = params.id ?? '';
  const auth = getAuth();
  const client = new LiveClient(auth?.token ?? null);
  document.title = `${t('session.title')} · ${t('app.name')}`;

  const view = new SessionView(main, sessionId, client, auth?.participantId ?? null);
  client.follow(sessionId, {
    onState: (state, changes, events) => view.onState(state, changes, events),
    onConnection: (state) => view.onConnection(state),
    onError: (message) => view.showError(platformText(message), true),
    onJoined: () => view.onJoined(),
  });

  try {
    const details = await getSession(sessionId);
    view.onDetails(details);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      void client.stop();
      view.showNotFound();
    } else if (!view.hasState) {
      view.showError(platformText((error as Error).message));
    }
  }
  return () => {
    view.dispose();
    void client.stop();
  };
}

const time = (iso: string, cls?: string): HTMLTimeElement =>
  h('time', { datetime: new Date(iso).toISOString(), class: cls }, formatTime(new Date(iso)));

/** One line per group, region or gender, in the contract's order, zero until counted. */
function breakdownList(kind: 'group' | 'region' | 'gender', keys: readonly string[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'breakdown', id: `presence-by-${kind}` },
    keys.map((key) =>
      h(
        'li',
        { 'data-key': key, 'data-count': 0 },
        h('span', { class: 'name' }, vocabularyLabel(kind, key)),
        h('span', { class: 'bar', 'aria-hidden': 'true' }),
        h('span', { class: 'count' }, '0'),
      ),
    ),
  );
}

const plusMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Changes that leave the agenda alone. */
const NOT_AGENDA: ReadonlySet<Change> = new Set<Change>(['presence', 'questions', 'votes', 'moderation', 'queue', 'speaker', 'ledger', 'proceedings']);

class SessionView {
  private state: LiveState | null = null;
  private details: SessionDetails | null = null;
  /** The timeline as drawn: the platform's, moved on by the minutes an overrun has lasted since. */
  private timeline: Timeline | null = null;
  private tick: number | undefined;
  /** What a full redraw of the agenda depends on besides times; times alone are updated in place. */
  private drawnShape = '';
  private pending = false;
  /** The alert shows why joining failed; a later successful join clears it. */
  private joinError = false;
  /** The agenda the platform returned for our last edit, until its event arrives (for positions). */
  private acknowledged: AgendaItem[] | null = null;
  /** A signed-in participant's answer to "where do you follow from", said again after every join. */
  private inRoom: boolean;

  private readonly heading = h('h1', { id: 'session-title' }, t('app.loading'));
  private readonly meta = h('p', { class: 'meta' });
  private readonly topics = h('ul', { class: 'topics', 'aria-label': t('home.topics') });
  private readonly calendarLink = h('a', { class: 'ics-link', id: 'session-ics', download: '' }, t('home.addToCalendar'));
  /** Once the session has ended: the published proceedings, and for its editors the proceedings editor. */
  private readonly proceedingsParts = {
    publishedLine: h('p', { class: 'proceedings-published', id: 'proceedings-published', hidden: true }),
    publishedText: h('span'),
    readLink: h('a', { id: 'proceedings-link' }, t('session.proceedings.read')),
    editLine: h('p', { class: 'proceedings-edit', hidden: true }),
    editLink: h('a', { id: 'proceedings-editor-link' }),
  };
  private readonly proceedingsLine = h(
    'div',
    { class: 'session-proceedings', id: 'session-proceedings', hidden: true },
    this.proceedingsParts.publishedLine,
    this.proceedingsParts.editLine,
  );
  private readonly connectionIndicator = new ConnectionIndicator('conn.announce.resynced');
  private readonly alert = h('div', { class: 'alert-region', role: 'alert', id: 'session-alert' });
  private readonly description = h('div', { class: 'description' });
  private readonly agendaHeading = h('h2', { id: 'agenda-heading', tabindex: '-1' }, t('session.agenda'));
  private readonly scheduleStatus = h('p', { class: 'schedule-status', id: 'schedule-status', hidden: true });
  private readonly agendaTotal = h('p', { class: 'agenda-total' });
  private readonly agendaList = h('ol', { class: 'agenda', id: 'agenda', 'aria-labelledby': 'agenda-heading' });
  private readonly agendaEmpty = h('p', { class: 'agenda-empty', hidden: true }, t('session.agendaEmpty'));
  private readonly presenceSection = h('section', {
    class: 'presence',
    id: 'presence',
    'aria-labelledby': 'presence-heading',
    hidden: true,
  });
  private readonly presenceTotal = h('p', { class: 'presence-total', id: 'presence-total' });
  private readonly breakdowns = {
    group: breakdownList('group', STAKEHOLDER_GROUPS),
    region: breakdownList('region', REGIONS),
    gender: breakdownList('gender', GENDERS),
  };
  private readonly moderatorSection = h('section', {
    class: 'moderator',
    id: 'moderator-controls',
    'aria-labelledby': 'moderator-heading',
    hidden: true,
  });
  private readonly startButton = h('button', { type: 'button', id: 'start-session' }, t('mod.start'));
  private readonly nextButton = h('button', { type: 'button', id: 'next-item' }, t('mod.next'));
  private readonly endButton = h('button', { type: 'button', id: 'end-session', class: 'danger' }, t('mod.end'));
  private readonly article: HTMLElement;
  private readonly questions: QuestionsView;
  private readonly floor: FloorView;

  constructor(
    main: HTMLElement,
    private readonly sessionId: string,
    private readonly client: LiveClient,
    private readonly participantId: string | null,
  ) {
    this.inRoom = participantId !== null && sessionStorage.getItem(this.attendanceKey) === 'room';
    this.questions = new QuestionsView(sessionId, client, participantId);
    this.floor = new FloorView(sessionId, client, participantId);
    this.calendarLink.href = agendaIcsUrl(sessionId);
    this.article = h(
      'article',
      { class: 'session', 'aria-labelledby': 'session-title', 'aria-busy': 'true' },
      h('p', { class: 'back' }, h('a', { href: '/' }, t('session.backToList'))),
      h(
        'header',
        { class: 'session-header' },
        this.heading,
        this.meta,
        this.topics,
        h('p', { class: 'ics' }, this.calendarLink),
        this.proceedingsLine,
        this.connectionIndicator.element,
      ),
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
        this.scheduleStatus,
        this.agendaTotal,
        this.agendaList,
        this.agendaEmpty,
      ),
      this.floor.panel,
      this.questions.panel,
      this.presenceSection,
      this.moderatorSection,
      this.floor.console,
      this.questions.console,
    );
    main.append(this.article);
    this.buildPresenceSection();
    this.buildModeratorSection();
    const { publishedLine, publishedText, readLink, editLine, editLink } = this.proceedingsParts;
    publishedLine.append(publishedText, ' ', readLink);
    editLine.append(editLink);
  }

  get hasState(): boolean {
    return this.state !== null;
  }

  dispose(): void {
    window.clearTimeout(this.tick);
    this.floor.dispose();
  }

  // ---- incoming -------------------------------------------------------------------------------

  onDetails(details: SessionDetails): void {
    if (this.state) return; // the live snapshot is newer
    this.details = details;
    this.renderDetails(details);
    this.renderProceedings();
  }

  onState(state: LiveState, changes: ReadonlySet<Change>, events: readonly SessionEvent[] = []): void {
    const first = this.state === null;
    const before = new Map((this.timeline?.items ?? []).map((i) => [i.itemId, i.status]));
    this.state = state;
    this.details = state.session;
    this.article.removeAttribute('aria-busy');
    if (changes.has('snapshot') || changes.has('agenda')) this.acknowledged = null;
    if (changes.has('snapshot') && this.joinError) this.clearError();

    if (first || changes.has('snapshot') || changes.has('status') || changes.has('details')) {
      this.renderDetails(state.session);
    }
    if (first || changes.has('snapshot') || changes.has('presence')) this.renderPresence(state.presence);
    this.renderProceedings();
    // Presence and questions leave the agenda alone; a new timeline alone redraws only the times
    // when it changes no item's status.
    if (first || [...changes].some((c) => !NOT_AGENDA.has(c))) {
      this.refreshAgenda(!first && [...changes].every((c) => c === 'timeline' || NOT_AGENDA.has(c)));
    }
    const questionNews = this.questions.update(state, changes, events, this.isModerator());
    const floorNews = this.floor.update(state, changes, this.isModerator());

    if (first) return;
    const messages: string[] = [];
    const titleOf = (id: string | null): string | undefined => state.agenda.find((i) => i.id === id)?.title;
    const current = titleOf(state.currentItemId);
    const skipped = (this.timeline?.items ?? []).find((i) => i.status === 'skipped' && before.get(i.itemId) !== 'skipped');
    if (changes.has('status')) messages.push(t('session.statusChanged', { status: statusLabel(state.session.status) }));
    else if (changes.has('current') && current) messages.push(t('session.currentChanged', { title: current }));
    else if (skipped && changes.has('timeline')) messages.push(t('session.itemSkipped', { title: titleOf(skipped.itemId) ?? '' }));
    else if (changes.has('current')) messages.push(t('session.noCurrent'));
    else if (changes.has('agenda') || changes.has('snapshot')) messages.push(t('session.agendaChanged'));
    if (changes.has('proceedings') && state.proceedings) messages.push(t('session.proceedings.announce', { version: state.proceedings.version }));
    messages.push(...floorNews, ...questionNews);
    if (messages.length > 0) announce(messages.join(' '));
  }

  onConnection(state: ConnectionState): void {
    this.connectionIndicator.show(state);
    this.questions.onConnection();
    this.floor.onConnection();
  }

  /** The platform forgets attendance with the connection: say it again after every join. */
  onJoined(): void {
    if (this.participantId !== null && this.inRoom) void this.sendAttendance(true);
    this.questions.onJoined();
    this.floor.onJoined();
  }

  showError(message: Child | Child[], fromJoin = false): void {
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
    this.dispose();
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
    replaceChildren(
      this.article,
      h('h1', { id: 'session-title' }, t('notFound.title')),
      h('p', null, t('session.notFound')),
      h('p', null, h('a', { href: '/' }, t('session.backToList'))),
    );
    this.article.removeAttribute('aria-busy');
  }

  // ---- drawing: details and connection --------------------------------------------------------

  private renderDetails(s: SessionDetails): void {
    const title = localized(s.titles, s.title);
    this.heading.textContent = title;
    markLanguage(this.heading, s.titles);
    document.title = `${title} · ${t('app.name')}`;
    this.calendarLink.setAttribute('aria-label', t('home.addToCalendarLabel', { title }));
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
      h('span', { class: 'duration' }, t('session.durationShown', { minutes: s.durationMinutes.toLocaleString(locale) })),
    );
    replaceChildren(this.topics, (s.topics ?? []).map((slug) => h('li', null, topicLabel(slug))));
    this.topics.hidden = (s.topics ?? []).length === 0;
    replaceChildren(this.description, paragraphs(localized(s.descriptions, s.description ?? '')));
    markLanguage(this.description, s.descriptions);
  }

  /** The session's moderators and the organizers prepare and publish its proceedings. */
  private canEditProceedings(): boolean {
    return this.isModerator() || (getAuth()?.roles.includes('organizer') ?? false);
  }

  /**
   * Published: a link to the proceedings (the version just pushed, else the latest); ended: the
   * editor, for its moderators and the organizers. Updated in place, so a focused link keeps the focus.
   */
  private renderProceedings(): void {
    const status = this.details?.status;
    const pushed = this.state?.proceedings ?? null;
    const published = status === 'published' || pushed !== null;
    const editor = hasEnded(status) && this.canEditProceedings();
    const id = encodeURIComponent(this.sessionId);
    const { publishedLine, publishedText, readLink, editLine, editLink } = this.proceedingsParts;
    publishedLine.hidden = !published;
    if (pushed) publishedLine.dataset.version = String(pushed.version);
    publishedText.textContent = pushed ? t('session.proceedings.version', { version: pushed.version }) : t('session.proceedings.published');
    readLink.href = pushed ? `/archive/${id}/v/${pushed.version}` : `/archive/${id}`;
    editLine.hidden = !editor;
    editLink.href = `/sessions/${id}/proceedings`;
    editLink.textContent = t(published ? 'session.proceedings.edit' : 'session.proceedings.prepare');
    this.proceedingsLine.hidden = !published && !editor;
  }

  // ---- drawing: the agenda in time ------------------------------------------------------------

  /** The platform's timeline moved on to now, and a timer for the next minute an overrun adds. */
  private updateTimeline(): void {
    window.clearTimeout(this.tick);
    const state = this.state;
    if (!state?.timeline) {
      this.timeline = null;
      return;
    }
    const live = state.session.status === 'live';
    const { timeline, nextChangeAt } = extrapolate(state.timeline, state.agenda, live, Date.now() - state.clockOffsetMs);
    this.timeline = timeline;
    if (nextChangeAt !== null) {
      // At most once a minute, and only while something can move.
      const delay = Math.max(1_000, nextChangeAt + state.clockOffsetMs - Date.now());
      this.tick = window.setTimeout(() => this.onTick(), Math.min(delay, 2 ** 31 - 1));
    }
  }

  private onTick(): void {
    this.refreshAgenda(true);
  }

  private refreshAgenda(timesOnly: boolean): void {
    this.updateTimeline();
    if (timesOnly && this.shape() === this.drawnShape) this.renderTimes();
    else this.renderAgenda();
    this.renderModerator();
  }

  private itemTime(id: string): TimelineItem | undefined {
    return this.timeline?.items.find((i) => i.itemId === id);
  }

  private statusOf(item: AgendaItem): ItemStatus {
    if (item.id === this.state?.currentItemId) return 'current';
    const status = this.itemTime(item.id)?.status;
    return status === 'current' ? 'upcoming' : (status ?? 'upcoming');
  }

  private shape(): string {
    const state = this.state;
    if (!state) return '';
    const statuses = state.agenda.map((i) => this.statusOf(i));
    return JSON.stringify([state.agenda, statuses, state.currentItemId, state.session.status, this.isModerator()]);
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
    const focusIndex = inList ? [...this.agendaList.children].indexOf(active.closest('li') as Element) : -1;

    const items = state.agenda;
    replaceChildren(
      this.agendaList,
      items.map((item, index) => this.renderItem(item, index, items.length, moderator)),
    );
    this.agendaEmpty.hidden = items.length > 0;
    const total = items.reduce((sum, i) => sum + (i.minutes || 0), 0);
    this.agendaTotal.textContent = items.length > 0 ? t('session.agendaTotal', { minutes: total }) : '';
    this.agendaList.setAttribute('aria-busy', String(this.pending));
    this.renderScheduleStatus();
    this.drawnShape = this.shape();

    if (inList) this.restoreFocus(focusKey, focusItem, focusIndex);
  }

  /** Times only (a push of the timeline, or a minute of overrun): in place, nothing else redrawn. */
  private renderTimes(): void {
    for (const li of this.agendaList.children as HTMLCollectionOf<HTMLElement>) {
      const item = this.state?.agenda.find((i) => i.id === li.dataset.itemId);
      if (!item) continue;
      const when = li.querySelector('.item-when');
      if (when) replaceChildren(when, this.whenOf(item));
      const times = li.querySelector('.item-times');
      if (times) replaceChildren(times, this.plannedActualOf(item));
    }
    this.renderScheduleStatus();
  }

  private renderScheduleStatus(): void {
    const status = this.state?.session.status;
    const timeline = this.timeline;
    const running = status === 'live' || hasEnded(status);
    this.scheduleStatus.hidden = !timeline || !running;
    if (!timeline || !running) return;
    const late = timeline.runningLateMinutes;
    const live = status === 'live';
    const text =
      late > 0
        ? tn(live ? 'session.late' : 'session.endedLate', late)
        : late < 0
          ? tn(live ? 'session.early' : 'session.endedEarly', -late)
          : t(live ? 'session.onTime' : 'session.endedOnTime');
    this.scheduleStatus.dataset.lateMinutes = String(late);
    replaceChildren(
      this.scheduleStatus,
      h('strong', { class: 'late' }, text),
      ' · ',
      tNodes(live ? 'session.expectedEnd' : 'session.actualEnd', { time: time(timeline.expectedEnd, 'session-end') }),
    );
  }

  /** The item's time: expected (or actual, once taken up) start and end; nothing when skipped. */
  private whenOf(item: AgendaItem): Child[] {
    const it = this.itemTime(item.id);
    const status = this.statusOf(item);
    if (!it || status === 'skipped') return [];
    const start = it.actualStart ?? it.expectedStart;
    const end = status === 'done' ? (it.actualEnd ?? it.expectedEnd) : it.expectedEnd;
    return tNodes('session.item.when', { start: time(start, 'item-start'), end: time(end, 'item-end') });
  }

  private plannedActualOf(item: AgendaItem): Child[] {
    const it = this.itemTime(item.id);
    if (!it || this.statusOf(item) !== 'done' || !it.actualStart || !it.actualEnd) return [];
    return tNodes('session.item.plannedActual', {
      plannedStart: time(it.plannedStart, 'planned-start'),
      plannedEnd: time(plusMinutes(it.plannedStart, item.minutes), 'planned-end'),
      actualStart: time(it.actualStart, 'actual-start'),
      actualEnd: time(it.actualEnd, 'actual-end'),
    });
  }

  private restoreFocus(key: string | undefined, itemId: string | undefined, index: number): void {
    const controls = [...this.agendaList.querySelectorAll<HTMLElement>('[data-focus-key]')];
    const usable = (el: HTMLElement | undefined): el is HTMLElement => !!el && !(el as HTMLButtonElement).disabled;
    const exact = controls.find((el) => el.dataset.focusKey === key);
    if (usable(exact)) return exact.focus();
    const items = [...this.agendaList.children] as HTMLElement[];
    const sameItem = items.find((li) => li.dataset.itemId === itemId);
    const neighbour = sameItem ?? items[Math.min(Math.max(index, 0), items.length - 1)];
    const inItem = neighbour ? [...neighbour.querySelectorAll<HTMLElement>('[data-focus-key]')].find(usable) : undefined;
    if (inItem) return inItem.focus();
    this.agendaHeading.focus();
  }

  private renderItem(item: AgendaItem, index: number, count: number, moderator: boolean): HTMLLIElement {
    const status = this.statusOf(item);
    const current = status === 'current';
    const li = h(
      'li',
      {
        class: `agenda-item item-${status}${current ? ' current' : ''}`,
        'data-item-id': item.id,
        'data-status': status,
        'aria-current': current ? 'true' : null,
      },
      h(
        'div',
        { class: 'item-line' },
        h('span', { class: 'item-when' }, this.whenOf(item)),
        h('span', { class: 'item-title' }, item.title),
        h('span', { class: `item-status status-${status}` }, t(`session.item.${status}`)),
        h('span', { class: 'item-minutes' }, t('session.itemMinutes', { minutes: item.minutes })),
      ),
      h('p', { class: 'item-times' }, this.plannedActualOf(item)),
      item.speakers?.length ? h('p', { class: 'speakers' }, t('session.speakers', { names: item.speakers.join(', ') })) : null,
    );
    const sessionStatus = this.state?.session.status;
    if (moderator && sessionStatus !== 'ended' && sessionStatus !== 'published') {
      const live = sessionStatus === 'live';
      // The spoken name holds the words shown (WCAG 2.5.3, so that a voice command "click Skip"
      // finds the button), in every language: a translation whose long form lacks them gets them first.
      const nameOf = (text: string, long: string): string => {
        const words = (s: string) => s.toLocaleLowerCase().replace(/\p{P}/gu, ' ').split(/\s+/).filter(Boolean);
        const shown = words(text).join(' ');
        return ` ${words(long).join(' ')} `.includes(` ${shown} `) ? long : `${text} (${long})`;
      };
      const button = (action: string, label: MessageKey, aria: MessageKey, onClick: () => void, disabled = false) =>
        h(
          'button',
          {
            type: 'button',
            class: `item-action action-${action}`,
            'data-focus-key': `${item.id}:${action}`,
            'aria-label': nameOf(t(label), t(aria, { title: item.title })),
            disabled,
            onclick: onClick,
          },
          t(label),
        );
      li.append(
        h(
          'div',
          { class: 'item-controls', role: 'group', 'aria-label': t('mod.itemControls', { title: item.title }) },
          button('up', 'mod.moveUp', 'mod.moveUpLabel', () => this.move(item.id, -1), index === 0),
          button('down', 'mod.moveDown', 'mod.moveDownLabel', () => this.move(item.id, 1), index === count - 1),
          button('extend', 'mod.extend', 'mod.extendLabel', () => this.changeMinutes(item.id, STEP_MINUTES), item.minutes >= MAX_MINUTES),
          button('shorten', 'mod.shorten', 'mod.shortenLabel', () => this.changeMinutes(item.id, -STEP_MINUTES), item.minutes <= 1),
          live ? button('current', 'mod.makeCurrent', 'mod.makeCurrentLabel', () => this.makeCurrent(item.id), current) : null,
          live ? button('skip', 'mod.skip', 'mod.skipLabel', () => this.skip(item.id), status === 'skipped' || status === 'done') : null,
          button('remove', 'mod.remove', 'mod.removeLabel', () => this.remove(item.id)),
        ),
      );
    }
    return li;
  }

  // ---- presence -------------------------------------------------------------------------------

  private get attendanceKey(): string {
    return `igf.attendance.${this.sessionId}`;
  }

  private buildPresenceSection(): void {
    const part = (id: string, title: MessageKey, list: HTMLUListElement) =>
      h('section', { class: 'breakdown-part', 'aria-labelledby': id }, h('h3', { id }, t(title)), list);
    let attendance: HTMLElement | null = null;
    if (this.participantId !== null) {
      const radio = (id: string, inRoom: boolean, label: MessageKey) => {
        const input = h('input', { type: 'radio', name: 'attendance', id, value: inRoom ? 'room' : 'remote' });
        input.checked = this.inRoom === inRoom;
        input.addEventListener('change', () => {
          if (input.checked) void this.chooseAttendance(inRoom);
        });
        return h('div', { class: 'choice' }, input, h('label', { for: id }, t(label)));
      };
      attendance = h(
        'fieldset',
        { class: 'attendance', id: 'attendance' },
        h('legend', null, t('attendance.legend')),
        radio('attendance-room', true, 'attendance.inRoom'),
        radio('attendance-remote', false, 'attendance.remote'),
      );
    }
    replaceChildren(
      this.presenceSection,
      h('h2', { id: 'presence-heading' }, t('presence.title')),
      this.presenceTotal,
      attendance,
      h(
        'div',
        { class: 'breakdowns' },
        part('presence-group-heading', 'presence.byGroup', this.breakdowns.group),
        part('presence-region-heading', 'presence.byRegion', this.breakdowns.region),
        part('presence-gender-heading', 'presence.byGender', this.breakdowns.gender),
      ),
      h('p', { class: 'hint' }, t('presence.note')),
    );
  }

  /** Updated in place and never announced: counts change too often for a live region. */
  private renderPresence(presence: Presence | null): void {
    this.presenceSection.hidden = presence === null;
    if (!presence) return;
    this.presenceTotal.textContent = tn('presence.total', presence.total, {
      inRoom: presence.inRoom.toLocaleString(locale),
      remote: presence.remote.toLocaleString(locale),
    });
    Object.assign(this.presenceTotal.dataset, {
      total: String(presence.total),
      inRoom: String(presence.inRoom),
      remote: String(presence.remote),
    });
    const fill = (list: HTMLUListElement, counts: Record<string, number> | undefined) => {
      const values = counts ?? {};
      const max = Math.max(1, ...Object.values(values));
      for (const li of list.children as HTMLCollectionOf<HTMLElement>) {
        const n = values[li.dataset.key ?? ''] ?? 0;
        li.querySelector('.count')!.textContent = n.toLocaleString(locale);
        li.querySelector<HTMLElement>('.bar')!.style.inlineSize = `${(n / max) * 6}em`;
        li.dataset.count = String(n);
      }
    };
    fill(this.breakdowns.group, presence.byGroup);
    fill(this.breakdowns.region, presence.byRegion);
    fill(this.breakdowns.gender, presence.byGender);
  }

  private async chooseAttendance(inRoom: boolean): Promise<void> {
    this.inRoom = inRoom;
    sessionStorage.setItem(this.attendanceKey, inRoom ? 'room' : 'remote');
    // Not joined yet, or not connected: the next join says it.
    if (this.state) await this.sendAttendance(inRoom);
  }

  private async sendAttendance(inRoom: boolean): Promise<void> {
    try {
      await this.client.setAttendance(this.sessionId, inRoom);
    } catch (error) {
      if (error instanceof NotConnectedError) return; // said again after the reconnect's join
      this.showError(tNodes('attendance.error', { message: platformText((error as Error).message) }));
    }
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
  private readonly addError = h('p', { class: 'field-error', id: 'new-item-error', role: 'alert' });

  private buildModeratorSection(): void {
    this.startButton.addEventListener('click', () => void this.command(() => this.client.startSession(this.sessionId)));
    this.nextButton.addEventListener('click', () => this.next());
    this.endButton.addEventListener('click', () => {
      if (window.confirm(t('mod.confirmEnd'))) void this.command(() => this.client.endSession(this.sessionId));
    });
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
      h('div', { class: 'session-buttons' }, this.startButton, this.nextButton, this.endButton),
      form,
    );
  }

  private renderModerator(): void {
    const moderator = this.isModerator() && this.state !== null;
    this.moderatorSection.hidden = !moderator;
    if (!moderator) return;
    const status = this.state!.session.status;
    const buttons = [this.startButton, this.nextButton, this.endButton];
    const focused = buttons.find((b) => b === document.activeElement);
    this.startButton.hidden = status !== 'scheduled' && status !== 'draft';
    this.nextButton.hidden = status !== 'live';
    this.endButton.hidden = status !== 'live';
    // aria-disabled rather than disabled: a focused button keeps focus when there is no next item.
    this.nextButton.setAttribute('aria-disabled', String(this.nextItemId() === null));
    this.form.hidden = hasEnded(status);
    if (focused?.hidden) (buttons.find((b) => !b.hidden) ?? this.agendaHeading).focus();
  }

  private get form(): HTMLFormElement {
    return this.moderatorSection.querySelector('form')!;
  }

  /** The agenda positions refer to: the one the platform returned for our last edit, until its event. */
  private baseAgenda(): AgendaItem[] {
    return this.acknowledged ?? this.state?.agenda ?? [];
  }

  /**
   * The item "Next item" takes up: the first upcoming one after the current item in agenda order
   * (or after the item that ended last, when none is current), else the first upcoming one.
   */
  private nextItemId(): string | null {
    const agenda = this.state?.agenda ?? [];
    const upcoming = (i: AgendaItem) => this.statusOf(i) === 'upcoming';
    let from = agenda.findIndex((i) => i.id === this.state?.currentItemId);
    if (from < 0) {
      let latest = -Infinity;
      agenda.forEach((item, index) => {
        const end = Date.parse(this.itemTime(item.id)?.actualEnd ?? '');
        if (end >= latest) [latest, from] = [end, index];
      });
    }
    return (agenda.slice(from + 1).find(upcoming) ?? agenda.find(upcoming))?.id ?? null;
  }

  private next(): void {
    const id = this.nextItemId();
    if (id === null) {
      announce(t('mod.noNext'));
      return;
    }
    void this.command(() => this.client.setCurrentItem(this.sessionId, id));
  }

  private move(itemId: string, delta: number): void {
    const items = this.baseAgenda();
    const target = items.findIndex((i) => i.id === itemId) + delta;
    if (target < 0 || target >= items.length) return;
    void this.edit(() => this.client.moveAgendaItem(this.sessionId, itemId, target));
  }

  private changeMinutes(itemId: string, delta: number): void {
    const item = this.baseAgenda().find((i) => i.id === itemId);
    if (!item) return;
    const minutes = Math.min(MAX_MINUTES, Math.max(1, item.minutes + delta));
    void this.edit(() => this.client.setItemMinutes(this.sessionId, itemId, minutes));
  }

  private remove(itemId: string): void {
    void this.edit(() => this.client.removeAgendaItem(this.sessionId, itemId));
  }

  private skip(itemId: string): void {
    void this.command(() => this.client.skipItem(this.sessionId, itemId));
  }

  private makeCurrent(itemId: string): void {
    void this.command(() => this.client.setCurrentItem(this.sessionId, itemId));
  }

  private async add(): Promise<void> {
    const title = this.titleInput.value.trim();
    const minutes = Number(this.minutesInput.value);
    this.addError.textContent = '';
    for (const input of [this.titleInput, this.minutesInput]) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    if (!title || title.length > MAX_TITLE) {
      this.invalid(this.titleInput, t('mod.error.titleRequired'));
      return;
    }
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
      this.invalid(this.minutesInput, t('mod.error.minutes'));
      return;
    }
    // An empty id: the platform gives the new item one.
    if (await this.edit(() => this.client.addAgendaItem(this.sessionId, { id: '', title, minutes, speakers: [] }))) {
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

  /** An agenda edit; keeps the agenda the platform returns, for the positions of the next one. */
  private edit(run: () => Promise<AgendaItem[]>): Promise<boolean> {
    return this.command(async () => {
      const result = await run();
      if (Array.isArray(result)) this.acknowledged = result;
    });
  }

  /** Runs one moderator command at a time; shows the platform's refusal, as it words it, in the alert. */
  private async command(run: () => Promise<unknown>): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    this.agendaList.setAttribute('aria-busy', 'true');
    try {
      await run();
      this.clearError();
      return true;
    } catch (error) {
      const message = error instanceof NotConnectedError ? t('mod.error.notConnected') : platformText((error as Error).message);
      this.showError(tNodes('mod.error.generic', { message }));
      return false;
    } finally {
      this.pending = false;
      this.agendaList.setAttribute('aria-busy', 'false');
    }
  }
}
