// The moderators' proceedings editor (`/sessions/{id}/proceedings`, the session's moderators and
// organizers): the record's figures at a glance, the summary, key takeaways and calls to action in
// Markdown (items added and removed), saved against the revision they edit, and publishing. Nothing
// typed is lost: a refused save leaves the form as it was, what is typed is kept in sessionStorage
// until it is saved, and when someone else saved first the person chooses between their text and
// the saved one (theirs is then kept beside the form to copy from).
import { announce } from '../announce';
import { ApiError, getSession, problemText } from '../api';
import { getDraft, pageUrl, publishProceedings, saveDraft } from '../archiveApi';
import { getAuth } from '../auth';
import { h, replaceChildren, type Child } from '../dom';
import { formatTime, localized, platformText, t, tNodes, type MessageKey } from '../i18n';
import { KNOWN, glance, groupName, number, shareRows, table, when } from '../record';
import { hasEnded, type ProceedingsDraft, type ProceedingsText, type ProceedingsVersionInfo, type SessionDetails } from '../types';

const MAX_SUMMARY = 10_000;
const MAX_ITEMS = 10;
const MAX_ITEM = 1_000;
const MAX_NOTE = 500;

/** As the platform keeps it: line ends, surrounding space and Unicode form do not count as changes. */
const tidy = (s: string): string => s.replace(/\r\n?/g, '\n').trim().normalize('NFC');
const same = (a: ProceedingsText, b: ProceedingsText): boolean =>
  JSON.stringify([tidy(a.summary), a.takeaways.map(tidy), a.callsToAction.map(tidy)]) ===
  JSON.stringify([tidy(b.summary), b.takeaways.map(tidy), b.callsToAction.map(tidy)]);
const textOf = (d: ProceedingsDraft): ProceedingsText => ({
  summary: d.proceedings.summary,
  takeaways: [...d.proceedings.takeaways],
  callsToAction: [...d.proceedings.callsToAction],
});

