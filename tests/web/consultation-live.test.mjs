// A consultation and its topic followed live (the hub's FollowTopic / topicEvents): one page stays
// open on a consultation while others comment, reply, report a comment until it is hidden and an
// organizer restores it; the page shows each change without a reload, announces the new comments,
// shows the person's own comment once, and keeps a half-typed reply (and the focus in it) and a
// half-typed comment through every update. A final text published after the closing date appears
// by itself; on the topic's page a consultation opened by an organizer appears, and its count of
// comments follows what is said in it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  announced,
  api,
  eventually,
  login,
  ORGANIZER_EMAIL,
  person,
  recordAnnouncements,
  signedInContext,
  usePlatform,
} from './support/platform.mjs';

const TOPIC = 'spam';
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const PARAGRAPHS = ['Spam harms users and networks.', 'Operators should share data on spam sources.', 'States should cooperate across borders.'];

describe('consultation live', () => {
  const env = usePlatform('consultation-live');

  const open = async (organizer, title, closesAt) =>
    api(env.baseUrl, `/api/topics/${TOPIC}/consultations`, {
      method: 'POST',
      headers: auth(organizer.token),
      body: JSON.stringify({ slug: `live-${randomBytes(3).toString('hex')}`, title, paragraphs: PARAGRAPHS, closesAt }),
    });
  const contribute = (id, who, body) =>
    api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/contributions`, {
      method: 'POST',
      headers: auth(who.token),
      body: JSON.stringify({ clientRequestId: crypto.randomUUID(), ...body }),
    });
  /** Marks the page, so that a reload (which would lose the mark) is noticed. */
  const markLoaded = (page) => page.evaluate(() => (window.__notReloaded = true));
  const notReloaded = async (page) => assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');

  test('comments, replies, hiding and restoring appear live; a half-typed reply survives', async () => {
    const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
    const { id } = await open(organizer, 'Live draft on spam', new Date(Date.now() + 24 * 3600_000).toISOString());
    const summaryOf = () => api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/summary`);
    const [amara, bruno, chen, dana, eve] = await Promise.all([
      person(env.baseUrl, 'Amara Okafor', 'civilSociety', 'africa'),
      person(env.baseUrl, 'Bruno Costa', 'government', 'latinAmericaCaribbean'),
      person(env.baseUrl, 'Chen Wei', 'technicalAcademic', 'asiaPacific'),
      person(env.baseUrl, 'Dana Novak', 'privateSector', 'easternEurope'),
      person(env.baseUrl, 'Eve Martin', 'internationalOrganization', 'westernEuropeOthers'),
    ]);

    const context = await signedInContext(env.browser, env.baseUrl, amara, { locale: 'en-GB' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      await page.goto(`${env.baseUrl}/consultations/${encodeURIComponent(id)}`);
      await page.locator('#connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
      await page.locator('#thread-1 .empty-thread').waitFor();
      await markLoaded(page);
      await recordAnnouncements(page);

      // Amara's own comment (sent from the page) is shown once: from the answer, not again from the event.
      const p1 = page.locator('#paragraph-1');
      await p1.getByRole('button', { name: 'Comment on this paragraph' }).click();
      await p1.locator('form.contribution-form').getByLabel('Agree', { exact: true }).check();
      await p1.locator('form.contribution-form').getByLabel('Your comment').fill('Filters must be transparent.');
      await p1.locator('form.contribution-form').getByRole('button', { name: 'Contribute' }).click();
      const own = p1.locator('.thread > .contribution');
      await own.waitFor();
      const ownId = await own.getAttribute('data-id');
      await page.locator('#consult-summary-table tr[data-group="civilSociety"] td:first-of-type', { hasText: '1' }).waitFor();
      // The live event may come before the answer to sending it: the answer marks it as hers and closes the form.
      await p1.locator('.form-slot > form.contribution-form').waitFor({ state: 'hidden', timeout: 15_000 });
      assert.equal(await page.locator(`.contribution[data-id="${ownId}"]`).count(), 1, 'own comment shown once');
      assert.equal(await page.locator(`.contribution[data-id="${ownId}"] .badge.mine`).count(), 1);

      // A comment half-typed on paragraph 2, and a reply half-typed under her own comment, focused.
      const p2 = page.locator('#paragraph-2');
      await p2.getByRole('button', { name: 'Comment on this paragraph' }).click();
      const p2Text = p2.locator('form.contribution-form textarea');
      await p2Text.fill('Only with consent, and');
      await own.getByRole('button', { name: 'Reply to Amara Okafor' }).click();
      const replyText = own.locator('form.reply-form textarea');
      await replyText.fill('Also, to add: audits by');
      await replyText.press('End');
      const stillTyping = async () => {
        assert.equal(await replyText.inputValue(), 'Also, to add: audits by');
        assert.equal(await p2Text.inputValue(), 'Only with consent, and');
        assert.equal(await replyText.evaluate((el) => el === document.activeElement), true, 'the focus stays in the reply');
      };

      // Bruno comments on paragraph 2 through the API: it appears, and is announced.
      const brunoComment = await contribute(id, bruno, { paragraph: 2, stance: 'agree', text: 'Data sharing works.' });
      const shownBruno = page.locator(`#paragraph-2 .thread > .contribution[data-id="${brunoComment.id}"]`);
      await shownBruno.waitFor();
      assert.equal(await shownBruno.locator('.author').textContent(), 'Bruno Costa');
      assert.equal(await shownBruno.locator('.group').textContent(), 'Government');
      assert.equal(await shownBruno.getAttribute('data-stance'), 'agree');
      assert.equal(await shownBruno.locator('.report').count(), 1, 'someone else\'s comment can be reported');
      await eventually('the new comment announced', async () =>
        (await announced(page)).some((a) => a.includes('New comment on paragraph 2 from Government')),
      );
      await page.locator('#counts-2[data-agree="1"]').waitFor();
      await stillTyping();

      // Bruno replies to Amara, Chen to Bruno: each reply appears under its comment.
      const brunoReply = await contribute(id, bruno, { parentId: ownId, text: 'Transparent to whom?' });
      await page.locator(`.contribution[data-id="${ownId}"] > .replies > .contribution[data-id="${brunoReply.id}"][data-level="2"]`).waitFor();
      await eventually('the reply announced', async () =>
        (await announced(page)).some((a) => a.includes('New reply on paragraph 1 from Government')),
      );
      const chenReply = await contribute(id, chen, { parentId: brunoComment.id, stance: 'disagree', text: 'Not without safeguards.' });
      await shownBruno.locator(`:scope > .replies > .contribution[data-id="${chenReply.id}"]`).waitFor();
      await stillTyping();

      // The summary follows the platform's figures.
      const sameSummary = async () => {
        const summary = await summaryOf();
        const table = await page.$$eval('#consult-summary-table tbody tr', (trs) =>
          trs.map((tr) => [tr.dataset.group, ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))]),
        );
        const expected = Object.entries(summary.byGroup).map(([g, s]) => [g, s.contributions, s.replies, s.stances.agree, s.stances.disagree, s.stances.neutral]);
        return JSON.stringify(table) === JSON.stringify(expected) ? summary : null;
      };
      const withReplies = await eventually('the summary with the replies', async () => {
        const s = await sameSummary();
        return s && s.byGroup.government.replies === 1 && s.byGroup.technicalAcademic.replies === 1 ? s : null;
      });
      assert.equal(withReplies.contributions, 2);

      // Three others report Bruno's comment: it goes, with its reply.
      for (const who of [chen, dana, eve]) {
        await api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/contributions/${brunoComment.id}/reports`, { method: 'POST', headers: auth(who.token) });
      }
      await page.locator('#thread-2 .empty-thread').waitFor();
      assert.equal(await page.locator(`.contribution[data-id="${brunoComment.id}"]`).count(), 0);
      assert.equal(await page.locator(`.contribution[data-id="${chenReply.id}"]`).count(), 0, 'its replies go with it');
      await page.locator('#counts-2[data-agree="0"]').waitFor();
      await eventually('the summary without it', async () => {
        const s = await sameSummary();
        return s && s.hidden === 1 && s.byGroup.government.contributions === 0;
      });
      await page.locator('#consult-summary', { hasText: '1 comment hidden until reviewed is not counted.' }).waitFor();
      await stillTyping();

      // The organizer restores it: it comes back with its reply.
      await api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/contributions/${brunoComment.id}/review`, {
        method: 'POST',
        headers: auth(organizer.token),
        body: JSON.stringify({ visible: true, reason: 'Within the rules.' }),
      });
      await shownBruno.locator(`:scope > .replies > .contribution[data-id="${chenReply.id}"]`).waitFor();
      assert.equal(await shownBruno.getAttribute('data-status'), 'restored');
      assert.equal(await page.locator('#thread-2 .empty-thread').isHidden(), true);
      await page.locator('#counts-2[data-agree="1"]').waitFor();
      await eventually('the summary with it again', async () => {
        const s = await sameSummary();
        return s && s.hidden === 0 && s.byGroup.government.contributions === 1;
      });
      await stillTyping();

      // The reply typed all along is sent as it was, and shown once.
      await replyText.pressSequentially(' independent bodies.');
      await own.locator('form.reply-form').getByRole('button', { name: 'Send reply' }).click();
      const sentReply = own.locator(':scope > .replies > .contribution', { hasText: 'Also, to add: audits by independent bodies.' });
      await sentReply.waitFor();
      await page.locator('#consult-summary-table tr[data-group="civilSociety"] td:nth-of-type(2)', { hasText: '1' }).waitFor();
      assert.equal(await sentReply.count(), 1);
      assert.equal(await p2Text.inputValue(), 'Only with consent, and');
      // Nobody else's comment was announced as one's own, and one's own not as news.
      assert.equal((await announced(page)).some((a) => a.includes('from Civil society')), false);
      await notReloaded(page);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a final text published after the closing date appears by itself', async () => {
    const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
    const closesAt = Date.now() + 4_000;
    const { id } = await open(organizer, 'Closing soon', new Date(closesAt).toISOString());
    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/consultations/${encodeURIComponent(id)}`);
      await page.locator('#connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('#consult-versions').isHidden(), true);
      await markLoaded(page);
      await recordAnnouncements(page);
      // The platform takes the final text once it has closed.
      await eventually(
        'the final text published',
        () =>
          api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/versions`, {
            method: 'POST',
            headers: auth(organizer.token),
            body: JSON.stringify({ paragraphs: ['Spam harms everyone.', 'Operators share anonymised data.'] }),
          }),
        20_000,
      );
      const final = page.locator('#consult-versions .version.final[data-version="2"]');
      await final.waitFor();
      assert.deepEqual(await final.locator('.version-text li').allTextContents(), ['Spam harms everyone.', 'Operators share anonymised data.']);
      await page.locator('#consult-phase[data-phase="published"]').waitFor();
      await page.locator('#consult-closed').waitFor();
      await eventually('the final text announced', async () =>
        (await announced(page)).some((a) => a.includes('The final text (version 2) was published.')),
      );
      await notReloaded(page);
    } finally {
      await context.close();
    }
  });

  test("the topic's page shows a consultation opened meanwhile, and its count of comments", async () => {
    const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
    const someone = await person(env.baseUrl, 'Fatou Ndiaye', 'civilSociety', 'africa');
    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      await page.goto(`${env.baseUrl}/topics/${TOPIC}`);
      await page.locator('#topic-consultations #connection-state[data-state="connected"]').waitFor({ timeout: 20_000 });
      await markLoaded(page);
      await recordAnnouncements(page);

      const { id } = await open(organizer, 'Opened while you read', new Date(Date.now() + 24 * 3600_000).toISOString());
      const item = page.locator(`#topic-consultations li[data-consultation-id="${id}"]`);
      await item.waitFor();
      assert.equal(await item.locator('a').getAttribute('href'), `/consultations/${encodeURIComponent(id)}`);
      assert.equal(await item.locator('a').textContent(), 'Opened while you read');
      // The latest opened first, as the platform lists them.
      const listed = await api(env.baseUrl, `/api/topics/${TOPIC}/consultations`);
      assert.equal(listed[0].id, id);
      assert.equal(await page.locator('#topic-consultations li').first().getAttribute('data-consultation-id'), id);
      await eventually('the new consultation announced', async () =>
        (await announced(page)).some((a) => a.includes('New consultation: Opened while you read.')),
      );
      assert.equal(await item.locator('.contribution-count').getAttribute('data-count'), '0');

      await contribute(id, someone, { paragraph: null, stance: 'neutral', text: 'A first thought.' });
      await item.locator('.contribution-count[data-count="1"]', { hasText: '1 comment' }).waitFor();
      await notReloaded(page);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
