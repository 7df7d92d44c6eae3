// Proceedings and the archive, through the web app against the platform. A session is held through
// the API and the hub (an agenda, two speeches, one of them given out of turn with a reason, a
// question) and ended. Its moderator opens the editor from the session page, writes the summary,
// takeaways (one with markup) and a call to action, meets someone else's save (409) without losing a
// word, and publishes version 1; a follower's session page links to it as it is published. The
// public reads the proceedings page (figures, charts with their tables, the markup as text that never
// runs), verifies it (SHA-256 against the chain), downloads it. A second version needs a note; it
// appears in the history and version 1 still shows. The archive finds it by a word of its summary and
// by its filters, and, left open, says politely that a new version was published, refreshing its
// results only when asked.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import {
  announced,
  api,
  connectHub,
  eventually,
  login,
  ORGANIZER_EMAIL,
  person,
  recordAnnouncements,
  screenshot,
  signedInContext,
  usePlatform,
} from './support/platform.mjs';

const auth = (token) => ({ Authorization: `Bearer ${token}` });
const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const PWN = '<img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> stay text';

describe('proceedings and the archive', () => {
  const env = usePlatform('proceedings');
  const contexts = [];
  const pageErrors = [];
  /** What the tests share: the session held, its people, what was published. */
  const s = {};

  const newPage = async (who) => {
    const context = who
      ? await signedInContext(env.browser, env.baseUrl, who, { locale: 'en-GB', timezoneId: 'Africa/Nairobi' })
      : await env.browser.newContext({ locale: 'en-GB', timezoneId: 'America/Sao_Paulo' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    return page;
  };
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const hub of s.hubs ?? []) await hub.stop().catch(() => undefined); // when a test stopped half way
  });
  const noPageErrors = () => assert.deepEqual(pageErrors.splice(0).map(String), [], 'no uncaught errors in the pages');

  /** A session created, given a moderator and held through the API and the hub, then ended. */
  const holdSession = async () => {
    const word = `quokka${randomBytes(3).toString('hex').replace(/\d/g, (d) => 'abcdefghij'[d])}`;
    const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
    const [moderator, amina, bao] = await Promise.all([
      person(env.baseUrl, 'Moana Keller', 'technicalAcademic', 'westernEuropeOthers'),
      person(env.baseUrl, 'Amina Sesay', 'government', 'africa', { gender: 'female' }),
      person(env.baseUrl, 'Bao Tran', 'civilSociety', 'asiaPacific', { gender: 'male' }),
    ]);
    const title = `Transit costs for landlocked countries ${randomBytes(3).toString('hex')}`;
    const session = await api(env.baseUrl, '/api/sessions', {
      method: 'POST',
      headers: auth(organizer.token),
      body: JSON.stringify({
        title,
        type: 'workshop',
        topics: ['interconnection-costs'],
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 60,
        description: 'How landlocked developing countries pay for international transit.',
      }),
    });
    const id = session.id;
    await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}/moderators`, {
      method: 'PUT',
      headers: auth(organizer.token),
      body: JSON.stringify({ participantIds: [moderator.participantId] }),
    });
    await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}/schedule`, { method: 'POST', headers: auth(organizer.token) });

    const mod = await connectHub(env.baseUrl, moderator.token);
    const [a, b] = await Promise.all([connectHub(env.baseUrl, amina.token), connectHub(env.baseUrl, bao.token)]);
    s.hubs = [mod, a, b];
    let following = 0;
    mod.on('events', (batch) => {
      for (const e of batch?.events ?? []) if (e.type === 'presenceChanged') following = e.data?.presence?.total ?? following;
    });
    await mod.invoke('JoinSession', id);
    const opening = (await mod.invoke('AddAgendaItem', id, { id: '', title: 'Opening', minutes: 10, speakers: ['Chair'] }, null)).at(-1);
    await mod.invoke('AddAgendaItem', id, { id: '', title: 'Transit prices', minutes: 30, speakers: [] }, null);
    await mod.invoke('StartSession', id);
    await mod.invoke('SetCurrentItem', id, opening.id);
    await mod.invoke('SetQueueOpen', id, true);
    await a.invoke('JoinSession', id);
    await b.invoke('JoinSession', id);
    // The peak of attendance is taken from the presence pushed while live: all three are counted.
    await eventually('the three of them counted', () => following >= 3);
    await b.invoke('AskQuestion', id, crypto.randomUUID(), 'Who sets the transit prices?', false);
    const entryA = await a.invoke('RequestFloor', id, crypto.randomUUID(), 'intervention', 'On transit');
    const entryB = await b.invoke('RequestFloor', id, crypto.randomUUID(), 'intervention', 'On exchange points');
    // The floor goes out of turn, with a reason, then to the one left.
    const suggested = (await mod.invoke('SuggestNextSpeaker', id)).entry.entryId;
    const other = suggested === entryA.entryId ? entryB.entryId : entryA.entryId;
    const reason = `The chair asked for the regulator's view first ${randomBytes(2).toString('hex')}`;
    await mod.invoke('GiveFloor', id, other, reason);
    await mod.invoke('EndSpeech', id);
    await mod.invoke('GiveFloor', id, (await mod.invoke('SuggestNextSpeaker', id)).entry.entryId, null);
    await mod.invoke('EndSpeech', id);
    await mod.invoke('EndSession', id);
    await Promise.all(s.hubs.map((hub) => hub.stop()));
    Object.assign(s, { id, title, word, organizer, moderator, reason });
  };

  const draftOf = () => api(env.baseUrl, `/api/sessions/${encodeURIComponent(s.id)}/proceedings/draft`, { headers: auth(s.organizer.token) });
  const chainOf = () => api(env.baseUrl, `/api/archive/${encodeURIComponent(s.id)}/versions`);

  test('a moderator completes and publishes the proceedings of an ended session; nothing typed is lost', async () => {
    await holdSession();
    const follower = await newPage(null);
    await follower.goto(`${env.baseUrl}/sessions/${encodeURIComponent(s.id)}`);
    await follower.locator('#session-status[data-status="ended"]').waitFor({ timeout: 20_000 });
    await follower.locator('#connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
    assert.equal(await follower.locator('#proceedings-editor-link').isVisible(), false, 'no editor link for the public');
    assert.equal(await follower.locator('#proceedings-link').isVisible(), false, 'nothing published yet');
    await recordAnnouncements(follower);

    // The moderator goes from the session page to the editor.
    const page = await newPage(s.moderator);
    await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(s.id)}`);
    await page.locator('#proceedings-editor-link').click();
    await page.waitForURL((url) => url.pathname === `/sessions/${s.id}/proceedings`);
    await page.getByRole('heading', { level: 1, name: `Proceedings: ${s.title}` }).waitFor();
    assert.match(await text(page.locator('#ed-glance [data-figure="speeches"] dd')), /^2, \d+:\d\d of floor time$/);
    assert.match(await text(page.locator('#ed-glance [data-figure="questions"] dd')), /^1 asked/);
    const held = await draftOf();
    assert.equal(await page.locator('#ed-floor-table tbody tr').count(), Object.keys(held.proceedings.floor.byGroup).length, 'a row per group of the ledger');
    assert.equal(held.proceedings.floor.byGroup.government.speeches, 1);
    assert.equal(await text(page.locator('#ed-state')), 'Nothing saved yet.');

    const summary = `Participants weighed **interconnection** costs for landlocked countries: ${s.word} pricing.`;
    await page.getByLabel('Summary', { exact: true }).fill(summary);
    await page.getByRole('button', { name: 'Add a takeaway' }).click();
    const first = page.getByLabel('Takeaway 1', { exact: true });
    assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'the new item has the focus');
    await first.fill('Regional exchange points lower transit costs.');
    await page.getByRole('button', { name: 'Add a takeaway' }).click();
    await page.getByLabel('Takeaway 2', { exact: true }).fill(PWN);
    await page.getByRole('button', { name: 'Add a call to action' }).click();
    await page.getByLabel('Call to action 1', { exact: true }).fill('Publish transit prices openly.');
    // An empty item is refused by the form, named, and focused; removing it puts the focus on the one before.
    await page.getByRole('button', { name: 'Add a call to action' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const empty = page.getByLabel('Call to action 2', { exact: true });
    await page.locator('#ed-alert', { hasText: 'Not saved: correct the fields marked below.' }).waitFor();
    assert.equal(await empty.getAttribute('aria-invalid'), 'true');
    assert.equal(await text(page.locator('#ed-callsToAction li[data-index="1"] .field-error')), 'Write Call to action 2 or remove it.');
    assert.equal(await empty.evaluate((el) => el === document.activeElement), true, 'the field to correct has the focus');
    await page.getByRole('button', { name: 'Remove Call to action 2' }).click();
    assert.equal(await page.getByLabel('Call to action 1', { exact: true }).evaluate((el) => el === document.activeElement), true, 'the focus goes to the item before');
    assert.equal(await text(page.locator('#ed-state')), 'Unsaved changes.');

    // Someone else (an organizer) saves first: the save is refused (409), the form keeps every word.
    const before = await draftOf();
    await api(env.baseUrl, `/api/sessions/${encodeURIComponent(s.id)}/proceedings/draft`, {
      method: 'PUT',
      headers: auth(s.organizer.token),
      body: JSON.stringify({ text: { summary: 'The organizer’s summary.', takeaways: [], callsToAction: [] }, revision: before.revision }),
    });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.locator('#ed-conflict');
    await conflict.getByText('Someone else saved the proceedings after you opened them.').waitFor();
    assert.equal(await page.getByLabel('Summary', { exact: true }).inputValue(), summary);
    assert.equal(await page.getByLabel('Takeaway 2', { exact: true }).inputValue(), PWN);
    assert.equal(await page.getByLabel('Call to action 1', { exact: true }).inputValue(), 'Publish transit prices openly.');
    // What was typed survives a reload too (kept until saved).
    await page.reload();
    await page.locator('#ed-restored').waitFor();
    assert.equal(await page.getByLabel('Summary', { exact: true }).inputValue(), summary);
    assert.equal(await page.getByLabel('Takeaway 2', { exact: true }).inputValue(), PWN);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await conflict.waitFor();
    await page.getByRole('button', { name: 'Save my text over it' }).click();
    await page.locator('#ed-state', { hasText: /^Saved at .+ \(revision 2\)\.$/ }).waitFor();
    await screenshot(page, 'proceedings-editor');
    assert.equal(await conflict.isHidden(), true);
    const saved = await draftOf();
    assert.deepEqual(
      [saved.revision, saved.proceedings.summary, saved.proceedings.takeaways, saved.proceedings.callsToAction],
      [2, summary, ['Regional exchange points lower transit costs.', PWN], ['Publish transit prices openly.']],
    );

    // Publish version 1 (no note needed); the link to it follows; a follower's session page links to it live.
    assert.equal(await text(page.locator('#ed-no-versions')), 'No version is published yet.');
    await page.getByLabel('Note on this version (optional)').fill('First publication.');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    const published = page.locator('#ed-published[data-version="1"]');
    await published.waitFor();
    assert.equal(await text(published), 'Version 1 is published. Read version 1');
    assert.equal(await published.evaluate((el) => el === document.activeElement), true, 'the news has the focus');
    assert.equal(await page.locator('#ed-published-link').getAttribute('href'), `/archive/${s.id}/v/1`);
    assert.equal(await text(page.locator('#ed-note-hint')), 'Required: say what this version changes, in up to 500 characters.');
    const chain = await chainOf();
    assert.equal(chain.length, 1);
    s.v1 = chain[0];

    await follower.locator('#proceedings-published[data-version="1"]').waitFor();
    assert.equal(await follower.locator('#proceedings-link').getAttribute('href'), `/archive/${s.id}/v/1`);
    await follower.locator('#session-status[data-status="published"]').waitFor();
    await eventually('the publication announced', async () =>
      (await announced(follower)).some((m) => m.includes('Version 1 of the proceedings of this session is published.')),
    );

    await page.locator('#ed-published-link').click();
    await page.waitForURL((url) => url.pathname === `/archive/${s.id}/v/1`);
    await page.locator('#rec-version[data-version="1"]').waitFor();
    noPageErrors();
  });

  test('the public reads the proceedings: figures, charts with tables, markup shown as text, verified, downloads', async () => {
    assert.ok(s.v1, 'version 1 was published');
    const page = await newPage(null);
    await page.goto(`${env.baseUrl}/archive/${encodeURIComponent(s.id)}`);
    await page.getByRole('heading', { level: 1, name: `Proceedings: ${s.title}` }).waitFor();
    await page.locator('#rec-summary-text strong', { hasText: 'interconnection' }).waitFor();
    assert.equal(await text(page.locator('#rec-version')), `Version 1 of 1 · published ${await text(page.locator('#rec-version time'))} · The session’s page`);
    assert.equal(await text(page.locator('#rec-note')), 'What changed: First publication.');

    // What the moderator typed as markup is text: visible, never an element, never run.
    const takeaways = page.locator('#rec-takeaways-list > li');
    assert.equal(await takeaways.count(), 2);
    assert.equal(await text(takeaways.nth(1)), PWN);
    await page.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    assert.equal(await page.locator('#rec-takeaways img, #rec-takeaways script, .rec-text img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await text(page.locator('#rec-calls-list')), 'Publish transit prices openly.');

    // The session as held.
    const agenda = page.locator('#rec-agenda-table');
    assert.equal(await text(agenda.locator('caption')), 'The agenda: each item as planned and as held');
    assert.deepEqual(await agenda.locator('tbody th[scope="row"]').allTextContents(), ['Opening', 'Transit prices']);
    const speeches = page.locator('#rec-speeches-table tbody tr');
    assert.equal(await speeches.count(), 2);
    assert.deepEqual((await speeches.locator('td:nth-of-type(1)').allTextContents()).sort(), ['Speaker 1', 'Speaker 2']);
    assert.deepEqual((await speeches.locator('td:nth-of-type(2)').allTextContents()).sort(), ['Civil society', 'Government']);

    // The floor by stakeholder group: a chart named by its caption, with a table of the same figures.
    const chart = page.locator('#rec-floor-group-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await chart.getAttribute('aria-labelledby'), 'rec-floor-group-chart-title');
    assert.equal(await text(page.locator('#rec-floor-group-chart-title')), 'Floor time by stakeholder group, against the target');
    const record = JSON.parse(await (await fetch(`${env.baseUrl}/api/archive/${encodeURIComponent(s.id)}/v/1`)).text());
    const groups = record.proceedings.floor.byGroup;
    assert.equal(await chart.locator('.chart-bar').count(), Object.keys(groups).length);
    for (const group of ['government', 'civilSociety']) {
      const row = page.locator(`#rec-floor-group-table tr[data-group="${group}"]`);
      assert.equal(await text(row.locator('td').nth(0)), String(groups[group].speeches));
      assert.equal(await text(row.locator('td').nth(2)), `${Math.round(groups[group].permille / 10)}%`);
    }
    await page.locator('#rec-floor-region-chart').waitFor();
    await page.locator('#rec-floor-gender-table tr[data-group="female"]').waitFor();
    assert.equal(record.proceedings.attendance.total, 3);
    await page.locator('#rec-att-group-table tr[data-group="government"]').waitFor({ state: 'attached' });
    assert.match(await text(page.locator('#rec-attendance-total')), /^At its peak, 3 people followed \(0 in the room, 3 remote\), at .+\.$/);
    assert.match(await text(page.locator('#rec-questions-total')), /^1 asked, /);
    assert.equal(await text(page.locator('#rec-overrides caption')), 'The floor given to someone other than the suggestion');
    assert.equal(await text(page.locator('#rec-overrides .reason')), s.reason);

    // The version history, and verification in the browser.
    assert.equal(await page.locator('#rec-versions > li').count(), 1);
    assert.equal(await text(page.locator('#rec-versions li[data-version="1"] .hash')), s.v1.hash);
    await page.getByRole('button', { name: 'Verify this record' }).click();
    const verdict = page.locator('#verify-result[data-result="verified"] .verify-verdict');
    await verdict.waitFor();
    assert.equal(await text(verdict), `Verified: SHA-256 ${s.v1.hash}`);
    const bytes = await (await fetch(`${env.baseUrl}/api/archive/${encodeURIComponent(s.id)}/v/1`)).arrayBuffer();
    assert.equal(createHash('sha256').update(Buffer.from(bytes)).digest('hex'), s.v1.hash, 'the same hash computed here');

    // Every download answers.
    const links = await page.locator('#rec-download-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, [`/api/archive/${s.id}/v/1`, '/api/archive/export.json', '/api/archive/export.csv', '/api/archive/feed.atom']);
    for (const href of links) assert.equal((await fetch(`${env.baseUrl}${href}`)).status, 200, href);
    await screenshot(page, 'proceedings');
    noPageErrors();
  });

  test('the archive finds it by a word of its summary and by filters', async () => {
    const page = await newPage(null);
    await page.goto(`${env.baseUrl}/archive`);
    await page.getByRole('heading', { level: 1, name: 'Archive of proceedings' }).waitFor();
    assert.equal(await page.locator('.site-nav a[href="/archive"]').getAttribute('aria-current'), 'page');
    await page.locator('#archive-results:not([aria-busy])').waitFor();

    await page.getByLabel('Words').fill(s.word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.locator(`#archive-list > li[data-session-id="${s.id}"]`);
    await page.locator('#archive-count[data-total="1"]').waitFor();
    await hit.waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), s.word, 'the search is in the address');
    assert.equal(await hit.getByRole('link', { name: s.title }).getAttribute('href'), `/archive/${s.id}`);
    assert.match(await text(hit.locator('.snippet')), new RegExp(s.word));
    assert.equal(await hit.locator('.snippet strong').count(), 0, 'the snippet is text');

    // Filters from the facets: each keeps it; another year does not.
    const year = String(new Date().getUTCFullYear());
    for (const [label, option, param, value] of [
      ['Stakeholder group that spoke', 'Government (1)', 'group', 'government'],
      ['Year', `${year} (1)`, 'year', year],
      ['Session type', 'Workshop (1)', 'type', 'workshop'],
      ['Topic', 'Interconnection costs (1)', 'topic', 'interconnection-costs'],
    ]) {
      await page.locator('form[role="search"]').getByLabel(label, { exact: true }).selectOption({ label: option });
      await eventually(`${param} in the address`, () => new URL(page.url()).searchParams.get(param) === value);
      await page.locator('#archive-results:not([aria-busy]) #archive-count[data-total="1"]').waitFor();
      await hit.waitFor();
    }
    const params = new URL(page.url()).searchParams;
    assert.deepEqual(
      [params.get('group'), params.get('year'), params.get('type'), params.get('topic')],
      ['government', year, 'workshop', 'interconnection-costs'],
    );
    // Without words, the filters alone find it; a shared address shows the same.
    await page.getByLabel('Words').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // The results of the search before stay until this one's arrive (#archive-results is aria-busy till then).
    await page.locator('#archive-results:not([aria-busy])').waitFor({ timeout: 15_000 });
    await hit.waitFor();
    const other = await newPage(null);
    await other.goto(`${env.baseUrl}/archive?q=${s.word}&type=townHall`);
    await other.locator('#archive-count[data-total="0"]', { hasText: 'No proceedings match this search.' }).waitFor();
    assert.equal(await other.getByLabel('Session type').inputValue(), 'townHall');

    // The downloads of the archive answer.
    for (const href of await page.locator('#archive-downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      assert.equal((await fetch(`${env.baseUrl}${href}`)).status, 200, href);
    }
    await screenshot(page, 'archive');
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await eventually('the address cleared', () => new URL(page.url()).search === '');
    assert.equal(await page.getByLabel('Words').evaluate((el) => el === document.activeElement), true, 'the focus goes to the words');
    assert.equal(await page.locator('form[role="search"]').getByLabel('Topic', { exact: true }).inputValue(), '');
    noPageErrors();
  });

  test('a second version needs a note; the history shows both, version 1 still shows; the archive says so live', async () => {
    assert.ok(s.v1, 'version 1 was published');
    // The archive, left open on a search, is told of the new version and refreshes only when asked.
    const archive = await newPage(null);
    await archive.goto(`${env.baseUrl}/archive?q=${s.word}`);
    const hit = archive.locator(`#archive-list > li[data-session-id="${s.id}"]`);
    await hit.waitFor();
    await archive.locator('#connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
    await recordAnnouncements(archive);
    await archive.getByLabel('Words').focus();

    const page = await newPage(s.moderator);
    await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(s.id)}/proceedings`);
    await page.locator('#ed-versions li[data-version="1"]').waitFor();
    // Someone else saved meanwhile: this time the moderator loads the saved text; theirs stays to copy from.
    const draft = await draftOf();
    await api(env.baseUrl, `/api/sessions/${encodeURIComponent(s.id)}/proceedings/draft`, {
      method: 'PUT',
      headers: auth(s.organizer.token),
      body: JSON.stringify({
        text: { ...draft.proceedings, summary: `${draft.proceedings.summary} Corrected by the organizer.` },
        revision: draft.revision,
      }),
    });
    await page.getByLabel('Summary', { exact: true }).fill('A summary that loses the race.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Load the saved text (yours is kept to copy from)' }).click();
    await page.locator('#ed-mine').waitFor();
    assert.match(await page.getByLabel('Summary', { exact: true }).inputValue(), /Corrected by the organizer\.$/);
    assert.match(await page.getByLabel('Your text (to copy from)').inputValue(), /^A summary that loses the race\.\n\n## Key takeaways\n\n- Regional exchange points/);
    assert.equal(await text(page.locator('#ed-state')), `Saved (revision ${draft.revision + 1}).`);

    // Version 2: a note is required.
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.locator('#ed-note-error', { hasText: 'Say what changed since version 1.' }).waitFor();
    const note = page.getByLabel('What changed in this version');
    assert.equal(await note.evaluate((el) => el === document.activeElement), true);
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    await note.fill('Corrected the summary.');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.locator('#ed-published[data-version="2"]').waitFor();
    const chain = await chainOf();
    assert.deepEqual(chain.map((v) => [v.version, v.note, v.previousHash]), [[1, 'First publication.', null], [2, 'Corrected the summary.', s.v1.hash]]);

    // The archive: told politely, the results unchanged until refreshed, the focus where it was.
    await archive.locator('#archive-news', { hasText: `A new version (2) of the proceedings of ${s.title} was published.` }).waitFor();
    await eventually('the new version announced', async () =>
      (await announced(archive)).some((m) => m.includes('A new version (2)') && m.includes('Refresh the results to see it.')),
    );
    assert.equal(await hit.getAttribute('data-version'), '1', 'the results do not change by themselves');
    assert.equal(await archive.getByLabel('Words').evaluate((el) => el === document.activeElement), true, 'the focus stays');
    await archive.getByRole('button', { name: 'Refresh the results' }).click();
    await archive.locator(`#archive-list > li[data-session-id="${s.id}"][data-version="2"]`).waitFor();
    assert.equal(await archive.locator('#archive-results-heading').evaluate((el) => el === document.activeElement), true, 'the focus goes to the results');
    assert.equal(await archive.locator('#archive-news').isHidden(), true);

    // The latest is version 2, with its note; the history has both, each linking to its page.
    const reader = await newPage(null);
    await reader.goto(`${env.baseUrl}/archive/${encodeURIComponent(s.id)}`);
    await reader.locator('#rec-version[data-version="2"]').waitFor();
    assert.match(await text(reader.locator('#rec-version')), /^Version 2 of 2 · published /);
    assert.equal(await text(reader.locator('#rec-note')), 'What changed: Corrected the summary.');
    await reader.locator('#rec-summary-text', { hasText: 'Corrected by the organizer.' }).waitFor();
    const history = reader.locator('#rec-versions > li');
    assert.equal(await history.count(), 2);
    assert.match(await text(history.nth(0)), /What changed: First publication\./);
    assert.match(await text(history.nth(1)), /What changed: Corrected the summary\./);
    assert.equal(await history.nth(1).getByRole('link', { name: 'Version 2' }).getAttribute('aria-current'), 'page');

    // Version 1 still shows, as it was, and says it is not the latest; it verifies.
    await history.nth(0).getByRole('link', { name: 'Version 1' }).click();
    await reader.waitForURL((url) => url.pathname === `/archive/${s.id}/v/1`);
    await reader.locator('#rec-version[data-version="1"]').waitFor();
    assert.equal(await text(reader.locator('#rec-latest')), 'This is an earlier version. Read version 2, the latest');
    await reader.locator('#rec-summary-text strong', { hasText: 'interconnection' }).waitFor();
    assert.doesNotMatch(await text(reader.locator('#rec-summary-text')), /Corrected by the organizer/);
    await reader.getByRole('button', { name: 'Verify this record' }).click();
    await reader.locator('#verify-result[data-result="verified"]').waitFor();
    assert.equal(await text(reader.locator('#verify-result .verify-verdict')), `Verified: SHA-256 ${s.v1.hash}`);
    assert.match(
      await text(reader.locator('#verify-result p').nth(1)),
      /^The [\d,]+ bytes of version 1 have the hash in the chain, and all 2 versions of the chain are linked, each to the one before\.$/,
    );

    // An organizer takes version 1 down: its page shows the tombstone (date, reason, hash); the chain
    // still verifies around it; the open archive page is told.
    const reason = 'Court order 2026/17: personal data of a third party';
    await api(env.baseUrl, `/api/archive/${encodeURIComponent(s.id)}/v/1/takedown`, {
      method: 'POST',
      headers: auth(s.organizer.token),
      body: JSON.stringify({ reason }),
    });
    await archive.locator('#archive-news-text', { hasText: 'A version (1) of some proceedings was taken down.' }).waitFor();
    await reader.reload();
    const tombstone = reader.locator('#rec-tombstone[data-version="1"]');
    await tombstone.waitFor();
    assert.equal(await text(tombstone.locator('h2')), 'Version 1 was taken down');
    const said = await text(tombstone);
    assert.match(said, /Taken down on \d{1,2} \w{3} \d{4}, \d\d:\d\d\./);
    assert.ok(said.includes(`Reason: ${reason}`), said);
    assert.equal(await text(tombstone.locator('.hash')), s.v1.hash);
    assert.equal(await reader.locator('#rec-summary').count(), 0, 'the content is gone');
    assert.equal(await text(reader.locator('#rec-latest')), 'Read version 2, the latest');
    assert.match(await text(reader.locator('#rec-versions li[data-version="1"] .tombstone-line')), new RegExp(`^Taken down .+: ${reason.slice(0, 20)}`));
    await reader.getByRole('button', { name: 'Verify this record' }).click();
    await reader.locator('#verify-result[data-result="failed"]').waitFor();
    assert.equal(await text(reader.locator('#verify-result p').nth(0)), 'Version 1 was taken down: its content can no longer be checked.');
    assert.equal(await text(reader.locator('#verify-result p').nth(1)), 'The chain’s 2 versions are linked, each to the one before.');
    await screenshot(reader, 'proceedings-tombstone');
    noPageErrors();
  });
});
