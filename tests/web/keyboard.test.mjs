// Keyboard only (issue 8): the main journeys done with Tab, Shift+Tab, Enter, Space and the arrow
// keys (page.keyboard, never a click): the skip link to the main content; signing in; on the live
// session a participant asks a question, upvotes another, asks for the floor and withdraws; the
// moderator approves a question (pre-moderation switched on with Space), gives the floor to the
// suggested speaker and moves to the next agenda item. Every element the keyboard reaches shows its
// focus (a computed outline of at least 3:1 against the page, or a box-shadow), and a live update (a push that redraws the list the
// person is in) never drops the focus to <body>. What a follower's screen reader hears meanwhile
// is checked too: "New question", "The agenda changed.", "Now speaking: …", "Now: …".
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  announced,
  connectHub,
  eventually,
  liveSession,
  login,
  MODERATOR,
  MODERATOR_EMAIL,
  person,
  recordAnnouncements,
  screenshot,
  signedInContext,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';
import { S, fill } from './support/dictionaries.mjs';

/** The focused element, whether its focus shows (outline or box-shadow), and a short description. */
const focusInfo = (page, selector = null) =>
  page.evaluate((selector) => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    const outline = style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style && style.boxShadow && style.boxShadow !== 'none';
    const describe = (e) =>
      !e ? 'nothing' : `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.hasAttribute('tabindex') ? `[tabindex=${e.getAttribute('tabindex')}]` : ''}${e.getAttribute('data-focus-key') ? `[${e.getAttribute('data-focus-key')}]` : ''} “${(e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 40)}”`;
    // The ring's contrast against the page behind it (WCAG 1.4.11: at least 3:1).
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) =>
      [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    let ringContrast = null;
    if (outline) {
      const page = getComputedStyle(document.documentElement).backgroundColor;
      const [a, b] = [luminance(rgb(style.outlineColor)), luminance(rgb(page))];
      ringContrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
    return {
      body: !el || el === document.body || el === document.documentElement,
      visible: Boolean((outline && ringContrast >= 3) || shadow),
      ringContrast,
      matches: Boolean(selector && el && el.matches(selector)),
      what: describe(el),
      key: el?.getAttribute('data-focus-key') ?? el?.id ?? null,
    };
  }, selector);

/**
 * Presses Tab (or Shift+Tab) until the focus is on `selector`; every element passed on the way
 * must show its focus. Returns the number of presses.
 */
async function tabTo(page, selector, { back = false, max = 150 } = {}) {
  const passed = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const info = await focusInfo(page, selector);
    if (!info.body) {
      assert.ok(info.visible, `the focus shows on ${info.what}, ring contrast ${info.ringContrast?.toFixed(2)} (after ${passed.join(' → ')})`);
      passed.push(info.what);
    }
    if (info.matches) return i;
  }
  throw new Error(`${selector} was not reached with ${back ? 'Shift+Tab' : 'Tab'}: ${passed.slice(-12).join(' → ')}`);
}

