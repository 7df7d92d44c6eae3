// Sign in with email and password; the token is kept in localStorage.
import { getMe, login } from '../api';
import { authFrom, getAuth, setAuth } from '../auth';
import { append, h } from '../dom';
import { platformText, t, tNodes } from '../i18n';
import { navigate } from '../router';

/** Only paths inside this app: never send someone elsewhere after sign-in. */
function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/';
}

export async function signInPage(main: HTMLElement): Promise<void> {
  document.title = `${t('signin.title')} · ${t('app.name')}`;
  const current = getAuth();

  const email = h('input', {
    id: 'signin-email',
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'signin-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('div', { class: 'error', role: 'alert', id: 'signin-error' });
  const submit = h('button', { type: 'submit' }, t('signin.submit'));

  const form = h(
    'form',
    { class: 'stack signin', novalidate: false, 'aria-describedby': 'signin-error' },
    h('div', { class: 'field' }, h('label', { for: 'signin-email' }, t('signin.email')), email),
    h('div', { class: 'field' }, h('label', { for: 'signin-password' }, t('signin.password')), password),
    error,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = t('signin.working');
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await login(email.value.trim(), password.value);
      setAuth(authFrom(result, { email: email.value.trim() }));
      try {
        const me = await getMe();
        const auth = getAuth();
        if (auth) setAuth({ ...auth, displayName: me.displayName, email: me.email });
      } catch {
        // The name is a nicety; the sign-in worked.
      }
      navigate(nextPath());
    } catch (e) {
      error.replaceChildren(...tNodes('signin.failed', { message: platformText((e as Error).message) }));
      submit.disabled = false;
      submit.textContent = t('signin.submit');
      form.removeAttribute('aria-busy');
      password.focus();
    }
  });

  append(
    main,
    h('h1', null, t('signin.title')),
    current
      ? h(
          'p',
          { class: 'notice' },
          t('signin.already', { name: current.displayName || current.email || current.participantId }),
        )
      : null,
    form,
    await createAccountParagraph(),
    h('p', { class: 'hint' }, t('signin.demoHint')),
  );
}

/** "No account yet? Create an account", going on to the same place (its strings come with sign-up's). */
async function createAccountParagraph(): Promise<HTMLElement | null> {
  try {
    const { createAccountHint } = await import('../signupLink');
    const next = new URLSearchParams(location.search).get('next');
    return h('p', { class: 'signup-instead' }, ...createAccountHint(next && next.startsWith('/') && !next.startsWith('//') ? next : '/'));
  } catch {
    return null; // the strings could not be loaded: signing in still works
  }
}
