// A follower's page survives the server going away: it shows that it is reconnecting, comes back
// on its own, joins again, resyncs, and shows what changed while it was away, without reload.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { connectHub, liveSession, login, MODERATOR_EMAIL, usePlatform, waitForLiveView } from './support/platform.mjs';

describe('reconnect and resync', () => {
  const env = usePlatform('reconnect');

  test('the follower resyncs after a server restart', { skip: !!process.env.IGF_BASE_URL && 'needs a platform it starts itself' }, async () => {
    const session = await liveSession(env.baseUrl);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`);
      await waitForLiveView(page);
      await page.evaluate(() => {
        window.__notReloaded = true;
      });
      const before = await page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId));

      await env.platform.server.stop();
      await page.locator('#connection-state[data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      await page.locator('#announcer', { hasText: 'Reconnecting' }).waitFor({ timeout: 5_000 });

      await env.platform.startServer();
      // A change made while the page is (probably) still away.
      const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
      const moderator = await connectHub(env.baseUrl, token);
      const title = `Made while away ${randomUUID().slice(0, 6)}`;
      let added;
      try {
        const snapshot = await moderator.invoke('JoinSession', session.id);
        assert.deepEqual(snapshot.agenda.map((i) => i.id), before, 'the agenda survived the restart');
        const saved = await moderator.invoke('SetAgenda', session.id, [
          ...snapshot.agenda,
          { id: `t-${randomUUID()}`, title, minutes: 3, speakers: [] },
        ]);
        added = saved.find((i) => i.title === title);
      } finally {
        await moderator.stop().catch(() => undefined);
      }

      await page.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 60_000 });
      await page.locator(`#agenda > li[data-item-id="${added.id}"]`).waitFor({ timeout: 15_000 });
      assert.deepEqual(
        await page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId)),
        [...before, added.id],
      );
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
    } finally {
      await context.close();
    }
  });
});
