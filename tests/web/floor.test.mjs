// The stakeholder-balanced speaking queue, in real browsers against the platform: participants ask
// for the floor (one as a remote hub) and see their place in the line change live ("You are next");
// another page sees the line grow; the moderator's console adds a speaker in the room, suggests the
// next speaker with the policy's reasons, gives the floor to the suggestion, gives it to someone else
// only with a reason (kept and shown in the ledger on every page), and ends the speech; everyone
// sees who speaks with a timer; the balance chart has a table with the same figures as the
// platform's ledger; withdrawing. Then, against a scripted hub (support/fakeHub.mjs), what the real
// platform does not do on cue: a speech running over its time, exact ledger figures, a request
// whose answer is lost sent again with the same clientRequestId, and a refusal from the platform.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { demoSession, FakePlatform } from './support/fakeHub.mjs';
import {
  api,
  connectHub,
  eventually,
  launchBrowser,
  liveSession,
  login,
  MODERATOR_EMAIL,
  recordAnnouncements,
  screenshot,
  signedInContext,
  usePlatform,
  waitForLiveView,
  announced,
  MODERATOR,
  person,
} from './support/platform.mjs';

const tag = () => randomUUID().slice(0, 8);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const text = async (locator) => ((await locator.textContent()) ?? '').trim();
const waiting = async (page) => Number(await page.locator('#floor-line-status').getAttribute('data-waiting'));
const myStatus = (page, state, words) => page.locator(`#floor-my-status[data-state="${state}"]`, { hasText: words });

// The figures as the page words them (English, the test browser's locale).
const clock = (ms) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const percent = (share) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(share);
const GROUPS = {
  government: 'Government',
  privateSector: 'Private sector',
  civilSociety: 'Civil society',
  intergovernmentalOrganization: 'Intergovernmental organizations',
  internationalOrganization: 'International organizations',
  technicalAcademic: 'Technical and academic community',
};
const tableRows = (page) =>
  page.$$eval('#floor-group-table tbody tr', (rows) =>
    rows.map((tr) => [tr.dataset.group, ...[...tr.children].map((c) => c.textContent.trim())]),
  );
const expectedRows = (ledger) =>
  Object.keys(GROUPS)
    .filter((g) => g in ledger.byGroup)
    .map((g) => {
      const s = ledger.byGroup[g];
      return [g, GROUPS[g], String(s.speeches), clock(s.milliseconds), percent(s.share), s.target === null ? 'none' : percent(s.target)];
    });

