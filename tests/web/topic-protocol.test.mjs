// The web client's side of a topic's live feed (FollowTopic, `topicEvents`, ResyncTopic), on the
// consultation page, against a scripted hub (support/fakeHub.mjs) that skips seqs, repeats batches,
// loses its events (a new epoch) and drops connections on cue; the consultation's HTTP routes give
// what the platform holds ("the truth"). Needs only the built web app and Chromium.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { demoSession, FakePlatform } from './support/fakeHub.mjs';
import { eventually, launchBrowser } from './support/platform.mjs';

const SLUG = 'spam';
const ID = 'fake-consultation';
const DAY = 24 * 3600_000;
const BASE = Date.now() - 3600_000;

const contribution = (id, paragraph, text, { parentId = null, level = 1, group = 'government', stance = 'agree' } = {}) => ({
  id,
  parentId,
  level,
  paragraph,
  stance,
  text,
  authorName: `Author of ${id}`,
  stakeholderGroup: group,
  region: 'africa',
  at: new Date(BASE + Number(id.slice(1)) * 1000).toISOString(),
  status: 'visible',
  mine: false,
  reports: 0,
  reviewReason: null,
  replies: [],
});

/** A topic's feed as the fake hub keeps it: numbered events of one epoch, all of them kept. */
class TopicFeed {
  constructor(fake) {
    this.fake = fake;
    this.epoch = 7;
    this.seq = 0;
    this.log = [];
    this.resyncGivesEvents = true;
    this.resyncDelayMs = 0;
    this.inFlight = 0;
    this.maxInFlight = 0;
    fake.handlers.FollowTopic = ([slug], socket) => {
      if (slug !== SLUG) throw new Error(`HubException: There is no topic '${slug}'.`);
      socket.joined = true;
      return { topic: SLUG, epoch: this.epoch, lastSeq: this.seq };
    };
    fake.handlers.LeaveTopic = (_args, socket) => {
      socket.joined = false;
      return null;
    };
    fake.handlers.ResyncTopic = async ([slug, epoch, lastSeq]) => {
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        if (this.resyncDelayMs) await new Promise((r) => setTimeout(r, this.resyncDelayMs));
        const events = this.resyncGivesEvents && epoch === this.epoch && lastSeq <= this.seq ? this.log.filter((e) => e.seq > lastSeq) : null;
        return { topic: slug, epoch: this.epoch, lastSeq: this.seq, events };
      } finally {
        this.inFlight -= 1;
      }
    };
  }

  record(type, data) {
    const event = { seq: ++this.seq, at: new Date().toISOString(), type, data };
    this.log.push(event);
    return event;
  }

  push(events, epoch = this.epoch) {
    const batch = { topic: SLUG, epoch, fromSeq: events[0].seq, toSeq: events[events.length - 1].seq, events };
    this.fake.broadcast({ type: 1, target: 'topicEvents', arguments: [batch] });
  }

  emit(type, data) {
    const event = this.record(type, data);
    this.push([event]);
    return event;
  }

  /** The feed lost its events (a new activation): another epoch, seq from 0. */
  newEpoch() {
    this.epoch += 1;
    this.seq = 0;
    this.log = [];
  }
}

