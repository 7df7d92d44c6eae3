import { h } from '../dom';
import { t } from '../i18n';

export function notFoundPage(main: HTMLElement): void {
  document.title = `${t('notFound.title')} · ${t('app.name')}`;
  main.append(
    h('h1', null, t('notFound.title')),
    h('p', null, t('notFound.body')),
    h('p', null, h('a', { href: '/' }, t('session.backToList'))),
  );
}