/** Tab or Shift+Tab (whichever way `selector` lies from the focus) until it has the focus. */
async function reach(page, selector) {
  if ((await focusInfo(page, selector)).matches) return;
  const forward = await page.evaluate((selector) => {
    const target = document.querySelector(selector);
    const from = document.activeElement ?? document.body;
    if (!target) throw new Error(`no ${selector}`);
    return from === document.body || Boolean(from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, selector);
  await tabTo(page, selector, { back: !forward });
}

async function assertFocusOn(page, selector, what) {
  const info = await focusInfo(page, selector);
  assert.ok(!info.body, `${what}: the focus is not lost to <body>`);
  assert.ok(info.matches, `${what}: the focus is on ${selector}, not ${info.what}`);
  assert.ok(info.visible, `${what}: the focus shows on ${info.what}`);
}

describe('keyboard only', () => {
  const env = usePlatform('keyboard');
  let contexts = [];
  let pageErrors = [];
  let session;

  const newPage = async (who, options = {}) => {
    const context = who ? await signedInContext(env.browser, env.baseUrl, who, options) : await env.browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    return page;
  };
  const openSession = async (who, lang = 'en') => {
    const page = await newPage(who);
    await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(session.id)}?lang=${lang}`);
    await waitForLiveView(page);
    await page.locator('#questions:not([hidden])').waitFor();
    return page;
  };
  const cleanUp = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    assert.deepEqual(errors.map(String), [], 'no uncaught errors in the pages');
  };
  const setUp = async () => {
    session ??= await liveSession(env.baseUrl);
  };
  const moderatorHub = async () => connectHub(env.baseUrl, (await login(env.baseUrl, MODERATOR_EMAIL)).token);

  for (const colorScheme of ['light', 'dark']) test(`the skip link goes to the main content; signing in with the keyboard alone (${colorScheme})`, async () => {
    await setUp();
    const participant = await person(env.baseUrl, 'Tomás Silva', 'civilSociety', 'latinAmericaCaribbean');
    try {
      const page = await newPage(null, { colorScheme });
      await page.goto(`${env.baseUrl}/`);
      await page.locator('.session-list li').first().waitFor();
      // The first Tab reaches the skip link, shown on screen with its focus ring.
      await page.keyboard.press('Tab');
      await assertFocusOn(page, '#skip-link', 'first Tab');
      const box = await page.locator('#skip-link').boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, 'the focused skip link is on screen');
      await page.evaluate(() => (document.querySelector('#main h1').__notRedrawn = true));
      await page.keyboard.press('Enter');
      await eventually('the focus in the main content', () => page.evaluate(() => document.activeElement === document.getElementById('main')));
      // Only the fragment changed: the page is not drawn again (which would lose what was typed).
      assert.equal(await page.evaluate(() => document.querySelector('#main h1').__notRedrawn), true, 'the page was not drawn again');
      // The next Tab goes on inside the main content, not back to the header.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)), `Tab after the skip link stays in main (${(await focusInfo(page)).what})`);
      { const info = await focusInfo(page); assert.ok(info.visible, `the focus shows on ${info.what} (ring contrast ${info.ringContrast})`); }

      // Sign in: from the header's link to the form, typed, sent with Enter.
      await tabTo(page, '.site-header a[href^="/signin"]', { back: true });
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/signin');
      // The new page's heading takes the focus (a screen reader starts reading there).
      await eventually('the focus on the heading', () => page.evaluate(() => document.activeElement?.matches('#main h1') && !!document.getElementById('signin-email')));
      await tabTo(page, '#signin-email');
      await page.keyboard.type(participant.email);
      await tabTo(page, '#signin-password');
      await page.keyboard.type('wrong password');
      await page.keyboard.press('Enter');
      // A refusal is an alert, and the person can correct it without the mouse.
      await page.locator('#signin-error[role="alert"]:not(:empty)').waitFor();
      assert.ok(!(await focusInfo(page)).body, 'the focus stays in the form after a refusal');
      await reach(page, '#signin-password');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(participant.password);
      await page.keyboard.press('Enter');
      await page.locator('.site-header [data-signed-in]').waitFor({ timeout: 15_000 });
      // On the next page, the focus is on its heading (where a screen reader starts reading).
      await eventually('the focus on the heading', () => page.evaluate(() => document.activeElement?.matches('#main h1')));
      await screenshot(page, `keyboard-signed-in-${colorScheme}`);
    } finally {
      await cleanUp();
    }
  });

  test('a participant asks, upvotes, asks for the floor and withdraws with the keyboard; live pushes keep the focus', async () => {
    await setUp();
    const asker = await person(env.baseUrl, 'Nadia Haddad', 'technicalAcademic', 'westernEuropeOthers');
    const other = await person(env.baseUrl, 'Samuel Osei', 'privateSector', 'africa');
    const hubModerator = await moderatorHub();
    const otherHub = await connectHub(env.baseUrl, other.token);
    try {
      await hubModerator.invoke('SetPreModeration', session.id, false);
      for (const entry of await hubModerator.invoke('GetFloorQueue', session.id)) {
        await hubModerator.invoke('DismissFloorEntry', session.id, entry.entryId, 'Cleared for a browser test');
      }
      await otherHub.invoke('JoinSession', session.id);
      const theirs = `Will sessions be captioned in all six languages? ${randomUUID().slice(0, 6)}`;
      const asked = await otherHub.invoke('AskQuestion', session.id, randomUUID(), theirs, false);
      const theirId = asked.questionId ?? asked.id;

      const page = await openSession(asker);
      const follower = await openSession(null);
      await recordAnnouncements(follower);

      // Ask a question: Tab to the box, type, Tab to "Ask", Enter.
      await tabTo(page, '#question-text');
      const mine = `How do remote hubs get the floor? ${randomUUID().slice(0, 6)}`;
      await page.keyboard.type(mine);
      await tabTo(page, '#ask-submit');
      await page.keyboard.press('Enter');
      await page.locator('#my-questions-list li', { hasText: mine }).waitFor();
      assert.ok(!(await focusInfo(page)).body, 'the focus is not lost after sending');
      await eventually('the follower told of a new question', async () => (await announced(follower)).some((a) => /new question/i.test(a)));

      // Upvote theirs: Tab to its button, Space.
      const vote = `[data-focus-key="${theirId}:vote"]`;
      await page.locator(`#question-list ${vote}`).waitFor();
      await reach(page, `#question-list ${vote}`);
      await page.keyboard.press('Space');
      await page.locator(`#question-list ${vote}[aria-pressed="true"]`).waitFor();
      await assertFocusOn(page, `#question-list ${vote}`, 'after upvoting');

      // A push redraws the list the person is in (a new question from someone else, more votes):
      // the focus stays on the same button.
      const meanwhile = `A question that arrives meanwhile ${randomUUID().slice(0, 6)}`;
      await otherHub.invoke('AskQuestion', session.id, randomUUID(), meanwhile, false);
      // That very question drawn (the list held at least two already: theirs and the person's own).
      await page.locator('#question-list > li', { hasText: meanwhile }).waitFor({ timeout: 15_000 });
      await assertFocusOn(page, `#question-list ${vote}`, 'after a push redrew the list');
      // And undo with Enter.
      await page.keyboard.press('Enter');
      await page.locator(`#question-list ${vote}[aria-pressed="false"]`).waitFor();
      await assertFocusOn(page, `#question-list ${vote}`, 'after taking the vote back');

      // Ask for the floor: Tab into the kind (a radio group), arrow to "Reply", a note, Enter.
      await tabTo(page, '#floor-request input[type="radio"]');
      const first = await page.evaluate(() => document.activeElement.value);
      await page.keyboard.press('ArrowDown');
      const chosen = await page.evaluate(() => document.activeElement.value);
      assert.notEqual(chosen, first, 'an arrow key moves to the next kind');
      assert.equal(await page.evaluate(() => document.activeElement.checked), true, 'and chooses it');
      await tabTo(page, '#floor-note');
      await page.keyboard.type('On remote participation');
      await page.keyboard.press('Enter');
      await page.locator('#floor-my-status:not([hidden])').waitFor();
      await eventually('in the line', async () => (await page.locator('#floor-my-status').getAttribute('data-state')) === 'next');
      assert.ok(!(await focusInfo(page)).body, 'the focus is not lost after asking for the floor');

      // Withdraw: Tab (or Shift+Tab) to "Withdraw", Enter.
      await reach(page, '#floor-withdraw');
      await page.keyboard.press('Enter');
      await eventually('withdrawn', async () => (await page.locator('#floor-withdraw').isHidden()) && (await page.locator('#floor-request').isVisible()));
      // The line's push may hide the button before the platform answers; the focus moves on with the answer.
      await eventually('the focus moved on from "Withdraw"', async () => {
        const info = await focusInfo(page);
        return !info.body && info.key !== 'floor-withdraw';
      });
      const after = await focusInfo(page);
      assert.ok(!after.body, `the focus goes somewhere sensible after withdrawing, not <body> (${after.what})`);
      await screenshot(page, 'keyboard-participant');
    } finally {
      await otherHub.stop().catch(() => undefined);
      await hubModerator.stop().catch(() => undefined);
      await cleanUp();
    }
  });

  // In English, Arabic (right to left) and Chinese: what is said is the language's own string.
  for (const lang of ['en', 'ar', 'zh']) test(`a moderator approves a question, gives the floor and moves to the next item with the keyboard (${lang})`, async () => {
    const said = (key, params = {}) => fill(S(lang, key), params);
    const saidOf = (base, count) => said(`${base}.${new Intl.PluralRules(lang).select(count)}`, { count: count.toLocaleString('en') });
    await setUp();
    const asker = await person(env.baseUrl, 'Ines Duarte', 'government', 'westernEuropeOthers');
    const speaker = await person(env.baseUrl, 'Kwame Boateng', 'civilSociety', 'africa');
    const hubModerator = await moderatorHub();
    const askerHub = await connectHub(env.baseUrl, asker.token);
    const speakerHub = await connectHub(env.baseUrl, speaker.token);
    try {
      for (const entry of await hubModerator.invoke('GetFloorQueue', session.id)) {
        await hubModerator.invoke('DismissFloorEntry', session.id, entry.entryId, 'Cleared for a browser test');
      }
      const now = await hubModerator.invoke('JoinSession', session.id);
      if (now?.floor?.current) await hubModerator.invoke('EndSpeech', session.id);
      await hubModerator.invoke('SetPreModeration', session.id, false);

      const page = await openSession(MODERATOR, lang);
      const follower = await openSession(null, lang);
      await recordAnnouncements(follower);
      await recordAnnouncements(page);
      await page.locator('#question-console:not([hidden])').waitFor();

      // Pre-moderation on: Tab to the switch, Space.
      await tabTo(page, '#premoderation-switch');
      await page.keyboard.press('Space');
      await page.locator('#premoderation-switch[aria-checked="true"]').waitFor();
      await assertFocusOn(page, '#premoderation-switch', 'after switching');

      // A question waits for review: the moderator hears it; the follower sees (and hears) nothing yet.
      await askerHub.invoke('JoinSession', session.id);
      const text = `Who reviews the hubs' questions? ${randomUUID().slice(0, 6)}`;
      const asked = await askerHub.invoke('AskQuestion', session.id, randomUUID(), text, false);
      const id = asked.questionId ?? asked.id;
      const approve = `#qc-pending [data-focus-key="${id}:approve"]`;
      await page.locator(approve).waitFor();
      await eventually('the moderator told a question waits', async () => {
        // However many others already wait: "N questions wait for review" in the page's language.
        const waiting = [1, 2, 3, 4, 5].map((n) => saidOf('qm.announce.pending', n));
        return (await announced(page)).some((a) => waiting.some((w) => a.includes(w)));
      });
      // The push that brought it left the focus where it was.
      await assertFocusOn(page, '#premoderation-switch', 'after the queue was redrawn');
      await reach(page, approve);
      await page.keyboard.press('Enter');
      await follower.locator('#question-list > li', { hasText: text }).waitFor();
      // The moderator's console redraws once its own page has the push and has read the queue again.
      await page.locator(`#qc-approved > li[data-question-id="${id}"]`).waitFor({ timeout: 15_000 });
      const afterApprove = await focusInfo(page);
      assert.ok(!afterApprove.body, `after approving, the focus is not on <body> (${afterApprove.what})`);
      await eventually('the follower told of a new question', async () => (await announced(follower)).some((a) => a.includes(saidOf('q.announce.new', 1))));
      await hubModerator.invoke('SetPreModeration', session.id, false);

      // Give the floor: someone asks; Tab to "Suggest next speaker", Enter; Tab to "Give the floor", Enter.
      await speakerHub.invoke('JoinSession', session.id);
      await speakerHub.invoke('RequestFloor', session.id, randomUUID(), 'intervention', null);
      await page.locator('#fc-queue-heading[data-count="1"]').waitFor();
      await reach(page, '#suggest-next');
      await page.keyboard.press('Enter');
      await page.locator('#give-suggested').waitFor();
      const focusAfterSuggest = await focusInfo(page);
      assert.ok(!focusAfterSuggest.body, 'the suggestion takes the focus somewhere');
      await reach(page, '#give-suggested');
      await page.keyboard.press('Enter');
      await follower.locator('#floor-speaker-name', { hasText: 'Kwame Boateng' }).waitFor();
      await eventually('"Now speaking" said to the follower', async () =>
        (await announced(follower)).some((a) => a.includes(said('floor.announce.speaker', { name: 'Kwame Boateng' }))),
      );
      // The suggestion went with the entry: the focus moves on to "Suggest next speaker" once the
      // platform has answered (the console is aria-busy until then), which may be after the pushes.
      await page.locator('#floor-console:not([aria-busy])').waitFor({ timeout: 15_000 });
      await assertFocusOn(page, '#suggest-next', 'after giving the floor');

      // The next agenda item: Tab (back) to "Next item", Enter.
      const before = await follower.locator('.agenda-item.current .item-title').textContent();
      await reach(page, '#next-item');
      await page.keyboard.press('Enter');
      await eventually('the next item current for the follower', async () => (await follower.locator('.agenda-item.current .item-title').textContent()) !== before);
      const nowTitle = await follower.locator('.agenda-item.current .item-title').textContent();
      await eventually('"Now: …" said', async () => (await announced(follower)).some((a) => a.includes(said('session.currentChanged', { title: nowTitle }))));
      // The moderator's own page redraws its agenda when the push reaches it, and takes the next
      // command once "Next item" has its answer (the agenda is aria-busy until then).
      await page.locator('.agenda-item.current .item-title', { hasText: nowTitle }).waitFor({ timeout: 15_000 });
      await page.locator('#agenda[aria-busy="false"]').waitFor({ state: 'attached', timeout: 15_000 });
      await assertFocusOn(page, '#next-item', 'after the agenda was redrawn');

      // +5 min for the current item (a button in the agenda): "The agenda changed." for the follower.
      await reach(page, '.agenda-item.current .action-extend');
      await page.keyboard.press('Enter');
      await eventually('"The agenda changed." said', async () => (await announced(follower)).some((a) => a.includes(said('session.agendaChanged'))));
      await assertFocusOn(page, '.agenda-item.current .action-extend', 'after the agenda was redrawn');
      await screenshot(page, `keyboard-moderator-${lang}`);
      await hubModerator.invoke('EndSpeech', session.id).catch(() => undefined);
    } finally {
      await askerHub.stop().catch(() => undefined);
      await speakerHub.stop().catch(() => undefined);
      await hubModerator.stop().catch(() => undefined);
      await cleanUp();
    }
  });
});