export async function proceedingsEditorPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const sessionId = params.id ?? '';
  const sessionHref = `/sessions/${encodeURIComponent(sessionId)}`;
  document.title = `${t('ed.title')} · ${t('app.name')}`;
  const body = h('div', { class: 'proceedings-editor', 'aria-busy': 'true' }, h('h1', null, t('ed.title')), h('p', null, t('app.loading')));
  main.append(h('p', { class: 'back' }, h('a', { href: sessionHref }, t('ed.back'))), body);
  const stop = (...content: Child[]) => {
    body.removeAttribute('aria-busy');
    replaceChildren(body, h('h1', null, t('ed.title')), ...content);
  };

  const auth = getAuth();
  if (!auth) {
    return stop(h('p', null, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, t('nav.signIn')), ' — ', t('ed.signIn')));
  }
  const [draftResult, sessionResult] = await Promise.allSettled([getDraft(sessionId), getSession(sessionId)]);
  if (draftResult.status === 'rejected') {
    const error = draftResult.reason;
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 403) return stop(h('p', { id: 'ed-refused' }, t('ed.forbidden')));
    if (status === 404) return stop(h('p', null, t('session.notFound')));
    if (status === 401) return stop(h('p', null, h('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}` }, t('nav.signIn')), ' — ', t('ed.signIn')));
    return stop(h('p', { role: 'alert', class: 'error' }, platformText(problemText(error))), h('p', null, h('a', { href: location.pathname }, t('app.retry'))));
  }
  const session = sessionResult.status === 'fulfilled' ? sessionResult.value : null;
  body.removeAttribute('aria-busy');
  new Editor(body, sessionId, auth.participantId, draftResult.value, session);
}

/** What was typed and not saved yet, and the revision it edits. */
interface Kept {
  revision: number;
  text: ProceedingsText;
}

interface Row {
  li: HTMLLIElement;
  input: HTMLTextAreaElement;
  label: HTMLLabelElement;
  remove: HTMLButtonElement;
  error: HTMLParagraphElement;
  count: HTMLParagraphElement;
}

/** A list of Markdown items (takeaways, calls to action): added, removed, numbered. */
class ItemList {
  readonly element: HTMLFieldSetElement;
  private readonly list = h('ol', { class: 'ed-items' });
  private readonly addButton: HTMLButtonElement;
  private readonly listError: HTMLParagraphElement;
  private rows: Row[] = [];
  private made = 0;

  constructor(
    private readonly field: 'takeaways' | 'callsToAction',
    private readonly keys: { legend: MessageKey; item: MessageKey; add: MessageKey; remove: MessageKey; empty: MessageKey },
    private readonly onChange: () => void,
  ) {
    this.addButton = h('button', { type: 'button', class: 'secondary', id: `ed-${field}-add` }, t(keys.add));
    this.addButton.addEventListener('click', () => {
      this.add('', true);
      this.onChange();
    });
    this.listError = h('p', { class: 'field-error', id: `ed-${field}-error`, role: 'alert' });
    this.element = h(
      'fieldset',
      { class: 'ed-list', id: `ed-${field}` },
      h('legend', null, t(keys.legend)),
      h('p', { class: 'hint', id: `ed-${field}-hint` }, t('ed.items.hint', { max: MAX_ITEMS, chars: number(MAX_ITEM) })),
      this.list,
      this.listError,
      this.addButton,
    );
  }

  get values(): string[] {
    return this.rows.map((r) => r.input.value);
  }

  set(values: string[]): void {
    this.rows.forEach((r) => r.li.remove());
    this.rows = [];
    values.forEach((v) => this.add(v, false));
    this.renumber();
  }

  add(value: string, focus: boolean): void {
    if (this.rows.length >= MAX_ITEMS) return;
    const id = `ed-${this.field}-${++this.made}`;
    const input = h('textarea', { id, rows: 3, 'data-field': this.field, 'aria-describedby': `${id}-count ${id}-error` });
    input.value = value;
    const label = h('label', { for: id });
    const remove = h('button', { type: 'button', class: 'link-button ed-remove' });
    const error = h('p', { class: 'field-error', id: `${id}-error`, role: 'alert' });
    const count = h('p', { class: 'char-count hint', id: `${id}-count` });
    const li = h('li', { class: 'ed-item' }, label, input, h('div', { class: 'ed-item-line' }, count, remove), error);
    const row = { li, input, label, remove, error, count };
    input.addEventListener('input', () => {
      this.showCount(row);
      this.onChange();
    });
    remove.addEventListener('click', () => this.remove(row));
    this.rows.push(row);
    this.list.append(li);
    this.renumber();
    if (focus) input.focus();
  }

  private remove(row: Row): void {
    const index = this.rows.indexOf(row);
    row.li.remove();
    this.rows.splice(index, 1);
    this.renumber();
    // The focus goes to the item that took its place, else the one before, else "Add".
    const next = this.rows[index] ?? this.rows[index - 1];
    if (next) next.input.focus();
    else this.addButton.focus();
    announce(t('ed.items.removed', { item: t(this.keys.item, { n: index + 1 }) }));
    this.onChange();
  }

  private renumber(): void {
    this.rows.forEach((row, i) => {
      const name = t(this.keys.item, { n: i + 1 });
      row.label.textContent = name;
      row.remove.textContent = t('ed.items.remove');
      row.remove.setAttribute('aria-label', t(this.keys.remove, { item: name }));
      row.li.dataset.index = String(i);
      this.showCount(row);
    });
    this.addButton.disabled = this.rows.length >= MAX_ITEMS;
    this.list.hidden = this.rows.length === 0;
  }

  private showCount(row: Row): void {
    const length = row.input.value.length;
    row.count.textContent = t('ed.count', { count: number(length), max: number(MAX_ITEM) });
    row.count.classList.toggle('at-limit', length > MAX_ITEM);
  }

  clearErrors(): void {
    this.listError.textContent = '';
    for (const r of this.rows) {
      r.error.textContent = '';
      r.input.removeAttribute('aria-invalid');
    }
  }

  /** Marks the items this form or the platform finds wrong; the first one wrong, for the focus. */
  check(): HTMLElement | null {
    let first: HTMLElement | null = null;
    this.rows.forEach((r, i) => {
      const value = tidy(r.input.value);
      const message = value.length === 0 ? t(this.keys.empty, { item: t(this.keys.item, { n: i + 1 }) }) : value.length > MAX_ITEM ? t('ed.error.itemLength', { max: number(MAX_ITEM) }) : '';
      if (message) first ??= this.mark(i, message);
    });
    return first;
  }

  mark(index: number | null, message: string): HTMLElement {
    const row = index === null ? undefined : this.rows[index];
    if (!row) {
      this.listError.textContent = message;
      return this.rows[0]?.input ?? this.addButton;
    }
    row.error.textContent = message;
    row.input.setAttribute('aria-invalid', 'true');
    return row.input;
  }
}

class Editor {
  private revision: number;
  private saved: ProceedingsText;
  private versions: ProceedingsVersionInfo[];
  private busy = false;
  private readonly storageKey: string;

  private readonly alert = h('div', { class: 'alert-region', role: 'alert', id: 'ed-alert' });
  private readonly glanceSlot = h('div', { id: 'ed-glance-figures' });
  private readonly summary = h('textarea', { id: 'ed-summary', rows: 10, 'aria-describedby': 'ed-summary-hint ed-summary-count ed-summary-error' });
  private readonly summaryCount = h('p', { class: 'char-count hint', id: 'ed-summary-count' });
  private readonly summaryError = h('p', { class: 'field-error', id: 'ed-summary-error', role: 'alert' });
  private readonly takeaways: ItemList;
  private readonly calls: ItemList;
  private readonly saveButton = h('button', { type: 'submit', id: 'ed-save' }, t('ed.save'));
  private readonly saveState = h('p', { class: 'ed-state', id: 'ed-state' });
  private readonly conflict = h('div', { class: 'alert-region ed-conflict', id: 'ed-conflict', hidden: true });
  private readonly mine = h('div', { id: 'ed-mine-slot' });
  private readonly versionList = h('div', { id: 'ed-versions' });
  private readonly noteLabel = h('label', { for: 'ed-note' });
  private readonly noteHint = h('p', { class: 'hint', id: 'ed-note-hint' });
  private readonly note = h('textarea', { id: 'ed-note', rows: 2, 'aria-describedby': 'ed-note-hint ed-note-error' });
  private readonly noteError = h('p', { class: 'field-error', id: 'ed-note-error', role: 'alert' });
  private readonly publishButton = h('button', { type: 'submit', id: 'ed-publish-button' });
  private readonly published = h('div', { id: 'ed-published', class: 'ed-published', tabindex: '-1', hidden: true });

  constructor(
    body: HTMLElement,
    private readonly sessionId: string,
    participantId: string,
    draft: ProceedingsDraft,
    session: SessionDetails | null,
  ) {
    this.storageKey = `igf.proceedings.${participantId}.${sessionId}`;
    this.revision = draft.revision;
    this.saved = textOf(draft);
    this.versions = [...draft.versions];
    const changed = () => this.onInput();
    this.takeaways = new ItemList(
      'takeaways',
      { legend: 'ed.takeaways', item: 'ed.takeaway', add: 'ed.takeaways.add', remove: 'ed.takeaways.remove', empty: 'ed.error.emptyItem' },
      changed,
    );
    this.calls = new ItemList(
      'callsToAction',
      { legend: 'ed.calls', item: 'ed.call', add: 'ed.calls.add', remove: 'ed.calls.remove', empty: 'ed.error.emptyItem' },
      changed,
    );
    this.summary.addEventListener('input', changed);

    const title = localized(draft.proceedings.session.titles, draft.proceedings.session.title);
    document.title = `${t('ed.titleOf', { title })} · ${t('app.name')}`;
    const form = h(
      'form',
      { id: 'ed-form', class: 'ed-form', novalidate: true, 'aria-labelledby': 'ed-text-heading' },
      h('h2', { id: 'ed-text-heading' }, t('ed.text')),
      h('p', { class: 'hint' }, t('ed.markdown')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'ed-summary' }, t('ed.summary')),
        h('p', { class: 'hint', id: 'ed-summary-hint' }, t('ed.summary.hint')),
        this.summary,
        this.summaryCount,
        this.summaryError,
      ),
      this.takeaways.element,
      this.calls.element,
      h('div', { class: 'ed-actions' }, this.saveButton, this.saveState),
      this.conflict,
      this.mine,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    const publishForm = h(
      'form',
      { id: 'publish-form', novalidate: true, 'aria-labelledby': 'ed-publish-heading' },
      h('div', { class: 'field' }, this.noteLabel, this.noteHint, this.note, this.noteError),
      this.publishButton,
    );
    publishForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.publish();
    });
    const ended = session === null || hasEnded(session.status);
    replaceChildren(
      body,
      h('h1', { id: 'ed-title' }, t('ed.titleOf', { title })),
      h('p', { class: 'intro' }, t('ed.intro')),
      this.alert,
      h('section', { id: 'ed-glance', 'aria-labelledby': 'ed-glance-heading' }, h('h2', { id: 'ed-glance-heading' }, t('rec.glance.title')), this.glanceSlot),
      form,
      h(
        'section',
        { id: 'ed-publish', 'aria-labelledby': 'ed-publish-heading' },
        h('h2', { id: 'ed-publish-heading' }, t('ed.publish')),
        h('p', { class: 'hint' }, t('ed.publish.intro')),
        ended ? null : h('p', { class: 'notice', id: 'ed-not-ended' }, t('ed.publish.notEnded')),
        this.versionList,
        this.published,
        publishForm,
      ),
    );
    this.publishButton.disabled = !ended;
    this.showGlance(draft);
    this.fill(this.saved);
    this.restoreUnsaved();
    this.showVersions();
    this.showState();
  }

  private get text(): ProceedingsText {
    return { summary: this.summary.value, takeaways: this.takeaways.values, callsToAction: this.calls.values };
  }

  private get dirty(): boolean {
    return !same(this.text, this.saved);
  }

  private fill(text: ProceedingsText): void {
    this.summary.value = text.summary;
    this.takeaways.set(text.takeaways);
    this.calls.set(text.callsToAction);
    this.showSummaryCount();
  }

  private showGlance(draft: ProceedingsDraft): void {
    const floor = draft.proceedings.floor;
    replaceChildren(
      this.glanceSlot,
      glance(draft.proceedings, 'ed-glance-list'),
      Object.keys(floor.byGroup).length === 0
        ? null
        : table(
            'ed-floor-table',
            t('rec.floor.byGroup'),
            [t('floor.table.group'), t('floor.table.speeches'), t('floor.table.time'), t('floor.table.share'), t('floor.table.target')],
            shareRows(floor.byGroup, KNOWN.group, groupName),
          ),
    );
  }

  // ---- typing, kept until saved ---------------------------------------------------------------

  private onInput(): void {
    this.showSummaryCount();
    this.showState();
    try {
      if (this.dirty) sessionStorage.setItem(this.storageKey, JSON.stringify({ revision: this.revision, text: this.text }));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      /* storage full or unavailable: the form still holds it */
    }
  }

  /** Text typed here before (not saved) comes back, with the revision it was based on. */
  private restoreUnsaved(): void {
    let kept: Kept | null = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as Kept | null;
    } catch {
      kept = null;
    }
    if (!kept?.text || typeof kept.revision !== 'number' || same(kept.text, this.saved)) return;
    this.fill({ summary: String(kept.text.summary ?? ''), takeaways: (kept.text.takeaways ?? []).map(String), callsToAction: (kept.text.callsToAction ?? []).map(String) });
    this.revision = kept.revision;
    this.alert.after(h('p', { class: 'notice', id: 'ed-restored' }, t('ed.restored')));
  }

  private showSummaryCount(): void {
    const length = this.summary.value.length;
    this.summaryCount.textContent = t('ed.count', { count: number(length), max: number(MAX_SUMMARY) });
    this.summaryCount.classList.toggle('at-limit', length > MAX_SUMMARY);
  }

  private showState(savedAt?: Date): void {
    this.saveState.dataset.dirty = String(this.dirty);
    this.saveState.dataset.revision = String(this.revision);
    if (this.dirty) this.saveState.textContent = t('ed.state.unsaved');
    else if (savedAt) this.saveState.textContent = t('ed.state.savedAt', { time: formatTime(savedAt), revision: this.revision });
    else this.saveState.textContent = this.revision === 0 ? t('ed.state.new') : t('ed.state.saved', { revision: this.revision });
  }

  // ---- saving ---------------------------------------------------------------------------------

  private clearErrors(): void {
    this.summaryError.textContent = '';
    this.summary.removeAttribute('aria-invalid');
    this.takeaways.clearErrors();
    this.calls.clearErrors();
  }

  /** The form's own checks (the platform's limits); the first field found wrong. */
  private check(): HTMLElement | null {
    let first: HTMLElement | null = null;
    if (tidy(this.summary.value).length > MAX_SUMMARY) first = this.markSummary(t('ed.error.summaryLength', { max: number(MAX_SUMMARY) }));
    const a = this.takeaways.check();
    const b = this.calls.check();
    return first ?? a ?? b;
  }

  private markSummary(message: string): HTMLElement {
    this.summaryError.textContent = message;
    this.summary.setAttribute('aria-invalid', 'true');
    return this.summary;
  }

  /** The platform's field errors (`summary`, `takeaways[2]`, `callsToAction`) next to their fields. */
  private markServerErrors(errors: Record<string, string[]>): HTMLElement | null {
    let first: HTMLElement | null = null;
    for (const [key, messages] of Object.entries(errors)) {
      const message = messages.join(' ');
      const match = /^(summary|takeaways|callsToAction)(?:\[(\d+)\])?$/.exec(key);
      if (!match) continue;
      const index = match[2] === undefined ? null : Number(match[2]);
      const el = match[1] === 'summary' ? this.markSummary(message) : (match[1] === 'takeaways' ? this.takeaways : this.calls).mark(index, message);
      first ??= el;
    }
    return first;
  }

  private say(...content: Child[]): void {
    replaceChildren(this.alert, h('p', null, ...content));
  }

  /** Saves what the form holds against the revision it edits; true once saved. */
  private async save(options: { quiet?: boolean } = {}): Promise<boolean> {
    if (this.busy) return false;
    this.clearErrors();
    this.alert.textContent = '';
    const invalid = this.check();
    if (invalid) {
      this.say(t('ed.error.fix'));
      invalid.focus();
      return false;
    }
    this.busy = true;
    this.saveButton.setAttribute('aria-disabled', 'true');
    const text = this.text;
    try {
      const draft = await saveDraft(this.sessionId, text, this.revision);
      this.revision = draft.revision;
      this.saved = textOf(draft);
      this.versions = [...draft.versions];
      this.conflict.hidden = true;
      this.showGlance(draft);
      this.onInput(); // the kept copy goes once saved (or stays if typing went on meanwhile)
      this.showState(new Date());
      document.getElementById('ed-restored')?.remove();
      if (!options.quiet) announce(t('ed.saved'));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) this.showConflict();
      else if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
        const first = this.markServerErrors(error.problem.errors);
        this.say(...tNodes('ed.error.refused', { message: platformText(problemText(error)) }));
        first?.focus();
      } else this.say(...tNodes('ed.error.notSaved', { message: platformText(problemText(error)) }));
      return false;
    } finally {
      this.busy = false;
      this.saveButton.removeAttribute('aria-disabled');
    }
  }

  private showConflict(): void {
    const theirs = h('button', { type: 'button', id: 'ed-load-saved' }, t('ed.conflict.load'));
    const overwrite = h('button', { type: 'button', class: 'secondary', id: 'ed-keep-mine' }, t('ed.conflict.keep'));
    theirs.addEventListener('click', () => void this.loadSaved());
    overwrite.addEventListener('click', () => void this.saveOver());
    replaceChildren(this.conflict, h('p', null, t('ed.conflict')), h('div', { class: 'ed-actions' }, theirs, overwrite));
    this.conflict.hidden = false;
    this.conflict.setAttribute('role', 'alert');
    theirs.focus();
  }

  /** The text someone else saved replaces the form; this person's text stays beside it to copy from. */
  private async loadSaved(): Promise<void> {
    let draft: ProceedingsDraft;
    try {
      draft = await getDraft(this.sessionId);
    } catch (error) {
      return this.say(...tNodes('ed.error.notLoaded', { message: platformText(problemText(error)) }));
    }
    const mine = this.text;
    if (!same(mine, textOf(draft))) {
      const copy = h('textarea', { id: 'ed-mine', readonly: true, rows: 8 });
      copy.value = asMarkdown(mine);
      replaceChildren(
        this.mine,
        h('details', { open: true, class: 'ed-mine' }, h('summary', null, t('ed.mine')), h('label', { for: 'ed-mine' }, t('ed.mine.label')), copy),
      );
    }
    this.revision = draft.revision;
    this.saved = textOf(draft);
    this.versions = [...draft.versions];
    this.clearErrors();
    this.fill(this.saved);
    this.conflict.hidden = true;
    this.onInput();
    this.showGlance(draft);
    this.showVersions();
    this.summary.focus();
    announce(t('ed.conflict.loaded'));
  }

  /** This person's text is saved over the other one, knowingly. */
  private async saveOver(): Promise<void> {
    try {
      this.revision = (await getDraft(this.sessionId)).revision;
    } catch (error) {
      return this.say(...tNodes('ed.error.notLoaded', { message: platformText(problemText(error)) }));
    }
    if (await this.save()) this.summary.focus();
  }

  // ---- publishing -----------------------------------------------------------------------------

  private showVersions(): void {
    const next = this.versions.length + 1;
    const required = this.versions.length > 0;
    this.noteLabel.textContent = required ? t('ed.note.required') : t('ed.note.optional');
    this.noteHint.textContent = required ? t('ed.note.hintRequired', { max: MAX_NOTE }) : t('ed.note.hint', { max: MAX_NOTE });
    this.note.required = required;
    this.note.setAttribute('aria-required', String(required));
    this.publishButton.textContent = t('ed.publish.button', { version: next });
    replaceChildren(
      this.versionList,
      this.versions.length === 0
        ? h('p', { id: 'ed-no-versions' }, t('ed.versions.none'))
        : h(
            'ul',
            { class: 'ed-version-list' },
            this.versions.map((v) =>
              h(
                'li',
                { 'data-version': v.version },
                h('a', { href: pageUrl(this.sessionId, v.version) }, t('rec.version', { version: v.version })),
                ' · ',
                t('rec.publishedAt'),
                ' ',
                when(v.publishedAt),
                v.note ? [' · ', v.note] : null,
                v.takenDown ? [' · ', h('strong', null, t('rec.history.takenDown'))] : null,
              ),
            ),
          ),
    );
  }

  private async publish(): Promise<void> {
    if (this.busy || this.publishButton.disabled) return;
    this.noteError.textContent = '';
    this.note.removeAttribute('aria-invalid');
    const note = tidy(this.note.value);
    const noteProblem =
      this.versions.length > 0 && note.length === 0
        ? t('ed.error.noteRequired', { version: this.versions.length })
        : note.length > MAX_NOTE
          ? t('ed.error.noteLength', { max: MAX_NOTE })
          : '';
    if (noteProblem) {
      this.noteError.textContent = noteProblem;
      this.note.setAttribute('aria-invalid', 'true');
      this.note.focus();
      return;
    }
    // What is published is the text as saved: unsaved changes are saved first.
    if (this.dirty && !(await this.save({ quiet: true }))) {
      if (!this.alert.textContent) this.say(t('ed.publish.notSaved'));
      return;
    }
    this.busy = true;
    this.publishButton.setAttribute('aria-disabled', 'true');
    try {
      const info = await publishProceedings(this.sessionId, note || null);
      this.versions = [...this.versions.filter((v) => v.version !== info.version), info];
      this.note.value = '';
      this.showVersions();
      this.alert.textContent = '';
      const href = pageUrl(this.sessionId, info.version);
      replaceChildren(
        this.published,
        h('p', null, t('ed.published', { version: info.version }), ' ', h('a', { href, id: 'ed-published-link' }, t('ed.published.read', { version: info.version }))),
      );
      this.published.hidden = false;
      this.published.dataset.version = String(info.version);
      this.published.focus();
      announce(t('ed.published', { version: info.version }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        replaceChildren(this.noteError, platformText(problemText(error)));
        this.note.setAttribute('aria-invalid', 'true');
        this.note.focus();
      } else this.say(...tNodes('ed.publish.failed', { message: platformText(problemText(error)) }));
    } finally {
      this.busy = false;
      this.publishButton.removeAttribute('aria-disabled');
    }
  }
}

/** A person's text as one Markdown document, to copy from. */
function asMarkdown(text: ProceedingsText): string {
  const list = (heading: string, items: string[]) => (items.length > 0 ? `\n\n## ${heading}\n\n${items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n')}` : '');
  return `${text.summary}${list(t('ed.takeaways'), text.takeaways)}${list(t('ed.calls'), text.callsToAction)}`.trim();
}