describe('speaking queue (platform)', () => {
  const env = usePlatform('floor');
  let session;
  let sessionUrl;
  let contexts = [];
  let pageErrors = [];

  const newContext = async (who) => {
    const context = who ? await signedInContext(env.browser, env.baseUrl, who) : await env.browser.newContext();
    contexts.push(context);
    return context;
  };
  const open = async (who) => {
    const page = await (await newContext(who)).newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(sessionUrl);
    await waitForLiveView(page);
    await page.locator('#floor:not([hidden])').waitFor();
    await recordAnnouncements(page);
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    return page;
  };
  const openModerator = async () => {
    const page = await open(MODERATOR);
    await page.getByRole('region', { name: 'Speaking queue console' }).waitFor();
    return page;
  };
  const cleanUp = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    assert.deepEqual(errors.map(String), [], 'no uncaught errors in the pages');
  };
  const moderatorHub = async () => {
    const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
    return connectHub(env.baseUrl, token);
  };
  const floor = () => api(env.baseUrl, `/api/sessions/${encodeURIComponent(session.id)}/floor`);
  /**
   * Whatever the demo data (or an earlier test) left in the line is taken out, and a running
   * speech ended, so that places in the line are known; the queue is open.
   */
  const clearFloor = async () => {
    session ??= await liveSession(env.baseUrl);
    sessionUrl = `${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`;
    const hub = await moderatorHub();
    try {
      for (const entry of await hub.invoke('GetFloorQueue', session.id)) {
        await hub.invoke('DismissFloorEntry', session.id, entry.entryId, 'Cleared for a browser test');
      }
      const now = await floor();
      if (now.current) await hub.invoke('EndSpeech', session.id);
      if (!now.open) await hub.invoke('SetQueueOpen', session.id, true);
    } finally {
      await hub.stop().catch(() => undefined);
    }
  };
  const askForTheFloor = async (page, { kind = 'An intervention', note = '', hub = null } = {}) => {
    const form = page.locator('#floor-request');
    await form.getByLabel(kind).check();
    if (note) await form.getByLabel('Note for the moderators (optional)').fill(note);
    if (hub) {
      await form.getByLabel('We are a remote hub (a room of remote participants)').check();
      await form.getByLabel('Name of the hub').fill(hub.name);
      await form.getByLabel('People in the hub').fill(String(hub.headcount));
    }
    await form.getByRole('button', { name: 'Ask for the floor' }).click();
  };
  const queueRow = (page, name) => page.locator('#fc-queue > li', { has: page.locator('.fc-name', { hasText: name }) });

  test('asking for the floor: the place in line changes live, "You are next", the line grows on another page, withdraw', async () => {
    await clearFloor();
    const aisha = await person(env.baseUrl, 'Aisha Bello', 'civilSociety', 'africa');
    // Of one stakeholder group, region and gender: the policy takes them in the order they asked.
    const wanjiru = await person(env.baseUrl, 'Wanjiru Kamau', 'civilSociety', 'africa');
    try {
      const moderatorPage = await openModerator();
      const aishaPage = await open(aisha);
      const wanjiruPage = await open(wanjiru);
      const base = await waiting(wanjiruPage);
      assert.equal(await aishaPage.locator('#floor-withdraw').isHidden(), true, 'nothing to withdraw yet');
      assert.equal(await aishaPage.locator('#floor-console').count(), 0, 'no console for participants');

      // Aisha asks for an intervention, with a note: she is next.
      const note = `On IPv6 deployment in the region ${tag()}`;
      await askForTheFloor(aishaPage, { note });
      await myStatus(aishaPage, 'next', 'You are next.').waitFor();
      await eventually('"You are next" announced', async () => (await announced(aishaPage)).some((a) => a.includes('You are next.')));
      assert.equal(await text(aishaPage.locator('#floor-my-detail')), `Your request: Intervention · ${note}`);
      assert.equal(await aishaPage.locator('#floor-request').isHidden(), true, 'one request at a time');
      assert.equal(await aishaPage.locator('#floor-withdraw').isVisible(), true);

      // Wanjiru's page sees the line grow: her stakeholder group and kind, not her name.
      await wanjiruPage.locator(`#floor-line-status[data-waiting="${base + 1}"]`).waitFor();
      const aishaInLine = wanjiruPage.locator('#floor-head > li[data-group="civilSociety"]');
      await aishaInLine.waitFor();
      assert.equal(await text(aishaInLine), 'Civil society · Intervention · Remote');
      assert.equal(await wanjiruPage.getByText('Aisha Bello').count(), 0, 'names are not in the public line');

      // Wanjiru asks as the spokesperson of a remote hub: second; the line grows on Aisha's page.
      await askForTheFloor(wanjiruPage, { hub: { name: 'Nairobi hub', headcount: 40 } });
      await myStatus(wanjiruPage, 'waiting', 'You are 2nd in line.').waitFor();
      assert.equal(await text(wanjiruPage.locator('#floor-my-detail')), 'Your request: Intervention · Remote hub Nairobi hub (40 people)');
      await aishaPage.locator(`#floor-line-status[data-waiting="${base + 2}"]`).waitFor();
      assert.equal(await text(aishaPage.locator('#floor-head > li').nth(1)), 'Civil society · Intervention · Remote hub Nairobi hub (40 people)');
      assert.match(await text(aishaPage.locator('#floor-head > li.mine')), /Civil society · Intervention · Remote \(you\)/);

      // The moderator's console has both, with who they are, in order.
      await moderatorPage.locator(`#fc-queue-heading[data-count="${base + 2}"]`).waitFor();
      const aishaRow = queueRow(moderatorPage, 'Aisha Bello');
      assert.equal(await aishaRow.getAttribute('data-position'), '1');
      assert.match(await text(aishaRow.locator('.fc-meta')), /^Civil society · Africa · Intervention · Remote · waited \d+:\d\d$/);
      assert.equal(await text(aishaRow.locator('.fc-note')), `Note: ${note}`);
      assert.match(await text(queueRow(moderatorPage, 'Wanjiru Kamau').locator('.fc-where')), /Remote hub Nairobi hub \(40 people\)/);

      // The moderator adds someone in the room with a point of order: it goes first, both move down.
      const add = moderatorPage.locator('#fc-add');
      await add.getByLabel('Name').fill('Chidi Okafor');
      await add.getByLabel('Stakeholder group').selectOption({ label: 'Government' });
      await add.getByLabel('Region').selectOption({ label: 'Africa' });
      await add.getByLabel('Kind').selectOption({ label: 'Point of order' });
      await add.getByRole('button', { name: 'Add to the queue' }).click();
      await myStatus(aishaPage, 'waiting', 'You are 2nd in line.').waitFor();
      await myStatus(wanjiruPage, 'waiting', 'You are 3rd in line.').waitFor();
      await wanjiruPage.locator(`#floor-line-status[data-waiting="${base + 3}"]`).waitFor();
      assert.equal(await text(wanjiruPage.locator('#floor-head > li').first()), 'Government · Point of order · In the room');
      const chidiRow = queueRow(moderatorPage, 'Chidi Okafor');
      await chidiRow.waitFor();
      assert.equal(await chidiRow.getAttribute('data-position'), '1');
      // The form clears on the call's acknowledgement, which may come after the queue's push.
      await moderatorPage.waitForFunction(() => document.querySelector('#fc-add-name')?.value === '', undefined, { timeout: 15_000 });

      // The point of order is the suggestion: "Give the floor" gives it at once, without a reason.
      await chidiRow.getByRole('button', { name: 'Give the floor' }).click();
      for (const page of [aishaPage, wanjiruPage, moderatorPage]) {
        await page.locator('#floor-speaker-name', { hasText: 'Chidi Okafor' }).waitFor();
      }
      await myStatus(aishaPage, 'next', 'You are next.').waitFor();
      await myStatus(wanjiruPage, 'waiting', 'You are 2nd in line.').waitFor();
      await eventually('the speaker announced', async () => (await announced(wanjiruPage)).some((a) => a.includes('Now speaking: Chidi Okafor.')));
      await eventually('told again when next again', async () => (await announced(aishaPage)).filter((a) => a.includes('You are next.')).length === 2);
      await screenshot(aishaPage, 'floor-participant');

      // Aisha withdraws: Wanjiru is next; the line shrinks everywhere; she may ask again.
      await aishaPage.getByRole('button', { name: 'Withdraw' }).click();
      await myStatus(aishaPage, 'withdrawn', 'Your request was withdrawn.').waitFor();
      await aishaPage.locator('#floor-request').waitFor({ state: 'visible' });
      assert.equal(await aishaPage.locator('#floor-withdraw').isHidden(), true);
      await myStatus(wanjiruPage, 'next', 'You are next.').waitFor();
      await wanjiruPage.locator(`#floor-line-status[data-waiting="${base + 1}"]`).waitFor();
      await eventually('Aisha gone from the console', async () => (await queueRow(moderatorPage, 'Aisha Bello').count()) === 0);
      const stored = await floor();
      assert.equal(stored.waiting, base + 1);
      for (const page of [moderatorPage, aishaPage, wanjiruPage]) assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');
    } finally {
      await cleanUp();
    }
  });

  test('the moderator suggests with reasons, gives the floor, overrides only with a reason; everyone sees the speaker, the timer and the ledger', async () => {
    await clearFloor();
    const mei = await person(env.baseUrl, 'Mei Lin', 'technicalAcademic', 'asiaPacific');
    const jorge = await person(env.baseUrl, 'Jorge Ramírez', 'government', 'latinAmericaCaribbean');
    try {
      const moderatorPage = await openModerator();
      const meiPage = await open(mei);
      const jorgePage = await open(jorge);
      const followerPage = await open(null);
      assert.equal(await followerPage.locator('#floor-request').count(), 0, 'no form without signing in');
      assert.equal(await text(followerPage.locator('#floor-signin')), 'Sign in to ask for the floor.');

      await askForTheFloor(meiPage);
      await askForTheFloor(jorgePage, { note: 'On the IANA transition' });
      const add = moderatorPage.locator('#fc-add');
      await add.getByLabel('Name').fill('Ana Souza');
      await add.getByLabel('Stakeholder group').selectOption({ label: 'Civil society' });
      await add.getByLabel('Region').selectOption({ label: 'Latin America and the Caribbean' });
      await add.getByLabel('Gender (optional)').selectOption({ label: 'Female' });
      await add.getByRole('button', { name: 'Add to the queue' }).click();
      await moderatorPage.locator('#fc-queue-heading[data-count="3"]').waitFor();
      await followerPage.locator('#floor-line-status[data-waiting="3"]').waitFor();

      // The suggestion, with the rule and the reasons in words.
      await moderatorPage.getByRole('button', { name: 'Suggest next speaker' }).click();
      const suggestion = moderatorPage.getByRole('region', { name: 'Suggested next speaker' });
      await suggestion.waitFor();
      const suggested = await text(suggestion.locator('.fc-name'));
      assert.ok(['Mei Lin', 'Jorge Ramírez', 'Ana Souza'].includes(suggested), suggested);
      assert.match(await text(suggestion.locator('.fc-rule')), /^Rule: /);
      const reasons = await suggestion.locator('#fc-reasons > li').allTextContents();
      assert.ok(reasons.length >= 1, 'at least one reason');
      assert.ok(reasons.every((r) => r.trim().length > 0));
      assert.match(reasons.join(' '), /floor time|target|Waiting/i);
      await queueRow(moderatorPage, suggested).and(moderatorPage.locator('[data-suggested="true"]')).waitFor();

      // Given to the suggestion: every page shows who speaks, with group, kind and a running timer.
      await suggestion.getByRole('button', { name: 'Give the floor' }).click();
      for (const page of [followerPage, meiPage, jorgePage, moderatorPage]) {
        await page.locator('#floor-speaker-name', { hasText: suggested }).waitFor();
        await page.locator('#floor-timer[data-allotted="180"]').waitFor();
      }
      const speakerGroup = await followerPage.locator('#floor-current').getAttribute('data-group');
      assert.equal(await text(followerPage.locator('#floor-current .speaker-group')), GROUPS[speakerGroup]);
      assert.equal(await text(followerPage.locator('#floor-current .speaker-kind')), 'Intervention');
      assert.match(await text(followerPage.locator('#floor-timer')), /^0:0\d of 3:00$/);
      await followerPage.waitForFunction(() => Number(document.querySelector('#floor-timer')?.dataset.elapsed) >= 2, null, { timeout: 10_000 });
      assert.match(await text(followerPage.locator('#floor-timer')), /^0:0\d of 3:00$/);
      assert.equal(await followerPage.locator('#floor-timer').getAttribute('data-overrun'), 'false');
      const speakerPage = { 'Mei Lin': meiPage, 'Jorge Ramírez': jorgePage }[suggested];
      if (speakerPage) {
        await myStatus(speakerPage, 'speaking', 'You have the floor.').waitFor();
        await eventually('"You have the floor" announced', async () => (await announced(speakerPage)).some((a) => a.includes('You have the floor.')));
        assert.equal(await speakerPage.locator('#floor-withdraw').isHidden(), true);
      }
      await eventually('the speaker announced', async () => (await announced(followerPage)).some((a) => a.includes(`Now speaking: ${suggested}.`)));

      // Someone else than the (refreshed) suggestion: the console asks why, and takes no empty reason.
      await moderatorPage.locator('#fc-queue-heading[data-count="2"]').waitFor();
      await moderatorPage.locator('#fc-queue > li[data-suggested="true"]').waitFor();
      const other = moderatorPage.locator('#fc-queue > li[data-suggested="false"]');
      const overridden = await text(other.locator('.fc-name'));
      await other.getByRole('button', { name: 'Give the floor' }).click();
      const reasonBox = other.getByLabel('Not the suggestion: why does this speaker have the floor now? Kept and shown with the figures.');
      await reasonBox.waitFor();
      assert.equal(await reasonBox.evaluate((el) => el === document.activeElement), true, 'the reason gets focus');
      await other.locator('form').getByRole('button', { name: 'Give the floor' }).click();
      await other.getByRole('alert').filter({ hasText: 'Give a reason: it is kept and shown with the figures.' }).waitFor();
      assert.equal(await reasonBox.getAttribute('aria-invalid'), 'true');
      assert.equal(await text(followerPage.locator('#floor-speaker-name')), suggested, 'the floor did not move');
      const reason = `Has waited since the opening and speaks for the hub ${tag()}`;
      await reasonBox.fill(reason);
      await other.locator('form').getByRole('button', { name: 'Give the floor' }).click();
      for (const page of [followerPage, meiPage, jorgePage, moderatorPage]) {
        await page.locator('#floor-speaker-name', { hasText: overridden }).waitFor();
      }
      const overriddenPage = { 'Mei Lin': meiPage, 'Jorge Ramírez': jorgePage }[overridden];
      if (overriddenPage) await myStatus(overriddenPage, 'speaking', 'You have the floor.').waitFor();
      if (speakerPage) await speakerPage.locator('#floor-my-status').waitFor({ state: 'hidden' }); // their speech has ended
      // The override and its reason in the ledger, on every page.
      for (const page of [followerPage, meiPage, jorgePage]) {
        const logged = page.locator('#floor-overrides > li', { hasText: reason });
        await logged.waitFor();
        assert.match(await text(logged), new RegExp(`Amina Diallo gave the floor to ${overridden} \\(.+\\) instead of the suggestion \\(.+\\)\\. Reason: ${reason}$`));
      }

      // End speech: nobody has the floor, on every page. The console runs one command at a time and
      // ignores a press while the last one (the override) waits for its answer, which may come after
      // the pushes every page shows.
      await moderatorPage.locator('#floor-console:not([aria-busy])').waitFor({ timeout: 15_000 });
      await moderatorPage.getByRole('button', { name: 'End speech' }).click();
      for (const page of [followerPage, meiPage, jorgePage, moderatorPage]) await page.locator('#floor-nobody').waitFor({ state: 'visible' });
      await eventually('the end announced', async () => (await announced(followerPage)).some((a) => a.includes('The speech has ended.')));
      assert.equal(await moderatorPage.locator('#end-speech').isHidden(), true);

      // The chart's text alternative: a table with the platform's figures by stakeholder group.
      const stored = await floor();
      assert.ok(stored.ledger.speeches >= 2);
      await eventually('the table has the platform’s figures', async () =>
        JSON.stringify(await tableRows(followerPage)) === JSON.stringify(expectedRows((await floor()).ledger)));
      const rows = await tableRows(followerPage);
      assert.ok(rows.length >= 2);
      assert.deepEqual(
        await followerPage.$$eval('#floor-group-table thead th', (ths) => ths.map((th) => th.textContent)),
        ['Stakeholder group', 'Speeches', 'Floor time', 'Share', 'Target'],
      );
      const chart = followerPage.locator('#floor-chart');
      assert.equal(await chart.getAttribute('role'), 'img');
      assert.equal(await chart.getAttribute('aria-labelledby'), 'floor-chart-title');
      assert.equal(await text(followerPage.locator('#floor-chart-title')), 'Floor time by stakeholder group, against the target');
      assert.deepEqual(
        await followerPage.$$eval('#floor-chart g.chart-row', (gs) => gs.map((g) => g.dataset.group)),
        rows.map((r) => r[0]),
        'a bar per row of the table',
      );
      for (const [group] of rows) {
        const target = stored.ledger.byGroup[group].target;
        assert.equal(await followerPage.locator(`#floor-chart g[data-group="${group}"] line.chart-target`).count(), target === null ? 0 : 1, 'the target marked');
      }
      assert.equal(
        await followerPage.locator(`#floor-by-region > li`).count(),
        Object.keys(stored.ledger.byRegion).length,
        'a share per region',
      );
      await screenshot(followerPage, 'floor-ledger');
      await screenshot(moderatorPage, 'floor-console');
    } finally {
      await cleanUp();
    }
  });
});

