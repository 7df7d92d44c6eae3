// A moderator signs in on the web page and runs the agenda with the controls (each a targeted hub
// method: AddAgendaItem, MoveAgendaItem, SetCurrentItem, RemoveAgendaItem); an anonymous follower
// in another browser context sees each change live.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  liveSession,
  MODERATOR_EMAIL,
  screenshot,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

const agendaIds = (page) => page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId));
const agendaTitles = (page) => page.$$eval('#agenda > li .item-title', (els) => els.map((el) => el.textContent));
/**
 * The moderator's page runs one command at a time and ignores a press while the last one waits for
 * the platform's answer (its agenda is aria-busy until then); the push that shows the change on the
 * pages may come before that answer.
 */
const commandAnswered = (page) => page.locator('#agenda[aria-busy="false"]').waitFor({ state: 'attached', timeout: 15_000 });

describe('moderator agenda controls', () => {
  const env = usePlatform('moderator');

  test('a wrong password is refused with an alert, and nobody is signed in', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/signin`);
      await page.getByLabel('Email').fill(MODERATOR_EMAIL);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
      await alert.waitFor({ timeout: 15_000 });
      assert.equal(await page.evaluate(() => localStorage.getItem('igf.auth')), null);
      assert.equal(await page.locator('[data-signed-in]').count(), 0);
      assert.equal(new URL(page.url()).pathname, '/signin');
    } finally {
      await context.close();
    }
  });

  test('the moderator adds and moves an item; a follower sees it live', async () => {
    const session = await liveSession(env.baseUrl);
    const sessionPath = `/sessions/${encodeURIComponent(session.id)}`;
    const moderatorContext = await env.browser.newContext();
    const followerContext = await env.browser.newContext();
    const moderatorPage = await moderatorContext.newPage();
    const followerPage = await followerContext.newPage();
    const pageErrors = [];
    moderatorPage.on('pageerror', (error) => pageErrors.push(error));
    followerPage.on('pageerror', (error) => pageErrors.push(error));
    try {
      // Sign in through the form, keyboard only.
      await moderatorPage.goto(`${env.baseUrl}/signin?next=${encodeURIComponent(sessionPath)}`);
      await moderatorPage.getByLabel('Email').fill(MODERATOR_EMAIL);
      await moderatorPage.getByLabel('Password').fill(DEMO_PASSWORD);
      await moderatorPage.getByLabel('Password').press('Enter');
      await moderatorPage.waitForURL(`**${sessionPath}`, { timeout: 15_000 });
      const who = moderatorPage.locator('.site-header [data-signed-in]');
      await who.waitFor();
      assert.match(await who.textContent(), /^Signed in as /);
      const stored = await moderatorPage.evaluate(() => JSON.parse(localStorage.getItem('igf.auth')));
      assert.ok(stored.token, 'the token is kept in localStorage');
      assert.equal(await who.getAttribute('data-signed-in'), stored.participantId);

      await waitForLiveView(moderatorPage);
      const controls = moderatorPage.getByRole('region', { name: 'Moderator controls' });
      await controls.waitFor({ timeout: 15_000 });
      // The session is live: it can be ended, not started.
      assert.equal(await controls.getByRole('button', { name: 'End session' }).count(), 1);
      assert.equal(await controls.getByRole('button', { name: 'Next item' }).count(), 1);
      assert.equal(await controls.getByRole('button', { name: 'Start session' }).count(), 0);

      // The follower, anonymous, on the same page.
      await followerPage.goto(`${env.baseUrl}${sessionPath}`);
      await waitForLiveView(followerPage);
      assert.equal(await followerPage.locator('#moderator-controls').isHidden(), true);
      await followerPage.evaluate(() => {
        window.__notReloaded = true;
      });
      const before = await agendaIds(followerPage);
      assert.deepEqual(await agendaIds(moderatorPage), before);

      // Add an item with the form.
      const title = `Interventions from remote hubs ${randomUUID().slice(0, 6)}`;
      await controls.getByLabel('Title').fill(title);
      await controls.getByLabel('Minutes').fill('12');
      await controls.getByRole('button', { name: 'Add item' }).click();

      const onModerator = moderatorPage.locator('#agenda > li', { hasText: title });
      await onModerator.waitFor({ timeout: 15_000 });
      const newId = await onModerator.getAttribute('data-item-id');
      assert.ok(newId, 'the new item got an id from the platform');
      // The item's push may arrive before the call's acknowledgement, which is what clears the form.
      await moderatorPage.waitForFunction(
        () => document.querySelector('#new-item-title')?.value === '' && document.activeElement?.id === 'new-item-title',
        undefined,
        { timeout: 15_000 },
      );

      const onFollower = followerPage.locator(`#agenda > li[data-item-id="${newId}"]`);
      await onFollower.waitFor({ timeout: 15_000 });
      assert.equal(await onFollower.locator('.item-title').textContent(), title);
      assert.match(await onFollower.textContent(), /12 min/);
      assert.deepEqual(await agendaIds(followerPage), [...before, newId]);

      // Shorten it by 5 minutes: 12 → 7, for the follower too.
      await moderatorPage.getByRole('button', { name: `−5 min for “${title}”` }).click();
      await followerPage.locator(`#agenda > li[data-item-id="${newId}"] .item-minutes`, { hasText: /^7 min$/ }).waitFor({ timeout: 15_000 });

      // Move it up with the keyboard: the follower sees the new order, the moderator keeps focus on
      // the same control of the same item although the list was redrawn.
      if (before.length > 0) {
        await commandAnswered(moderatorPage);
        const moveUp = moderatorPage.getByRole('button', { name: `Move “${title}” up` });
        await moveUp.focus();
        await moderatorPage.keyboard.press('Enter');
        const expected = [...before.slice(0, -1), newId, before[before.length - 1]];
        await followerPage.waitForFunction(
          (ids) => JSON.stringify([...document.querySelectorAll('#agenda > li')].map((li) => li.dataset.itemId)) === JSON.stringify(ids),
          expected,
          { timeout: 15_000 },
        );
        await moderatorPage.waitForFunction(
          (ids) => JSON.stringify([...document.querySelectorAll('#agenda > li')].map((li) => li.dataset.itemId)) === JSON.stringify(ids),
          expected,
          { timeout: 15_000 },
        );
        const focused = await moderatorPage.evaluate(() => document.activeElement?.getAttribute('data-focus-key'));
        assert.equal(focused, `${newId}:up`, 'focus is not lost when the agenda re-renders');
      }

      // Make it current: highlighted for the follower.
      await commandAnswered(moderatorPage);
      await moderatorPage.getByRole('button', { name: `Make current: “${title}”` }).click();
      await followerPage.locator(`#agenda > li[data-item-id="${newId}"][aria-current="true"]`).waitFor({ timeout: 15_000 });

      // Remove it again.
      await commandAnswered(moderatorPage);
      await moderatorPage.getByRole('button', { name: `Remove “${title}”` }).click();
      await onFollower.waitFor({ state: 'detached', timeout: 15_000 });
      // The moderator's page gets the same push on its own connection, maybe later than the follower's.
      await onModerator.waitFor({ state: 'detached', timeout: 15_000 });
      assert.deepEqual(await agendaTitles(followerPage), await agendaTitles(moderatorPage));

      assert.equal(await followerPage.evaluate(() => window.__notReloaded), true, 'the follower never reloaded');
      await screenshot(moderatorPage, 'session-moderator');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
    } finally {
      await moderatorContext.close();
      await followerContext.close();
    }
  });

  test('the page checks input, and shows the hub’s refusal in an alert', async () => {
    const session = await liveSession(env.baseUrl);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    // Tamper with what the page sends, to see how it handles a refusal: the minutes of added items
    // become more than the platform allows.
    const sent = [];
    await page.routeWebSocket(/\/hubs\/forum/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (typeof message === 'string') sent.push(message);
        server.send(
          typeof message === 'string' && message.includes('"AddAgendaItem"')
            ? message.replace('"minutes":33', '"minutes":100000')
            : message,
        );
      });
    });
    try {
      await page.goto(`${env.baseUrl}/signin?next=${encodeURIComponent(`/sessions/${session.id}`)}`);
      await page.getByLabel('Email').fill(MODERATOR_EMAIL);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitForLiveView(page);
      const controls = page.getByRole('region', { name: 'Moderator controls' });
      await controls.waitFor();
      const before = await agendaIds(page);

      // The page's own checks.
      await controls.getByLabel('Title').fill('   ');
      await controls.getByRole('button', { name: 'Add item' }).click();
      await page.locator('#new-item-error', { hasText: 'Give the item a title' }).waitFor();
      assert.equal(await page.locator('#new-item-title').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-item-title');
      await controls.getByLabel('Title').fill('A long item');
      await controls.getByLabel('Minutes').fill('0');
      await controls.getByRole('button', { name: 'Add item' }).click();
      await page.locator('#new-item-error', { hasText: 'Minutes must be' }).waitFor();

      // The platform's refusal, shown in an alert with the HubException's own message.
      await controls.getByLabel('Minutes').fill('33');
      await controls.getByRole('button', { name: 'Add item' }).click();
      const alert = page.locator('#session-alert[role="alert"]');
      await alert.getByText(/^The change was not made: /).waitFor({ timeout: 15_000 });
      const text = await alert.textContent();
      assert.doesNotMatch(text, /HubException|unexpected error occurred invoking/i, `the bare message: ${text}`);
      // The platform's message as it is, naming the bad field.
      assert.match(
        text,
        new RegExp(`^The change was not made: The agenda is not valid\\. items\\[${before.length}\\]\\.minutes: An agenda item lasts from 1 to 480 minutes\\.`),
      );
      assert.deepEqual(await agendaIds(page), before, 'nothing changed');
      // The page asked for one new item with an empty id (the platform gives it one), not a whole agenda.
      const invocations = sent.flatMap((m) => m.split('\x1e')).filter(Boolean).map((m) => JSON.parse(m)).filter((m) => m.type === 1);
      const add = invocations.find((m) => m.target === 'AddAgendaItem');
      assert.deepEqual(add.arguments, [session.id, { id: '', title: 'A long item', minutes: 33, speakers: [] }, null]);
      assert.equal(invocations.some((m) => m.target === 'SetAgenda'), false, 'never SetAgenda');
      assert.equal(await page.locator('#new-item-title').inputValue(), 'A long item', 'what was typed is kept');
    } finally {
      await context.close();
    }
  });
});
