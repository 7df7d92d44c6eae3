// The organizer's console, in English, Arabic (right to left) and Chinese, each in another time
// zone: the demo organizer signs in, finds the console in the header, sees every session (drafts
// included), is refused an empty form, creates a session (local times sent in UTC), finds a
// registered person by e-mail (an unknown address is said so) and makes them its moderator, and is
// warned that they moderate an overlapping session; sets the floor's balance (a wrong total is
// refused); schedules the session, which then is in the public calendar; that moderator, signing
// in, has the moderator controls on it. An ended session links to its proceedings editor. Every
// step is checked against the platform's API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { checkPage, describeViolations } from './support/axe.mjs';
import { api, DEMO_PASSWORD, eventually, login, ORGANIZER_EMAIL, person, screenshot, usePlatform, waitForLiveView } from './support/platform.mjs';

// The console's own strings in each language (clients/web/src/i18nOrganizer.ts).
const RUNS = [
  { lang: 'en', dir: 'ltr', locale: 'en-US', timezoneId: 'America/New_York', title: 'Organizer’s console', nav: 'Organize', notFound: 'Nobody is registered with this address.', errorsTitle: 'Not saved' },
  { lang: 'ar', dir: 'rtl', locale: 'ar-EG', timezoneId: 'Africa/Cairo', title: 'لوحة المنظّم', nav: 'التنظيم', notFound: 'لا أحد مسجّل بهذا العنوان.', errorsTitle: 'لم يُحفظ' },
  { lang: 'zh', dir: 'ltr', locale: 'zh-CN', timezoneId: 'Asia/Shanghai', title: '组织者控制台', nav: '组织', notFound: '没有人以此地址注册。', errorsTitle: '未保存' },
];

const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
const json = (method, body, token) => ({ method, body: JSON.stringify(body), headers: { Authorization: `Bearer ${token}` } });

