// A participant's page survives the server going away: it shows that it is reconnecting, comes
// back on its own, joins again, resyncs, shows what changed while it was away, without reload, and
// says again that the person is in the room (the platform forgets that with the connection).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  connectHub,
  liveSession,
  login,
  MODERATOR_EMAIL,
  register,
  signedInContext,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

const presenceOf = (page) =>
  page.$eval('#presence-total', (p) => ({ total: Number(p.dataset.total), inRoom: Number(p.dataset.inRoom), remote: Number(p.dataset.remote) }));

describe('reconnect and resync', () => {
  const env = usePlatform('reconnect');

  test('the participant resyncs after a server restart, still in the room', { skip: !!process.env.IGF_BASE_URL && 'needs a platform it starts itself' }, async () => {
    const session = await liveSession(env.baseUrl);
    const person = await register(env.baseUrl, {
      email: `kofi.mensah.${randomUUID().slice(0, 8)}@example.org`,
      displayName: 'Kofi Mensah',
      stakeholderGroup: 'privateSector',
      region: 'africa',
      gender: 'male',
      organization: 'Ghana Internet Exchange Operators',
      country: 'Ghana',
    });
    const context = await signedInContext(env.browser, env.baseUrl, person);
    const page = await context.newPage();
    let moderator;
    try {
      await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`);
      await waitForLiveView(page);
      await page.evaluate(() => {
        window.__notReloaded = true;
      });
      // In the room: the page (the only follower) shows itself there.
      await page.getByRole('radio', { name: 'I am in the room' }).check();
      await page.waitForFunction(() => document.querySelector('#presence-total')?.dataset.inRoom === '1', null, { timeout: 15_000 });
      const before = await page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId));

      await env.platform.server.stop();
      await page.locator('#connection-state[data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      await page.locator('#announcer', { hasText: 'Reconnecting' }).waitFor({ timeout: 5_000 });

      await env.platform.startServer();
      // A change made while the page is (probably) still away, by a moderator who stays connected
      // (so that the counts after the restart differ from those before it).
      const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
      moderator = await connectHub(env.baseUrl, token);
      const title = `Made while away ${randomUUID().slice(0, 6)}`;
      const snapshot = await moderator.invoke('JoinSession', session.id);
      assert.deepEqual(snapshot.agenda.map((i) => i.id), before, 'the agenda survived the restart');
      const saved = await moderator.invoke('AddAgendaItem', session.id, { id: '', title, minutes: 3, speakers: [] }, null);
      const added = saved.find((i) => i.title === title);

      await page.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 60_000 });
      await page.locator(`#agenda > li[data-item-id="${added.id}"]`).waitFor({ timeout: 15_000 });
      assert.deepEqual(
        await page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId)),
        [...before, added.id],
      );
      // Counted by the restarted server: the moderator (remote) and this person, in the room again.
      await page.waitForFunction(
        () => {
          const p = document.querySelector('#presence-total')?.dataset;
          return p?.total === '2' && p.inRoom === '1' && p.remote === '1';
        },
        null,
        { timeout: 20_000 },
      ).catch(async (error) => {
        throw new Error(`presence after the restart: ${JSON.stringify(await presenceOf(page))} (${error.message})`);
      });
      assert.equal(await page.getByRole('radio', { name: 'I am in the room' }).isChecked(), true);
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
    } finally {
      await moderator?.stop().catch(() => undefined);
      await context.close();
    }
  });
});
