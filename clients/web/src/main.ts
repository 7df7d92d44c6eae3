import './styles.css';
import { getAuth, onAuthChange, setAuth } from './auth';
import { h, replaceChildren } from './dom';
import { dir, lang, t } from './i18n';
import { fallback, navigate, onNavigate, route, startRouter } from './router';
import { ApiError, getMe } from './api';
import { homePage } from './pages/home';
import { signInPage } from './pages/signin';
import { notFoundPage } from './pages/notFound';

document.documentElement.lang = lang;
document.documentElement.dir = dir;
document.getElementById('skip-link')!.textContent = t('app.skipToContent');

// The calendar and sign-in are small and in the first download; the live view brings the SignalR
// client with it and loads on demand.
route('/', async () => homePage);
route('/sessions/:id', async () => (await import('./pages/session')).sessionPage);
route('/signin', async () => signInPage);
route('/topics', async () => (await import('./pages/topics')).topicsPage);
route('/topics/:slug', async () => (await import('./pages/topics')).topicPage);
route('/groups', async () => (await import('./pages/groups')).groupsPage);
route('/groups/:group', async () => (await import('./pages/groups')).groupPage);
route('/consultations/:id', async () => (await import('./pages/consultation')).consultationPage);
// The archive of published proceedings, a session's proceedings, and the moderators' editor.
route('/archive', async () => (await import('./pages/archive')).archivePage);
route('/archive/:id', async () => (await import('./pages/proceedings')).proceedingsPage);
route('/archive/:id/v/:n', async () => (await import('./pages/proceedings')).proceedingsPage);
route('/sessions/:id/proceedings', async () => (await import('./pages/proceedingsEditor')).proceedingsEditorPage);
fallback(async () => notFoundPage);

function renderHeader(): void {
  const header = document.getElementById('site-header')!;
  const auth = getAuth();
  const here = location.pathname;
  const account = auth
    ? h(
        'div',
        { class: 'account' },
        h(
          'span',
          { class: 'who', 'data-signed-in': auth.participantId },
          t('nav.signedInAs', { name: auth.displayName || auth.email || auth.participantId }),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () => {
              setAuth(null);
            },
          },
          t('nav.signOut'),
        ),
      )
    : h(
        'div',
        { class: 'account' },
        h(
          'a',
          {
            href: here === '/signin' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`,
            'aria-current': here === '/signin' ? 'page' : null,
          },
          t('nav.signIn'),
        ),
      );
  replaceChildren(
    header,
    h(
      'nav',
      { 'aria-label': t('nav.main'), class: 'site-nav' },
      h('a', { href: '/', class: 'brand' }, t('app.name')),
      h('a', { href: '/', 'aria-current': here === '/' ? 'page' : null }, t('nav.sessions')),
      h('a', { href: '/topics', 'aria-current': here === '/topics' ? 'page' : here.startsWith('/topics/') ? 'true' : null }, t('nav.topics')),
      h('a', { href: '/groups', 'aria-current': here === '/groups' ? 'page' : here.startsWith('/groups/') ? 'true' : null }, t('nav.groups')),
      h('a', { href: '/archive', 'aria-current': here === '/archive' ? 'page' : here.startsWith('/archive/') ? 'true' : null }, t('nav.archive')),
      account,
    ),
  );
}

let lastAuth = getAuth()?.token ?? null;
onAuthChange((auth) => {
  renderHeader();
  const token = auth?.token ?? null;
  if (token !== lastAuth) {
    lastAuth = token;
    // The hub connection carries the token from when it opened: redraw the page with the new one.
    if (/^\/(sessions|topics|consultations)\//.test(location.pathname)) navigate(location.pathname + location.search, true);
  }
});
onNavigate(renderHeader);
renderHeader();

// Fill in the display name of a person whose sign-in predates it (or refresh it).
const auth = getAuth();
if (auth && !auth.displayName) {
  getMe()
    .then((me) => {
      const still = getAuth();
      if (still?.token === auth.token) setAuth({ ...still, displayName: me.displayName, email: me.email });
    })
    .catch((error: unknown) => {
      // A token the platform no longer accepts (expired, or the keys changed): sign out.
      if (error instanceof ApiError && error.status === 401) setAuth(null);
    });
}

startRouter();
