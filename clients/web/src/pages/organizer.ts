// The organizer's console (`/organize`, organizers only): every session, drafts included; a new
// session or a draft edited (times typed in the organizer's own time zone, sent in UTC); scheduling
// a draft into the public calendar; moderators found by e-mail and assigned, with the platform's
// warnings of clashing roles; the floor's balance targets; the proceedings editor of ended sessions.
import '../organizer.css';
import { announce } from '../announce';
import {
  ApiError,
  createSession,
  findParticipant,
  getFloorView,
  getMe,
  getParticipant,
  getSession,
  getSessions,
  getTopics,
  getWarnings,
  openDashboardSession,
  problemText,
  scheduleSession,
  setFloorSettings,
  setModerators,
  updateSession,
} from '../api';
import { getAuth } from '../auth';
import { append, h, replaceChildren, type Child } from '../dom';
import { ErrorSummary, clearField, field, markField, type Field } from '../formErrors';
import { formatDateTime, statusLabel, t, timeZoneLabel, topicLabel, typeLabel, vocabularyLabel } from '../i18n';
import { to, tno } from '../i18nOrganizer';
import {
  SESSION_TYPES,
  STAKEHOLDER_GROUPS,
  hasEnded,
  type FloorSettings,
  type ParticipantSummary,
  type RoleClash,
  type SessionDetails,
  type SessionInput,
  type SessionSummary,
  type Topic,
} from '../types';

// The platform's limits (docs/api.md, "Limits").
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;
const TOPICS_MAX = 10;
const MIN_MINUTES = 5;
const MAX_MINUTES = 1440;
const MODERATORS_MAX = 10;