describe('topic live protocol (scripted hub)', () => {
  let browser;
  let fake;
  let feed;
  let context;
  let page;
  let pageErrors;
  /** What the platform holds: the threads and the summary its HTTP routes give. */
  let truth;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await fake?.stop();
    await browser?.close();
  });

  const summary = () => {
    const all = [];
    const walk = (cs) => cs.forEach((c) => (all.push(c), walk(c.replies)));
    walk(truth.threads);
    const level1 = all.filter((c) => c.level === 1);
    const stances = { agree: 0, disagree: 0, neutral: 0 };
    for (const c of level1) stances[c.stance] += 1;
    return { consultationId: ID, contributions: level1.length, replies: all.length - level1.length, stances, byGroup: {}, byParagraph: [], hidden: 0 };
  };
  /** Adds a comment to what the platform holds and records (does not push) its events. */
  const add = (c) => {
    if (c.parentId) truth.threads.find((t) => t.id === c.parentId).replies.push(c);
    else truth.threads.push(c);
    return [feed.record('contributionAdded', { consultationId: ID, contribution: c }), feed.record('consultationSummaryChanged', { summary: summary() })];
  };
  const shown = (p) => page.$$eval(`#thread-${p} .contribution`, (lis) => lis.map((li) => li.dataset.id));
  const threadReads = () => fake.requests.filter((r) => r.path === `/api/consultations/${ID}/contributions`);
  const reads = () => threadReads().length;

  beforeEach(async () => {
    await context?.close();
    await fake?.stop();
    fake = new FakePlatform({ session: demoSession(), agenda: [] });
    feed = new TopicFeed(fake);
    truth = { threads: [] };
    const now = Date.now();
    fake.routes[`/api/consultations/${ID}`] = () => ({
      id: ID,
      topicSlug: SLUG,
      slug: ID,
      title: 'A scripted consultation',
      phase: 'open',
      openedAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + DAY).toISOString(),
      versions: [{ version: 1, draft: true, paragraphs: [{ number: 1, text: 'One.' }, { number: 2, text: 'Two.' }], at: new Date(now - DAY).toISOString(), by: 'organizer' }],
      contributions: truth.threads.length,
    });
    fake.routes[`/api/consultations/${ID}/contributions`] = () => truth.threads;
    fake.routes[`/api/consultations/${ID}/summary`] = () => summary();
    await fake.start();
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${fake.baseUrl}/consultations/${ID}`);
    await page.locator('#connection-state[data-state="connected"]').waitFor();
    await eventually('read after following', async () => fake.callsOf('FollowTopic').length === 1 && reads() === 2);
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
  });

  const noReloadNoErrors = async () => {
    assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');
    assert.deepEqual(pageErrors, [], 'no uncaught errors');
  };

  test('follows the topic, reads after FollowTopic, applies events in order, ignores repeats and other consultations', async () => {
    assert.deepEqual(fake.callsOf('FollowTopic')[0].args, [SLUG]);
    // A read comes after FollowTopic: what happened before its position is in it.
    assert.ok(threadReads()[1].at >= fake.callsOf('FollowTopic')[0].at);

    const [e1, e2] = add(contribution('c1', 1, 'First.'));
    feed.push([e1, e2]);
    await eventually('c1', async () => (await shown(1)).join() === 'c1');
    await page.locator('#counts-1[data-agree="1"]').waitFor();
    // A repeat, and a stale event with an old seq, change nothing.
    feed.push([e1, e2]);
    feed.push([{ ...e1, data: { consultationId: ID, contribution: contribution('c9', 1, 'Stale.') } }]);
    // Events of another consultation of the topic, and unknown types, are left alone.
    feed.emit('contributionAdded', { consultationId: 'another', contribution: contribution('c8', 1, 'Elsewhere.') });
    feed.emit('somethingNew', { consultationId: ID });
    const [e5, e6] = add(contribution('c2', 2, 'Second.', { stance: 'disagree' }));
    feed.push([e5, e6]);
    await eventually('c2', async () => (await shown(2)).join() === 'c2');
    assert.deepEqual(await shown(1), ['c1']);
    assert.equal(fake.callsOf('ResyncTopic').length, 0, 'no resync without a gap');
    await page.locator('#announcer', { hasText: 'New comment on paragraph 2 from Government.' }).waitFor();
    await noReloadNoErrors();
  });

  test('a gap is not applied but repaired with ResyncTopic(slug, epoch, lastSeq), one at a time', async () => {
    feed.push(add(contribution('c1', 1, 'First.'))); // seq 1–2
    await eventually('c1', async () => (await shown(1)).join() === 'c1');
    add(contribution('c2', 1, 'Missed.')); // seq 3–4, lost
    feed.resyncDelayMs = 300;
    const later = add(contribution('c3', 2, 'After the gap.')); // seq 5–6
    feed.push(later);
    feed.push(later); // the same gap again while the first resync runs
    await eventually('the missed and the later', async () => (await shown(1)).join() === 'c1,c2' && (await shown(2)).join() === 'c3');
    const resyncs = fake.callsOf('ResyncTopic');
    assert.deepEqual(resyncs[0].args, [SLUG, 7, 2]);
    assert.equal(feed.maxInFlight, 1, 'one resync at a time');
    assert.equal(reads(), 2, 'no read over HTTP while events could be given');
    await noReloadNoErrors();
  });

  test('when the missed events are gone, it reads again over HTTP and goes on from the position given', async () => {
    feed.push(add(contribution('c1', 1, 'First.')));
    await eventually('c1', async () => (await shown(1)).join() === 'c1');
    // The feed lost its events: another epoch; meanwhile c2 was added and c1 hidden.
    feed.newEpoch();
    truth.threads = [];
    add(contribution('c2', 2, 'While away.'));
    feed.seq = 10;
    const e = add(contribution('c3', 2, 'Later.'));
    feed.resyncGivesEvents = false;
    feed.push(e);
    await eventually('the truth read again', async () => (await shown(1)).length === 0 && (await shown(2)).join() === 'c2,c3');
    assert.deepEqual(fake.callsOf('ResyncTopic')[0].args, [SLUG, 7, 2]);
    assert.equal(reads(), 3, 'one read more');
    // Events after the position given apply directly.
    feed.resyncGivesEvents = true;
    feed.push(add(contribution('c4', 1, 'New epoch.')));
    await eventually('c4', async () => (await shown(1)).join() === 'c4');
    assert.equal(fake.callsOf('ResyncTopic').length, 1);
    await noReloadNoErrors();
  });

  test('hidden comments go with their replies, restored ones come back where they were', async () => {
    const [a1, a2] = add(contribution('c1', 1, 'First.'));
    const [b1, b2] = add(contribution('c2', 1, 'Second.'));
    const [r1, r2] = add(contribution('c3', 1, 'A reply.', { parentId: 'c1', level: 2 }));
    feed.push([a1, a2, b1, b2, r1, r2]);
    await eventually('three', async () => (await shown(1)).join() === 'c1,c3,c2');
    const thread = truth.threads[0];
    feed.emit('contributionChanged', { consultationId: ID, contributionId: 'c1', contribution: null });
    await eventually('c1 and its reply gone', async () => (await shown(1)).join() === 'c2');
    feed.emit('contributionChanged', { consultationId: ID, contributionId: 'c1', contribution: { ...thread, status: 'restored' } });
    await eventually('back, first', async () => (await shown(1)).join() === 'c1,c3,c2');
    assert.equal(await page.locator('.contribution[data-id="c1"]').getAttribute('data-status'), 'restored');
    await noReloadNoErrors();
  });

  test('after a dropped connection it follows again, resyncs from what it kept, and says so', async () => {
    feed.push(add(contribution('c1', 1, 'First.')));
    await eventually('c1', async () => (await shown(1)).join() === 'c1');
    const followsBefore = fake.callsOf('FollowTopic').length;
    fake.dropConnections();
    add(contribution('c2', 2, 'While away.')); // missed
    await page.locator('#connection-state[data-state="resynced"]').waitFor({ timeout: 20_000 });
    await eventually('missed shown', async () => (await shown(2)).join() === 'c2');
    const refollow = fake.callsOf('FollowTopic')[followsBefore];
    assert.ok(refollow, 'follows again (groups do not survive reconnects)');
    const resync = fake.calls.slice(fake.calls.indexOf(refollow)).find((c) => c.method === 'ResyncTopic');
    assert.deepEqual(resync.args, [SLUG, 7, 2], 'then resyncs from what it kept');
    await page.locator('#announcer', { hasText: 'Reconnected. The page is up to date.' }).waitFor();
    feed.push(add(contribution('c3', 1, 'Live again.')));
    await eventually('c3', async () => (await shown(1)).join() === 'c1,c3');
    await noReloadNoErrors();
  });
});