/** A time as a `datetime-local` value in a time zone. */
function localValue(ms, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Signs in through the form (found by its ids: the labels are in the page's language). */
async function signIn(page, baseUrl, email, password, next, lang) {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}&lang=${lang}`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.locator('form.signin button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 15_000 });
  await page.locator('.site-header [data-signed-in]').waitFor();
}

describe('the organizer’s console', () => {
  const env = usePlatform('organizer');

  for (const run of RUNS) {
    test(`in ${run.lang}: create, assign a moderator (clash warned), balance the floor, schedule; the moderator has the controls`, async () => {
      const organizer = await login(env.baseUrl, ORGANIZER_EMAIL);
      const all = await api(env.baseUrl, '/api/sessions', bearer(organizer.token));
      const topics = (await api(env.baseUrl, '/api/topics')).slice(0, 2).map((t) => t.slug);
      // The person to assign moderates a scheduled session already; the new one overlaps it.
      const other = all.find((s) => s.status === 'scheduled');
      const ended = all.find((s) => s.status === 'ended');
      const moderator = await person(env.baseUrl, { en: 'Kwame Asante', ar: 'يوسف بن علي', zh: '李娜' }[run.lang], 'civilSociety', 'africa', {
        email: `moderator.${run.lang}.${randomUUID().slice(0, 8)}@example.org`,
        organization: 'ISOC Ghana',
      });
      const otherDetails = await api(env.baseUrl, `/api/sessions/${other.id}`, bearer(organizer.token));
      await api(env.baseUrl, `/api/sessions/${other.id}/moderators`, json('PUT', { participantIds: [...otherDetails.moderators, moderator.participantId] }, organizer.token));
      const startMs = Date.parse(other.startsAt) + 30 * 60_000;
      const endMs = startMs + 60 * 60_000;
      const title = `Community networks ${run.lang} ${randomUUID().slice(0, 6)}`;

      const context = await env.browser.newContext({ locale: run.locale, timezoneId: run.timezoneId });
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const contexts = [context];
      try {
        await signIn(page, env.baseUrl, ORGANIZER_EMAIL, DEMO_PASSWORD, '/', run.lang);
        const navLink = page.locator('#nav-organize');
        assert.equal(await navLink.textContent(), run.nav);
        await navLink.click();
        await page.waitForURL((url) => url.pathname === '/organize');
        await page.locator('#nav-organize[aria-current="page"]').waitFor();
        assert.equal(await page.locator('html').getAttribute('dir'), run.dir);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), run.title);
        if (run.lang === 'en') {
          assert.equal(await page.getByRole('link', { name: 'Organize' }).count(), 1);
          assert.match(await page.locator('.intro').textContent(), /Times are in your time zone \(America\/New_York/);
        }

        // Every session the platform lists for an organizer, drafts included.
        const rows = page.locator('#org-sessions tbody tr');
        await rows.first().waitFor();
        assert.equal(await rows.count(), all.length);
        assert.equal(await page.locator('#org-sessions tbody tr[data-status="draft"]').count(), all.filter((s) => s.status === 'draft').length);
        assert.ok(all.some((s) => s.status === 'draft'), 'the demo data has drafts');

        // An ended session links to its proceedings editor; it cannot be scheduled.
        await page.locator(`#org-sessions tr[data-session-id="${ended.id}"] button`).click();
        await page.locator(`#org-work[data-session-id="${ended.id}"]`).waitFor();
        assert.equal(await page.locator('#org-proceedings-link').getAttribute('href'), `/sessions/${ended.id}/proceedings`);
        assert.equal(await page.locator('#org-schedule').count(), 0);
        // Its floor's balance is shown as it ended, not offered for editing (the platform refuses it).
        await page.locator('#org-floor-ended').waitFor();
        assert.equal(await page.locator('#org-floor-save').count(), 0);
        assert.ok(await page.locator('#org-floor-equal').isDisabled());
        assert.ok(await page.locator('#org-floor-custom').isDisabled());

        // An empty form is refused by the form: summary focused, each field named.
        await page.locator('#org-new').click();
        await eventually('the focus on the form’s heading', () => page.evaluate(() => document.activeElement?.id === 'org-work-title'));
        assert.match(await page.locator('#org-start-hint').textContent(), new RegExp(run.timezoneId.replace('/', '\\/')));
        await page.locator('#org-form-submit').click();
        const summary = page.locator('#org-form-errors');
        await summary.waitFor({ state: 'visible' });
        await eventually('the focus on the summary', () => page.evaluate(() => document.activeElement?.id === 'org-form-errors'));
        assert.equal(await summary.getByRole('heading').textContent(), run.errorsTitle);
        assert.deepEqual(await summary.locator('a').evaluateAll((links) => links.map((a) => a.dataset.field)), ['title', 'type', 'startsAt', 'endsAt']);
        assert.equal(await page.locator('#org-title').getAttribute('aria-invalid'), 'true');
        assert.equal((await api(env.baseUrl, '/api/sessions', bearer(organizer.token))).length, all.length, 'nothing was created');
        const formViolations = await checkPage(page, `organizer form ${run.lang}`, { include: '#main' });
        assert.deepEqual(formViolations, [], describeViolations(formViolations));

        // The session, its times typed in the organizer's time zone.
        if (run.lang === 'en') {
          await page.getByLabel('Title').fill(title);
          await page.getByLabel('Description').fill('How community networks reach the last mile.');
          await page.getByLabel('Session type').selectOption({ label: 'Workshop' });
          await page.getByLabel('Starts').fill(localValue(startMs, run.timezoneId));
          await page.getByLabel('Ends').fill(localValue(endMs, run.timezoneId));
        } else {
          await page.locator('#org-title').fill(title);
          await page.locator('#org-description').fill('How community networks reach the last mile.');
          await page.locator('#org-type').selectOption('workshop');
          await page.locator('#org-start').fill(localValue(startMs, run.timezoneId));
          await page.locator('#org-end').fill(localValue(endMs, run.timezoneId));
        }
        for (const slug of topics) await page.locator(`#org-topic-${slug}`).check();
        await page.locator('#org-form-submit').click();
        const work = page.locator('#org-work[data-session-id]:has(#org-work-meta[data-status="draft"])');
        await work.waitFor();
        const id = await work.getAttribute('data-session-id');
        const created = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}`, bearer(organizer.token));
        assert.deepEqual(
          { title: created.title, type: created.type, topics: [...created.topics].sort(), start: Date.parse(created.startsAt), minutes: created.durationMinutes, status: created.status },
          { title, type: 'workshop', topics: [...topics].sort(), start: startMs, minutes: 60, status: 'draft' },
        );
        assert.equal((await api(env.baseUrl, '/api/sessions')).some((s) => s.id === id), false, 'a draft is not public');
        await page.locator(`#org-sessions tr[data-session-id="${id}"][data-status="draft"]`).waitFor();

        // A draft edited: a new title, the times kept.
        await page.locator('#org-edit').click();
        await eventually('the form filled with the draft', async () => (await page.locator('#org-title').inputValue()) === title);
        assert.equal(await page.locator('#org-start').inputValue(), localValue(startMs, run.timezoneId));
        const edited = `${title} (edited)`;
        await page.locator('#org-title').fill(edited);
        await page.locator('#org-form-submit').click();
        await page.locator('#org-work-title', { hasText: edited }).waitFor();
        const afterEdit = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}`, bearer(organizer.token));
        assert.deepEqual([afterEdit.title, Date.parse(afterEdit.startsAt), afterEdit.durationMinutes], [edited, startMs, 60]);

        // Finding the moderator by e-mail: an unknown address is said so next to the field.
        const email = page.locator('#org-mod-email');
        await email.fill(`nobody.${randomUUID().slice(0, 8)}@example.org`);
        await page.locator('#org-find-submit').click();
        await page.locator('#org-mod-email[aria-invalid="true"]').waitFor();
        assert.equal(await page.locator('#org-mod-email-error').textContent(), run.notFound);
        await email.fill(moderator.email);
        await page.locator('#org-find-submit').click();
        const card = page.locator(`#org-found-card[data-participant-id="${moderator.participantId}"]`);
        await card.waitFor();
        assert.equal(await card.locator('.person-name').textContent(), moderator.displayName);
        assert.ok((await card.locator('dd[data-field="stakeholderGroup"]').textContent()).length > 0);
        assert.equal(await card.locator('dd[data-field="organization"]').textContent(), 'ISOC Ghana');
        if (run.lang === 'en') {
          assert.equal(await card.locator('dd[data-field="stakeholderGroup"]').textContent(), 'Civil society');
          assert.equal(await card.locator('dd[data-field="region"]').textContent(), 'Africa');
        }
        await page.locator('#org-mod-add').click();
        await page.locator(`#org-moderators > li[data-participant-id="${moderator.participantId}"]`).waitFor();
        assert.deepEqual((await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}`, bearer(organizer.token))).moderators, [moderator.participantId]);
        // The platform's warning: the same person moderates the overlapping session.
        const warning = page.locator(`#org-warnings li[data-participant-id="${moderator.participantId}"][data-other-session="${other.id}"]`);
        await warning.waitFor();
        const warnings = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(id)}/warnings`, bearer(organizer.token));
        assert.ok(warnings.some((w) => w.participantId === moderator.participantId && w.otherSessionId === other.id));
        if (run.lang === 'en') {
          assert.match(await warning.textContent(), new RegExp(`^${moderator.displayName} also moderates “${other.title}” at an overlapping time`));
        }
        assert.ok((await warning.textContent()).includes(other.title));

        // The floor's balance: a total other than 100 is refused; 40/60 is kept.
        const floorPath = `/api/sessions/${encodeURIComponent(id)}/floor`;
        await page.locator('#org-floor-custom').check();
        await page.locator('#org-target-government').fill('50');
        await page.locator('#org-target-civilSociety').fill('60');
        await page.locator('#org-floor-save').click();
        await page.locator('#org-floor-error:not(:empty)').waitFor();
        assert.equal((await api(env.baseUrl, floorPath, bearer(organizer.token))).settings.targets, null, 'nothing saved');
        await page.locator('#org-target-government').fill('40');
        await page.locator('#org-floor-save').click();
        await eventually('the targets kept by the platform', async () => {
          const { targets } = (await api(env.baseUrl, floorPath, bearer(organizer.token))).settings;
          return JSON.stringify(targets) === JSON.stringify({ government: 40, civilSociety: 60 });
        });
        assert.equal(await page.locator('#org-floor-error').textContent(), '');

        // Scheduled: in the public calendar.
        await page.locator('#org-schedule').click();
        await page.locator('#org-work-meta[data-status="scheduled"]').waitFor();
        await page.locator('#org-in-calendar').waitFor();
        const listed = (await api(env.baseUrl, '/api/sessions')).find((s) => s.id === id);
        assert.equal(listed?.status, 'scheduled');
        await page.locator(`#org-sessions tr[data-session-id="${id}"][data-status="scheduled"]`).waitFor();
        await screenshot(page, `organizer-${run.lang}`);
        const violations = await checkPage(page, `organizer ${run.lang}`, { include: '#main' });
        assert.deepEqual(violations, [], describeViolations(violations));

        const publicContext = await env.browser.newContext({ locale: run.locale, timezoneId: run.timezoneId });
        contexts.push(publicContext);
        const reader = await publicContext.newPage();
        await reader.goto(`${env.baseUrl}/?lang=${run.lang}`);
        await reader.locator(`a[href="/sessions/${id}"]`).first().waitFor();

        // The moderator signs in and has the controls on the session.
        const moderatorContext = await env.browser.newContext({ locale: run.locale, timezoneId: run.timezoneId });
        contexts.push(moderatorContext);
        const moderatorPage = await moderatorContext.newPage();
        await signIn(moderatorPage, env.baseUrl, moderator.email, moderator.password, `/sessions/${id}`, run.lang);
        await waitForLiveView(moderatorPage);
        await moderatorPage.locator('#moderator-controls:not([hidden])').waitFor();
        await moderatorPage.locator('#start-session').waitFor();
        assert.equal(await moderatorPage.locator('#nav-organize').count(), 0, 'no console link for a moderator');
        await moderatorPage.goto(`${env.baseUrl}/organize`);
        await moderatorPage.locator('#org-forbidden').waitFor();
        assert.deepEqual(pageErrors, []);
      } finally {
        for (const c of contexts) await c.close();
      }
    });
  }

  test('the cluster dashboard: the organizer opens it from the console; nobody else gets in', async () => {
    assert.equal((await fetch(`${env.baseUrl}/admin/orleans/`)).status, 401, 'anonymous');
    const participant = await login(env.baseUrl, 'participant001@demo.igf.example');
    const refused = await fetch(`${env.baseUrl}/api/admin/dashboard-session`, { method: 'POST', headers: { Authorization: `Bearer ${participant.token}` } });
    assert.equal(refused.status, 403, 'a participant asking for a pass');

    const context = await env.browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    const refusedByPolicy = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
    });
    try {
      await signIn(page, env.baseUrl, ORGANIZER_EMAIL, DEMO_PASSWORD, '/organize', 'en');
      await page.locator('#org-dashboard').click();
      await page.waitForURL(/\/admin\/orleans\/$/);
      assert.equal(await page.title(), 'Orleans Dashboard');
      // The dashboard draws itself from its own API: the silo this platform runs is listed.
      await page.getByText(/silo/i).first().waitFor();
      await screenshot(page, 'organizer-dashboard');
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(refusedByPolicy, []);
    } finally {
      await context.close();
    }
  });
});
