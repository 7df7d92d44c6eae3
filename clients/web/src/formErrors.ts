// Labelled form fields with a hint and an error line, and the summary of a refused form at its top
// (sign-up, the organizer's console): each error is next to its field, named in the summary with a
// link to it, and the focus goes to the summary so that it is read first.
import { h, replaceChildren, type Child } from './dom';

export interface Field {
  /** The field's wrapper (label, hint, control, error). */
  element: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  label: string;
  error: HTMLElement;
}

/** A control with its label, an optional hint, and its error line, all tied by `aria-describedby`. */
export function field(
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  label: string,
  options: { hint?: Child | Child[]; suffix?: string } = {},
): Field {
  const id = control.id;
  const hintId = `${id}-hint`;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  control.setAttribute('aria-describedby', [options.hint ? hintId : '', error.id].filter(Boolean).join(' '));
  const element = h(
    'div',
    { class: 'field', 'data-field': control.name },
    h('label', { for: id }, label, options.suffix ? h('span', { class: 'optional' }, ' ', options.suffix) : null),
    options.hint ? h('p', { class: 'hint', id: hintId }, ...[options.hint].flat()) : null,
    control,
    error,
  );
  control.addEventListener('input', () => clearField({ element, control, label, error }));
  return { element, control, label, error };
}

export function markField(f: Field, message: string): void {
  f.error.textContent = message;
  f.control.setAttribute('aria-invalid', 'true');
}

export function clearField(f: Field): void {
  f.error.textContent = '';
  f.control.removeAttribute('aria-invalid');
}

/** The summary at the top of a form: a title, a line, and each wrong field as a link to it. */
export class ErrorSummary {
  readonly element: HTMLDivElement;

  constructor(private readonly id: string) {
    this.element = h('div', { class: 'error-summary', id, role: 'alert', tabindex: '-1', hidden: true });
  }

  /** Shows the problems and moves the focus to the summary. */
  show(title: string, line: string, problems: { field: Field; message: string }[]): void {
    replaceChildren(
      this.element,
      h('h2', { id: `${this.id}-title` }, title),
      line ? h('p', null, line) : null,
      problems.length
        ? h(
            'ul',
            null,
            problems.map(({ field: f, message }) =>
              h(
                'li',
                null,
                h(
                  'a',
                  {
                    href: `#${f.control.id}`,
                    'data-field': f.control.name,
                    onclick: (event: Event) => {
                      event.preventDefault();
                      f.control.focus();
                    },
                  },
                  `${f.label}: ${message}`,
                ),
              ),
            ),
          )
        : null,
    );
    this.element.setAttribute('aria-labelledby', `${this.id}-title`);
    this.element.hidden = false;
    this.element.focus();
  }

  clear(): void {
    this.element.hidden = true;
    this.element.textContent = '';
  }
}
