// The six stakeholder groups: members, and each group's share of the floor across the forum (a
// chart with its figures as a table); one group's members by region and gender and the sessions
// where it spoke, with its share of each.
import { ApiError, getStakeholderGroup, getStakeholderGroups, problemText } from '../api';
import { groupShareChart } from '../chart';
import { h, replaceChildren } from '../dom';
import { formatClock, formatDateTime, formatPercent, locale, platformText, t, tn, vocabularyLabel } from '../i18n';
import { GENDERS, REGIONS, STAKEHOLDER_GROUPS, type StakeholderGroupFigures } from '../types';

const groupName = (g: StakeholderGroupFigures): string => vocabularyLabel('group', g.group) || g.name;
const number = (n: number): string => n.toLocaleString(locale);

/** Known keys in the contract's order, then any others. */
const inOrder = <T extends { group: string }>(list: T[]): T[] => {
  const rank = (g: string) => {
    const i = (STAKEHOLDER_GROUPS as readonly string[]).indexOf(g);
    return i < 0 ? STAKEHOLDER_GROUPS.length : i;
  };
  return [...list].sort((a, b) => rank(a.group) - rank(b.group));
};

function failure(error: unknown): HTMLElement[] {
  return [
    h('p', { role: 'alert', class: 'error' }, platformText(problemText(error))),
    h('p', null, h('a', { href: location.pathname }, t('app.retry'))),
  ];
}

export async function groupsPage(main: HTMLElement): Promise<void> {
  document.title = `${t('groups.title')} · ${t('app.name')}`;
  const body = h('div', { id: 'groups', 'aria-busy': 'true' }, h('p', null, t('app.loading')));
  main.append(h('h1', null, t('groups.title')), h('p', { class: 'intro' }, t('groups.intro')), body);
  let groups: StakeholderGroupFigures[];
  try {
    groups = inOrder(await getStakeholderGroups());
  } catch (error) {
    body.removeAttribute('aria-busy');
    return replaceChildren(body, failure(error));
  }
  body.removeAttribute('aria-busy');
  const figure = h('figure', { class: 'floor-figure', id: 'groups-figure' });
  figure.append(
    ...(groupShareChart({
      id: 'groups-chart',
      className: 'floor-chart',
      tableId: 'groups-table',
      title: t('groups.chart.title'),
      legend: t('groups.chart.legend'),
      columns: [t('groups.table.group'), t('groups.table.members'), t('groups.table.speeches'), t('groups.table.time'), t('groups.table.share')],
      rows: groups.map((g) => ({
        group: g.group,
        label: groupName(g),
        share: g.floorShare,
        cells: [number(g.members.total), number(g.speeches), formatClock(g.milliseconds), formatPercent(g.floorShare)],
      })),
    }).filter((c): c is Node => c instanceof Node)),
  );
  replaceChildren(
    body,
    h(
      'section',
      { 'aria-labelledby': 'groups-list-heading' },
      h('h2', { id: 'groups-list-heading' }, t('groups.list')),
      h(
        'ul',
        { class: 'card-list' },
        groups.map((g) =>
          h(
            'li',
            { class: 'card group-card', 'data-group': g.group },
            h('h3', null, h('a', { href: `/groups/${encodeURIComponent(g.group)}` }, groupName(g))),
            h('p', { class: 'meta' }, h('span', { class: 'members', 'data-total': g.members.total }, tn('groups.members', g.members.total)), ' · ', floorLine(g)),
          ),
        ),
      ),
    ),
    figure,
  );
}

const floorLine = (g: StakeholderGroupFigures): string =>
  t('groups.floor', { speeches: number(g.speeches), time: formatClock(g.milliseconds), share: formatPercent(g.floorShare) });

export async function groupPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const back = h('p', { class: 'back' }, h('a', { href: '/groups' }, t('groups.back')));
  const article = h('article', { class: 'group', 'aria-busy': 'true' }, h('h1', null, t('groups.title')), h('p', null, t('app.loading')));
  main.append(back, article);
  let g: StakeholderGroupFigures;
  try {
    g = await getStakeholderGroup(params.group ?? '');
  } catch (error) {
    article.removeAttribute('aria-busy');
    const notFound = error instanceof ApiError && error.status === 404;
    return replaceChildren(article, h('h1', null, t('groups.title')), notFound ? h('p', null, t('groups.notFound')) : failure(error));
  }
  document.title = `${groupName(g)} · ${t('app.name')}`;
  article.removeAttribute('aria-busy');
  const breakdown = (id: string, title: string, kind: 'region' | 'gender', known: readonly string[], counts: Record<string, number>) => {
    const keys = [...known.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !known.includes(k))];
    return h(
      'section',
      { 'aria-labelledby': `${id}-heading`, id },
      h('h2', { id: `${id}-heading` }, title),
      h(
        'ul',
        { class: 'breakdown' },
        keys.map((k) => h('li', { 'data-key': k }, h('span', null, vocabularyLabel(kind, k)), ': ', h('strong', null, number(counts[k] ?? 0)))),
      ),
    );
  };
  replaceChildren(
    article,
    h('h1', null, groupName(g)),
    h('p', { class: 'intro' }, h('span', { id: 'group-members', 'data-total': g.members.total }, tn('groups.members', g.members.total)), ' · ', floorLine(g)),
    h(
      'div',
      { class: 'breakdowns' },
      breakdown('group-regions', t('groups.byRegion'), 'region', REGIONS, g.members.byRegion ?? {}),
      breakdown('group-genders', t('groups.byGender'), 'gender', GENDERS, g.members.byGender ?? {}),
    ),
    h(
      'section',
      { 'aria-labelledby': 'group-sessions-heading', id: 'group-sessions' },
      h('h2', { id: 'group-sessions-heading' }, t('groups.sessions')),
      g.sessions.length === 0
        ? h('p', null, t('groups.noSessions'))
        : h(
            'table',
            { class: 'data-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [t('groups.table.session'), t('groups.table.ended'), t('groups.table.speeches'), t('groups.table.time'), t('groups.table.share')].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              g.sessions.map((s) =>
                h(
                  'tr',
                  { 'data-session-id': s.sessionId },
                  h('th', { scope: 'row' }, h('a', { href: `/sessions/${encodeURIComponent(s.sessionId)}` }, s.title)),
                  h('td', null, s.endedAt ? h('time', { datetime: s.endedAt }, formatDateTime(new Date(s.endedAt))) : '—'),
                  h('td', null, number(s.speeches)),
                  h('td', null, formatClock(s.milliseconds)),
                  h('td', { class: 'share' }, formatPercent(s.share)),
                ),
              ),
            ),
          ),
    ),
  );
}
