// Topics and stakeholder groups: a topic's page shows its source paragraphs in Chinese (lang="zh")
// and its sessions over the years (those of GET /api/sessions?topic=); following and unfollowing
// changes the count; the stakeholder groups' chart has a table with the figures of
// GET /api/stakeholder-groups.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, eventually, person, screenshot, signedInContext, usePlatform } from './support/platform.mjs';

const SLUG = 'spam';

describe('topics and stakeholder groups', () => {
  const env = usePlatform('topics');

  test('the topics list links to a topic showing its sources in Chinese and its sessions', async () => {
    const topics = await api(env.baseUrl, '/api/topics');
    const topic = topics.find((tp) => tp.slug === SLUG);
    const sessions = await api(env.baseUrl, `/api/sessions?topic=${SLUG}`);
    assert.ok(topic.sources.length > 0 && sessions.length > 0, 'the demo topic has sources and sessions');

    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Policy topics' }).waitFor();
      await page.locator('.topic-card').first().waitFor();
      assert.deepEqual(
        (await page.$$eval('.topic-card', (cards) => cards.map((c) => c.dataset.slug))).sort(),
        topics.map((tp) => tp.slug).sort(),
      );
      const card = page.locator(`.topic-card[data-slug="${SLUG}"]`);
      assert.equal((await card.locator('p').textContent()).trim(), topic.description);
      await card.getByRole('link', { name: topic.title }).click();
      await page.waitForURL((url) => url.pathname === `/topics/${SLUG}`);
      await page.getByRole('heading', { level: 1, name: topic.title }).waitFor();
      await page.locator('#topic-sessions .session-card').first().waitFor();

      // The source paragraphs: document, paragraph and the quotation marked as Chinese.
      const sources = page.locator('#topic-sources .source');
      assert.equal(await sources.count(), topic.sources.length);
      for (const [i, s] of topic.sources.entries()) {
        const quote = sources.nth(i).locator('blockquote');
        assert.equal(await quote.textContent(), s.quotation);
        assert.equal(await quote.getAttribute('lang'), 'zh');
        assert.equal(s.quotationLanguage, 'zh');
        assert.equal(await sources.nth(i).locator('cite').textContent(), `${s.document}, paragraph ${s.paragraph}`);
      }
      // Related topics are links.
      for (const related of topic.relatedTopics) {
        assert.equal(await page.locator(`#topic-related a[href="/topics/${related}"]`).count(), 1, related);
      }
      // Its sessions: exactly those of the API, each linking to the session.
      const shown = await page.$$eval('#topic-sessions .session-card', (cards) => cards.map((c) => c.dataset.sessionId));
      assert.deepEqual([...shown].sort(), sessions.map((s) => s.id).sort());
      for (const s of sessions) {
        assert.equal(
          await page.locator(`#topic-sessions .session-card[data-session-id="${s.id}"] a`).getAttribute('href'),
          `/sessions/${encodeURIComponent(s.id)}`,
        );
      }
      // Anonymous: the count, no toggle.
      assert.equal(await page.locator('#follow-toggle').count(), 0);
      await screenshot(page, 'topic');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('following and unfollowing a topic changes the count', async () => {
    const slug = 'multilingualism';
    const before = (await api(env.baseUrl, `/api/topics/${slug}/followers`)).followers;
    const someone = await person(env.baseUrl, 'Follower Fatou', 'civilSociety', 'africa');
    const context = await signedInContext(env.browser, env.baseUrl, someone);
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/topics/${slug}`);
      const toggle = page.locator('#follow-toggle');
      await toggle.waitFor();
      const count = page.locator('#topic-followers');
      assert.equal(await count.getAttribute('data-count'), String(before));
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.equal(await toggle.textContent(), 'Follow');

      await toggle.click();
      await page.locator('#follow-toggle[aria-pressed="true"]').waitFor();
      assert.equal(await toggle.textContent(), 'Following');
      assert.equal(await count.getAttribute('data-count'), String(before + 1));
      assert.equal(await count.textContent(), `${before + 1} ${before + 1 === 1 ? 'follower' : 'followers'}`);
      const api1 = await api(env.baseUrl, `/api/topics/${slug}/followers`, { headers: { Authorization: `Bearer ${someone.token}` } });
      assert.equal(api1.followers, before + 1);
      assert.equal(api1.following, true);

      // A reload shows the same.
      await page.reload();
      await page.locator('#follow-toggle[aria-pressed="true"]').waitFor();
      await page.locator('#follow-toggle').click();
      await page.locator('#follow-toggle[aria-pressed="false"]').waitFor();
      assert.equal(await count.getAttribute('data-count'), String(before));
      assert.equal((await api(env.baseUrl, `/api/topics/${slug}/followers`)).followers, before);
    } finally {
      await context.close();
    }
  });

  test("the stakeholder groups' chart has a text alternative with the platform's figures", async () => {
    const groups = await api(env.baseUrl, '/api/stakeholder-groups');
    assert.equal(groups.length, 6);
    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stakeholder groups' }).click();
      await page.getByRole('heading', { level: 1, name: 'Stakeholder groups' }).waitFor();
      const chart = page.locator('#groups-chart');
      await chart.waitFor();
      assert.equal(await chart.getAttribute('role'), 'img');
      assert.equal(await chart.getAttribute('aria-labelledby'), 'groups-chart-title');
      assert.ok((await page.locator('#groups-chart-title').textContent()).length > 0);
      assert.deepEqual(
        await page.$$eval('#groups-table thead th', (ths) => ths.map((th) => th.textContent)),
        ['Stakeholder group', 'Members', 'Speeches', 'Floor time', 'Share of the floor'],
      );
      const rows = await page.$$eval('#groups-table tbody tr', (trs) =>
        trs.map((tr) => ({ group: tr.dataset.group, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })),
      );
      const clock = (ms) => {
        const s = Math.floor(ms / 1000);
        return s >= 3600
          ? `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
          : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
      };
      const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
      assert.deepEqual(
        [...rows].sort((a, b) => a.group.localeCompare(b.group)),
        groups
          .map((g) => ({
            group: g.group,
            cells: [g.members.total.toLocaleString('en-GB'), String(g.speeches), clock(g.milliseconds), percent.format(g.floorShare)],
          }))
          .sort((a, b) => a.group.localeCompare(b.group)),
      );
      // A bar per group, as wide as its share.
      for (const g of groups) {
        const bar = page.locator(`#groups-chart g[data-group="${g.group}"] rect.chart-bar`);
        assert.equal(Number(await bar.getAttribute('data-share')), g.floorShare);
        assert.equal(await page.locator(`.group-card[data-group="${g.group}"] .members`).getAttribute('data-total'), String(g.members.total));
      }
      await screenshot(page, 'groups');

      // One group: members by region and gender, and the sessions where it spoke.
      const one = await api(env.baseUrl, '/api/stakeholder-groups/civilSociety');
      await page.locator('.group-card[data-group="civilSociety"] a').click();
      await page.getByRole('heading', { level: 1, name: 'Civil society' }).waitFor();
      await page.locator('#group-regions').waitFor();
      for (const [region, n] of Object.entries(one.members.byRegion)) {
        assert.equal(await page.locator(`#group-regions li[data-key="${region}"] strong`).textContent(), String(n));
      }
      for (const [gender, n] of Object.entries(one.members.byGender)) {
        assert.equal(await page.locator(`#group-genders li[data-key="${gender}"] strong`).textContent(), String(n));
      }
      assert.equal(await page.locator('#group-sessions tbody tr').count(), one.sessions.length);
      for (const s of one.sessions) {
        assert.equal(await page.locator(`#group-sessions tr[data-session-id="${s.sessionId}"] .share`).textContent(), percent.format(s.share));
      }
      await eventually('unknown group says so', async () => {
        await page.goto(`${env.baseUrl}/groups/nobody`);
        return (await page.getByText('There is no such stakeholder group.').count()) === 1;
      });
    } finally {
      await context.close();
    }
  });
});
