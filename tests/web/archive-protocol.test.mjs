// The web client's side of the archive's live feed (FollowArchive, `archiveEvents`, ResyncArchive)
// on the archive page, and of a session's `proceedingsPublished` on the session page, against a
// scripted hub (support/fakeHub.mjs) that skips seqs, repeats batches, loses its events (another
// epoch) and drops connections on cue. The archive's search route gives what the platform holds.
// The results never change by themselves: what happened is said, and offered as a refresh.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { demoSession, FakePlatform } from './support/fakeHub.mjs';
import { announced, eventually, launchBrowser, recordAnnouncements } from './support/platform.mjs';

const hit = (sessionId, version, title) => ({
  sessionId,
  version,
  title,
  type: 'workshop',
  topics: ['spam'],
  groups: ['government'],
  year: 2026,
  startsAt: '2026-06-01T09:00:00Z',
  publishedAt: '2026-06-01T12:00:00Z',
  snippet: `Summary of ${title} <b>as text</b>`,
  speeches: 3,
  floorSeconds: 600,
  peakAttendance: 40,
  hash: `${sessionId}-${version}`.padEnd(64, '0'),
  url: `/api/archive/${sessionId}/v/${version}`,
});

/** The archive's feed as the fake hub keeps it. */
class ArchiveFeed {
  constructor(fake) {
    this.fake = fake;
    this.epoch = 3;
    this.seq = 0;
    this.log = [];
    this.resyncGivesEvents = true;
    fake.handlers.FollowArchive = (_args, socket) => {
      socket.joined = true;
      return { epoch: this.epoch, lastSeq: this.seq };
    };
    fake.handlers.LeaveArchive = (_args, socket) => {
      socket.joined = false;
      return null;
    };
    fake.handlers.ResyncArchive = ([epoch, lastSeq]) => {
      const events = this.resyncGivesEvents && epoch === this.epoch && lastSeq <= this.seq ? this.log.filter((e) => e.seq > lastSeq) : null;
      return { epoch: this.epoch, lastSeq: this.seq, events };
    };
  }

  record(type, data) {
    const event = { seq: ++this.seq, at: new Date().toISOString(), type, data };
    this.log.push(event);
    return event;
  }

  push(events, epoch = this.epoch) {
    const batch = { epoch, fromSeq: events[0].seq, toSeq: events[events.length - 1].seq, events };
    this.fake.broadcast({ type: 1, target: 'archiveEvents', arguments: [batch] });
  }

  published(sessionId, version, title) {
    return this.record('proceedingsPublished', {
      sessionId,
      version,
      hash: `${sessionId}-${version}`.padEnd(64, '0'),
      publishedAt: new Date().toISOString(),
      title,
      note: version > 1 ? 'Corrected.' : null,
      url: `/api/archive/${sessionId}/v/${version}`,
    });
  }
}

