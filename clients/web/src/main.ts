import './styles.css';
import './a11y.css';
import { getAuth, onAuthChange, setAuth, signOut } from './auth';
import { h, replaceChildren } from './dom';
import { chooseInterfaceLanguage, dir, formatList, lang, langTag, languageName, languages, t } from './i18n';
import { fallback, navigate, onNavigate, route, startRouter } from './router';
import { ApiError, getMe } from './api';
import { homePage } from './pages/home';
import { signInPage } from './pages/signin';
import { notFoundPage } from './pages/notFound';

document.documentElement.lang = langTag;
document.documentElement.dir = dir;
document.title = t('app.name');
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
// Sign-up, and the organizers' console.
route('/signup', async () => (await import('./pages/signup')).signUpPage);
route('/organize', async () => (await import('./pages/organizer')).organizerPage);
fallback(async () => notFoundPage);

// The console's link, for organizers (the token's roles are a hint: the console asks the platform).
// Its name comes with the console's strings, which only organizers load.
let organizerStrings: typeof import('./i18nOrganizer') | null = null;
function organizerLink(here: string): HTMLElement | null {
  if (!getAuth()?.roles?.includes('organizer')) return null;
  if (!organizerStrings) {
    void import('./i18nOrganizer').then((strings) => {
      organizerStrings = strings;
      renderHeader();
    });
    return null;
  }
  return h('a', { href: '/organize', id: 'nav-organize', 'aria-current': here === '/organize' ? 'page' : null }, organizerStrings.to('org.nav'));
}

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
              void signOut();
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
    languageChooser(),
    h(
      'nav',
      { 'aria-label': t('nav.main'), class: 'site-nav' },
      h('a', { href: '/', class: 'brand' }, t('app.name')),
      h('a', { href: '/', 'aria-current': here === '/' ? 'page' : null }, t('nav.sessions')),
      h('a', { href: '/topics', 'aria-current': here === '/topics' ? 'page' : here.startsWith('/topics/') ? 'true' : null }, t('nav.topics')),
      h('a', { href: '/groups', 'aria-current': here === '/groups' ? 'page' : here.startsWith('/groups/') ? 'true' : null }, t('nav.groups')),
      h('a', { href: '/archive', 'aria-current': here === '/archive' ? 'page' : here.startsWith('/archive/') ? 'true' : null }, t('nav.archive')),
      organizerLink(here),
      account,
    ),
  );
}

/**
 * The six languages as links, each named in itself (and marked with its own `lang`): plain links
 * work with the keyboard, in a new tab and without script (`?lang=`); a click keeps the choice and
 * loads the same address again in that language (what is being typed is kept in sessionStorage).
 */
function languageChooser(): HTMLElement {
  return h(
    'nav',
    { class: 'language-chooser', 'aria-label': t('nav.language') },
    h(
      'ul',
      null,
      languages.map((l) => {
        const url = new URL(location.href);
        url.searchParams.set('lang', l.code);
        return h(
          'li',
          null,
          h(
            'a',
            {
              href: url.pathname + url.search + url.hash,
              lang: l.tag,
              hreflang: l.tag,
              dir: l.dir,
              'data-lang': l.code,
              'aria-current': l.code === lang ? 'true' : null,
              onclick: (e: Event) => {
                const event = e as MouseEvent;
                // A new tab or window follows the link (?lang=); here, not the router's client-side
                // navigation: the strings are loaded once, with the page.
                if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
                event.preventDefault();
                chooseInterfaceLanguage(l.code);
              },
            },
            l.name,
          ),
        );
      }),
    ),
  );
}

/**
 * Says once, under the header, when some of the page's content (titles, descriptions) is not in the
 * interface language but in its own, which the elements carry as `lang` (`localizedAttrs`).
 */
function watchUntranslated(): void {
  const main = document.getElementById('main')!;
  const note = h('p', { class: 'content-lang-note', id: 'content-lang-note', hidden: true });
  document.getElementById('site-header')!.after(note);
  let shown = '';
  const update = (): void => {
    const codes = [...new Set([...main.querySelectorAll('[data-untranslated]')].map((el) => el.getAttribute('lang') ?? ''))]
      .filter((code) => code !== '')
      .sort();
    const key = codes.join(' ');
    if (key === shown) return;
    shown = key;
    note.hidden = codes.length === 0;
    note.textContent = codes.length ? t('content.untranslated', { language: formatList(codes.map(languageName)) }) : '';
  };
  new MutationObserver(update).observe(main, { childList: true, subtree: true, attributeFilter: ['data-untranslated'] });
  update();
}
if (lang !== 'en') watchUntranslated();

let lastAuth = getAuth()?.participantId ?? null;
onAuthChange((auth) => {
  renderHeader();
  // A renewed token is the same person: the live connection takes it at its next (re)connect. Someone
  // else signing in or out redraws the page, with a connection of their own.
  const who = auth?.participantId ?? null;
  if (who !== lastAuth) {
    lastAuth = who;
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
