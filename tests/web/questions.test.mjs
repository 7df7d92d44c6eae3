// Questions (issue 4), in real browsers against the platform: a participant asks (anonymously)
// while the moderators review questions first; the moderator's console shows who asked, approves,
// highlights and marks answered; another participant sees the question without the asker's name,
// upvotes it and every page shows the count live. A hidden question's text never reaches another
// participant's page; its asker sees the reason. A question written during a network drop is sent
// once, even when the answer to the first send is lost. The form's and the platform's limits.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  connectHub,
  eventually,
  liveSession,
  login,
  MODERATOR_EMAIL,
  recordAnnouncements,
  screenshot,
  signedInContext,
  usePlatform,
  waitForLiveView,
  announced,
  MODERATOR,
  person,
} from './support/platform.mjs';

const tag = () => randomUUID().slice(0, 8);

const listIds = (page, list) => page.$$eval(`${list} > li[data-question-id]`, (lis) => lis.map((li) => li.dataset.questionId));

describe('questions', () => {
  const env = usePlatform('questions');
  let session;
  let sessionUrl;
  let contexts = [];
  let pageErrors = [];

  const newContext = async (who) => {
    const context = who ? await signedInContext(env.browser, env.baseUrl, who) : await env.browser.newContext();
    contexts.push(context);
    return context;
  };
  const open = async (context) => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(sessionUrl);
    await waitForLiveView(page);
    await page.locator('#questions:not([hidden])').waitFor();
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    return page;
  };
  const cleanUp = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    assert.deepEqual(errors.map(String), [], 'no uncaught errors in the pages');
  };
  /** The moderator's hub connection from Node, for setting up and for checking what is stored. */
  const moderatorHub = async () => {
    const { token } = await login(env.baseUrl, MODERATOR_EMAIL);
    return connectHub(env.baseUrl, token);
  };
  const setUp = async () => {
    session ??= await liveSession(env.baseUrl);
    sessionUrl = `${env.baseUrl}/sessions/${encodeURIComponent(session.id)}`;
  };

  test('a pre-moderated anonymous question: reviewed with its asker, approved, upvoted live, highlighted, answered', async () => {
    await setUp();
    const asker = await person(env.baseUrl, 'Kofi Mensah', 'privateSector', 'africa');
    const voter = await person(env.baseUrl, 'Camila Rojas', 'technicalAcademic', 'latinAmericaCaribbean');
    try {
      const moderatorPage = await open(await newContext(MODERATOR));
      const consoleRegion = moderatorPage.getByRole('region', { name: 'Question console' });
      await consoleRegion.waitFor();
      const review = consoleRegion.getByRole('switch', { name: 'Review questions before they are shown' });
      if ((await review.getAttribute('aria-checked')) !== 'true') await review.click();
      await moderatorPage.locator('#premoderation-switch[aria-checked="true"]').waitFor();

      const askerPage = await open(await newContext(asker));
      const voterPage = await open(await newContext(voter));
      for (const page of [askerPage, voterPage]) {
        await page.locator('#questions-premoderation').waitFor({ state: 'visible' });
        assert.equal(await page.locator('#question-console').isHidden(), true, 'no console for participants');
        await recordAnnouncements(page);
      }

      // The asker writes (the count follows) and asks anonymously.
      const text = `How will remote hubs get the same speaking time as the room? ${tag()}`;
      await askerPage.getByLabel('Your question').fill(text);
      assert.equal(await askerPage.locator('#question-count').textContent(), `${text.length} of 500 characters`);
      await askerPage.getByLabel('Ask anonymously').check();
      await askerPage.getByRole('button', { name: 'Ask', exact: true }).click();
      const mine = askerPage.locator('#my-questions-list > li', { hasText: text });
      await mine.waitFor();
      const id = await mine.getAttribute('data-question-id');
      assert.equal(await mine.getAttribute('data-status'), 'pending');
      assert.match(await mine.textContent(), /Waiting for review/);
      assert.equal(await askerPage.getByLabel('Your question').inputValue(), '', 'the form is cleared once the platform has it');
      await eventually('"sent" announced', async () => (await announced(askerPage)).some((a) => /shown once a moderator approves it/.test(a)));

      // The moderator's queue shows it with the asker's name (even though anonymous), group and region.
      const queued = moderatorPage.locator(`#qc-pending > li[data-question-id="${id}"]`);
      await queued.waitFor();
      assert.equal(await queued.locator('.q-text').textContent(), text);
      assert.equal(await queued.locator('.q-asker').textContent(), 'Kofi Mensah (asked anonymously)');
      assert.equal(await queued.locator('.q-group').textContent(), 'Private sector');
      assert.equal(await queued.locator('.q-region').textContent(), 'Africa');

      // Not shown to the other participant while it waits.
      assert.deepEqual((await listIds(voterPage, '#question-list')).filter((q) => q === id), []);
      assert.equal(await voterPage.getByText(text).count(), 0);

      await queued.getByRole('button', { name: 'Approve' }).click();
      const approved = moderatorPage.locator(`#qc-approved > li[data-question-id="${id}"]`);
      await approved.waitFor();

      // The asker learns it; the other participant sees it, without a name, with group and region.
      await askerPage.locator(`#my-questions-list > li[data-question-id="${id}"][data-status="approved"]`).waitFor();
      await eventually('"approved" announced', async () => (await announced(askerPage)).some((a) => a.includes('Your question was approved.')));
      const shown = voterPage.locator(`#question-list > li[data-question-id="${id}"]`);
      await shown.waitFor();
      assert.equal(await shown.locator('.q-text').textContent(), text);
      assert.equal(await shown.locator('.q-asker').textContent(), 'Anonymous');
      assert.equal(await shown.locator('.q-group').textContent(), 'Private sector');
      assert.equal(await shown.locator('.q-region').textContent(), 'Africa');
      assert.equal(await voterPage.getByText('Kofi Mensah').count(), 0, 'the asker’s name is nowhere on the other page');
      await eventually('"New question" announced', async () => (await announced(voterPage)).some((a) => a.includes('New question.')));

      // The other participant upvotes: their count, the asker's and the moderator's follow live.
      const upvote = shown.getByRole('button', { name: 'Upvote' });
      assert.equal(await upvote.getAttribute('aria-pressed'), 'false');
      const announcedBeforeVote = (await announced(askerPage)).length;
      await upvote.click();
      await voterPage.locator(`#question-list > li[data-question-id="${id}"] .upvote[aria-pressed="true"]`).waitFor();
      await voterPage.locator(`#question-list > li[data-question-id="${id}"] .q-votes[data-votes="1"]`).waitFor();
      assert.equal(await shown.locator('.q-votes').textContent(), '1 vote');
      await askerPage.locator(`#question-list > li[data-question-id="${id}"] .q-votes[data-votes="1"]`).waitFor();
      await askerPage.locator(`#my-questions-list > li[data-question-id="${id}"] .q-votes[data-votes="1"]`).waitFor();
      await moderatorPage.locator(`#qc-approved > li[data-question-id="${id}"] .q-votes[data-votes="1"]`).waitFor();
      assert.deepEqual((await announced(askerPage)).slice(announcedBeforeVote), [], 'a vote is not announced');

      // Highlighted: "being answered now" everywhere, announced.
      await approved.getByRole('button', { name: 'Highlight' }).click();
      await moderatorPage.locator(`#qc-approved > li[data-question-id="${id}"] .action-highlight[aria-pressed="true"]`).waitFor();
      for (const page of [voterPage, askerPage]) {
        const now = page.locator(`#question-list > li[data-question-id="${id}"][data-highlighted="true"]`);
        await now.waitFor();
        assert.equal(await now.locator('.badge-now').textContent(), 'Being answered now');
        assert.equal(await page.locator('#question-list > li[data-highlighted="true"]').count(), 1, 'one at a time');
        await eventually('"Now answering" announced', async () => (await announced(page)).some((a) => a.includes(`Now answering: ${text}`)));
      }
      await screenshot(voterPage, 'questions-participant');
      await screenshot(moderatorPage, 'questions-console');

      // Marked answered: shown as answered, no longer being answered.
      await approved.getByRole('button', { name: 'Mark answered' }).click();
      await moderatorPage.locator(`#qc-answered > li[data-question-id="${id}"]`).waitFor();
      for (const page of [voterPage, askerPage]) {
        const done = page.locator(`#question-list > li[data-question-id="${id}"][data-status="answered"]`);
        await done.waitFor();
        assert.equal(await done.getAttribute('data-highlighted'), 'false');
        assert.equal(await done.locator('.badge-answered').textContent(), 'Answered');
        assert.equal(await done.locator('.badge-now').count(), 0);
      }
      await askerPage.locator(`#my-questions-list > li[data-question-id="${id}"][data-status="answered"]`).waitFor();

      // The vote can be taken back.
      await shown.getByRole('button', { name: 'Upvote' }).click();
      await voterPage.locator(`#question-list > li[data-question-id="${id}"] .upvote[aria-pressed="false"]`).waitFor();
      await askerPage.locator(`#question-list > li[data-question-id="${id}"] .q-votes[data-votes="0"]`).waitFor();

      for (const page of [moderatorPage, askerPage, voterPage]) assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload');
    } finally {
      await cleanUp();
    }
  });

  test('a hidden question: its asker sees the reason; its text never reaches another participant’s page', async () => {
    await setUp();
    const asker = await person(env.baseUrl, 'Lina Haddad', 'civilSociety', 'westernEuropeOthers');
    const other = await person(env.baseUrl, 'Viliame Naupoto', 'government', 'asiaPacific');
    const text = `Offtopic advertisement ${tag()} buy cheap domains now`;
    const reason = `Advertising is not a question ${tag()}`;
    try {
      const moderatorPage = await open(await newContext(MODERATOR));
      const review = moderatorPage.getByRole('switch', { name: 'Review questions before they are shown' });
      if ((await review.getAttribute('aria-checked')) !== 'true') await review.click();
      await moderatorPage.locator('#premoderation-switch[aria-checked="true"]').waitFor();

      // The other participant's page records every text and attribute value it ever holds, and
      // every frame it receives, from before its first paint.
      const otherContext = await newContext(other);
      await otherContext.addInitScript(() => {
        window.__seen = [];
        const collect = (node) => {
          if (node.nodeType === Node.TEXT_NODE) window.__seen.push(node.data);
          if (node.nodeType !== Node.ELEMENT_NODE) return;
          window.__seen.push(node.textContent);
          for (const el of [node, ...node.querySelectorAll('*')]) {
            for (const attr of el.attributes) window.__seen.push(attr.value);
            if ('value' in el && typeof el.value === 'string') window.__seen.push(el.value);
          }
        };
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.type === 'childList') r.addedNodes.forEach(collect);
            else if (r.type === 'characterData') window.__seen.push(r.target.data);
            else if (r.type === 'attributes') window.__seen.push(r.target.getAttribute(r.attributeName) ?? '');
          }
        }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const frames = [];
      const otherPage = await otherContext.newPage();
      otherPage.on('pageerror', (error) => pageErrors.push(error));
      otherPage.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
      await otherPage.goto(sessionUrl);
      await waitForLiveView(otherPage);
      await otherPage.locator('#questions-premoderation').waitFor({ state: 'visible' });

      const askerPage = await open(await newContext(asker));
      await recordAnnouncements(askerPage);
      await askerPage.getByLabel('Your question').fill(text);
      await askerPage.getByRole('button', { name: 'Ask', exact: true }).click();
      const mine = askerPage.locator('#my-questions-list > li', { hasText: text });
      await mine.waitFor();
      const id = await mine.getAttribute('data-question-id');

      // The moderator hides it: a reason is required, inline.
      const queued = moderatorPage.locator(`#qc-pending > li[data-question-id="${id}"]`);
      await queued.waitFor();
      assert.equal(await queued.locator('.q-asker').textContent(), 'Lina Haddad');
      await queued.getByRole('button', { name: 'Hide' }).click();
      const reasonBox = queued.getByLabel('Why is it hidden? The asker sees this.');
      await reasonBox.waitFor();
      assert.equal(await reasonBox.evaluate((el) => el === document.activeElement), true, 'the reason gets focus');
      await queued.getByRole('button', { name: 'Hide question' }).click();
      await queued.getByRole('alert').filter({ hasText: 'Give a reason: the asker sees it.' }).waitFor();
      assert.equal(await reasonBox.getAttribute('aria-invalid'), 'true');
      assert.equal(await moderatorPage.locator(`#qc-pending > li[data-question-id="${id}"]`).count(), 1, 'not hidden without a reason');
      await reasonBox.fill(reason);
      await queued.getByRole('button', { name: 'Hide question' }).click();
      const hidden = moderatorPage.locator(`#qc-hidden > li[data-question-id="${id}"]`);
      await hidden.waitFor();
      assert.equal(await hidden.locator('.q-reason').textContent(), `Reason: ${reason}`);

      // The asker sees "hidden" and why, and is told.
      const hiddenMine = askerPage.locator(`#my-questions-list > li[data-question-id="${id}"][data-status="hidden"]`);
      await hiddenMine.waitFor();
      await hiddenMine.locator('.q-reason', { hasText: reason }).waitFor();
      assert.match(await hiddenMine.textContent(), /Hidden/);
      await eventually('"hidden" announced with the reason', async () =>
        (await announced(askerPage)).some((a) => a.includes(`Your question was hidden. Reason: ${reason}`)));

      // A later change everyone sees (questions shown without review): once the other page shows
      // it, it has had every event before it.
      await review.click();
      await moderatorPage.locator('#premoderation-switch[aria-checked="false"]').waitFor();
      await otherPage.locator('#questions-premoderation').waitFor({ state: 'hidden' });
      const seen = await otherPage.evaluate(() => window.__seen.join('\n'));
      assert.ok(seen.includes('My questions') || seen.includes('Questions'), 'the recorder saw the page being drawn');
      assert.ok(!seen.includes(text), 'the hidden question’s text never was in the other page');
      assert.ok(!seen.includes(reason), 'nor its reason');
      assert.ok(frames.length > 0, 'frames were recorded');
      assert.ok(!frames.some((f) => f.includes(text) || f.includes(reason)), 'nor did the platform send it to that page');
    } finally {
      await cleanUp();
    }
  });

  test('a question written during a network drop is sent once, even when the first answer is lost', async () => {
    await setUp();
    const asker = await person(env.baseUrl, 'Tomás Quispe', 'technicalAcademic', 'latinAmericaCaribbean');
    const context = await newContext(asker);
    // The page's hub connection goes through the test, which can cut it, keep it cut, and lose the
    // platform's answer to AskQuestion (after the platform has stored the question).
    const net = { offline: false, loseAskAnswer: false, lostAnswers: 0, asks: [], current: null };
    await context.routeWebSocket(/\/hubs\/forum/, (ws) => {
      if (net.offline) {
        ws.close({ code: 4000, reason: 'offline' });
        return;
      }
      const server = ws.connectToServer();
      const link = { ws, server, askIds: new Set() };
      net.current = link;
      const frames = (message) => String(message).split('\x1e').filter(Boolean).map((f) => {
        try {
          return JSON.parse(f);
        } catch {
          return null;
        }
      });
      ws.onMessage((message) => {
        for (const m of frames(message)) {
          if (m?.type === 1 && m.target === 'AskQuestion') {
            net.asks.push(m.arguments);
            if (net.loseAskAnswer) link.askIds.add(m.invocationId);
          }
        }
        server.send(message);
      });
      server.onMessage((message) => {
        if (link.askIds.size > 0 && frames(message).some((m) => m?.type === 3 && link.askIds.has(m.invocationId))) {
          // The answer is lost with the connection.
          net.loseAskAnswer = false;
          net.lostAnswers += 1;
          void server.close().catch(() => undefined);
          void ws.close({ code: 4001, reason: 'network drop' }).catch(() => undefined);
          return;
        }
        ws.send(message);
      });
    });
    // Offline also for SignalR's other transports (server-sent events, long polling) and negotiation.
    await context.route(/\/hubs\/forum/, (route) => (net.offline ? route.abort('internetdisconnected') : route.continue()));
    const cut = async () => {
      const link = net.current;
      net.current = null;
      await link?.server.close().catch(() => undefined);
      await link?.ws.close({ code: 4001, reason: 'network drop' }).catch(() => undefined);
    };
    let moderator;
    try {
      const page = await open(context);
      await recordAnnouncements(page);
      const box = page.getByLabel('Your question');
      const start = `Will the remote participation tools work on low bandwidth ${tag()}`;
      await box.fill(start);
      await page.getByLabel('Ask anonymously').check();

      // What is being written survives a reload of the page…
      await page.reload();
      await waitForLiveView(page);
      assert.equal(await box.inputValue(), start);
      assert.equal(await page.getByLabel('Ask anonymously').isChecked(), true);

      // …and the connection dropping: the person goes on writing, and asks while offline.
      net.offline = true;
      await cut();
      await page.locator('#connection-state[data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      await box.press('End');
      await box.pressSequentially(', for example in rural hubs?');
      const text = `${start}, for example in rural hubs?`;
      assert.equal(await box.inputValue(), text);
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.locator('#question-status', { hasText: 'your question is sent as soon as the connection is back' }).waitFor();
      assert.equal(await box.evaluate((el) => el.readOnly), true, 'not edited while being sent');
      assert.deepEqual(net.asks, [], 'nothing sent while offline');

      // Back online: the first send reaches the platform, whose answer is lost with the connection;
      // after the next join the page sends it again with the same request id.
      net.loseAskAnswer = true;
      net.offline = false;
      await eventually('the platform’s answer taken', async () => (await box.inputValue()) === '' && !(await box.evaluate((el) => el.readOnly)), 60_000);
      const mine = page.locator('#my-questions-list > li', { hasText: text });
      assert.equal(await mine.count(), 1, 'one question in "My questions"');
      assert.equal(net.lostAnswers, 1, 'the first answer was lost');
      assert.equal(net.asks.length, 2, 'sent twice');
      const [first, second] = net.asks;
      assert.equal(first[0], session.id);
      assert.equal(first[1], second[1], 'with the same clientRequestId');
      assert.ok(first[1].length > 0 && first[1].length <= 64);
      assert.deepEqual([first[2], first[3]], [text, true]);
      assert.deepEqual(second, first);
      assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('igf.question.')).length), 0, 'the draft is gone');

      // The platform holds it once.
      moderator = await moderatorHub();
      const all = await moderator.invoke('GetModerationQueue', session.id);
      const stored = all.filter((m) => m.question.text === text);
      assert.equal(stored.length, 1, 'one question');
      assert.equal(stored[0].askerName, 'Tomás Quispe');
      assert.equal(stored[0].question.anonymous, true);
      assert.equal(await mine.getAttribute('data-question-id'), stored[0].question.id);
    } finally {
      await moderator?.stop().catch(() => undefined);
      await cleanUp();
    }
  });

  test('limits: the 501st character is refused by the form, and the platform’s refusal of a repeat is shown', async () => {
    await setUp();
    const asker = await person(env.baseUrl, 'Nadia Petrova', 'internationalOrganization', 'easternEurope');
    try {
      const page = await open(await newContext(asker));
      const box = page.getByLabel('Your question');
      const count = page.locator('#question-count');
      await box.fill('a'.repeat(499));
      assert.equal(await count.textContent(), '499 of 500 characters');
      await box.press('End');
      await box.pressSequentially('bc');
      assert.equal((await box.inputValue()).length, 500, 'the 501st character is not taken');
      assert.equal(await box.inputValue(), `${'a'.repeat(499)}b`);
      assert.equal(await count.textContent(), '500 of 500 characters');

      // Whitespace only: said by the form, nothing sent.
      await box.fill('   ');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.locator('#question-error', { hasText: 'Write your question first.' }).waitFor();
      assert.equal(await box.getAttribute('aria-invalid'), 'true');

      const text = `Who funds the national IGF initiatives ${tag()}?`;
      await box.fill(text);
      assert.equal(await page.locator('#question-error').textContent(), '', 'the error goes once the text changes');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.locator('#my-questions-list > li', { hasText: text }).waitFor();

      // The same text again: the platform refuses it, and the page says so in its words.
      await box.fill(text);
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page
        .locator('#question-error', { hasText: 'Your question was not sent: You asked the same question less than 5 minutes ago.' })
        .waitFor();
      assert.equal(await box.inputValue(), text, 'the text stays to be edited');
      assert.equal(await box.evaluate((el) => el.readOnly), false);
      assert.equal(await page.locator('#my-questions-list > li', { hasText: text }).count(), 1);
    } finally {
      await cleanUp();
    }
  });

  test('order by votes or by time; a named asker; an anonymous follower reads and is asked to sign in', async () => {
    await setUp();
    const first = await person(env.baseUrl, 'Grace Mwangi', 'civilSociety', 'africa');
    const second = await person(env.baseUrl, 'Hiroshi Tanaka', 'privateSector', 'asiaPacific');
    let moderator;
    try {
      moderator = await moderatorHub();
      await moderator.invoke('SetPreModeration', session.id, false);
      const firstPage = await open(await newContext(first));
      const secondPage = await open(await newContext(second));
      const followerPage = await open(await newContext(null));

      assert.equal(await followerPage.locator('#ask-form').count(), 0, 'no form without signing in');
      const prompt = followerPage.locator('#questions-signin');
      assert.equal(await prompt.textContent(), 'Sign in to ask questions and upvote them.');
      assert.equal(await prompt.getByRole('link', { name: 'Sign in' }).getAttribute('href'), `/signin?next=${encodeURIComponent(`/sessions/${session.id}`)}`);

      const ask = async (page, text) => {
        await page.getByLabel('Your question').fill(text);
        await page.getByRole('button', { name: 'Ask', exact: true }).click();
        const li = page.locator('#my-questions-list > li', { hasText: text });
        await li.waitFor();
        return li.getAttribute('data-question-id');
      };
      const older = await ask(firstPage, `What does capacity building mean for small island states ${tag()}?`);
      const newer = await ask(secondPage, `Should interconnection costs be shared ${tag()}?`);
      const row = (page, id) => page.locator(`#question-list > li[data-question-id="${id}"]`);
      await row(followerPage, newer).waitFor();
      assert.equal(await row(followerPage, older).locator('.q-asker').textContent(), 'Grace Mwangi');
      assert.equal(await row(followerPage, newer).locator('.q-asker').textContent(), 'Hiroshi Tanaka');
      assert.equal(await followerPage.locator('#question-list .upvote').count(), 0, 'no upvotes without signing in');

      const before = (ids, a, b) => ids.indexOf(a) >= 0 && ids.indexOf(a) < ids.indexOf(b);
      // By votes (the default), equal votes: the older first. By time: the newest first.
      assert.ok(before(await listIds(followerPage, '#question-list'), older, newer));
      await followerPage.getByRole('radio', { name: 'Newest' }).check();
      assert.ok(before(await listIds(followerPage, '#question-list'), newer, older));

      // The newer one gets a vote: first by votes, live on the follower's page.
      await row(firstPage, newer).getByRole('button', { name: 'Upvote' }).click();
      await followerPage.getByRole('radio', { name: 'Most votes' }).check();
      await eventually('the voted one first', async () => before(await listIds(followerPage, '#question-list'), newer, older));
      await row(followerPage, newer).locator('.q-votes[data-votes="1"]').waitFor();
    } finally {
      await moderator?.stop().catch(() => undefined);
      await cleanUp();
    }
  });
});
