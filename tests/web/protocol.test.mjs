// The web client's side of the live protocol, against a scripted hub (support/fakeHub.mjs) that
// can do on cue what the real platform does only under failure: skip seqs, start a new epoch,
// repeat batches, drop connections, answer slowly. Needs only the built web app and Chromium.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { demoSession, FakePlatform } from './support/fakeHub.mjs';
import { eventually, launchBrowser } from './support/platform.mjs';

const item = (id, title, minutes = 10) => ({ id, title, minutes, speakers: [] });
const shownIds = (page) => page.$$eval('#agenda > li', (lis) => lis.map((li) => li.dataset.itemId));
const shownCurrent = (page) => page.$eval('#agenda', (ol) => ol.querySelector('li[aria-current="true"]')?.dataset.itemId ?? null);

describe('live protocol (scripted hub)', () => {
  let browser;
  let fake;
  let context;
  let page;
  let pageErrors;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    await context?.close();
    await fake?.stop();
    fake = await new FakePlatform({
      session: demoSession(),
      agenda: [item('a', 'Opening'), item('b', 'Panel')],
      currentItemId: 'a',
    }).start();
    context = await browser.newContext();
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${fake.baseUrl}/sessions/${fake.session.id}`);
    await page.locator('#connection-state[data-state="connected"]').waitFor();
    await page.locator('article.session:not([aria-busy])').waitFor();
    assert.deepEqual(await shownIds(page), ['a', 'b']);
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
  });

  after(async () => {
    await context?.close();
    await fake?.stop();
  });

  const noReloadNoErrors = async () => {
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');
    assert.deepEqual(pageErrors, [], 'no uncaught errors');
  };

  test('applies contiguous events in order, and ignores ones it already has and unknown types', async () => {
    const e1 = fake.emit('agendaChanged', { items: [item('a', 'Opening'), item('b', 'Panel'), item('c', 'Q&A')] });
    await eventually('item c', async () => (await shownIds(page)).join() === 'a,b,c');
    fake.emit('questionAdded', { questionId: 'q1', text: 'ignored here' });
    fake.emit('currentItemChanged', { itemId: 'b' });
    await eventually('current b', async () => (await shownCurrent(page)) === 'b');
    // A repeat of an old batch (seq 1) must not take the agenda back.
    fake.push([e1]);
    fake.push([{ ...e1, data: { items: [item('x', 'Stale')] } }]);
    fake.emit('currentItemChanged', { itemId: 'c' });
    await eventually('current c', async () => (await shownCurrent(page)) === 'c');
    assert.deepEqual(await shownIds(page), ['a', 'b', 'c']);
    assert.equal(fake.callsOf('Resync').length, 0, 'no resync without a gap');
    await noReloadNoErrors();
  });

  test('a gap in seq is not applied but repaired with Resync from (epoch, lastSeq)', async () => {
    fake.emit('currentItemChanged', { itemId: 'b' }); // seq 1, delivered
    await eventually('current b', async () => (await shownCurrent(page)) === 'b');
    fake.record('agendaChanged', { items: [item('a', 'Opening'), item('b', 'Panel'), item('d', 'Missed')] }); // seq 2, lost
    fake.resyncDelayMs = 300;
    const e3 = fake.record('currentItemChanged', { itemId: 'd' }); // seq 3
    fake.push([e3]);
    fake.push([e3]); // the same gap again while the first resync is running: no second resync at once
    await eventually('resynced agenda', async () => (await shownIds(page)).join() === 'a,b,d');
    await eventually('current d', async () => (await shownCurrent(page)) === 'd');
    const resyncs = fake.callsOf('Resync');
    assert.ok(resyncs.length >= 1);
    assert.deepEqual(resyncs[0].args, [fake.session.id, 1, 1], 'Resync(sessionId, epoch, lastSeq)');
    assert.equal(fake.maxResyncInFlight, 1, 'one resync at a time');
    await noReloadNoErrors();
  });

  test('a batch of another epoch leads to a resync that replaces the state with a snapshot', async () => {
    fake.emit('currentItemChanged', { itemId: 'b' });
    await eventually('current b', async () => (await shownCurrent(page)) === 'b');
    fake.newEpoch();
    fake.agenda = [item('n1', 'New start'), item('n2', 'Afterwards')];
    fake.currentItemId = 'n1';
    fake.seq = 5;
    const e = fake.record('currentItemChanged', { itemId: 'n2' }); // epoch 2, seq 6
    fake.push([e]);
    await eventually('the new epoch’s state', async () => (await shownIds(page)).join() === 'n1,n2');
    await eventually('current n2', async () => (await shownCurrent(page)) === 'n2');
    assert.deepEqual(fake.callsOf('Resync')[0].args, [fake.session.id, 1, 1]);
    // Events of the new epoch now apply directly.
    fake.emit('agendaChanged', { items: [item('n2', 'Afterwards')] });
    await eventually('epoch 2 event applied', async () => (await shownIds(page)).join() === 'n2');
    assert.equal(fake.callsOf('Resync').length, 1);
    await noReloadNoErrors();
  });

  test('after a dropped connection it reconnects, joins again, resyncs, and says so', async () => {
    fake.emit('currentItemChanged', { itemId: 'b' });
    await eventually('current b', async () => (await shownCurrent(page)) === 'b');
    const joinsBefore = fake.callsOf('JoinSession').length;
    fake.dropConnections();
    fake.record('agendaChanged', { items: [item('b', 'Panel'), item('e', 'While away')] }); // missed
    await page.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 20_000 });
    await eventually('missed change shown', async () => (await shownIds(page)).join() === 'b,e');
    const rejoin = fake.callsOf('JoinSession')[joinsBefore];
    assert.ok(rejoin, 'joins again (groups do not survive reconnects)');
    const since = fake.calls.slice(fake.calls.indexOf(rejoin));
    const resync = since.find((c) => c.method === 'Resync');
    assert.deepEqual(resync.args, [fake.session.id, 1, 1], 'then resyncs from what it kept');
    await page.locator('#announcer', { hasText: 'Reconnected' }).waitFor();
    // Live again afterwards.
    fake.emit('currentItemChanged', { itemId: 'e' });
    await eventually('current e', async () => (await shownCurrent(page)) === 'e');
    await noReloadNoErrors();
  });

  test('when Resync cannot fill the gap, the snapshot it returns replaces the state', async () => {
    fake.resyncGivesEvents = false;
    fake.record('agendaChanged', { items: [item('z', 'Only item')] }); // seq 1, lost
    fake.record('currentItemChanged', { itemId: 'z' }); // seq 2, lost
    fake.emit('sessionStatusChanged', { status: 'ended', previous: 'live' }); // seq 3
    await eventually('snapshot applied', async () => (await shownIds(page)).join() === 'z');
    assert.equal(await shownCurrent(page), 'z');
    await page.locator('#session-status[data-status="ended"]').waitFor();
    await page.locator('#announcer', { hasText: /changed|ended/i }).waitFor();
    await noReloadNoErrors();
  });
});
