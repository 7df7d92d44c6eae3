// Short-lived access tokens renewed without the person noticing: on a platform whose tokens last 20
// seconds, a signed-in participant's live session page renews its token and opens its hub connection
// again by itself, again and again, never showing or saying "reconnecting", still receiving the
// moderator's changes live and still signed in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  MODERATOR,
  connectHub,
  eventually,
  liveSession,
  login,
  person,
  recordAnnouncements,
  screenshot,
  signInWithForm,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

describe('access tokens renewed quietly', () => {
  const env = usePlatform('renewal', { env: { Auth__TokenLifetime: '00:00:20' } });

  test('the live page renews its token and its connection, says nothing, and stays live and signed in', async () => {
    const { browser, baseUrl } = env;
    const session = await liveSession(baseUrl);
    const profile = await person(baseUrl, 'Leilani Kahale', 'civilSociety', 'asiaPacific');

    const context = await browser.newContext();
    const page = await context.newPage();
    const sockets = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await signInWithForm(page, baseUrl, profile.email, profile.password, `/sessions/${session.id}`);
    await waitForLiveView(page);
    await recordAnnouncements(page);
    await page.evaluate(() => {
      window.__states = [];
      const indicator = document.getElementById('connection-state');
      new MutationObserver(() => window.__states.push(indicator.dataset.state)).observe(indicator, { attributes: true });
    });
    const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('igf.auth') ?? 'null'));
    const first = await stored();
    assert.ok(first?.refreshToken, 'the sign-in keeps a refresh token');

    // Two renewals, each with a new connection opened by the page itself.
    const seen = new Set([first.token]);
    await eventually('two renewals of the access token', async () => {
      seen.add((await stored())?.token);
      return seen.size >= 3;
    }, 90_000);
    await eventually('the connection opened again with the renewed token', () => sockets.length >= 3, 30_000);
    const renewed = await stored();
    assert.notEqual(renewed.refreshToken, first.refreshToken, 'each renewal gives the next refresh token');

    // Still live: a moderator's change arrives without a reload.
    const moderatorAuth = await login(baseUrl, MODERATOR.email, MODERATOR.password);
    const moderator = await connectHub(baseUrl, moderatorAuth.token);
    try {
      const title = `After the renewal ${randomUUID().slice(0, 8)}`;
      const saved = await moderator.invoke('AddAgendaItem', session.id, { id: '', title, minutes: 5, speakers: [] }, null);
      const added = saved.find((i) => i.title === title);
      await page.locator(`#agenda > li[data-item-id="${added.id}"]`).waitFor({ timeout: 15_000 });
    } finally {
      await moderator.stop().catch(() => undefined);
    }

    // Nothing was noticed: never "reconnecting", no announcement of a loss, still signed in.
    const states = await page.evaluate(() => window.__states);
    assert.ok(!states.includes('reconnecting'), `the indicator never said reconnecting: ${states.join(', ')}; ${warnings.join(' | ')}`);
    assert.ok(!states.includes('resynced'), `nor resynced: ${states.join(', ')}`);
    const said = await page.evaluate(() => window.__announced);
    assert.ok(!said.some((s) => /Connection lost|Reconnected/.test(s)), `nothing about the connection was said: ${said.join(' | ')}`);
    assert.equal(await page.locator('#connection-state').getAttribute('data-state'), 'connected');
    await page.locator('.site-header [data-signed-in]').waitFor();
    const me = await page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('igf.auth')).token;
      return (await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status;
    });
    assert.equal(me, 200, 'the renewed token works');
    await screenshot(page, 'renewal');
    await context.close();
  });
});