// ---- against a scripted hub ----------------------------------------------------------------

const SECOND = 1000;
const share = (speeches, milliseconds, s, target) => ({ speeches, milliseconds, share: s, target, budgetMilliseconds: null });

function fakeFloor(now) {
  return {
    open: true,
    settings: { allottedSeconds: 180, replySeconds: 60, targets: null, budgetMinutes: null },
    current: {
      speechId: 4,
      entryId: 9,
      kind: 'intervention',
      name: 'Olena Kovalenko',
      group: 'civilSociety',
      inRoom: false,
      hub: { name: 'Kyiv hub', headcount: 25, region: null },
      startedAt: new Date(now - 200 * SECOND).toISOString(),
      allottedSeconds: 180,
      endedAt: null,
      repliesTo: null,
    },
    waiting: 3,
    order: [11, 12, 13],
    head: [
      { entryId: 11, kind: 'pointOfOrder', group: 'government', inRoom: true, hub: null, requestedAt: new Date(now - 60 * SECOND).toISOString() },
      { entryId: 12, kind: 'intervention', group: 'privateSector', inRoom: false, hub: null, requestedAt: new Date(now - 50 * SECOND).toISOString() },
      { entryId: 13, kind: 'reply', group: 'technicalAcademic', inRoom: true, hub: null, requestedAt: new Date(now - 40 * SECOND).toISOString() },
    ],
    ledger: {
      speeches: 3,
      milliseconds: 500 * SECOND,
      byGroup: { government: share(2, 300 * SECOND, 0.6, 0.5), civilSociety: share(1, 200 * SECOND, 0.4, 0.5) },
      byRegion: { africa: share(2, 300 * SECOND, 0.6, 0.5), easternEurope: share(1, 200 * SECOND, 0.4, 0.5) },
      byGender: { female: share(1, 200 * SECOND, 0.4, 0.5), male: share(2, 300 * SECOND, 0.6, 0.5) },
      inRoom: share(2, 300 * SECOND, 0.6, null),
      remote: share(1, 200 * SECOND, 0.4, null),
      remoteHubs: share(1, 200 * SECOND, 0.4, null),
      remoteHubHeadcount: 25,
      overrides: [
        {
          speechId: 4,
          at: new Date(now - 200 * SECOND).toISOString(),
          moderatorName: 'Amina Diallo',
          givenTo: 'Olena Kovalenko',
          givenToGroup: 'civilSociety',
          suggestedEntryId: 10,
          suggestedGroup: 'government',
          reason: 'The Kyiv hub lost its connection earlier',
        },
      ],
      dismissals: [
        { entryId: 7, at: new Date(now - 300 * SECOND).toISOString(), moderatorName: 'Amina Diallo', group: 'privateSector', reason: 'Asked twice' },
      ],
      at: new Date(now).toISOString(),
    },
  };
}

