// Who is following, live: a registered participant's page counts a second participant who joins
// (by that person's stakeholder group, region and gender) and stops counting them when their page
// closes; anonymous followers count in the total only; "I am in the room" moves one person from
// remote to the room on the moderator's page. Counts change quietly (no announcements).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  eventually,
  liveSession,
  MODERATOR_EMAIL,
  DEMO_PASSWORD,
  recordAnnouncements,
  register,
  signedInContext,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

/** What a page shows of presence: the totals and each breakdown line's count. */
const shownPresence = (page) =>
  page.evaluate(() => {
    const total = document.querySelector('#presence-total');
    const counts = (id) =>
      Object.fromEntries([...document.querySelectorAll(`#${id} > li`)].map((li) => [li.dataset.key, Number(li.querySelector('.count').textContent)]));
    return {
      text: total.textContent,
      total: Number(total.dataset.total),
      inRoom: Number(total.dataset.inRoom),
      remote: Number(total.dataset.remote),
      byGroup: counts('presence-by-group'),
      byRegion: counts('presence-by-region'),
      byGender: counts('presence-by-gender'),
    };
  });

/** Waits until `page` shows presence for which `check` holds; says what it showed when it never did. */
async function waitForPresence(page, what, check, timeout = 20_000) {
  let last;
  try {
    return await eventually(what, async () => {
      last = await shownPresence(page);
      return check(last) && last;
    }, timeout);
  } catch (error) {
    throw new Error(`${error.message}; the page shows ${JSON.stringify(last)}`);
  }
}

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('presence', () => {
  const env = usePlatform('presence');

  test('counts follow joins and closed pages by group, region and gender; "I am in the room" moves one to the room', async () => {
    const session = await liveSession(env.baseUrl);
    const sessionUrl = `${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`;
    const first = await register(env.baseUrl, {
      email: `viliame.naupoto.${randomUUID().slice(0, 8)}@example.org`,
      displayName: 'Viliame Naupoto',
      stakeholderGroup: 'government',
      region: 'asiaPacific',
      gender: 'male',
      organization: 'Ministry of Communications',
      country: 'Fiji',
    });
    const second = await register(env.baseUrl, {
      email: `camila.rojas.${randomUUID().slice(0, 8)}@example.org`,
      displayName: 'Camila Rojas',
      stakeholderGroup: 'technicalAcademic',
      region: 'latinAmericaCaribbean',
      gender: 'nonBinary',
      organization: 'Universidad de Chile, NIC Chile Research Labs',
      country: 'Chile',
    });

    const moderatorContext = await signedInContext(env.browser, env.baseUrl, { email: MODERATOR_EMAIL, password: DEMO_PASSWORD, displayName: 'Amina Diallo' });
    const firstContext = await signedInContext(env.browser, env.baseUrl, first);
    const contexts = [moderatorContext, firstContext];
    const pageErrors = [];
    const open = async (context) => {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.goto(sessionUrl);
      await waitForLiveView(page);
      return page;
    };
    try {
      const moderatorPage = await open(moderatorContext);
      const firstPage = await open(firstContext);

      // The moderator (civil society, Africa, female) and the first participant follow, both remote.
      const base = await waitForPresence(
        firstPage,
        'the moderator and the first participant',
        (p) => p.total === 2 && p.byGroup.government === 1 && p.byGroup.civilSociety === 1,
      );
      assert.equal(base.text, '2 following (0 in the room, 2 remote)');
      assert.deepEqual(Object.keys(base.byGroup), [
        'government', 'privateSector', 'civilSociety', 'intergovernmentalOrganization', 'internationalOrganization', 'technicalAcademic',
      ], 'the six stakeholder groups');
      assert.deepEqual(
        await firstPage.$$eval('#presence-by-group .name', (els) => els.map((el) => el.textContent)),
        ['Government', 'Private sector', 'Civil society', 'Intergovernmental organizations', 'International organizations', 'Technical and academic community'],
      );
      assert.equal(base.byRegion.asiaPacific, 1);
      assert.equal(base.byGender.male, 1);
      await recordAnnouncements(firstPage);

      // A second participant joins: counted on the first one's page, by their group, region, gender.
      const secondContext = await signedInContext(env.browser, env.baseUrl, second);
      contexts.push(secondContext);
      await open(secondContext);
      const joined = await waitForPresence(firstPage, 'the second participant counted', (p) => p.total === 3 && p.byGroup.technicalAcademic === 1);
      assert.equal(joined.text, '3 following (0 in the room, 3 remote)');
      assert.equal(joined.byRegion.latinAmericaCaribbean, base.byRegion.latinAmericaCaribbean + 1);
      assert.equal(joined.byGender.nonBinary, base.byGender.nonBinary + 1);

      // An anonymous follower counts in the total, in no breakdown.
      const anonymousContext = await env.browser.newContext();
      contexts.push(anonymousContext);
      const anonymousPage = await open(anonymousContext);
      assert.equal(await anonymousPage.locator('#attendance').count(), 0, 'no attendance choice without signing in');
      const withAnonymous = await waitForPresence(firstPage, 'the anonymous follower counted', (p) => p.total === 4);
      assert.equal(sum(withAnonymous.byGroup), 3, 'registered people only, by group');
      assert.equal(sum(withAnonymous.byRegion), 3);
      await anonymousContext.close();
      await waitForPresence(firstPage, 'the anonymous follower gone', (p) => p.total === 3);

      // The second participant closes their page: no longer counted, within seconds.
      await secondContext.close();
      const left = await waitForPresence(firstPage, 'the second participant gone', (p) => p.total === 2 && p.byGroup.technicalAcademic === 0);
      assert.deepEqual(left.byRegion, base.byRegion);
      assert.deepEqual(left.byGender, base.byGender);

      // The first participant is in the room: the moderator's page moves one from remote to the room.
      await waitForPresence(moderatorPage, 'the moderator’s page up to date', (p) => p.total === 2 && p.inRoom === 0 && p.remote === 2);
      await firstPage.getByRole('group', { name: 'Where do you follow from?' }).getByRole('radio', { name: 'I am in the room' }).check();
      const inRoom = await waitForPresence(moderatorPage, 'one in the room', (p) => p.inRoom === 1);
      assert.deepEqual([inRoom.total, inRoom.inRoom, inRoom.remote], [2, 1, 1]);
      assert.equal(inRoom.text, '2 following (1 in the room, 1 remote)');

      // None of these changes was announced.
      const announced = await firstPage.evaluate(() => window.__announced);
      assert.deepEqual(announced.filter((text) => /following|room|remote/i.test(text)), [], `announced: ${JSON.stringify(announced)}`);
      assert.equal(await firstPage.locator('#presence [aria-live], #presence[aria-live]').count(), 0, 'presence is no live region');
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
    } finally {
      for (const context of contexts) await context.close().catch(() => undefined);
    }
  });
});
