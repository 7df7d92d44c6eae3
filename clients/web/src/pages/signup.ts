// Registration (`/signup`): the person's profile as the platform asks for it, with its rules said
// before they are broken; a refusal is shown next to each field and summarized at the top. Once
// registered the person is signed in and goes back to where they came from (`?next=`).
import '../organizer.css';
import { announce } from '../announce';
import { ApiError, getMe, problemText, register } from '../api';
import { authFrom, getAuth, setAuth } from '../auth';
import { append, h } from '../dom';
import { ErrorSummary, clearField, field, markField, type Field } from '../formErrors';
import { t, vocabularyLabel } from '../i18n';
import { to, tno } from '../i18nOrganizer';
import { navigate } from '../router';
import { GENDERS, REGIONS, STAKEHOLDER_GROUPS, type Registration } from '../types';

// The platform's limits (docs/api.md, "Limits").
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;
const NAME_MAX = 100;
const EMAIL_MAX = 254;
const ORGANIZATION_MAX = 200;
const COUNTRY_MAX = 100;

/** Only paths inside this app (`?next=`, or `?return=`): never send someone elsewhere. */
function nextPath(): string {
  const query = new URLSearchParams(location.search);
  const next = query.get('next') ?? query.get('return');
  return next && next.startsWith('/') && !next.startsWith('//') && !/^\/(signin|signup)\b/.test(next) ? next : '/';
}

const input = (id: string, name: string, attrs: Record<string, string | number | boolean>): HTMLInputElement =>
  h('input', { id, name, ...attrs });

function select(id: string, name: string, options: [string, string][], required: boolean): HTMLSelectElement {
  return h(
    'select',
    { id, name, required, 'aria-required': required ? 'true' : null },
    options.map(([value, label]) => h('option', { value }, label)),
  );
}