describe('speaking queue (scripted hub)', () => {
  let browser;
  let fake;
  let context;
  let page;
  let pageErrors;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await fake?.stop();
    await browser?.close();
  });

  /** A page signed in as `participantId` (the scripted hub takes any token). */
  const openAs = async (participantId, setUp) => {
    await context?.close();
    await fake?.stop();
    const now = Date.now();
    fake = new FakePlatform({ session: { ...demoSession(), moderators: ['p-moderator'] }, agenda: [], floor: fakeFloor(now) });
    setUp?.(fake);
    await fake.start();
    context = await browser.newContext();
    const auth = { participantId, token: `token-${participantId}`, roles: [], displayName: participantId };
    await context.addInitScript((value) => localStorage.setItem('igf.auth', value), JSON.stringify(auth));
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${fake.baseUrl}/sessions/${fake.session.id}`);
    await page.locator('#connection-state[data-state="connected"]').waitFor();
    await page.locator('#floor:not([hidden])').waitFor();
    await recordAnnouncements(page);
  };

  test('a speech over its time, the line, and the ledger: the chart and its table with the exact figures', async () => {
    await openAs('p-follower');
    assert.equal(await text(page.locator('#floor-speaker-name')), 'Olena Kovalenko');
    assert.equal(await text(page.locator('#floor-current .speaker-meta')), 'Civil society · Intervention · Remote hub Kyiv hub (25 people)');
    const timer = page.locator('#floor-timer');
    assert.equal(await timer.getAttribute('data-overrun'), 'true');
    assert.match(await text(timer), /^3:2\d of 3:00: 0:2\d over time$/);
    assert.equal(await page.locator('#floor-current.overrun').count(), 1);
    const before = Number(await timer.getAttribute('data-elapsed'));
    await page.waitForFunction((n) => Number(document.querySelector('#floor-timer').dataset.elapsed) > n, before);

    assert.equal(await text(page.locator('#floor-line-status')), '3 waiting · Taking requests');
    assert.deepEqual(await page.locator('#floor-head > li').allTextContents(), [
      'Government · Point of order · In the room',
      'Private sector · Intervention · Remote',
      'Technical and academic community · Reply · In the room',
    ]);

    assert.deepEqual(await tableRows(page), [
      ['government', 'Government', '2', '5:00', '60%', '50%'],
      ['civilSociety', 'Civil society', '1', '3:20', '40%', '50%'],
    ]);
    assert.match(await text(page.locator('#floor-balance-total')), /^3 speeches, 8:20 of floor time, as of /);
    assert.equal(await page.locator('#floor-chart g[data-group="government"] rect.chart-bar').getAttribute('width'), '216');
    assert.equal(await page.locator('#floor-chart g[data-group="government"] line.chart-target').getAttribute('x1'), '180');
    assert.deepEqual(await page.locator('#floor-by-region > li').allTextContents(), ['Africa: 60% (target 50%)', 'Eastern Europe: 40% (target 50%)']);
    assert.deepEqual(await page.locator('#floor-by-gender > li').allTextContents(), ['Female: 40% (target 50%)', 'Male: 60% (target 50%)']);
    assert.deepEqual(await page.locator('#floor-where > li').allTextContents(), ['In the room: 60%', 'Remote: 40%', 'Through remote hubs: 40% (25 people)']);
    assert.match(
      await text(page.locator('#floor-overrides > li')),
      /Amina Diallo gave the floor to Olena Kovalenko \(Civil society\) instead of the suggestion \(Government\)\. Reason: The Kyiv hub lost its connection earlier$/,
    );
    assert.match(await text(page.locator('#floor-dismissals > li')), /Amina Diallo took a request \(Private sector\) out of the queue\. Reason: Asked twice$/);

    // A new ledger replaces the old one.
    const ledger = { ...fake.floor.ledger, speeches: 4, byGroup: { ...fake.floor.ledger.byGroup, privateSector: share(1, 60 * SECOND, 0.1, null) } };
    fake.emit('floorLedgerChanged', { ledger });
    await page.locator('#floor-group-table tr[data-group="privateSector"]').waitFor();
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r[0]), ['government', 'privateSector', 'civilSociety'], 'in the contract’s order');
    assert.deepEqual(rows[1], ['privateSector', 'Private sector', '1', '1:00', '10%', 'none']);
    assert.equal(await page.locator('#floor-chart g[data-group="privateSector"] line').count(), 0, 'no target, no mark');
    assert.deepEqual(pageErrors, []);
  });

  test('the person’s place follows the pushes: "You are next", "You have the floor", then the form again', async () => {
    await openAs('p-me', (f) => {
      f.myFloorEntry = { entryId: 13, kind: 'reply', position: 3, waiting: 3, requestedAt: new Date().toISOString(), note: null, hub: null, speaking: false };
    });
    await myStatus(page, 'waiting', 'You are 3rd in line.').waitFor();
    assert.equal(await page.locator('#floor-request').isHidden(), true);
    const head = fake.floor.head;
    fake.emit('queueChanged', { open: true, waiting: 3, order: [13, 11, 12], head: [head[2], head[0], head[1]], closed: [] });
    await myStatus(page, 'next', 'You are next.').waitFor();
    await eventually('"You are next" announced', async () => (await announced(page)).some((a) => a.includes('You are next.')));
    assert.match(await text(page.locator('#floor-head > li').first()), /\(you\)$/);

    const speech = { ...fake.floor.current, speechId: 5, entryId: 13, kind: 'reply', name: 'Me', group: 'technicalAcademic', inRoom: true, hub: null, startedAt: new Date().toISOString(), allottedSeconds: 60 };
    fake.emit('speakerChanged', { current: speech, ended: fake.floor.current });
    await myStatus(page, 'speaking', 'You have the floor.').waitFor();
    await eventually('"You have the floor" announced', async () => (await announced(page)).some((a) => a.includes('You have the floor.')));
    assert.match(await text(page.locator('#floor-timer')), /^0:0\d of 1:00$/);
    fake.emit('queueChanged', { open: true, waiting: 2, order: [11, 12], head: [head[0], head[1]], closed: [{ entryId: 13, outcome: 'spoke' }] });
    await page.locator('#floor-line-status[data-waiting="2"]').waitFor();
    await myStatus(page, 'speaking', 'You have the floor.').waitFor();

    fake.emit('speakerChanged', { current: null, ended: { ...speech, endedAt: new Date().toISOString() } });
    await page.locator('#floor-nobody').waitFor({ state: 'visible' });
    await page.locator('#floor-my-status').waitFor({ state: 'hidden' });
    await page.locator('#floor-request').waitFor({ state: 'visible' });

    // The queue closes: no form, and it says why.
    fake.emit('queueChanged', { open: false, waiting: 2, order: [11, 12], head: [head[0], head[1]], closed: [] });
    await page.locator('#floor-ask-closed', { hasText: 'The moderators are not taking requests for the floor now.' }).waitFor();
    assert.equal(await page.locator('#floor-request').isHidden(), true);
    await eventually('"closed" announced', async () => (await announced(page)).some((a) => a.includes('The speaking queue is closed.')));

    // Open again; asked, then dismissed by a moderator: the person is told why.
    fake.emit('queueChanged', { open: true, waiting: 2, order: [11, 12], head: [head[0], head[1]], closed: [] });
    fake.handlers.RequestFloor = (args) => ({ entryId: 30, kind: args[2], position: 3, waiting: 3, requestedAt: new Date().toISOString(), note: null, hub: null, speaking: false });
    await page.locator('#floor-request').getByRole('button', { name: 'Ask for the floor' }).click();
    await myStatus(page, 'waiting', 'You are 3rd in line.').waitFor();
    const dismissal = { entryId: 30, at: new Date().toISOString(), moderatorName: 'Amina Diallo', group: 'technicalAcademic', reason: 'Off topic' };
    fake.emit('floorLedgerChanged', { ledger: { ...fake.floor.ledger, dismissals: [...fake.floor.ledger.dismissals, dismissal] } });
    fake.emit('queueChanged', { open: true, waiting: 2, order: [11, 12], head: [head[0], head[1]], closed: [{ entryId: 30, outcome: 'dismissed' }] });
    await myStatus(page, 'dismissed', 'A moderator took your request out of the queue. Reason: Off topic').waitFor();
    await eventually('the dismissal announced', async () =>
      (await announced(page)).some((a) => a.includes('A moderator took your request out of the queue. Reason: Off topic')));
    await page.locator('#floor-request').waitFor({ state: 'visible' });
    assert.deepEqual(pageErrors, []);
  });

  test('a request whose answer is lost is sent again after the reconnect with the same clientRequestId', async () => {
    await openAs('p-me', (f) => {
      f.floor.current = null;
      f.floor.waiting = 0;
      f.floor.order = [];
      f.floor.head = [];
      let stored = null;
      f.handlers.RequestFloorForHub = (args, socket) => {
        const [, clientRequestId, kind, note, hub] = args;
        stored ??= { clientRequestId, entry: { entryId: 21, kind, position: 1, waiting: 1, requestedAt: new Date().toISOString(), note, hub, speaking: false } };
        assert.equal(clientRequestId, stored.clientRequestId, 'the platform would keep one entry');
        if (f.callsOf('RequestFloorForHub').length === 1) {
          socket.terminate(); // stored, but the answer is lost with the connection
          return new Promise(() => {});
        }
        return stored.entry;
      };
    });
    await askForTheFloorFake(page);
    await myStatus(page, 'next', 'You are next.').waitFor({ timeout: 20_000 });
    const calls = fake.callsOf('RequestFloorForHub');
    assert.equal(calls.length, 2, 'sent again once');
    assert.equal(calls[0].args[1], calls[1].args[1], 'with the same clientRequestId');
    assert.match(calls[0].args[1], UUID);
    assert.deepEqual(calls[0].args.slice(2), ['pointOfOrder', 'Quorum', { name: 'Geneva hub', headcount: 12 }]);
    assert.deepEqual(calls[1].args, calls[0].args);
    assert.ok(fake.callsOf('JoinSession').length >= 2, 'joined again before sending again');
    assert.equal(await text(page.locator('#floor-my-detail')), 'Your request: Point of order · Remote hub Geneva hub (12 people) · Quorum');

    // A new request after withdrawing is a new attempt: a new id.
    fake.handlers.WithdrawFloor = () => null;
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await myStatus(page, 'withdrawn', 'Your request was withdrawn.').waitFor();
    fake.handlers.RequestFloor = (args) => ({ entryId: 22, kind: args[2], position: 1, waiting: 1, requestedAt: new Date().toISOString(), note: args[3], hub: null, speaking: false });
    await page.locator('#floor-request').getByLabel('We are a remote hub (a room of remote participants)').uncheck();
    await page.locator('#floor-request').getByRole('button', { name: 'Ask for the floor' }).click();
    await myStatus(page, 'next', 'You are next.').waitFor();
    const again = fake.callsOf('RequestFloor');
    assert.equal(again.length, 1);
    assert.notEqual(again[0].args[1], calls[0].args[1]);
    assert.deepEqual(pageErrors, []);
  });

  test('the console shows the platform’s refusal as it words it', async () => {
    const entry = (entryId, name, position) => ({
      entryId, kind: 'intervention', participantId: null, name, group: 'government', region: 'africa', gender: null, inRoom: true, hub: null,
      note: null, requestedAt: new Date().toISOString(), repliesTo: null, position,
    });
    await openAs('p-moderator', (f) => {
      f.floor.current = null;
      f.handlers.GetFloorQueue = () => [entry(11, 'Kwame Asante', 1), entry(12, 'Rosa Díaz', 2)];
      f.handlers.SuggestNextSpeaker = () => ({ entry: entry(11, 'Kwame Asante', 1), rule: 'balance', reasons: [{ code: 'groupShare', text: 'Government: 0 % of floor time, target 50 %.' }] });
      f.handlers.GiveFloor = () => {
        throw new Error('HubException: Request 12 is no longer waiting (it was withdrawn).');
      };
    });
    const consoleRegion = page.getByRole('region', { name: 'Speaking queue console' });
    await consoleRegion.waitFor();
    const rosa = page.locator('#fc-queue > li[data-entry-id="12"]');
    await rosa.getByRole('button', { name: 'Give the floor' }).click();
    await page.locator('#fc-suggestion[data-entry-id="11"]').waitFor();
    assert.deepEqual(await page.locator('#fc-reasons > li').allTextContents(), ['Government: 0 % of floor time, target 50 %.']);
    assert.equal(await text(page.locator('#fc-suggestion .fc-rule')), 'Rule: stakeholder balance');
    await rosa.getByLabel(/^Not the suggestion/).fill('She chairs the next panel');
    await rosa.locator('form').getByRole('button', { name: 'Give the floor' }).click();
    await rosa.getByRole('alert').filter({ hasText: 'Not done: Request 12 is no longer waiting (it was withdrawn).' }).waitFor();
    assert.equal(await text(page.locator('#fc-error')), 'Not done: Request 12 is no longer waiting (it was withdrawn).');
    assert.deepEqual(fake.callsOf('GiveFloor').map((c) => c.args), [[fake.session.id, 12, 'She chairs the next panel']]);
    assert.deepEqual(pageErrors, []);
  });
});

/** The scripted case's request: a point of order, with a note, as a remote hub. */
async function askForTheFloorFake(page) {
  const form = page.locator('#floor-request');
  await form.getByLabel('A point of order').check();
  await form.getByLabel('Note for the moderators (optional)').fill('Quorum');
  await form.getByLabel('We are a remote hub (a room of remote participants)').check();
  await form.getByLabel('Name of the hub').fill('Geneva hub');
  await form.getByLabel('People in the hub').fill('12');
  await form.getByRole('button', { name: 'Ask for the floor' }).click();
}
