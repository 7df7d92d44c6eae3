// Issue 3's journey, as a new user would try it: the demo moderator signs in in one browser, a
// registered participant in another, an anonymous follower watches in a third; the moderator
// extends an item, skips one, moves one, adds one and takes up the next; the other two pages show
// every change and the recomputed expected starts, in their own time zones, without reload.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  api,
  DEMO_PASSWORD,
  eventually,
  liveSession,
  MODERATOR_EMAIL,
  recordAnnouncements,
  register,
  screenshot,
  signInWithForm,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

const MIN = 60_000;

/** What a page shows of each item: id, status, the start it shows (ms) and that start as text. */
const shownAgenda = (page) =>
  page.$$eval('#agenda > li', (lis) =>
    lis.map((li) => {
      const start = li.querySelector('.item-start');
      return {
        id: li.dataset.itemId,
        status: li.dataset.status,
        current: li.getAttribute('aria-current') === 'true',
        title: li.querySelector('.item-title').textContent,
        minutes: li.querySelector('.item-minutes').textContent,
        start: start ? Date.parse(start.getAttribute('datetime')) : null,
        startText: start?.textContent ?? null,
      };
    }),
  );

describe('issue 3: the live agenda seen by a participant and a follower', () => {
  const env = usePlatform('journey');

  test('the moderator extends, skips, moves, adds and goes to the next item; both other pages follow, times and all', async () => {
    const session = await liveSession(env.baseUrl);
    const sessionPath = `/sessions/${encodeURIComponent(session.id)}`;
    const participant = await register(env.baseUrl, {
      email: `fatou.ndiaye.${randomUUID().slice(0, 8)}@example.org`,
      displayName: 'Fatou Ndiaye',
      stakeholderGroup: 'civilSociety',
      region: 'africa',
      gender: 'female',
      organization: 'Senegalese chapter of the Internet Society',
      country: 'Senegal',
    });

    // Three people in three places.
    const places = {
      moderator: { locale: 'en-GB', timezoneId: 'Europe/Paris' },
      participant: { locale: 'en-GB', timezoneId: 'Africa/Dakar' },
      follower: { locale: 'en-US', timezoneId: 'America/Sao_Paulo' },
    };
    const contexts = {};
    const pages = {};
    const pageErrors = [];
    for (const [who, options] of Object.entries(places)) {
      contexts[who] = await env.browser.newContext(options);
      pages[who] = await contexts[who].newPage();
      pages[who].on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
    }
    const watchers = ['participant', 'follower'];
    const localTime = (who, ms) =>
      new Intl.DateTimeFormat(places[who].locale, { timeStyle: 'short', timeZone: places[who].timezoneId }).format(new Date(ms));

    /** The platform's view: each item's status and the start a page should show (actual once taken up). */
    const platformAgenda = async () => {
      const [agenda, timeline] = await Promise.all([
        api(env.baseUrl, `/api/sessions/${encodeURIComponent(session.id)}/agenda`),
        api(env.baseUrl, `/api/sessions/${encodeURIComponent(session.id)}/timeline`),
      ]);
      const times = new Map(timeline.items.map((i) => [i.itemId, i]));
      return {
        timeline,
        items: agenda.map((item) => {
          const it = times.get(item.id);
          return {
            id: item.id,
            status: it.status,
            title: item.title,
            minutes: `${item.minutes} min`,
            start: it.status === 'skipped' ? null : Date.parse(it.actualStart ?? it.expectedStart),
          };
        }),
      };
    };
    /** Waits until every page shows what the platform has, each start in that person's local time. */
    const allShowThePlatform = async (step) => {
      let expected;
      await eventually(
        `every page showing the platform's agenda after ${step}`,
        async () => {
          expected = await platformAgenda();
          for (const who of ['moderator', ...watchers]) {
            const shown = await shownAgenda(pages[who]);
            const comparable = shown.map(({ id, status, title, minutes, start }) => ({ id, status, title, minutes, start }));
            if (JSON.stringify(comparable) !== JSON.stringify(expected.items)) return false;
            for (const row of shown) {
              if (row.start !== null && row.startText !== localTime(who, row.start)) {
                throw new Error(`${who} shows ${row.startText} for ${new Date(row.start).toISOString()}`);
              }
            }
          }
          return true;
        },
        15_000,
      );
      // How late the session runs, as the platform says.
      const late = expected.timeline.runningLateMinutes;
      const lateText = late > 0 ? `Running ${late} min late` : late < 0 ? `Running ${-late} min early` : 'On time';
      for (const who of watchers) {
        await pages[who].locator('#schedule-status .late', { hasText: lateText }).waitFor({ timeout: 10_000 });
      }
      return expected;
    };
    const startOn = async (who, id) => (await shownAgenda(pages[who])).find((i) => i.id === id).start;
    /**
     * The moderator's page runs one command at a time and ignores a press while the last one waits
     * for the platform's answer (its agenda is aria-busy until then); the pushes every page shows may
     * come before that answer.
     */
    const commandAnswered = () => pages.moderator.locator('#agenda[aria-busy="false"]').waitFor({ state: 'attached', timeout: 15_000 });

    try {
      await signInWithForm(pages.moderator, env.baseUrl, MODERATOR_EMAIL, DEMO_PASSWORD, sessionPath);
      await signInWithForm(pages.participant, env.baseUrl, participant.email, participant.password, sessionPath);
      await pages.follower.goto(`${env.baseUrl}${sessionPath}`);
      for (const page of Object.values(pages)) await waitForLiveView(page);
      const controls = pages.moderator.getByRole('region', { name: 'Moderator controls' });
      await controls.waitFor();
      for (const who of watchers) {
        assert.equal(await pages[who].locator('#moderator-controls').isHidden(), true, `${who} has no moderator controls`);
        assert.equal(await pages[who].locator('.item-controls').count(), 0);
        await pages[who].evaluate(() => {
          window.__notReloaded = true;
        });
        await recordAnnouncements(pages[who]);
      }
      const mod = pages.moderator;
      let state = await allShowThePlatform('joining');

      const current = state.items.find((i) => i.status === 'current');
      assert.ok(current, 'the demo session has a current item');
      const currentIndex = state.items.indexOf(current);
      const later = state.items.slice(currentIndex + 1).filter((i) => i.status === 'upcoming');
      assert.ok(later.length >= 2, 'items follow the current one');
      const watched = later.at(-1); // a later item whose expected start moves
      const startBefore = { participant: await startOn('participant', watched.id), follower: await startOn('follower', watched.id) };

      // 1. Give the current item 5 more minutes: what follows starts 5 minutes later.
      await mod.getByRole('button', { name: `+5 min for “${current.title}”` }).click();
      for (const who of watchers) {
        await eventually(`${who}: “${watched.title}” 5 min later`, async () => (await startOn(who, watched.id)) === startBefore[who] + 5 * MIN);
      }
      state = await allShowThePlatform('the extension');
      assert.equal(state.items.find((i) => i.id === current.id).minutes, `${Number.parseInt(current.minutes, 10) + 5} min`);

      // 2. Skip an upcoming item: shown as skipped, without a time; what followed it moves earlier.
      const skipped = state.items.find((i) => i.status === 'upcoming' && i.id !== watched.id);
      const skippedMinutes = Number.parseInt(skipped.minutes, 10);
      const watchedBefore = await startOn('participant', watched.id);
      await commandAnswered();
      await mod.getByRole('button', { name: `Skip “${skipped.title}”` }).click();
      for (const who of watchers) {
        const row = pages[who].locator(`#agenda > li[data-item-id="${skipped.id}"]`);
        await pages[who].locator(`#agenda > li[data-item-id="${skipped.id}"][data-status="skipped"]`).waitFor({ timeout: 15_000 });
        assert.equal(await row.locator('.item-status').textContent(), 'Skipped');
        assert.equal(await row.locator('.item-start').count(), 0);
      }
      state = await allShowThePlatform('the skip');
      assert.equal(await startOn('participant', watched.id), watchedBefore - skippedMinutes * MIN);
      await pages.participant.waitForFunction((title) => window.__announced.some((a) => a.includes(`Skipped: ${title}`)), skipped.title);

      // 3. Move the last item up one place.
      const order = state.items.map((i) => i.id);
      const last = state.items.at(-1);
      await commandAnswered();
      await mod.getByRole('button', { name: `Move “${last.title}” up` }).click();
      const moved = [...order.slice(0, -2), order.at(-1), order.at(-2)];
      for (const who of watchers) {
        await eventually(`${who}: the new order`, async () => JSON.stringify((await shownAgenda(pages[who])).map((i) => i.id)) === JSON.stringify(moved));
      }
      state = await allShowThePlatform('the move');

      // 4. Add an item: the platform gives it its id; it is expected after everything else.
      const title = `Reports from remote hubs ${randomUUID().slice(0, 4)}`;
      await commandAnswered();
      await controls.getByLabel('Title').fill(title);
      await controls.getByLabel('Minutes').fill('10');
      await controls.getByRole('button', { name: 'Add item' }).click();
      // Stored once the moderator's page shows it: only then is the platform's timeline the one to compare with.
      await mod.locator('#agenda > li').filter({ hasText: title }).waitFor({ timeout: 15_000 });
      state = await allShowThePlatform('the addition');
      const added = state.items.at(-1);
      assert.equal(added.title, title);
      assert.equal(added.status, 'upcoming');
      assert.ok(added.start > Math.max(...state.items.filter((i) => i.id !== added.id && i.start !== null).map((i) => i.start)), 'expected last');

      // 5. "Next item": the next upcoming item after the current one becomes current; the one
      //    before is done, with planned and actual times; the participant hears "Now: …".
      const next = state.items.slice(state.items.findIndex((i) => i.id === current.id) + 1).find((i) => i.status === 'upcoming');
      await commandAnswered();
      await mod.getByRole('button', { name: 'Next item' }).click();
      for (const who of watchers) {
        await pages[who].locator(`#agenda > li[data-item-id="${next.id}"][aria-current="true"]`).waitFor({ timeout: 15_000 });
        assert.equal(await pages[who].locator('#agenda > li[aria-current="true"]').count(), 1, 'one current item');
        const done = pages[who].locator(`#agenda > li[data-item-id="${current.id}"]`);
        await pages[who].locator(`#agenda > li[data-item-id="${current.id}"][data-status="done"]`).waitFor({ timeout: 15_000 });
        assert.match(await done.locator('.item-times').textContent(), /^Planned .+–.+ · Actual .+–.+$/);
      }
      state = await allShowThePlatform('the next item');
      const timeline = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(session.id)}/timeline`);
      const doneTimes = timeline.items.find((i) => i.itemId === current.id);
      for (const who of watchers) {
        const done = pages[who].locator(`#agenda > li[data-item-id="${current.id}"]`);
        assert.equal(Date.parse(await done.locator('.planned-start').getAttribute('datetime')), Date.parse(doneTimes.plannedStart));
        assert.equal(Date.parse(await done.locator('.actual-start').getAttribute('datetime')), Date.parse(doneTimes.actualStart));
        assert.equal(Date.parse(await done.locator('.actual-end').getAttribute('datetime')), Date.parse(doneTimes.actualEnd));
        assert.equal(await done.locator('.actual-start').textContent(), localTime(who, Date.parse(doneTimes.actualStart)));
      }
      await pages.participant.waitForFunction((t) => window.__announced.some((a) => a.includes(`Now: ${t}`)), next.title, { timeout: 5_000 });

      for (const who of watchers) {
        assert.equal(await pages[who].evaluate(() => window.__notReloaded), true, `${who} never reloaded`);
      }
      await screenshot(pages.participant, 'session-participant');
      await screenshot(mod, 'session-moderator-journey');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
    } finally {
      for (const context of Object.values(contexts)) await context.close();
    }
  });
});
