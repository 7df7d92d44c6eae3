// A poor connection (issue 8): the page's hub WebSocket runs through the test (routeWebSocket),
// which cuts it and keeps it cut for a while. The connection indicator says "reconnecting" in words
// (not only a colour) and the polite live region says the connection was lost; back, it says
// "connected (resynced)" and that the session is up to date; a change made meanwhile appears; a
// half-typed question survives with the focus and the caret where they were; nothing is reloaded.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  announced,
  connectHub,
  liveSession,
  login,
  MODERATOR_EMAIL,
  person,
  recordAnnouncements,
  screenshot,
  signedInContext,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

describe('a poor connection', () => {
  const env = usePlatform('connection');

  test('reconnecting and back (resynced), said politely and shown in words; a half-typed question survives', async () => {
    const session = await liveSession(env.baseUrl);
    const participant = await person(env.baseUrl, 'Rahel Tesfaye', 'civilSociety', 'africa');
    const context = await signedInContext(env.browser, env.baseUrl, participant);
    const net = { offline: false, links: [] };
    await context.routeWebSocket(/\/hubs\/forum/, (ws) => {
      if (net.offline) {
        ws.close({ code: 4000, reason: 'offline' });
        return;
      }
      const server = ws.connectToServer();
      net.links.push({ ws, server });
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => ws.send(m));
    });
    // Offline also for negotiation and SignalR's other transports.
    await context.route(/\/hubs\/forum/, (route) => (net.offline ? route.abort('internetdisconnected') : route.continue()));
    const errors = [];
    let moderator;
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`);
      await waitForLiveView(page);
      await page.evaluate(() => (window.__notReloaded = true));
      await recordAnnouncements(page);
      const indicator = page.locator('#connection-state');
      assert.match(await indicator.innerText(), /connected/i, 'the state in words');

      // Half a question, the caret inside it.
      const box = page.locator('#question-text');
      await box.focus();
      const typed = `Will the captions reach hubs on slow links ${randomUUID().slice(0, 6)}`;
      await page.keyboard.type(typed);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');

      // The network goes: every link cut, new ones refused.
      net.offline = true;
      for (const { ws, server } of net.links.splice(0)) {
        await server.close().catch(() => undefined);
        await ws.close({ code: 4001, reason: 'network drop' }).catch(() => undefined);
      }
      await page.locator('#connection-state[data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      assert.ok(await indicator.isVisible());
      assert.match(await indicator.innerText(), /reconnecting/i, '"reconnecting" in words, not only a colour');
      await page.waitForFunction(() => window.__announced.some((a) => /connection lost|reconnecting/i.test(a)), null, { timeout: 10_000 });
      await screenshot(page, 'connection-reconnecting');

      // Meanwhile a moderator changes the agenda.
      moderator = await connectHub(env.baseUrl, (await login(env.baseUrl, MODERATOR_EMAIL)).token);
      const title = `Added while away ${randomUUID().slice(0, 6)}`;
      await moderator.invoke('JoinSession', session.id);
      const saved = await moderator.invoke('AddAgendaItem', session.id, { id: '', title, minutes: 3, speakers: [] }, null);
      const added = saved.find((i) => i.title === title);

      // Back: resynced, said, the change shown, the text, the focus and the caret as they were.
      net.offline = false;
      await page.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 60_000 });
      assert.match(await indicator.innerText(), /resynced/i);
      await page.locator(`#agenda > li[data-item-id="${added.id}"]`).waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => window.__announced.some((a) => /up to date/i.test(a)), null, { timeout: 10_000 });
      const said = await announced(page);
      assert.ok(said.findIndex((a) => /reconnecting/i.test(a)) < said.findIndex((a) => /up to date/i.test(a)), `in order: ${JSON.stringify(said)}`);
      assert.equal(await box.inputValue(), typed, 'the half-typed question is still there');
      const caret = await page.evaluate(() => {
        const el = document.activeElement;
        return { id: el?.id, at: el?.selectionStart };
      });
      assert.deepEqual(caret, { id: 'question-text', at: typed.length - 2 }, 'the focus and the caret where they were');
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'not reloaded');
      // The announcer is polite (never assertive) and says each state once.
      assert.equal(await page.getAttribute('#announcer', 'aria-live'), 'polite');
      assert.equal(said.filter((a) => /up to date/i.test(a)).length, 1);
      await screenshot(page, 'connection-resynced');
      assert.deepEqual(errors, []);
      await moderator.invoke('RemoveAgendaItem', session.id, added.id).catch(() => undefined);
    } finally {
      await moderator?.stop().catch(() => undefined);
      await context.close();
    }
  });
});
