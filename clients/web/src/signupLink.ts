// "No account yet? Create an account": small and in the first download, so that the pages asking
// anonymous readers to sign in do not load the organizer's strings.
import { h } from './dom';
import { t } from './i18n';

/** "Create an account", going back to `next` (a path of this app) once registered. */
export const createAccountLink = (next: string): HTMLAnchorElement =>
  h('a', { href: `/signup?next=${encodeURIComponent(next)}`, class: 'create-account', 'data-testid': 'create-account' }, t('nav.createAccount'));

/** The whole line: the question and the link. */
export const createAccountHint = (next: string): (string | HTMLAnchorElement)[] => [t('nav.noAccount'), ' ', createAccountLink(next)];
