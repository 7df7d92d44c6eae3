// A consultation: the organizer opens one through the API; a participant comments on paragraph 2
// with a stance, another replies; the page shows the thread and the stance counts, and the summary
// by stakeholder group as GET /api/consultations/{id}/summary gives it; the platform's refusal is
// shown in its own words; reports by three different participants hide the comment from others.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { api, login, ORGANIZER_EMAIL, person, screenshot, signedInContext, usePlatform } from './support/platform.mjs';

const TOPIC = 'spam';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const auth = (token) => ({ Authorization: `Bearer ${token}` });

describe('consultation', () => {
  const env = usePlatform('consultation');

  test('comment, reply, stance counts, summary by group, refusals and reports', async () => {
    const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
    const slug = `draft-${randomBytes(3).toString('hex')}`;
    const opened = await api(env.baseUrl, `/api/topics/${TOPIC}/consultations`, {
      method: 'POST',
      headers: auth(organizer.token),
      body: JSON.stringify({
        slug,
        title: 'Draft recommendations on spam',
        paragraphs: ['Spam harms users and networks.', 'Operators should share data on spam sources.', 'States should cooperate across borders.'],
        closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      }),
    });
    const id = opened.id;
    const url = `${env.baseUrl}/consultations/${encodeURIComponent(id)}`;

    const amara = await person(env.baseUrl, 'Amara Okafor', 'civilSociety', 'africa');
    const bruno = await person(env.baseUrl, 'Bruno Costa', 'government', 'latinAmericaCaribbean');
    const chen = await person(env.baseUrl, 'Chen Wei', 'technicalAcademic', 'asiaPacific');
    const dana = await person(env.baseUrl, 'Dana Novak', 'privateSector', 'easternEurope');

    // The topic's page links to the consultation.
    const anonContext = await env.browser.newContext({ locale: 'en-GB' });
    const anon = await anonContext.newPage();
    await anon.goto(`${env.baseUrl}/topics/${TOPIC}`);
    await anon.locator(`#topic-consultations a[href="/consultations/${encodeURIComponent(id)}"]`).click();
    await anon.getByRole('heading', { level: 1, name: 'Draft recommendations on spam' }).waitFor();
    assert.equal(await anon.locator('#consult-phase').getAttribute('data-phase'), 'open');
    assert.deepEqual(await anon.$$eval('#consult-draft .paragraph', (ps) => ps.map((p) => p.dataset.paragraph)), ['1', '2', '3']);
    assert.equal(await anon.locator('#paragraph-2 .sign-in-prompt').count(), 1, 'anonymous readers are asked to sign in');
    assert.equal(await anon.locator('#consult-closed').isHidden(), true);

    // Amara comments on paragraph 2: the stance is required.
    const aContext = await signedInContext(env.browser, env.baseUrl, amara, { locale: 'en-GB' });
    const a = await aContext.newPage();
    const sent = [];
    a.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/contributions')) sent.push(JSON.parse(r.postData()));
    });
    await a.goto(url);
    const p2 = a.locator('#paragraph-2');
    await p2.getByRole('button', { name: 'Comment on this paragraph' }).click();
    const form = p2.locator('form.contribution-form');
    await form.getByLabel('Your comment').fill('Sharing data must respect privacy law.');
    await form.getByRole('button', { name: 'Contribute' }).click();
    assert.equal(await form.locator('.form-error').textContent(), 'Choose a stance.');
    assert.equal(sent.length, 0, 'nothing sent without a stance');

    // A refusal from the platform is shown in its own words next to the form (the stance taken out on the way).
    await a.route('**/contributions', async (route) => {
      const body = JSON.parse(route.request().postData());
      delete body.stance;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await form.getByLabel('Disagree', { exact: true }).check();
    await form.getByRole('button', { name: 'Contribute' }).click();
    await form.locator('.form-error', { hasText: 'A contribution states a stance' }).waitFor();
    await a.unroute('**/contributions');

    await form.getByRole('button', { name: 'Contribute' }).click();
    const first = p2.locator('.thread > .contribution').first();
    await first.waitFor();
    // It may first be drawn from the topic's live event (the public view, with a report button); the
    // answer to sending it says it is one's own, and closes the form.
    await form.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(sent.length, 2);
    for (const body of sent) assert.match(body.clientRequestId, UUID);
    assert.notEqual(sent[0].clientRequestId, sent[1].clientRequestId, 'a refused attempt is not reused');
    assert.deepEqual({ ...sent[1], clientRequestId: undefined }, {
      clientRequestId: undefined,
      paragraph: 2,
      stance: 'disagree',
      text: 'Sharing data must respect privacy law.',
    });
    assert.equal(await first.getAttribute('data-stance'), 'disagree');
    assert.equal(await first.locator('.author').textContent(), 'Amara Okafor');
    assert.equal(await first.locator('.group').textContent(), 'Civil society');
    assert.equal(await first.locator('.report').count(), 0, 'no report button on one\'s own comment');
    const commentId = await first.getAttribute('data-id');

    // Bruno replies with a stance; a reply to that is possible, not a fourth level.
    const bContext = await signedInContext(env.browser, env.baseUrl, bruno, { locale: 'en-GB' });
    const b = await bContext.newPage();
    await b.goto(url);
    const bFirst = b.locator(`#paragraph-2 .contribution[data-id="${commentId}"]`);
    await bFirst.waitFor();
    assert.equal(await bFirst.locator('.contribution-text').textContent(), 'Sharing data must respect privacy law.');
    await bFirst.getByRole('button', { name: 'Reply to Amara Okafor' }).click();
    const replyForm = bFirst.locator('form.reply-form');
    await replyForm.getByLabel('Agree', { exact: true }).check();
    await replyForm.getByLabel('Your reply').fill('Agreed: anonymised data only.');
    await replyForm.getByRole('button', { name: 'Send reply' }).click();
    const reply = b.locator(`#paragraph-2 .contribution[data-id="${commentId}"] > .replies > .contribution`);
    await reply.waitFor();
    assert.equal(await reply.getAttribute('data-level'), '2');
    assert.equal(await reply.locator('.author').textContent(), 'Bruno Costa');
    assert.equal(await reply.locator('.group').textContent(), 'Government');

    // Amara answers the reply (level 3): no reply button below level 3.
    await a.reload();
    const aReply = a.locator(`#paragraph-2 .contribution[data-level="2"]`);
    await aReply.waitFor();
    await aReply.getByRole('button', { name: 'Reply to Bruno Costa' }).click();
    await aReply.locator('form.reply-form').getByLabel('Your reply').fill('Yes, anonymised.');
    await aReply.locator('form.reply-form').getByRole('button', { name: 'Send reply' }).click();
    const level3 = a.locator('#paragraph-2 .contribution[data-level="3"]');
    await level3.waitFor();
    assert.equal(await level3.getByRole('button', { name: /^Reply/ }).count(), 0);

    // Everyone sees the thread, the stance counts and the summary as the platform gives them.
    const summary = await api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/summary`);
    await anon.reload();
    await anon.locator('#paragraph-2 .contribution[data-level="3"]').waitFor();
    assert.deepEqual(
      await anon.$$eval('#paragraph-2 .contribution', (cs) => cs.map((c) => [c.dataset.level, c.querySelector('.author').textContent])),
      [['1', 'Amara Okafor'], ['2', 'Bruno Costa'], ['3', 'Amara Okafor']],
    );
    const p2Counts = summary.byParagraph.find((p) => p.paragraph === 2).stances;
    assert.equal(p2Counts.disagree, 1);
    const counts = anon.locator('#counts-2');
    assert.deepEqual(
      { agree: Number(await counts.getAttribute('data-agree')), disagree: Number(await counts.getAttribute('data-disagree')), neutral: Number(await counts.getAttribute('data-neutral')) },
      p2Counts,
    );
    assert.equal(await counts.textContent(), `Agree ${p2Counts.agree} · Disagree ${p2Counts.disagree} · Neutral ${p2Counts.neutral}`);
    const table = await anon.$$eval('#consult-summary-table tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.group, ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))]),
    );
    assert.deepEqual(
      table,
      Object.entries(summary.byGroup).map(([g, s]) => [g, s.contributions, s.replies, s.stances.agree, s.stances.disagree, s.stances.neutral]),
    );
    assert.equal(table.find(([g]) => g === 'civilSociety')[1], 1);
    assert.equal(table.find(([g]) => g === 'government')[2], 1);
    await screenshot(anon, 'consultation');

    // Bruno reports the comment on the page; Chen and Dana through the API: hidden from others.
    await b.reload();
    const report = bFirst.locator(':scope > .contribution-actions .report');
    assert.equal(await report.getAttribute('aria-label'), 'Report the comment by Amara Okafor');
    await report.click();
    await bFirst.locator(':scope > .report-status', { hasText: 'Thank you, the comment was reported.' }).waitFor();
    assert.equal(await report.isDisabled(), true);
    for (const who of [chen, dana]) {
      await api(env.baseUrl, `/api/consultations/${encodeURIComponent(id)}/contributions/${commentId}/reports`, { method: 'POST', headers: auth(who.token) });
    }
    await anon.reload();
    await anon.locator('#thread-2 .empty-thread').waitFor();
    assert.equal(await anon.locator(`.contribution[data-id="${commentId}"]`).count(), 0);
    await b.reload();
    await b.locator('#thread-2 .empty-thread').waitFor();
    // Its author still sees it, marked hidden until reviewed.
    await a.reload();
    await a.locator(`.contribution[data-id="${commentId}"][data-status="hiddenPendingReview"] .hidden-badge`).waitFor();

    await Promise.all([anonContext.close(), aContext.close(), bContext.close()]);
  });
});
