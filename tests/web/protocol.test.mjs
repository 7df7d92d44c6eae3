// The web client's side of the live protocol, against a scripted hub (support/fakeHub.mjs) that
// can do on cue what the real platform does only under failure: skip seqs, start a new epoch,
// repeat batches, drop connections, answer slowly. Needs only the built web app and Chromium.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { demoSession, FakePlatform } from './support/fakeHub.mjs';
import { eventually, launchBrowser } from './support/platform.mjs';

const item = (id, title, minutes = 10) => ({ id, title, minutes, speakers: [] });
const MIN = 60_000;
const iso = (ms) => new Date(ms).toISOString();
const startOf = (page, id) => page.locator(`#agenda > li[data-item-id="${id}"] .item-start`).getAttribute('datetime');
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

  test('a targeted edit (agendaEdited) applies to the agenda held; one that cannot ends in a snapshot', async () => {
    const title = (id) => page.locator(`#agenda > li[data-item-id="${id}"] .item-title`).textContent();
    // An item added between the two, then one renamed: only what changed is sent.
    fake.emit('agendaEdited', { order: ['a', 'c', 'b'], items: [item('c', 'Q&A')] });
    await eventually('c added between', async () => (await shownIds(page)).join() === 'a,c,b');
    assert.equal(await title('a'), 'Opening', 'the items not sent are kept as held');
    fake.emit('agendaEdited', { order: ['c', 'b', 'a'], items: [item('b', 'Panel, renamed', 20)] });
    await eventually('moved and renamed', async () => (await shownIds(page)).join() === 'c,b,a');
    assert.equal(await title('b'), 'Panel, renamed');
    assert.equal(fake.callsOf('Resync').length, 0, 'no resync while the edits follow on');
    const joins = fake.callsOf('JoinSession').length;

    // The platform's agenda has an item this page never heard of: the edit keeping it cannot apply.
    fake.agenda = [item('q', 'Never announced'), ...fake.agenda];
    fake.emit('agendaEdited', { order: ['q', 'a'], items: [] });
    await eventually('the platform’s agenda, from a snapshot', async () => (await shownIds(page)).join() === 'q,a');
    assert.equal(await title('q'), 'Never announced');
    assert.ok(fake.callsOf('Resync').length >= 1, 'resynced first');
    assert.equal(fake.callsOf('JoinSession').length, joins + 1, 'then took a snapshot');
    fake.emit('currentItemChanged', { itemId: 'q' });
    await eventually('live again', async () => (await shownCurrent(page)) === 'q');
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

  test('the timeline: times and status of each item, how late, and an overrun moved on once a minute between pushes', async () => {
    const now = Date.now();
    const plannedStart = now - 30 * MIN;
    const computedAt = now - 55_000; // pushed 55 s ago: the next minute of overrun is 5 s away
    const started = now - 20 * MIN; // "a" has 10 minutes and overruns by 10
    fake.emit('agendaChanged', {
      items: [item('d', 'Welcome', 5), item('a', 'Opening'), item('s', 'Video message', 5), item('b', 'Panel')],
    });
    const timeline = {
      plannedStart: iso(plannedStart),
      plannedEnd: iso(plannedStart + 30 * MIN),
      actualStart: iso(now - 26 * MIN),
      expectedEnd: iso(computedAt + 10 * MIN),
      runningLateMinutes: Math.round((computedAt + 10 * MIN - (plannedStart + 30 * MIN)) / MIN), // 9
      computedAt: iso(computedAt),
      items: [
        { itemId: 'd', status: 'done', plannedStart: iso(plannedStart), expectedStart: iso(now - 26 * MIN), expectedEnd: iso(started), actualStart: iso(now - 26 * MIN), actualEnd: iso(started) },
        { itemId: 'a', status: 'current', plannedStart: iso(plannedStart + 5 * MIN), expectedStart: iso(started), expectedEnd: iso(computedAt), actualStart: iso(started), actualEnd: null },
        { itemId: 's', status: 'skipped', plannedStart: iso(plannedStart + 15 * MIN), expectedStart: iso(computedAt), expectedEnd: iso(computedAt), actualStart: null, actualEnd: null },
        { itemId: 'b', status: 'upcoming', plannedStart: iso(plannedStart + 20 * MIN), expectedStart: iso(computedAt), expectedEnd: iso(computedAt + 10 * MIN), actualStart: null, actualEnd: null },
      ],
    };
    assert.equal(timeline.runningLateMinutes, 9);
    fake.emit('timelineChanged', { timeline });

    const row = (id) => page.locator(`#agenda > li[data-item-id="${id}"]`);
    await page.locator('#schedule-status .late', { hasText: 'Running 9 min late' }).waitFor();
    assert.equal(await startOf(page, 'b'), iso(computedAt), 'the expected start as pushed');
    const shownTime = await row('b').locator('.item-start').textContent();
    assert.equal(shownTime, await page.evaluate((t) => new Intl.DateTimeFormat(navigator.language, { timeStyle: 'short' }).format(new Date(t)), iso(computedAt)));
    // Status of each item, in words; the current one marked for assistive technology too.
    assert.deepEqual(
      await page.$$eval('#agenda > li', (lis) => lis.map((li) => [li.dataset.itemId, li.dataset.status, li.querySelector('.item-status').textContent])),
      [['d', 'done', 'Done'], ['a', 'current', 'Now'], ['s', 'skipped', 'Skipped'], ['b', 'upcoming', 'Upcoming']],
    );
    assert.equal(await page.locator('#agenda > li[aria-current="true"]').getAttribute('data-item-id'), 'a');
    // A done item shows planned against actual times; a skipped one no time.
    assert.match(await row('d').locator('.item-times').textContent(), /^Planned .+–.+ · Actual .+–.+$/);
    assert.equal(await row('d').locator('.planned-start').getAttribute('datetime'), iso(plannedStart));
    assert.equal(await row('d').locator('.planned-end').getAttribute('datetime'), iso(plannedStart + 5 * MIN));
    assert.equal(await row('d').locator('.actual-start').getAttribute('datetime'), iso(now - 26 * MIN));
    assert.equal(await row('d').locator('.actual-end').getAttribute('datetime'), iso(started));
    assert.equal(await row('s').locator('.item-start').count(), 0);

    // No push for a minute while "a" overruns: the page moves what remains on by itself.
    await page.evaluate(() => {
      window.__rowB = document.querySelector('#agenda > li[data-item-id="b"]');
    });
    await page.locator('#schedule-status .late', { hasText: 'Running 10 min late' }).waitFor({ timeout: 15_000 });
    assert.equal(await startOf(page, 'b'), iso(computedAt + MIN));
    assert.equal(await row('a').locator('.item-end').getAttribute('datetime'), iso(computedAt + MIN));
    assert.equal(await page.locator('#schedule-status .session-end').getAttribute('datetime'), iso(computedAt + 11 * MIN));
    assert.equal(await startOf(page, 'd'), iso(now - 26 * MIN), 'what is done does not move');
    assert.equal(
      await page.evaluate(() => window.__rowB === document.querySelector('#agenda > li[data-item-id="b"]')),
      true,
      'times are updated in place, not by redrawing the list',
    );
    // Nothing of this is announced.
    assert.doesNotMatch(await page.locator('#announcer').textContent(), /late|min/);

    // The platform's next push replaces the extrapolation.
    const pushedAt = Date.now();
    const moved = (i) =>
      i.itemId === 'a' ? { ...i, expectedEnd: iso(pushedAt) }
      : i.itemId === 'b' ? { ...i, expectedStart: iso(pushedAt), expectedEnd: iso(pushedAt + 10 * MIN) }
      : i;
    fake.emit('timelineChanged', {
      timeline: {
        ...timeline,
        computedAt: iso(pushedAt),
        expectedEnd: iso(pushedAt + 10 * MIN),
        runningLateMinutes: 10,
        items: timeline.items.map(moved),
      },
    });
    await eventually('the pushed start', async () => (await startOf(page, 'b')) === iso(pushedAt));
    assert.equal(await page.locator('#schedule-status .late').textContent(), 'Running 10 min late');
    await noReloadNoErrors();
  });

  test('question events: applied once over the snapshot’s questions, malformed ones ignored, votes reorder quietly', async () => {
    const question = (id, text, upvotes, extra = {}) => ({
      id, text, stakeholderGroup: 'government', region: 'africa', anonymous: false, askerName: 'Lina Haddad',
      status: 'approved', highlighted: false, upvotes, askedAt: new Date(Date.now() - upvotes * 1000).toISOString(), answeredAt: null, ...extra,
    });
    const q1 = question('q1', 'First question', 2);
    fake.questions = { questions: [q1], mine: [], myVotes: ['q1'], preModeration: false };
    const signedIn = await browser.newContext();
    const me = await signedIn.newPage();
    const errors = [];
    me.on('pageerror', (error) => errors.push(error));
    await me.addInitScript(() => {
      localStorage.setItem('igf.auth', JSON.stringify({ participantId: 'p-fake', token: 'not-checked-by-the-fake', roles: [], displayName: 'Ana Souza' }));
    });
    const ids = () => me.$$eval('#question-list > li', (lis) => lis.map((li) => li.dataset.questionId));
    try {
      await me.goto(`${fake.baseUrl}/sessions/${fake.session.id}`);
      await me.locator('#connection-state[data-state="connected"]').waitFor();
      await me.locator('#question-list > li[data-question-id="q1"] .upvote[aria-pressed="true"]').waitFor();
      await me.evaluate(() => {
        window.__announced = [];
        new MutationObserver(() => {
          const text = document.getElementById('announcer').textContent;
          if (text) window.__announced.push(text);
        }).observe(document.getElementById('announcer'), { childList: true, characterData: true, subtree: true });
      });

      // The snapshot's questions are read just after its seq: an event repeating one is applied once.
      fake.emit('questionAdded', { question: q1 });
      fake.emit('questionAdded', {}); // malformed: ignored
      fake.emit('questionVotesChanged', { votes: null }); // malformed: ignored
      fake.emit('questionAdded', { question: question('q2', 'Second question', 0) });
      await eventually('q2 shown', async () => (await ids()).join() === 'q1,q2');
      await eventually('"New question" announced', () => me.evaluate(() => window.__announced.some((a) => a.includes('New question.'))));

      // Votes reorder (most votes first), are shown, and are not announced.
      const said = (await me.evaluate(() => window.__announced)).length;
      fake.emit('questionVotesChanged', { votes: { q2: 3 } });
      await eventually('q2 first by votes', async () => (await ids()).join() === 'q2,q1');
      assert.equal(await me.locator('#question-list > li[data-question-id="q2"] .q-votes').textContent(), '3 votes');
      assert.equal(await me.locator('#question-list > li[data-question-id="q1"] .upvote').getAttribute('aria-pressed'), 'true');

      // Hidden: gone, with only its id and status in the event.
      fake.emit('questionUpdated', { questionId: 'q2', status: 'hidden', highlighted: false, question: null });
      await eventually('q2 gone', async () => (await ids()).join() === 'q1');
      assert.deepEqual((await me.evaluate(() => window.__announced)).slice(said), [], 'votes and others’ hidden questions are not announced');

      // Highlighted: marked and announced.
      fake.emit('questionUpdated', { questionId: 'q1', status: 'approved', highlighted: true, question: { ...q1, highlighted: true } });
      await me.locator('#question-list > li[data-question-id="q1"][data-highlighted="true"] .badge-now').waitFor();
      await eventually('"Now answering" announced', () => me.evaluate(() => window.__announced.some((a) => a.includes('Now answering: First question'))));
      assert.equal(fake.callsOf('Resync').length, 0);
      assert.deepEqual(errors, []);
    } finally {
      await signedIn.close();
    }
  });

  test('a participant’s "I am in the room" is said again after every join', async () => {
    fake.presence = { total: 3, registered: 2, anonymous: 1, inRoom: 0, remote: 3, byGroup: { government: 2 }, byRegion: { africa: 2 }, byGender: { female: 2 } };
    const signedIn = await browser.newContext();
    const me = await signedIn.newPage();
    const errors = [];
    me.on('pageerror', (error) => errors.push(error));
    await me.addInitScript(() => {
      const auth = { participantId: 'p-fake', token: 'not-checked-by-the-fake', roles: [], displayName: 'Lina Haddad' };
      localStorage.setItem('igf.auth', JSON.stringify(auth));
    });
    try {
      await me.goto(`${fake.baseUrl}/sessions/${fake.session.id}`);
      await me.locator('#connection-state[data-state="connected"]').waitFor();
      await me.locator('article.session:not([aria-busy])').waitFor();
      const remote = me.getByRole('radio', { name: 'I follow remotely' });
      const room = me.getByRole('radio', { name: 'I am in the room' });
      assert.equal(await remote.isChecked(), true, 'remote until said otherwise');
      assert.equal(fake.callsOf('SetAttendance').length, 0);

      await room.check();
      await eventually('SetAttendance(true)', () => fake.callsOf('SetAttendance').length === 1);
      assert.deepEqual(fake.callsOf('SetAttendance')[0].args, [fake.session.id, true]);

      // The connection drops: after joining again, the page says it again, after the join.
      const joins = fake.callsOf('JoinSession').length;
      fake.dropConnections();
      await me.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 20_000 });
      await eventually('SetAttendance again', () => fake.callsOf('SetAttendance').length === 2);
      const rejoin = fake.callsOf('JoinSession')[joins];
      const again = fake.callsOf('SetAttendance')[1];
      assert.ok(rejoin && fake.calls.indexOf(again) > fake.calls.indexOf(rejoin), 'after the new JoinSession');
      assert.deepEqual(again.args, [fake.session.id, true]);
      assert.equal(await room.isChecked(), true);

      // Back to remote: said once, and not again on the next join (remote is what a join means).
      await remote.check();
      await eventually('SetAttendance(false)', () => fake.callsOf('SetAttendance').length === 3);
      assert.deepEqual(fake.callsOf('SetAttendance')[2].args, [fake.session.id, false]);
      const resyncs = fake.callsOf('Resync').length;
      fake.dropConnections();
      // The page asks for what it missed after joining; by then it would have said where it is.
      await eventually('joined again and resynced', () => fake.callsOf('Resync').length > resyncs, 20_000);
      assert.ok(fake.callsOf('JoinSession').length >= joins + 2);
      assert.equal(fake.callsOf('SetAttendance').length, 3);
      assert.deepEqual(errors, []);
    } finally {
      await signedIn.close();
    }
  });
});