const seg = encodeURIComponent;
const two = (n: number): string => String(n).padStart(2, '0');
/** A time as a `datetime-local` value, in the browser's time zone. */
const localInput = (d: Date): string =>
  `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
const endOf = (s: SessionSummary): Date => new Date(Date.parse(s.startsAt) + s.durationMinutes * 60_000);
const signInLink = (): HTMLAnchorElement => h('a', { href: `/signin?next=${seg(location.pathname)}` }, t('nav.signIn'));

export async function organizerPage(main: HTMLElement): Promise<void> {
  document.title = `${to('org.title')} · ${t('app.name')}`;
  const stop = (...content: Child[]): void => {
    append(main, h('h1', null, to('org.title')), ...content);
  };
  if (!getAuth()) return stop(h('p', { id: 'org-signin' }, signInLink(), ' ', to('org.signIn')));
  // The token's roles are hints: the platform says whether this person organizes.
  let roles: string[];
  try {
    roles = (await getMe()).roles ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return stop(h('p', { id: 'org-signin' }, signInLink(), ' ', to('org.signIn')));
    return stop(h('p', { class: 'error', role: 'alert' }, problemText(error)), h('p', null, h('a', { href: location.pathname }, t('app.retry'))));
  }
  if (!roles.includes('organizer')) return stop(h('p', { id: 'org-forbidden' }, to('org.forbidden')));
  const topics = await getTopics().catch((): Topic[] => []);
  await new OrganizerConsole(main, topics).loadList();
}

class OrganizerConsole {
  private readonly alert = h('div', { class: 'alert-region', role: 'alert', id: 'org-alert' });
  private readonly count = h('p', { class: 'count', id: 'org-count' });
  private readonly list = h('div', { id: 'org-list' });
  private readonly work = h('section', { class: 'org-work', id: 'org-work', 'aria-labelledby': 'org-work-title', hidden: true });
  private sessions: SessionSummary[] = [];

  constructor(
    main: HTMLElement,
    private readonly topics: Topic[],
  ) {
    const newButton = h('button', { type: 'button', id: 'org-new' }, to('org.new'));
    newButton.addEventListener('click', () => this.showForm(null));
    const dashboardButton = h('button', { type: 'button', id: 'org-dashboard', class: 'secondary' }, to('org.dashboard'));
    dashboardButton.addEventListener('click', () => {
      // The dashboard is reached by navigation, which carries no bearer token: a pass first.
      openDashboardSession().then(
        (pass) => location.assign(pass.url),
        (error: unknown) => this.fail(error),
      );
    });
    main.append(
      h('h1', null, to('org.title')),
      h('p', { class: 'intro' }, to('org.intro', { zone: timeZoneLabel() })),
      this.alert,
      h('p', null, newButton, ' ', dashboardButton),
      this.work,
      h('section', { class: 'org-sessions', 'aria-labelledby': 'org-sessions-title' }, h('h2', { id: 'org-sessions-title' }, to('org.sessions')), this.count, this.list),
    );
  }

  private fail(error: unknown): void {
    replaceChildren(this.alert, h('p', null, to('org.error.failed', { message: problemText(error) })));
  }

  /** Every session the platform lists for an organizer (drafts included), as a table. */
  async loadList(): Promise<void> {
    try {
      this.sessions = await getSessions();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.count.textContent = tno('org.sessions.count', this.sessions.length);
    if (this.sessions.length === 0) {
      replaceChildren(this.list, h('p', null, to('org.sessions.empty')));
      return;
    }
    const sorted = [...this.sessions].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
    replaceChildren(
      this.list,
      h(
        'table',
        { class: 'org-table', id: 'org-sessions' },
        h('caption', { class: 'visually-hidden' }, to('org.sessions')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            (['org.col.session', 'org.col.type', 'org.col.status', 'org.col.starts', 'org.col.actions'] as const).map((k) => h('th', { scope: 'col' }, to(k))),
          ),
        ),
        h(
          'tbody',
          null,
          sorted.map((s) => {
            const manage = h('button', { type: 'button', class: 'secondary', 'aria-label': to('org.manageLabel', { title: s.title }) }, to('org.manage'));
            manage.addEventListener('click', () => void this.manage(s.id));
            return h(
              'tr',
              { 'data-session-id': s.id, 'data-status': s.status },
              h('th', { scope: 'row' }, h('a', { href: `/sessions/${seg(s.id)}` }, s.title)),
              h('td', null, typeLabel(s.type)),
              h('td', null, h('span', { class: `badge badge-${s.status}` }, statusLabel(s.status))),
              h('td', null, h('time', { datetime: s.startsAt }, formatDateTime(new Date(s.startsAt)))),
              h('td', null, manage),
            );
          }),
        ),
      ),
    );
  }

  /** Fills the work area and moves the focus to its heading. */
  private openWork(title: string, ...content: Child[]): void {
    this.alert.textContent = '';
    const heading = h('h2', { id: 'org-work-title', tabindex: '-1' }, title);
    replaceChildren(this.work, heading, ...content);
    this.work.hidden = false;
    heading.focus();
  }

  // ---- creating and editing -------------------------------------------------------------------

  private showForm(session: SessionDetails | null): void {
    const form = new SessionForm(this.topics, session, async (saved, created) => {
      announce(created ? to('org.created', { title: saved.title }) : to('org.saved', { title: saved.title }));
      await this.loadList();
      await this.manage(saved.id);
    });
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'org-form-cancel' }, to('org.form.cancel'));
    cancel.addEventListener('click', () => {
      if (session) void this.manage(session.id);
      else {
        this.work.hidden = true;
        this.work.textContent = '';
        document.getElementById('org-new')?.focus();
      }
    });
    form.form.append(cancel);
    this.openWork(session ? to('org.form.edit') : to('org.form.create'), form.form);
  }

  // ---- one session ----------------------------------------------------------------------------

  async manage(id: string): Promise<void> {
    let session: SessionDetails;
    try {
      session = await getSession(id);
    } catch (error) {
      this.fail(error);
      return;
    }
    const start = new Date(session.startsAt);
    const parts: Child[] = [
      h(
        'p',
        { class: 'meta', id: 'org-work-meta', 'data-status': session.status },
        h('span', { class: `badge badge-${session.status}` }, statusLabel(session.status)),
        ' · ',
        typeLabel(session.type),
        ' · ',
        h('time', { datetime: session.startsAt }, formatDateTime(start)),
        ' – ',
        h('time', { datetime: endOf(session).toISOString() }, formatDateTime(endOf(session))),
        ` (${timeZoneLabel()})`,
      ),
      h('p', null, h('a', { href: `/sessions/${seg(session.id)}`, id: 'org-open' }, to('org.open'))),
    ];
    if (session.status === 'draft' || session.status === 'scheduled') {
      const edit = h('button', { type: 'button', class: 'secondary', id: 'org-edit' }, to('org.edit'));
      edit.addEventListener('click', () => this.showForm(session));
      parts.push(h('p', null, edit));
    }
    if (session.status === 'draft') {
      const schedule = h('button', { type: 'button', id: 'org-schedule' }, to('org.schedule'));
      const error = h('p', { class: 'field-error', id: 'org-schedule-error', role: 'alert' });
      schedule.addEventListener('click', async () => {
        schedule.setAttribute('aria-disabled', 'true');
        error.textContent = '';
        try {
          const scheduled = await scheduleSession(session.id);
          announce(to('org.scheduled', { title: scheduled.title }));
          await this.loadList();
          await this.manage(session.id);
        } catch (e) {
          schedule.removeAttribute('aria-disabled');
          error.textContent = to('org.error.failed', { message: problemText(e) });
        }
      });
      parts.push(
        h(
          'section',
          { class: 'org-block', 'aria-labelledby': 'org-schedule-title' },
          h('h3', { id: 'org-schedule-title' }, to('org.schedule.heading')),
          h('p', { class: 'hint' }, to('org.schedule.hint')),
          schedule,
          error,
        ),
      );
    } else if (session.status === 'scheduled' || session.status === 'live') {
      parts.push(h('p', { class: 'notice', id: 'org-in-calendar' }, to('org.notDraft')));
    }
    if (hasEnded(session.status)) {
      parts.push(
        h(
          'section',
          { class: 'org-block', id: 'org-proceedings' },
          h('p', { class: 'hint' }, to('org.proceedings.hint')),
          h('p', null, h('a', { href: `/sessions/${seg(session.id)}/proceedings`, id: 'org-proceedings-link' }, t('session.proceedings.prepare'))),
        ),
      );
    }
    const moderators = new ModeratorsPanel(session);
    parts.push(moderators.element);
    const floor = new FloorPanel(session.id, hasEnded(session.status));
    parts.push(floor.element);
    this.openWork(session.title, ...parts);
    this.work.dataset.sessionId = session.id;
    await Promise.all([moderators.load(), floor.load()]);
  }
}

// ---- the session form -----------------------------------------------------------------------

class SessionForm {
  readonly form: HTMLFormElement;
  private readonly summary = new ErrorSummary('org-form-errors');
  private readonly title: Field;
  private readonly description: Field;
  private readonly type: Field;
  private readonly topicsField: Field;
  private readonly topicBoxes: HTMLInputElement[];
  private readonly start: Field;
  private readonly end: Field;
  private readonly submit: HTMLButtonElement;
  private busy = false;

  constructor(
    topics: Topic[],
    private readonly session: SessionDetails | null,
    private readonly done: (saved: SessionDetails, created: boolean) => Promise<void>,
  ) {
    this.title = field(h('input', { id: 'org-title', name: 'title', type: 'text', required: true, maxlength: TITLE_MAX }), to('org.field.title'), {
      hint: to('su.upTo', { max: TITLE_MAX }),
    });
    this.description = field(h('textarea', { id: 'org-description', name: 'description', rows: 5, maxlength: DESCRIPTION_MAX }), to('org.field.description'), {
      hint: to('su.upTo', { max: DESCRIPTION_MAX.toLocaleString() }),
    });
    this.type = field(
      h(
        'select',
        { id: 'org-type', name: 'type', required: true, 'aria-required': 'true' },
        h('option', { value: '' }, to('su.choose')),
        SESSION_TYPES.map((type) => h('option', { value: type }, typeLabel(type))),
      ),
      to('org.field.type'),
    );
    // The topics: a group of checkboxes, its error tied to the group.
    this.topicBoxes = topics.map((topic) =>
      h('input', { type: 'checkbox', id: `org-topic-${topic.slug}`, name: 'topics', value: topic.slug }),
    );
    const topicsError = h('p', { class: 'field-error', id: 'org-topics-error' });
    const topicsSet = h(
      'fieldset',
      { class: 'org-topics', id: 'org-topics', 'aria-describedby': 'org-topics-hint org-topics-error' },
      h('legend', null, to('org.field.topics')),
      h('p', { class: 'hint', id: 'org-topics-hint' }, to('org.field.topics.hint', { max: TOPICS_MAX })),
      h(
        'ul',
        { class: 'choices' },
        this.topicBoxes.map((box, i) => h('li', { class: 'choice' }, box, h('label', { for: box.id }, topicLabel(topics[i]!.slug)))),
      ),
      topicsError,
    );
    const firstBox = this.topicBoxes[0] ?? h('input', { type: 'checkbox', id: 'org-topic-none', name: 'topics', disabled: true });
    this.topicsField = { element: topicsSet, control: firstBox, label: to('org.field.topics'), error: topicsError };
    for (const box of this.topicBoxes) box.addEventListener('change', () => clearField(this.topicsField));

    const zone = timeZoneLabel();
    this.start = field(h('input', { id: 'org-start', name: 'startsAt', type: 'datetime-local', required: true }), to('org.field.start'), {
      hint: to('org.field.zone', { zone }),
    });
    this.end = field(h('input', { id: 'org-end', name: 'endsAt', type: 'datetime-local', required: true }), to('org.field.end'), {
      hint: to('org.field.zone', { zone }),
    });
    for (const f of [this.type, this.start, this.end]) f.control.addEventListener('change', () => clearField(f));

    if (session) {
      this.title.control.value = session.title;
      this.description.control.value = session.description;
      this.type.control.value = session.type;
      for (const box of this.topicBoxes) box.checked = session.topics.includes(box.value);
      this.start.control.value = localInput(new Date(session.startsAt));
      this.end.control.value = localInput(endOf(session));
    }

    this.submit = h('button', { type: 'submit', id: 'org-form-submit' }, session ? to('org.form.submitEdit') : to('org.form.submitCreate'));
    this.form = h(
      'form',
      { class: 'stack org-form', id: 'org-form', novalidate: true },
      this.summary.element,
      this.title.element,
      this.description.element,
      this.type.element,
      topicsSet,
      h('div', { class: 'org-times' }, this.start.element, this.end.element),
      this.submit,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
  }

  private get fields(): Field[] {
    return [this.title, this.description, this.type, this.topicsField, this.start, this.end];
  }

  /** The form's own checks, in the organizer's language; the session to send when all is right. */
  private check(): { problems: { field: Field; message: string }[]; input: SessionInput | null } {
    const problems: { field: Field; message: string }[] = [];
    const title = this.title.control.value.trim();
    if (!title || title.length > TITLE_MAX) problems.push({ field: this.title, message: to('org.error.title', { max: TITLE_MAX }) });
    if (this.description.control.value.length > DESCRIPTION_MAX)
      problems.push({ field: this.description, message: to('su.error.tooLong', { max: DESCRIPTION_MAX.toLocaleString() }) });
    if (!this.type.control.value) problems.push({ field: this.type, message: to('org.error.type') });
    const topics = this.topicBoxes.filter((b) => b.checked).map((b) => b.value);
    if (topics.length > TOPICS_MAX) problems.push({ field: this.topicsField, message: to('org.error.topics', { max: TOPICS_MAX }) });
    // `new Date('YYYY-MM-DDTHH:mm')` reads the value in the browser's time zone: toISOString gives UTC.
    const start = this.start.control.value ? new Date(this.start.control.value) : null;
    const end = this.end.control.value ? new Date(this.end.control.value) : null;
    if (!start || Number.isNaN(start.getTime())) problems.push({ field: this.start, message: to('org.error.start') });
    const minutes = start && end ? Math.round((end.getTime() - start.getTime()) / 60_000) : NaN;
    if (!(minutes >= MIN_MINUTES && minutes <= MAX_MINUTES)) problems.push({ field: this.end, message: to('org.error.end', { min: MIN_MINUTES, hours: MAX_MINUTES / 60 }) });
    if (problems.length || !start) return { problems, input: null };
    return {
      problems,
      input: { title, description: this.description.control.value.trim(), type: this.type.control.value, topics, startsAt: start.toISOString(), durationMinutes: minutes },
    };
  }

  private refuse(problems: { field: Field; message: string }[], line: string): void {
    for (const { field: f, message } of problems) markField(f, message);
    this.summary.show(to('org.errors.title'), [line, problems.length ? tno('org.errors.count', problems.length) : ''].filter(Boolean).join(' '), problems);
  }

  private async save(): Promise<void> {
    if (this.busy) return;
    this.fields.forEach(clearField);
    this.summary.clear();
    const { problems, input } = this.check();
    if (!input) return this.refuse(problems, '');
    this.busy = true;
    this.submit.setAttribute('aria-disabled', 'true');
    this.form.setAttribute('aria-busy', 'true');
    try {
      const saved = this.session ? await updateSession(this.session.id, input) : await createSession(input);
      await this.done(saved, !this.session);
    } catch (error) {
      this.busy = false;
      this.submit.removeAttribute('aria-disabled');
      this.form.removeAttribute('aria-busy');
      // The platform's words next to the fields it names (startsAt, durationMinutes → the times).
      const byKey: Record<string, Field> = {
        title: this.title,
        description: this.description,
        type: this.type,
        topics: this.topicsField,
        startsAt: this.start,
        durationMinutes: this.end,
      };
      const refused: { field: Field; message: string }[] = [];
      const rest: string[] = [];
      if (error instanceof ApiError && error.problem?.errors) {
        for (const [key, messages] of Object.entries(error.problem.errors)) {
          const f = byKey[key.replace(/^\$\./, '')];
          if (f) refused.push({ field: f, message: messages.join(' ') });
          else rest.push(messages.join(' '));
        }
      }
      this.refuse(refused, refused.length ? rest.join(' ') : to('org.error.failed', { message: problemText(error) }));
    }
  }
}

// ---- moderators ------------------------------------------------------------------------------

const personMeta = (p: ParticipantSummary): string =>
  [vocabularyLabel('group', p.stakeholderGroup), vocabularyLabel('region', p.region), p.organization].filter(Boolean).join(' · ');

class ModeratorsPanel {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'org-people', id: 'org-moderators' });
  private readonly warnings = h('div', { id: 'org-warnings', class: 'org-warnings' });
  private readonly found = h('div', { id: 'org-found', class: 'org-found' });
  private readonly email: Field;
  private readonly alert = h('p', { class: 'field-error', id: 'org-mods-alert', role: 'alert' });
  private people = new Map<string, ParticipantSummary>();
  private ids: string[];

  constructor(private readonly session: SessionDetails) {
    this.ids = [...session.moderators];
    this.email = field(
      h('input', { id: 'org-mod-email', name: 'email', type: 'email', dir: 'auto', autocomplete: 'off', spellcheck: 'false', required: true }),
      to('org.mods.find'),
      { hint: to('org.mods.findHint') },
    );
    const findForm = h(
      'form',
      { class: 'org-find', id: 'org-find', novalidate: true },
      this.email.element,
      h('button', { type: 'submit', id: 'org-find-submit' }, to('org.mods.findButton')),
    );
    findForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.find();
    });
    this.element = h(
      'section',
      { class: 'org-block', 'aria-labelledby': 'org-mods-title' },
      h('h3', { id: 'org-mods-title' }, to('org.mods.heading')),
      this.list,
      this.warnings,
      this.alert,
      findForm,
      this.found,
    );
  }

  async load(): Promise<void> {
    await this.loadPeople(this.ids);
    this.render();
    try {
      this.showWarnings(await getWarnings(this.session.id), false);
    } catch {
      // The warnings are advice: the list stands without them.
    }
  }

  private async loadPeople(ids: string[]): Promise<void> {
    await Promise.all(
      ids
        .filter((id) => !this.people.has(id))
        .map(async (id) => {
          try {
            this.people.set(id, await getParticipant(id));
          } catch {
            // Shown by id when the person cannot be read.
          }
        }),
    );
  }

  private render(): void {
    if (this.ids.length === 0) {
      replaceChildren(this.list, h('li', { class: 'hint' }, to('org.mods.none')));
      return;
    }
    replaceChildren(
      this.list,
      this.ids.map((id) => {
        const p = this.people.get(id);
        const name = p?.displayName ?? id;
        const remove = h('button', { type: 'button', class: 'link-button', 'aria-label': to('org.mods.removeLabel', { name }) }, to('org.mods.remove'));
        remove.addEventListener('click', () => void this.save(this.ids.filter((x) => x !== id), to('org.mods.removed', { name })));
        return h(
          'li',
          { 'data-participant-id': id },
          h('span', { class: 'person-name' }, name),
          p ? h('span', { class: 'meta' }, ' — ', personMeta(p)) : null,
          ' ',
          remove,
        );
      }),
    );
  }

  private showWarnings(warnings: RoleClash[], say: boolean): void {
    if (warnings.length === 0) {
      this.warnings.textContent = '';
      return;
    }
    const lines = warnings.map((w) =>
      to('org.warnings.item', {
        name: w.displayName,
        title: w.otherSessionTitle,
        start: formatDateTime(new Date(w.otherStartsAt)),
        end: formatDateTime(new Date(w.otherEndsAt)),
      }),
    );
    replaceChildren(
      this.warnings,
      h('h4', { id: 'org-warnings-title' }, to('org.warnings.heading')),
      h(
        'ul',
        { 'aria-labelledby': 'org-warnings-title' },
        warnings.map((w, i) =>
          h('li', { 'data-participant-id': w.participantId, 'data-other-session': w.otherSessionId }, h('a', { href: `/sessions/${seg(w.otherSessionId)}` }, lines[i]!)),
        ),
      ),
    );
    if (say) announce(lines.join(' '));
  }

  private async find(): Promise<void> {
    clearField(this.email);
    this.alert.textContent = '';
    this.found.textContent = '';
    const email = this.email.control.value.trim();
    if (!email) {
      markField(this.email, to('org.mods.emailRequired'));
      this.email.control.focus();
      return;
    }
    let person: ParticipantSummary;
    try {
      person = await findParticipant(email);
    } catch (error) {
      markField(this.email, error instanceof ApiError && error.status === 404 ? to('org.mods.notFound') : to('org.error.failed', { message: problemText(error) }));
      this.email.control.focus();
      return;
    }
    this.people.set(person.participantId, person);
    const already = this.ids.includes(person.participantId);
    const add = h('button', { type: 'button', id: 'org-mod-add', 'aria-label': to('org.mods.addLabel', { name: person.displayName }) }, to('org.mods.add'));
    add.addEventListener('click', () => void this.save([...this.ids, person.participantId], to('org.mods.added', { name: person.displayName }), true));
    replaceChildren(
      this.found,
      h(
        'div',
        { class: 'person-card', 'data-participant-id': person.participantId, tabindex: '-1', id: 'org-found-card' },
        h('p', { class: 'person-name' }, person.displayName),
        h(
          'dl',
          { class: 'person-facts' },
          h('dt', null, to('su.group')),
          h('dd', { 'data-field': 'stakeholderGroup' }, vocabularyLabel('group', person.stakeholderGroup)),
          h('dt', null, to('su.region')),
          h('dd', { 'data-field': 'region' }, vocabularyLabel('region', person.region)),
          person.organization ? [h('dt', null, to('su.organization')), h('dd', { 'data-field': 'organization' }, person.organization)] : null,
        ),
        already
          ? h('p', { class: 'hint' }, to('org.mods.already', { name: person.displayName }))
          : this.ids.length >= MODERATORS_MAX
            ? h('p', { class: 'hint' }, to('org.mods.max', { max: MODERATORS_MAX }))
            : add,
      ),
    );
    document.getElementById('org-found-card')?.focus();
  }

  private async save(ids: string[], said: string, added = false): Promise<void> {
    this.alert.textContent = '';
    try {
      const result = await setModerators(this.session.id, ids);
      this.ids = [...result.session.moderators];
      await this.loadPeople(this.ids);
      this.render();
      announce(said);
      this.showWarnings(result.warnings, true);
      if (added) {
        this.found.textContent = '';
        this.email.control.value = '';
        this.email.control.focus();
      } else {
        (this.list.querySelector<HTMLButtonElement>('button') ?? this.email.control).focus();
      }
    } catch (error) {
      this.alert.textContent = to('org.error.failed', { message: problemText(error) });
    }
  }
}

// ---- the floor's balance ---------------------------------------------------------------------

class FloorPanel {
  readonly element: HTMLElement;
  private settings: FloorSettings | null = null;
  private readonly equal = h('input', { type: 'radio', name: 'org-floor-mode', id: 'org-floor-equal', value: 'equal' });
  private readonly custom = h('input', { type: 'radio', name: 'org-floor-mode', id: 'org-floor-custom', value: 'custom' });
  private readonly inputs = new Map<string, HTMLInputElement>();
  private readonly targets: HTMLFieldSetElement;
  private readonly total = h('p', { id: 'org-floor-total', class: 'count', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'field-error', id: 'org-floor-error', role: 'alert' });
  private readonly form: HTMLFormElement;

  /** `ended`: the platform keeps the balance as it stood at the end, so it is shown and not offered for editing. */
  constructor(
    private readonly sessionId: string,
    private readonly ended: boolean,
  ) {
    for (const group of STAKEHOLDER_GROUPS) {
      const input = h('input', { type: 'number', id: `org-target-${group}`, name: group, min: 0, max: 100, step: 1, inputmode: 'numeric', class: 'percent', 'aria-describedby': 'org-floor-total org-floor-error' });
      input.addEventListener('input', () => this.showTotal());
      this.inputs.set(group, input);
    }
    this.targets = h(
      'fieldset',
      { class: 'org-targets', id: 'org-targets' },
      h('legend', null, to('org.floor.custom')),
      [...this.inputs].map(([group, input]) => h('div', { class: 'field target' }, h('label', { for: input.id }, vocabularyLabel('group', group)), h('span', { class: 'percent-line' }, input, ' %'))),
      this.total,
    );
    for (const radio of [this.equal, this.custom]) radio.addEventListener('change', () => this.showMode());
    this.showMode();
    this.form = h(
      'form',
      { class: 'stack', id: 'org-floor', novalidate: true },
      h(
        'fieldset',
        { class: 'org-floor-mode' },
        h('legend', { class: 'visually-hidden' }, to('org.floor.heading')),
        h('div', { class: 'choice' }, this.equal, h('label', { for: this.equal.id }, to('org.floor.equal'))),
        h('div', { class: 'choice' }, this.custom, h('label', { for: this.custom.id }, to('org.floor.custom'))),
      ),
      this.targets,
      this.error,
      ended ? h('p', { class: 'notice', id: 'org-floor-ended' }, to('org.floor.ended')) : h('button', { type: 'submit', id: 'org-floor-save' }, to('org.floor.save')),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.element = h(
      'section',
      { class: 'org-block', 'aria-labelledby': 'org-floor-title' },
      h('h3', { id: 'org-floor-title' }, to('org.floor.heading')),
      h('p', { class: 'hint' }, to('org.floor.hint')),
      this.form,
    );
  }

  async load(): Promise<void> {
    try {
      this.settings = (await getFloorView(this.sessionId)).settings;
    } catch (error) {
      this.error.textContent = to('org.error.failed', { message: problemText(error) });
      return;
    }
    const targets = this.settings.targets;
    (targets ? this.custom : this.equal).checked = true;
    for (const [group, input] of this.inputs) input.value = String(targets?.[group] ?? 0);
    this.showMode();
  }

  private showMode(): void {
    this.equal.disabled = this.custom.disabled = this.ended;
    this.targets.disabled = this.ended || !this.custom.checked;
    this.showTotal();
  }

  private sum(): number {
    return [...this.inputs.values()].reduce((total, input) => total + (Number(input.value) || 0), 0);
  }

  private showTotal(): void {
    this.total.textContent = this.custom.checked ? to('org.floor.total', { total: this.sum() }) : '';
  }

  private async save(): Promise<void> {
    if (this.ended) return;
    this.error.textContent = '';
    for (const input of this.inputs.values()) input.removeAttribute('aria-invalid');
    let targets: Record<string, number> | null = null;
    if (this.custom.checked) {
      targets = {};
      for (const [group, input] of this.inputs) {
        const value = Number(input.value || '0');
        if (!Number.isInteger(value) || value < 0 || value > 100) {
          input.setAttribute('aria-invalid', 'true');
          this.error.textContent = `${vocabularyLabel('group', group)}: ${to('org.floor.error.value')}`;
          input.focus();
          return;
        }
        if (value > 0) targets[group] = value;
      }
      const total = this.sum();
      if (total !== 100) {
        this.error.textContent = to('org.floor.error.sum', { total });
        this.inputs.values().next().value?.focus();
        return;
      }
    }
    const current = this.settings;
    try {
      this.settings = await setFloorSettings(this.sessionId, {
        allottedSeconds: current?.allottedSeconds ?? 180,
        replySeconds: current?.replySeconds ?? 60,
        targets,
        budgetMinutes: current?.budgetMinutes ?? null,
      });
      announce(to('org.floor.saved'));
      this.error.textContent = '';
    } catch (error) {
      this.error.textContent = to('org.error.failed', { message: problemText(error) });
    }
  }
}
