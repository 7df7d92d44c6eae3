// Accessibility (issue 8): axe-core (WCAG 2.0 and 2.1, A and AA) on every main page of the web
// app, in English, Arabic (right to left) and Chinese: the calendar, sign-in, a live session as an
// anonymous follower, a participant and its moderator (console open), its questions and floor
// parts, the topics, a topic, the stakeholder groups, a group, a consultation, the archive, a
// proceedings page, the proceedings editor and the "not found" page. No serious or critical
// violation; every violation found is printed (rule, impact, target, summary). A screenshot per page
// and language goes to artifacts/ (a11y-<page>-<lang>.png). Then every page again in dark mode,
// reduced motion turning animations and transitions off, and reflow at 320 CSS px and at 200 % text.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkPage, describeViolations } from './support/axe.mjs';
import {
  api,
  artifactsDir,
  connectHub,
  liveSession,
  login,
  MODERATOR,
  MODERATOR_EMAIL,
  ORGANIZER_EMAIL,
  person,
  screenshot,
  signedInContext,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

const LANGUAGES = ['en', 'ar', 'zh'];
const TOPIC = 'capacity-building';
const auth = (token) => ({ Authorization: `Bearer ${token}` });

/** Waits until a page has drawn what it loads: a heading, and nothing in the main part still busy. */
async function waitForPage(page) {
  await page.locator('#main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('#main [aria-busy="true"], #main article[aria-busy]'), null, { timeout: 20_000 });
}

/**
 * Waits until a moderator's session page has its consoles filled: the speaking-queue console is
 * loaded on demand and reads the queue over the hub, the question console reads its review queue;
 * both come after the live view is drawn.
 */
async function waitForConsoles(page) {
  await page.locator('#floor-console #fc-queue-heading[data-count]').waitFor({ timeout: 15_000 });
  await page.locator('#qc-pending > li').first().waitFor({ timeout: 15_000 });
}

/** The address with ?lang= (kept with the page's own query). */
function withLang(url, language) {
  const u = new URL(url);
  if (language !== 'en') u.searchParams.set('lang', language);
  return u.toString();
}

describe('accessibility: axe on every page, in three languages', () => {
  const env = usePlatform('a11y');
  const fixture = {};

  /** Sessions, people, a consultation, a question and a floor request (so the lists are not empty). */
  const setUp = async () => {
    if (fixture.live) return fixture;
    const base = env.baseUrl;
    fixture.live = await liveSession(base);
    fixture.participant = await person(base, 'Lucía Fernández', 'civilSociety', 'latinAmericaCaribbean');
    const moderatorLogin = await login(base, MODERATOR_EMAIL);
    const organizer = await login(base, ORGANIZER_EMAIL);
    // A consultation to look at.
    const opened = await api(base, `/api/topics/${TOPIC}/consultations`, {
      method: 'POST',
      headers: auth(organizer.token),
      body: JSON.stringify({
        slug: `a11y-${randomBytes(3).toString('hex')}`,
        title: 'Draft recommendations on accessible participation',
        paragraphs: ['Sessions should be captioned.', 'Documents should be published in accessible formats.'],
        closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      }),
    });
    fixture.consultationId = opened.id;
    // A published record, and a session whose proceedings the demo moderator may edit.
    const sessions = await api(base, '/api/sessions');
    fixture.published = sessions.find((s) => s.status === 'published');
    let editable = fixture.live;
    for (const s of sessions.filter((x) => x.status === 'ended' || x.status === 'published')) {
      const details = await api(base, `/api/sessions/${encodeURIComponent(s.id)}`);
      if ((details.moderators ?? []).includes(moderatorLogin.participantId)) {
        editable = s;
        break;
      }
    }
    fixture.editable = editable;
    // Something in the question list and the speaking queue.
    const hub = await connectHub(base, fixture.participant.token);
    try {
      await hub.invoke('JoinSession', fixture.live.id);
      await hub.invoke('AskQuestion', fixture.live.id, randomUUID(), 'How will remote participants be heard equally?', false);
      await hub.invoke('RequestFloor', fixture.live.id, randomUUID(), 'intervention', 'On captioning');
    } catch (error) {
      console.log(`setting up the lists: ${error.message}`);
    } finally {
      await hub.stop();
    }
    return fixture;
  };

  const contextFor = async (who, language, options = {}) => {
    const settings = { locale: language === 'en' ? 'en-GB' : language, ...options };
    const context = who ? await signedInContext(env.browser, env.baseUrl, who, settings) : await env.browser.newContext(settings);
    await context.addInitScript((value) => localStorage.setItem('igf.lang', value), language);
    return context;
  };

  /** The pages, each with who looks at it and what it waits for. */
  const pages = (f) => {
    const base = env.baseUrl;
    const sessionUrl = `${base}/sessions/${encodeURIComponent(f.live.id)}`;
    const live = async (page) => {
      await waitForLiveView(page);
      await page.locator('#questions:not([hidden])').waitFor();
    };
    return [
      { name: 'home', url: `${base}/`, ready: async (page) => page.locator('.session-list li').first().waitFor() },
      { name: 'signin', url: `${base}/signin` },
      { name: 'session', url: sessionUrl, ready: live },
      { name: 'session-participant', url: sessionUrl, who: f.participant, ready: live },
      {
        name: 'session-moderator',
        url: sessionUrl,
        who: MODERATOR,
        ready: async (page) => {
          await live(page);
          await page.locator('#moderator-controls:not([hidden])').waitFor();
          await waitForConsoles(page);
        },
      },
      // The questions and the floor parts, for the moderator (who sees their consoles too), on their own.
      { name: 'questions', url: sessionUrl, who: MODERATOR, ready: live, include: '#questions', shot: '#questions' },
      { name: 'floor', url: sessionUrl, who: MODERATOR, ready: live, include: '#floor', shot: '#floor' },
      { name: 'topics', url: `${base}/topics`, ready: async (page) => page.locator('#main .card').first().waitFor() },
      { name: 'topic', url: `${base}/topics/${TOPIC}` },
      { name: 'groups', url: `${base}/groups` },
      { name: 'group', url: `${base}/groups/civilSociety` },
      { name: 'consultation', url: `${base}/consultations/${encodeURIComponent(f.consultationId)}`, who: f.participant },
      { name: 'archive', url: `${base}/archive` },
      { name: 'proceedings', url: `${base}/archive/${encodeURIComponent(f.published.id)}` },
      { name: 'proceedings-editor', url: `${base}/sessions/${encodeURIComponent(f.editable.id)}/proceedings`, who: MODERATOR },
      { name: 'not-found', url: `${base}/no-such-page` },
    ];
  };

  for (const language of LANGUAGES) {
    test(`every main page in ${language}: no serious or critical axe violation`, async () => {
      const f = await setUp();
      const failures = [];
      const errors = [];
      const byWho = new Map();
      try {
        for (const p of pages(f)) {
          const key = p.who?.email ?? 'anonymous';
          if (!byWho.has(key)) byWho.set(key, await contextFor(p.who, language));
          const page = await byWho.get(key).newPage();
          page.on('pageerror', (error) => errors.push(`${p.name}: ${error}`));
          await page.goto(withLang(p.url, language));
          await waitForPage(page);
          await p.ready?.(page);
          if (p.shot) {
            await page.locator(p.shot).screenshot({ path: path.join(artifactsDir, `a11y-${p.name}-${language}.png`) });
          } else await screenshot(page, `a11y-${p.name}-${language}`);
          const serious = await checkPage(page, `${p.name} (${language})`, p.include ? { include: p.include } : undefined);
          if (serious.length) failures.push(describeViolations(serious, `${p.name} (${language})`));
          await page.close();
        }
      } finally {
        for (const context of byWho.values()) await context.close().catch(() => undefined);
      }
      assert.deepEqual(errors, [], 'no uncaught errors in the pages');
      assert.equal(failures.length, 0, `serious or critical violations:\n${failures.join('\n')}`);
    });
  }
  test('dark mode (prefers-color-scheme: dark): every main page, no serious or critical axe violation', async () => {
    const f = await setUp();
    const failures = [];
    const byWho = new Map();
    try {
      for (const p of pages(f)) {
        const key = p.who?.email ?? 'anonymous';
        if (!byWho.has(key)) byWho.set(key, await contextFor(p.who, 'en', { colorScheme: 'dark' }));
        const page = await byWho.get(key).newPage();
        await page.goto(p.url);
        await waitForPage(page);
        await p.ready?.(page);
        assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
        // The dark palette is in use: the page's background is dark.
        const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        assert.match(bg, /^rgb\((\d|[1-5]\d), /, `a dark background on ${p.name}: ${bg}`);
        if (['home', 'session', 'session-moderator', 'proceedings'].includes(p.name)) await screenshot(page, `a11y-${p.name}-dark`);
        const serious = await checkPage(page, `${p.name} (dark)`, p.include ? { include: p.include } : undefined);
        if (serious.length) failures.push(describeViolations(serious, `${p.name} (dark)`));
        await page.close();
      }
    } finally {
      for (const context of byWho.values()) await context.close().catch(() => undefined);
    }
    assert.equal(failures.length, 0, `serious or critical violations in dark mode:\n${failures.join('\n')}`);
  });

  /** Every element's (and ::before's and ::after's) animation and transition durations that are not 0s. */
  const moving = (page) =>
    page.evaluate(() => {
      const found = [];
      const nonZero = (value) => value.split(',').some((d) => parseFloat(d) > 0);
      for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(el, pseudo);
          if (nonZero(style.animationDuration) || nonZero(style.transitionDuration)) {
            found.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}${pseudo ?? ''}: animation ${style.animationDuration}, transition ${style.transitionDuration}`);
          }
        }
      }
      return found;
    });

  test('prefers-reduced-motion: reduce turns every animation and transition off', async () => {
    const f = await setUp();
    const sessionUrl = `${env.baseUrl}/sessions/${encodeURIComponent(f.live.id)}`;
    // Without the preference the switch's thumb moves (so the rule below is what stops it).
    const moves = await contextFor(MODERATOR, 'en', { reducedMotion: 'no-preference' });
    try {
      const page = await moves.newPage();
      await page.goto(sessionUrl);
      await waitForLiveView(page);
      await page.locator('.switch-track').first().waitFor();
      const thumb = await page.$eval('.switch-track', (el) => getComputedStyle(el, '::after').transitionDuration);
      assert.notEqual(thumb, '0s', 'the switch moves when motion is fine');
      assert.ok((await moving(page)).length > 0);
    } finally {
      await moves.close();
    }
    for (const [url, who] of [[`${env.baseUrl}/`, null], [sessionUrl, MODERATOR]]) {
      const context = await contextFor(who, 'en', { reducedMotion: 'reduce' });
      try {
        const page = await context.newPage();
        await page.goto(url);
        await waitForPage(page);
        if (url === sessionUrl) {
          await waitForLiveView(page);
          await page.locator('.switch-track').first().waitFor();
        }
        assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
        assert.deepEqual(await moving(page), [], `nothing moves on ${url}`);
      } finally {
        await context.close();
      }
    }
  });

  test('reflow: at 320 CSS px, and with text at 200 %, nothing scrolls sideways (home, session, record)', async () => {
    const f = await setUp();
    const base = env.baseUrl;
    const sessionUrl = `${base}/sessions/${encodeURIComponent(f.live.id)}`;
    const overflow = (page) =>
      page.evaluate(() => {
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return null;
        // Name the widest culprits.
        const wide = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 || el.getBoundingClientRect().left < -1)
          .filter((el) => !el.closest('.visually-hidden, .skip-link'))
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} (${Math.round(el.getBoundingClientRect().width)} px)`);
        return `scrollWidth ${root.scrollWidth} > ${root.clientWidth}: ${wide.join(', ')}`;
      });
    const problems = [];
    for (const language of LANGUAGES) {
      for (const [name, url, who] of [
        ['home', `${base}/`, null],
        ['session', sessionUrl, null],
        ['session-moderator', sessionUrl, MODERATOR],
        ['proceedings', `${base}/archive/${encodeURIComponent(f.published.id)}`, null],
      ]) {
        for (const [label, viewport, fontSize] of [
          ['320px', { width: 320, height: 640 }, null],
          ['200%', { width: 640, height: 800 }, '200%'],
        ]) {
          const context = await contextFor(who, language, { viewport });
          try {
            const page = await context.newPage();
            await page.goto(withLang(url, language));
            await waitForPage(page);
            if (url === sessionUrl) await waitForLiveView(page);
            if (url === sessionUrl && who) await waitForConsoles(page);
            if (fontSize) await page.evaluate((size) => (document.documentElement.style.fontSize = size), fontSize);
            const problem = await overflow(page);
            if (problem) {
              problems.push(`${name} ${language} ${label}: ${problem}`);
              await screenshot(page, `a11y-reflow-${name}-${language}-${label.replace('%', 'pc')}`);
            } else if (label === '320px') await screenshot(page, `a11y-reflow-${name}-${language}`);
          } finally {
            await context.close();
          }
        }
      }
    }
    assert.deepEqual(problems, [], 'no horizontal scrolling');
  });
});