describe('archive live protocol (scripted hub)', () => {
  let browser;
  let fake;
  let feed;
  let context;
  let page;
  let pageErrors;
  /** What the platform holds: the archive's one page of results. */
  let items;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await fake?.stop();
    await browser?.close();
  });

  const searches = () => fake.requests.filter((r) => r.path === '/api/archive').length;
  const shownVersions = () => page.$$eval('#archive-list > li', (lis) => lis.map((li) => `${li.dataset.sessionId}@${li.dataset.version}`));
  const news = () => page.locator('#archive-news-text').textContent();

  beforeEach(async () => {
    await context?.close();
    await fake?.stop();
    fake = new FakePlatform({ session: demoSession(), agenda: [] });
    feed = new ArchiveFeed(fake);
    items = [hit('s-one', 1, 'Spam in the South')];
    fake.routes['/api/topics'] = () => [];
    fake.routes['/api/archive'] = () => ({
      total: items.length,
      page: 1,
      pageSize: 20,
      items,
      facets: { years: { 2026: items.length }, types: { workshop: items.length }, groups: { government: items.length }, topics: { spam: items.length } },
    });
    await fake.start();
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${fake.baseUrl}/archive`);
    await page.locator('#connection-state[data-state="connected"]').waitFor();
    // One search to show, one after FollowArchive (what happened before its position is in it).
    await eventually('searched after following', () => fake.callsOf('FollowArchive').length === 1 && searches() === 2);
    await recordAnnouncements(page);
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
  });

  const noReloadNoErrors = async () => {
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');
    assert.deepEqual(pageErrors, [], 'no uncaught errors');
  };

  test('publications are said once, in order, and offered as a refresh; the snippet is text', async () => {
    assert.equal(await page.locator('#archive-list .snippet').textContent(), 'Summary of Spam in the South <b>as text</b>');
    assert.equal(await page.locator('#archive-list .snippet b').count(), 0);
    const e1 = feed.published('s-two', 1, 'Multilingual domain names');
    items = [hit('s-two', 1, 'Multilingual domain names'), ...items];
    feed.push([e1]);
    await page.locator('#archive-news:not([hidden])').waitFor();
    assert.equal(await news(), 'New proceedings were published: Multilingual domain names.');
    await eventually('announced', async () => (await announced(page)).includes('New proceedings were published: Multilingual domain names. Refresh the results to see it.'));
    // A repeat of the batch is not said again; the results stay as they were.
    feed.push([e1]);
    const e2 = feed.published('s-one', 2, 'Spam in the South');
    feed.push([e2]);
    await eventually('the second one', async () => (await news()).includes('A new version (2) of the proceedings of Spam in the South was published.'));
    assert.equal((await news()).match(/Multilingual/g).length, 1, 'said once');
    assert.deepEqual(await shownVersions(), ['s-one@1'], 'the results do not change by themselves');
    assert.equal(fake.callsOf('ResyncArchive').length, 0, 'no resync without a gap');

    items = [hit('s-one', 2, 'Spam in the South'), hit('s-two', 1, 'Multilingual domain names')];
    await page.getByRole('button', { name: 'Refresh the results' }).click();
    await eventually('refreshed', async () => (await shownVersions()).join() === 's-one@2,s-two@1');
    assert.equal(await page.locator('#archive-results-heading').evaluate((el) => el === document.activeElement), true, 'the focus goes to the results');
    assert.equal(await page.locator('#archive-news').isHidden(), true);
    await noReloadNoErrors();
  });

  test('a gap is repaired with ResyncArchive(epoch, lastSeq); missed events that are gone make it search again', async () => {
    const e1 = feed.published('s-two', 1, 'First one');
    feed.push([e1]);
    await eventually('first', async () => (await news()).includes('First one'));
    feed.published('s-three', 1, 'Missed one'); // seq 2, never pushed
    const e3 = feed.record('proceedingsTakenDown', { sessionId: 's-one', version: 1, hash: 'x'.repeat(64), reason: 'Court order' });
    feed.push([e3]);
    await eventually('the missed one and the takedown', async () => (await news()).includes('Missed one') && (await news()).includes('A version (1) of some proceedings was taken down.'));
    assert.deepEqual(fake.callsOf('ResyncArchive').map((c) => c.args), [[3, 1]]);

    // The feed loses its events (another epoch): the page searches again and says the archive changed.
    const before = searches();
    feed.epoch = 4;
    feed.seq = 0;
    feed.log = [];
    items = [hit('s-four', 1, 'After the epoch')];
    const e4 = feed.published('s-five', 1, 'In the new epoch');
    feed.resyncGivesEvents = false;
    feed.push([e4]);
    await eventually('searched again', () => searches() === before + 1);
    await eventually('said so', async () => (await news()).includes('The archive changed since these results were read.'));
    assert.deepEqual(await shownVersions(), ['s-one@1'], 'still the results the reader had');
    await noReloadNoErrors();
  });

  test('after a dropped connection it follows again and hears what it missed', async () => {
    fake.dropConnections();
    await eventually('followed again', () => fake.callsOf('FollowArchive').length === 2, 20_000);
    feed.published('s-six', 1, 'While away'); // recorded before the resync, never pushed
    // The resync after the re-follow (or the next batch's gap) brings it.
    const e2 = feed.published('s-seven', 1, 'Right after');
    feed.push([e2]);
    await eventually('both said', async () => (await news()).includes('While away') && (await news()).includes('Right after'), 20_000);
    assert.ok(fake.callsOf('ResyncArchive').length >= 1);
    await noReloadNoErrors();
  });

  test('the session page links to the proceedings when they are published, and announces it', async () => {
    const session = { ...demoSession('fake-ended'), status: 'ended', endedAt: new Date().toISOString() };
    fake.session = session;
    const follower = await context.newPage();
    follower.on('pageerror', (error) => pageErrors.push(error));
    await follower.goto(`${fake.baseUrl}/sessions/${session.id}`);
    await follower.locator('#session-status[data-status="ended"]').waitFor();
    await follower.locator('#connection-state[data-state="connected"]').waitFor();
    await recordAnnouncements(follower);
    assert.equal(await follower.locator('#proceedings-link').isVisible(), false);
    fake.emit('sessionStatusChanged', { status: 'published' });
    fake.emit('proceedingsPublished', { sessionId: session.id, version: 1, hash: 'a'.repeat(64), publishedAt: new Date().toISOString(), title: session.title, note: null, url: `/api/archive/${session.id}/v/1` });
    await follower.locator('#proceedings-published[data-version="1"]').waitFor();
    assert.equal(await follower.locator('#proceedings-link').getAttribute('href'), `/archive/${session.id}/v/1`);
    await eventually('announced', async () => (await announced(follower)).some((m) => m.includes('Version 1 of the proceedings of this session is published.')));
    // A session already published (a snapshot, no event) links to the latest version.
    const later = await context.newPage();
    await later.goto(`${fake.baseUrl}/sessions/${session.id}`);
    await later.locator('#session-status[data-status="published"]').waitFor();
    assert.equal(await later.locator('#proceedings-link').getAttribute('href'), `/archive/${session.id}`);
    assert.equal(await later.locator('#proceedings-link').isVisible(), true);
    await noReloadNoErrors();
  });
});
