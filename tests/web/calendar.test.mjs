// The session calendar lists every public session, marks the live one, and links to the live view;
// its filters are the API's and live in the address; each session's agenda is an iCalendar file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { api, eventually, screenshot, usePlatform } from './support/platform.mjs';

const titleLink = (card) => card.getByRole('heading').getByRole('link');
/** A query string's parameters, in a fixed order. */
const params = (query) => [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`).sort().join('&');

describe('session calendar', () => {
  const env = usePlatform('calendar');

  test('lists the demo sessions and marks the live one live', async () => {
    const sessions = await api(env.baseUrl, '/api/sessions');
    assert.ok(sessions.length >= 10, `the demo seeds about a dozen sessions, the API lists ${sessions.length}`);
    const live = sessions.filter((s) => s.status === 'live');
    assert.equal(live.length, 1, 'exactly one demo session is live');

    const context = await env.browser.newContext({ locale: 'en-GB', timezoneId: 'Africa/Addis_Ababa' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    try {
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
      await page.locator('.session-card').first().waitFor({ timeout: 15_000 });

      // Every session the API lists is on the page, and nothing else.
      const shownIds = await page.$$eval('.session-card', (cards) => [...new Set(cards.map((c) => c.dataset.sessionId))]);
      assert.deepEqual([...shownIds].sort(), sessions.map((s) => s.id).sort());
      for (const s of sessions) {
        const card = page.locator(`.day .session-card[data-session-id="${s.id}"]`);
        assert.equal(await card.count(), 1, `"${s.title}" appears once in the day list`);
        assert.equal(await titleLink(card).textContent(), s.title);
        assert.equal(await titleLink(card).getAttribute('href'), `/sessions/${encodeURIComponent(s.id)}`);
      }

      // The live one is in "Live now" and carries a visible "Live" badge, wherever it is listed.
      const liveSection = page.getByRole('region', { name: 'Live now' });
      await liveSection.waitFor();
      const liveCards = liveSection.locator('.session-card');
      assert.equal(await liveCards.count(), 1);
      assert.equal(await liveCards.first().getAttribute('data-session-id'), live[0].id);
      assert.equal((await liveCards.first().locator('.badge').textContent()).trim(), 'Live');
      const liveInDay = page.locator(`.day .session-card[data-session-id="${live[0].id}"] .badge`);
      assert.equal((await liveInDay.textContent()).trim(), 'Live');
      // No other session is marked live.
      assert.equal(await page.locator('.day .badge-live').count(), 1);

      // Start times are shown in the person's time zone (Addis Ababa is UTC+3 all year).
      const first = sessions.find((s) => s.id !== live[0].id) ?? sessions[0];
      const expected = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Africa/Addis_Ababa' }).format(
        new Date(first.startsAt),
      );
      const shownTime = await page.locator(`.day .session-card[data-session-id="${first.id}"] time`).first().textContent();
      assert.equal(shownTime, expected);

      await screenshot(page, 'home');

      // Following the live link opens the session view without a full page load.
      await page.evaluate(() => {
        window.__sameDocument = true;
      });
      await titleLink(liveCards.first()).click();
      await page.waitForURL(`**/sessions/${encodeURIComponent(live[0].id)}`);
      await page.getByRole('heading', { level: 1, name: live[0].title }).waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'client-side navigation');
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();

      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });

  test('a deep link to an unknown session says it does not exist', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      const response = await page.goto(`${env.baseUrl}/sessions/no-such-session`);
      assert.equal(response.status(), 200, 'the server falls back to the app for unknown paths');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await page.getByText('This session does not exist').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the filters show what the API gives for them, stay in the address, and each agenda downloads as iCalendar', async () => {
    const [all, topics] = await Promise.all([api(env.baseUrl, '/api/sessions'), api(env.baseUrl, '/api/topics')]);
    const byApi = async (query) => (await api(env.baseUrl, `/api/sessions${query ? `?${query}` : ''}`)).map((s) => s.id).sort();
    const context = await env.browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    const asked = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/sessions') asked.push(url.search);
    });
    const shown = () => page.$$eval('.day .session-card', (cards) => cards.map((c) => c.dataset.sessionId).sort());
    const search = () => params(new URL(page.url()).search);
    let previous = all.map((s) => s.id).sort();
    /** The calendar shows exactly what the API gives for `query`, which the page asked for and put in the address. */
    const expectFiltered = async (query) => {
      const expected = await byApi(query);
      assert.notDeepEqual(expected, previous, `?${query} changes the list (else the step proves nothing)`);
      await eventually(`the calendar for ?${query}`, async () => JSON.stringify(await shown()) === JSON.stringify(expected));
      assert.equal(search(), params(query), 'the filters are in the address');
      assert.equal(params(asked.at(-1)), params(query), 'the platform did the filtering');
      previous = expected;
      return expected;
    };
    try {
      await page.goto(`${env.baseUrl}/`);
      await page.locator('.day .session-card').first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await shown(), previous);
      const filters = page.getByRole('search', { name: 'Filter the calendar' });

      await filters.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Scheduled' });
      await expectFiltered('status=scheduled');
      await filters.getByRole('combobox', { name: 'Session type', exact: true }).selectOption({ label: 'Workshop' });
      await expectFiltered('status=scheduled&type=workshop');
      await filters.getByRole('combobox', { name: 'Topic', exact: true }).selectOption({ label: 'Spam' });
      const narrow = await expectFiltered('status=scheduled&type=workshop&topic=spam');
      assert.ok(narrow.length >= 1, 'the demo has a scheduled workshop on spam');
      assert.equal(await page.locator('.count').textContent(), narrow.length === 1 ? '1 session' : `${narrow.length} sessions`);

      // The address is the filtered calendar: opened elsewhere, it shows the same, filters set.
      const shared = page.url();
      const other = await context.newPage();
      await other.goto(shared);
      await other.locator('.day .session-card').first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await other.$$eval('.day .session-card', (cards) => cards.map((c) => c.dataset.sessionId).sort()), narrow);
      assert.equal(await other.getByRole('combobox', { name: 'Status', exact: true }).inputValue(), 'scheduled');
      assert.equal(await other.getByRole('combobox', { name: 'Session type', exact: true }).inputValue(), 'workshop');
      assert.equal(await other.getByRole('combobox', { name: 'Topic', exact: true }).inputValue(), 'spam');
      await other.close();

      // No match: said so.
      await filters.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Ended' });
      assert.deepEqual(await byApi('status=ended&type=workshop&topic=spam'), []);
      await page.getByText('No sessions match these filters.').waitFor({ timeout: 15_000 });
      assert.equal(search(), params('status=ended&type=workshop&topic=spam'));
      previous = [];

      // Cleared: everything again, nothing in the address.
      await filters.getByRole('button', { name: 'Clear filters' }).click();
      await expectFiltered('');

      // Topic names are the platform's (not only the ones this version knows).
      const multilingualism = topics.find((tp) => tp.slug === 'multilingualism');
      await filters.getByRole('combobox', { name: 'Topic', exact: true }).selectOption({ label: multilingualism.title });
      await expectFiltered('topic=multilingualism');
      await filters.getByRole('combobox', { name: 'Topic', exact: true }).selectOption({ label: 'All' });
      await expectFiltered('');

      // "Add to calendar" downloads the session's agenda as iCalendar, times in UTC.
      const live = all.find((s) => s.status === 'live');
      const link = page.locator(`.day .session-card[data-session-id="${live.id}"]`).getByRole('link', { name: `Add to calendar: “${live.title}” (iCalendar file)` });
      assert.equal(await link.getAttribute('href'), `/api/sessions/${encodeURIComponent(live.id)}/agenda.ics`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const ics = await readFile(await download.path(), 'utf8');
      assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), ics.slice(0, 40));
      assert.ok(ics.trimEnd().endsWith('END:VCALENDAR') && ics.endsWith('\r\n'));
      assert.doesNotMatch(ics, /[^\r]\n/, 'every line ends with CRLF');
      const starts = [...ics.matchAll(/^DTSTART[^:\r\n]*:(.*)\r$/gm)].map((m) => m[1]);
      const agenda = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(live.id)}/agenda`);
      assert.equal(starts.length, 1 + agenda.length, 'the session and each agenda item');
      for (const value of starts) assert.match(value, /^\d{8}T\d{6}Z$/, 'DTSTART in UTC');
      assert.equal(new URL(page.url()).pathname, '/', 'the calendar stays');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  });
});
