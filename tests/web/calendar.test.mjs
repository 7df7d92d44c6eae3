// The session calendar lists every public session, marks the live one, and links to the live view.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, screenshot, usePlatform } from './support/platform.mjs';

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
        assert.equal(await card.getByRole('link').textContent(), s.title);
        assert.equal(await card.getByRole('link').getAttribute('href'), `/sessions/${encodeURIComponent(s.id)}`);
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
      await liveCards.first().getByRole('link').click();
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
});