export function signUpPage(main: HTMLElement): void {
  document.title = `${to('su.title')} · ${t('app.name')}`;
  const next = nextPath();
  const current = getAuth();
  const signInHref = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
  if (current) {
    append(
      main,
      h('h1', null, to('su.title')),
      h('p', { class: 'notice', id: 'signup-already' }, to('su.already', { name: current.displayName || current.email || current.participantId })),
    );
    return;
  }

  const email = field(input('su-email', 'email', { type: 'email', dir: 'auto', autocomplete: 'username', required: true, spellcheck: 'false', maxlength: EMAIL_MAX }), to('su.email'), {
    hint: to('su.email.hint'),
  });
  const password = field(
    input('su-password', 'password', { type: 'password', autocomplete: 'new-password', required: true, minlength: PASSWORD_MIN, maxlength: PASSWORD_MAX }),
    to('su.password'),
    { hint: to('su.password.hint', { min: PASSWORD_MIN, max: PASSWORD_MAX }) },
  );
  const displayName = field(input('su-name', 'displayName', { type: 'text', autocomplete: 'name', required: true, maxlength: NAME_MAX }), to('su.displayName'), {
    hint: to('su.displayName.hint', { max: NAME_MAX }),
  });
  const choose: [string, string] = ['', to('su.choose')];
  const group = field(
    select('su-group', 'stakeholderGroup', [choose, ...STAKEHOLDER_GROUPS.map((g): [string, string] => [g, vocabularyLabel('group', g)])], true),
    to('su.group'),
    {
      hint: [
        to('su.group.hint'),
        h(
          'details',
          { class: 'group-explanations' },
          h('summary', null, to('su.group.more')),
          h(
            'dl',
            null,
            STAKEHOLDER_GROUPS.flatMap((g) => [h('dt', null, vocabularyLabel('group', g)), h('dd', null, to(`su.group.about.${g}`))]),
          ),
        ),
      ],
    },
  );
  const region = field(
    select('su-region', 'region', [choose, ...REGIONS.map((r): [string, string] => [r, vocabularyLabel('region', r)])], true),
    to('su.region'),
    { hint: to('su.region.hint') },
  );
  const gender = field(
    select(
      'su-gender',
      'gender',
      [
        ['', to('su.gender.none')],
        ...GENDERS.map((g): [string, string] => [g, g === 'undisclosed' ? to('su.gender.undisclosed') : vocabularyLabel('gender', g)]),
      ],
      false,
    ),
    to('su.gender'),
    { hint: to('su.gender.hint'), suffix: to('su.optional') },
  );
  const organization = field(
    input('su-organization', 'organization', { type: 'text', autocomplete: 'organization', maxlength: ORGANIZATION_MAX }),
    to('su.organization'),
    { hint: to('su.upTo', { max: ORGANIZATION_MAX }), suffix: to('su.optional') },
  );
  const country = field(input('su-country', 'country', { type: 'text', autocomplete: 'country-name', maxlength: COUNTRY_MAX }), to('su.country'), {
    hint: to('su.upTo', { max: COUNTRY_MAX }),
    suffix: to('su.optional'),
  });
  const fields: Record<string, Field> = {
    email,
    password,
    displayName,
    stakeholderGroup: group,
    region,
    gender,
    organization,
    country,
  };
  for (const f of [group, region, gender]) f.control.addEventListener('change', () => clearField(f));

  const summary = new ErrorSummary('signup-errors');
  const submit = h('button', { type: 'submit', id: 'signup-submit' }, to('su.submit'));
  const form = h(
    'form',
    { class: 'stack signup', novalidate: true, 'aria-labelledby': 'signup-title' },
    summary.element,
    h('p', { class: 'hint' }, to('su.requiredNote')),
    Object.values(fields).map((f) => f.element),
    submit,
  );

  /** What this form can tell before asking the platform: the same rules, in the person's language. */
  const check = (): { field: Field; message: string }[] => {
    const problems: { field: Field; message: string }[] = [];
    const e = email.control.value.trim();
    if (!e || e.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) problems.push({ field: email, message: to('su.error.email') });
    const p = password.control.value;
    if (p.length < PASSWORD_MIN || p.length > PASSWORD_MAX) problems.push({ field: password, message: to('su.error.password', { min: PASSWORD_MIN, max: PASSWORD_MAX }) });
    const n = displayName.control.value.trim();
    if (!n || n.length > NAME_MAX) problems.push({ field: displayName, message: to('su.error.displayName', { max: NAME_MAX }) });
    if (!group.control.value) problems.push({ field: group, message: to('su.error.group') });
    if (!region.control.value) problems.push({ field: region, message: to('su.error.region') });
    if (organization.control.value.trim().length > ORGANIZATION_MAX) problems.push({ field: organization, message: to('su.error.tooLong', { max: ORGANIZATION_MAX }) });
    if (country.control.value.trim().length > COUNTRY_MAX) problems.push({ field: country, message: to('su.error.tooLong', { max: COUNTRY_MAX }) });
    return problems;
  };

  /** The platform's field errors, said as this form says them (its own words where the field is unknown). */
  const fromPlatform = (error: ApiError): { problems: { field: Field; message: string }[]; rest: string } => {
    if (error.status === 409) return { problems: [{ field: email, message: to('su.error.emailTaken') }], rest: '' };
    const problems: { field: Field; message: string }[] = [];
    const rest: string[] = [];
    const ownWords: Record<string, string> = {
      email: to('su.error.email'),
      password: to('su.error.password', { min: PASSWORD_MIN, max: PASSWORD_MAX }),
      displayName: to('su.error.displayName', { max: NAME_MAX }),
      stakeholderGroup: to('su.error.group'),
      region: to('su.error.region'),
      gender: to('su.error.gender'),
      organization: to('su.error.tooLong', { max: ORGANIZATION_MAX }),
      country: to('su.error.tooLong', { max: COUNTRY_MAX }),
    };
    for (const [key, messages] of Object.entries(error.problem?.errors ?? {})) {
      const name = Object.keys(fields).find((k) => k.toLowerCase() === key.replace(/^\$\./, '').toLowerCase());
      const f = name ? fields[name] : undefined;
      if (f && name) problems.push({ field: f, message: ownWords[name] ?? messages.join(' ') });
      else rest.push(messages.join(' '));
    }
    return { problems, rest: problems.length ? rest.join(' ') : problemText(error) };
  };

  const refuse = (problems: { field: Field; message: string }[], line: string): void => {
    for (const { field: f, message } of problems) markField(f, message);
    summary.show(to('su.errors.title'), problems.length ? [line, tno('su.errors.count', problems.length)].filter(Boolean).join(' ') : line, problems);
  };

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    Object.values(fields).forEach(clearField);
    summary.clear();
    const problems = check();
    if (problems.length) return refuse(problems, '');

    busy = true;
    submit.setAttribute('aria-disabled', 'true');
    submit.textContent = to('su.working');
    form.setAttribute('aria-busy', 'true');
    const optional = (value: string): string | undefined => value.trim() || undefined;
    const registration: Registration = {
      email: email.control.value.trim(),
      password: password.control.value,
      displayName: displayName.control.value.trim(),
      stakeholderGroup: group.control.value,
      region: region.control.value,
      ...(gender.control.value ? { gender: gender.control.value } : {}),
      ...(optional(organization.control.value) ? { organization: optional(organization.control.value) } : {}),
      ...(optional(country.control.value) ? { country: optional(country.control.value) } : {}),
    };
    try {
      const result = await register(registration);
      setAuth(authFrom(result, { displayName: registration.displayName, email: registration.email }));
      try {
        const me = await getMe();
        const auth = getAuth();
        if (auth) setAuth({ ...auth, displayName: me.displayName, email: me.email });
      } catch {
        // The name is known already; the registration worked.
      }
      navigate(next);
      announce(to('su.done', { name: registration.displayName }));
    } catch (error) {
      busy = false;
      submit.removeAttribute('aria-disabled');
      submit.textContent = to('su.submit');
      form.removeAttribute('aria-busy');
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        const { problems: refused, rest } = fromPlatform(error);
        refuse(refused, refused.length ? rest : to('su.error.failed', { message: rest }));
      } else {
        refuse([], to('su.error.failed', { message: problemText(error) }));
      }
    }
  });

  append(
    main,
    h('h1', { id: 'signup-title' }, to('su.title')),
    h('p', { class: 'intro' }, to('su.intro')),
    form,
    h('p', { class: 'signin-instead' }, to('su.haveAccount'), ' ', h('a', { href: signInHref, 'data-testid': 'signin-instead' }, t('nav.signIn'))),
  );
}
