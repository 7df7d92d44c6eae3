// A follower's page shows agenda changes that a moderator makes elsewhere, live, without reload.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  connectHub,
  liveSession,
  login,
  MODERATOR_EMAIL,
  screenshot,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

describe('live agenda for a follower', () => {
  const env = usePlatform('live-agenda');

  test('an anonymous follower sees a new item and the new current item without reload', async () => {
    const session = await liveSession(env.baseUrl);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
    const moderator = await connectHub(env.baseUrl, token);
    try {
      await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`);
      await page.getByRole('heading', { level: 1, name: session.title }).waitFor();
      await waitForLiveView(page);
      // The follower is anonymous: no moderator controls.
      assert.equal(await page.locator('#moderator-controls').isHidden(), true);
      assert.equal(await page.locator('.item-controls').count(), 0);

      const before = await page.$$eval('#agenda > li', (items) => items.map((li) => li.dataset.itemId));
      await page.evaluate(() => {
        window.__notReloaded = 'still here';
      });

      // The moderator, on their own connection, appends an item and makes it current.
      const snapshot = await moderator.invoke('JoinSession', session.id);
      assert.deepEqual(
        snapshot.agenda.map((i) => i.id),
        before,
        'the page shows the agenda of the snapshot, in order',
      );
      const title = `Open microphone ${randomUUID().slice(0, 8)}`;
      const saved = await moderator.invoke('AddAgendaItem', session.id, { id: '', title, minutes: 7, speakers: ['Remote participant'] }, null);
      const added = saved.find((i) => i.title === title);
      assert.ok(added?.id, 'the platform gave the new item an id');

      const newItem = page.locator(`#agenda > li[data-item-id="${added.id}"]`);
      await newItem.waitFor({ timeout: 15_000 });
      assert.equal(await newItem.locator('.item-title').textContent(), title);
      assert.match(await newItem.textContent(), /7 min/);
      assert.match(await newItem.textContent(), /Speakers: Remote participant/);
      await page.locator('#announcer', { hasText: 'The agenda changed' }).waitFor({ timeout: 5_000 });

      await moderator.invoke('SetCurrentItem', session.id, added.id);
      await page.locator(`#agenda > li[data-item-id="${added.id}"][aria-current="true"]`).waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('#agenda > li[aria-current="true"]').count(), 1, 'one current item');
      assert.match(await newItem.textContent(), /Now/);
      await page.locator('#announcer', { hasText: `Now: ${title}` }).waitFor({ timeout: 5_000 });

      const after = await page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId));
      assert.deepEqual(after, [...before, added.id]);
      assert.equal(await page.evaluate(() => window.__notReloaded), 'still here', 'the page was not reloaded');
      assert.equal(await page.locator('#connection-state').getAttribute('data-state'), 'connected');

      await screenshot(page, 'session');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    } finally {
      await moderator.stop().catch(() => undefined);
      await context.close();
    }
  });


  // The web app adds items with an empty id for the platform to fill in; the id it makes never
  // repeats one the agenda already has (the demo agenda's ids are item-1…item-5), and the item goes
  // before the one named.
  test('the platform gives an id to a new item whose id is empty', async () => {
    const session = await liveSession(env.baseUrl);
    const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
    const moderator = await connectHub(env.baseUrl, token);
    try {
      const snapshot = await moderator.invoke('JoinSession', session.id);
      const title = `Without an id ${randomUUID().slice(0, 8)}`;
      const first = snapshot.agenda[0].id;
      const saved = await moderator.invoke('AddAgendaItem', session.id, { id: '', title, minutes: 5, speakers: [] }, first);
      const added = saved.find((i) => i.title === title);
      assert.ok(added?.id, 'an id was given');
      assert.ok(!snapshot.agenda.some((i) => i.id === added.id), 'a new id');
      assert.deepEqual(saved.map((i) => i.id), [added.id, ...snapshot.agenda.map((i) => i.id)], 'before the item named');
    } finally {
      await moderator.stop().catch(() => undefined);
    }
  });
});
