// The web interface in the six UN languages (issue 8): Arabic (right to left), Chinese, English,
// French, Russian and Spanish. Each language's home page, live session page, archive and a
// proceedings page show that language's strings (read from the dictionaries' sources, not
// guessed here), `<html lang dir>`, dates as `Intl.DateTimeFormat(<locale>)` formats them in that
// browser, content not in the language marked with its own `lang` and a note; Arabic mirrored;
// the choice by the browser's languages, by the header's links (also with the keyboard alone), by
// `?lang=`, kept across reloads and navigation; only the chosen language's strings downloaded, and
// the live session page under 150 KB of gzipped script. A static check that every dictionary has
// every key, every plural category its language needs and the same placeholders.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { api, eventually, liveSession, screenshot, usePlatform } from './support/platform.mjs';
import { LANGS, LATER, S, dictionaries, fill } from './support/dictionaries.mjs';

/** The browser's locale for each language, and its time zone (not UTC: times must be converted). */
const BROWSER = {
  ar: { locale: 'ar-EG', timezoneId: 'Africa/Cairo' },
  zh: { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  en: { locale: 'en-GB', timezoneId: 'Europe/London' },
  fr: { locale: 'fr-FR', timezoneId: 'Europe/Paris' },
  ru: { locale: 'ru-RU', timezoneId: 'Europe/Moscow' },
  es: { locale: 'es-MX', timezoneId: 'America/Mexico_City' },
};
/** The locale the platform formats with: the browser's; Arabic with Western digits throughout. */
const appLocale = (lang) =>
  lang === 'ar' ? new Intl.Locale(BROWSER.ar.locale, { numberingSystem: 'latn' }).toString() : BROWSER[lang].locale;
const htmlLang = { ar: 'ar', zh: 'zh-Hans', en: 'en', fr: 'fr', ru: 'ru', es: 'es' };
const NAMES = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the interface in the six UN languages', () => {
  test('every dictionary has every key, the plural categories of its language and the same placeholders', () => {
    for (const [name, byLang, ordinalBases] of dictionaries()) {
      const en = byLang.en;
      const bases = new Set(Object.keys(en).filter((k) => k.endsWith('.other')).map((k) => k.slice(0, -'.other'.length)));
      const baseOf = (key) => {
        const i = key.lastIndexOf('.');
        return CATEGORIES.includes(key.slice(i + 1)) && bases.has(key.slice(0, i)) ? key.slice(0, i) : null;
      };
      const plain = Object.keys(en).filter((k) => baseOf(k) === null);
      for (const lang of LANGS) {
        const dict = byLang[lang];
        const cardinal = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        const ordinal = new Intl.PluralRules(lang, { type: 'ordinal' }).resolvedOptions().pluralCategories;
        const wanted = [...plain];
        for (const base of bases) for (const c of ordinalBases.includes(base) ? ordinal : cardinal) wanted.push(`${base}.${c}`);
        const missing = wanted.filter((k) => typeof dict[k] !== 'string' || dict[k].trim() === '');
        assert.deepEqual(missing, [], `${name}/${lang}: missing or empty`);
        const extra = Object.keys(dict).filter((k) => !wanted.includes(k));
        assert.deepEqual(extra, [], `${name}/${lang}: keys no rule of the language selects`);
        for (const key of plain) {
          assert.deepEqual(placeholders(dict[key]), placeholders(en[key]), `${name}/${lang}: placeholders of ${key}`);
        }
        // A plural form may leave out {count} (Arabic says "one question" in words), never add one.
        for (const key of Object.keys(dict).filter((k) => baseOf(k))) {
          const allowed = new Set([...placeholders(en[`${baseOf(key)}.other`]), 'count']);
          for (const p of placeholders(dict[key])) assert.ok(allowed.has(p), `${name}/${lang}: {${p}} in ${key}`);
        }
      }
    }
  });

  const env = usePlatform('i18n');

  /** A page in a context whose browser speaks `lang` (and is in a time zone of its own). */
  async function open(lang, extra = {}) {
    const context = await env.browser.newContext({ ...BROWSER[lang], viewport: { width: 1100, height: 900 }, ...extra });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    return { context, page, errors };
  }
  const formatIn = (page, locale, iso, options) =>
    page.evaluate(([l, d, o]) => new Intl.DateTimeFormat(l, o).format(new Date(d)), [locale, iso, options]);
  const htmlAttrs = (page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

  for (const lang of LANGS) {
    test(`${lang}: home, live session, archive and proceedings in ${NAMES[lang]}`, async () => {
      const live = await liveSession(env.baseUrl);
      const details = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(live.id)}`);
      const { context, page, errors } = await open(lang);
      const scripts = [];
      page.on('response', (response) => {
        if (/\.js(\?|$)/.test(response.url())) scripts.push(response.url());
      });
      const locale = appLocale(lang);
      const rtl = lang === 'ar';
      try {
        // The home page, chosen by the browser's language.
        await page.goto(`${env.baseUrl}/`);
        await page.getByRole('heading', { level: 1, name: S(lang, 'home.title') }).waitFor();
        assert.deepEqual(await htmlAttrs(page), [htmlLang[lang], rtl ? 'rtl' : 'ltr']);
        assert.equal(await page.title(), `${S(lang, 'home.title')} · ${S(lang, 'app.name')}`);
        const nav = page.getByRole('navigation', { name: S(lang, 'nav.main') });
        for (const key of ['nav.sessions', 'nav.topics', 'nav.groups', 'nav.archive', 'nav.signIn']) {
          await nav.getByRole('link', { name: S(lang, key), exact: true }).waitFor();
        }
        const liveRegion = page.getByRole('region', { name: S(lang, 'home.liveNow') });
        await liveRegion.locator('.session-card').first().waitFor({ timeout: 15_000 });
        assert.equal((await liveRegion.locator('.badge').first().textContent()).trim(), S(lang, 'status.live'));
        assert.equal(
          await liveRegion.locator(`time[datetime="${live.startsAt}"]`).textContent(),
          await formatIn(page, locale, live.startsAt, { dateStyle: 'medium', timeStyle: 'short' }),
          'the live session starts at the time Intl formats in this locale and time zone',
        );
        assert.match(await page.locator('main').textContent(), /^[^\u0660-\u0669\u06f0-\u06f9]*$/, 'Western digits only');
        // Content: the live session's title in the language where the platform has it, else in its
        // own language, marked, and said once.
        const titleHeading = liveRegion.locator('.session-card h3').first();
        const translated = live.titles?.[lang];
        assert.equal((await titleHeading.textContent()).trim(), translated ?? live.title);
        assert.equal(await titleHeading.getAttribute('lang'), translated || lang === 'en' ? null : 'en');
        const note = page.locator('#content-lang-note');
        const noteText = () =>
          page.evaluate(
            ([text, l]) => text.replace('{language}', new Intl.DisplayNames([l], { type: 'language' }).of('en')),
            [S(lang, 'content.untranslated'), locale],
          );
        if (lang === 'en') assert.equal(await note.count(), 0);
        else {
          await note.waitFor();
          assert.equal(await note.textContent(), await noteText());
          assert.equal(await page.locator('.content-lang-note').count(), 1, 'said once');
        }
        // Mirrored in Arabic: the header's first element (the platform's name) sits at the right.
        const brand = await page.locator('.site-nav .brand').boundingBox();
        const account = await page.locator('.site-nav .account').boundingBox();
        if (rtl) assert.ok(brand.x > account.x, `brand at ${brand.x} should be right of the account at ${account.x}`);
        else assert.ok(brand.x < account.x);
        if (lang === 'ar' || lang === 'zh') await screenshot(page, `home-${lang}`);

        // The live session page.
        await titleHeading.getByRole('link').click();
        await page.waitForURL(`**/sessions/${encodeURIComponent(live.id)}`);
        const h1 = page.locator('#session-title');
        await page.getByRole('heading', { level: 1, name: translated ?? live.title }).waitFor();
        assert.equal(await h1.getAttribute('lang'), translated || lang === 'en' ? null : 'en');
        await page.getByRole('heading', { level: 2, name: S(lang, 'session.agenda') }).waitFor();
        assert.equal((await page.locator('#session-status').textContent()).trim(), S(lang, 'status.live'));
        assert.equal(
          await page.locator(`.meta time[datetime="${details.startsAt}"]`).textContent(),
          await formatIn(page, locale, details.startsAt, { dateStyle: 'medium', timeStyle: 'short' }),
        );
        assert.equal(
          (await page.locator('.meta .duration').textContent()).trim(),
          fill(S(lang, 'session.durationShown'), { minutes: details.durationMinutes.toLocaleString(locale) }),
        );
        const description = page.locator('article .description');
        const descriptionTranslated = !!details.descriptions?.[lang];
        assert.equal(await description.getAttribute('lang'), descriptionTranslated || lang === 'en' ? null : 'en');
        if (lang !== 'en' && !descriptionTranslated) {
          assert.equal(await note.textContent(), await noteText(), 'the note on the session page');
        }
        await page.getByRole('heading', { name: S(lang, 'presence.title') }).waitFor();
        await page.getByText(S(lang, 'conn.connected'), { exact: false }).first().waitFor({ timeout: 20_000 });
        if (lang === 'ar' || lang === 'zh') await screenshot(page, `session-${lang}`);

        // Only this language's strings were downloaded, and the live page's script stays small.
        const chunks = scripts.map((u) => new URL(u).pathname);
        const localeChunks = chunks.filter((p) => /\/(ar|zh|fr|ru|es)(-proceedings)?-[\w-]+\.js$/.test(p));
        assert.deepEqual(
          localeChunks.map((p) => p.match(/\/(\w+)(-proceedings)?-[\w-]+\.js$/)[1]),
          lang === 'en' ? [] : [lang],
          `the language chunks downloaded: ${localeChunks.join(', ')}`,
        );
        let gzipped = 0;
        for (const p of new Set(chunks)) gzipped += gzipSync(Buffer.from(await (await fetch(env.baseUrl + p)).arrayBuffer()), { level: 9 }).length;
        console.log(`# ${lang}: live session page script ${chunks.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
        assert.ok(gzipped < 150 * 1024, `live session page script ${gzipped} bytes gzipped`);

        // Each server reads new publications into its search within seconds of the demo publishing them.
        const archive = await eventually('the demo\'s proceedings in the archive', async () => {
          const found = await api(env.baseUrl, '/api/archive');
          return found.total > 0 && found;
        }, 30_000);
        // The archive, through the header (client-side navigation keeps the language).
        await page.getByRole('navigation', { name: S(lang, 'nav.main') }).getByRole('link', { name: S(lang, 'nav.archive'), exact: true }).click();
        await page.getByRole('heading', { level: 1, name: S(lang, 'arch.title') }).waitFor();
        await page.getByRole('heading', { level: 2, name: S(lang, 'arch.results') }).waitFor();
        await page.locator('.archive-hit').first().waitFor();
        // "3 sessions' proceedings" in the plural form this browser's rules pick for the count.
        const category = await page.evaluate(([l, n]) => new Intl.PluralRules(l).select(n), [locale, archive.total]);
        const countString = fill(LATER[lang][`arch.count.${category}`], { count: archive.total.toLocaleString(locale) });
        await page.getByText(countString, { exact: true }).first().waitFor();

        // A proceedings page.
        const hit = archive.items[0];
        await page.locator(`.archive-hit[data-session-id="${hit.sessionId}"] h3 a`).click();
        await page.waitForURL(`**/archive/${encodeURIComponent(hit.sessionId)}`);
        await page.locator('#rec-title').waitFor();
        await page.getByRole('heading', { level: 2, name: S(lang, 'rec.glance.title') }).waitFor();
        await page.getByRole('heading', { level: 2, name: S(lang, 'rec.history') }).waitFor();
        const recorded = await api(env.baseUrl, `/api/sessions/${encodeURIComponent(hit.sessionId)}`);
        const recTitle = (await page.locator('#rec-title').textContent()).trim();
        const title = recorded.titles?.[lang] ?? recorded.title;
        assert.equal(recTitle, fill(S(lang, 'rec.titleOf'), { title }));
        assert.equal(await page.locator('#rec-title span').getAttribute('lang'), recorded.titles?.[lang] || lang === 'en' ? null : 'en');
        await page.getByRole('button', { name: S(lang, 'rec.verify.button') }).waitFor();
        assert.deepEqual(await htmlAttrs(page), [htmlLang[lang], rtl ? 'rtl' : 'ltr']);
        if (lang === 'ar' || lang === 'zh') await screenshot(page, `proceedings-${lang}`);

        assert.deepEqual(errors, [], 'no uncaught errors in the page');
      } finally {
        await context.close();
      }
    });
  }

  test('the header chooses the language with the keyboard alone; the choice is kept across reloads and navigation', async () => {
    const { context, page, errors } = await open('en', { locale: 'en-US' });
    try {
      await page.goto(`${env.baseUrl}/topics`);
      await page.getByRole('heading', { level: 1, name: S('en', 'topics.title') }).waitFor();
      const chooser = page.getByRole('navigation', { name: S('en', 'nav.language') });
      // Each language named in itself, marked with its own language.
      for (const lang of LANGS) {
        const link = chooser.getByRole('link', { name: NAMES[lang], exact: true });
        assert.equal(await link.getAttribute('lang'), htmlLang[lang]);
      }
      assert.equal(await chooser.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');
      // Tab from the top of the page to العربية, and press Enter.
      await page.locator('body').focus();
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.getAttribute('data-lang') === 'ar');
      }
      assert.ok(reached, 'the Arabic link is reached with Tab');
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1, name: S('ar', 'topics.title') }).waitFor();
      assert.deepEqual(await htmlAttrs(page), ['ar', 'rtl']);
      assert.equal(new URL(page.url()).pathname, '/topics', 'the same page');
      assert.equal(new URL(page.url()).search, '', 'the address keeps no lang=');
      assert.equal(await page.evaluate(() => localStorage.getItem('igf.lang')), 'ar');

      // Kept across a reload and a navigation.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: S('ar', 'topics.title') }).waitFor();
      await page.getByRole('navigation', { name: S('ar', 'nav.main') }).getByRole('link', { name: S('ar', 'nav.groups'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: S('ar', 'groups.title') }).waitFor();
      // The groups chart mirrored: bars grow from the right edge of the chart.
      await page.locator('.chart-bar').first().waitFor({ state: 'attached' });
      const bars = await page.$$eval('.chart-bar', (rects) =>
        rects.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))),
      );
      assert.ok(bars.length > 0);
      for (const end of bars) assert.equal(end, 420, 'each bar ends at the right edge');

      // A mouse click on another language works too (and is kept).
      await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Français', exact: true }).click()]);
      await page.getByRole('heading', { level: 1, name: S('fr', 'groups.title') }).waitFor();
      assert.deepEqual(await htmlAttrs(page), ['fr', 'ltr']);
      await page.goto(`${env.baseUrl}/signin`);
      await page.getByRole('heading', { level: 1, name: S('fr', 'signin.title') }).waitFor();
      // The platform's own words (in English) are shown as they are, marked as English.
      await page.getByLabel(S('fr', 'signin.email')).fill('nobody@example.org');
      await page.getByLabel(S('fr', 'signin.password')).fill('not the password at all');
      await page.getByRole('button', { name: S('fr', 'signin.submit') }).click();
      const english = page.locator('main .platform-text[lang="en"]');
      await english.waitFor();
      const alertText = await english.evaluate((el) => el.parentElement.textContent);
      assert.ok(alertText.startsWith(S('fr', 'signin.failed').split('{message}')[0]), alertText);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('?lang= in the address chooses the language, and it is kept', async () => {
    const { context, page, errors } = await open('en', { locale: 'en-US' });
    try {
      await page.goto(`${env.baseUrl}/archive?lang=ru`);
      await page.getByRole('heading', { level: 1, name: S('ru', 'arch.title') }).waitFor();
      assert.deepEqual(await htmlAttrs(page), ['ru', 'ltr']);
      assert.equal(new URL(page.url()).search, '');
      await page.goto(`${env.baseUrl}/`);
      await page.getByRole('navigation', { name: S('ru', 'nav.main') }).waitFor();
      // The calendar arrives after the page's frame: wait for its live section, in Russian.
      await page.getByRole('heading', { level: 2, name: S('ru', 'home.liveNow') }).waitFor();
      // An unknown one changes nothing.
      await page.goto(`${env.baseUrl}/?lang=xx`);
      await page.getByRole('navigation', { name: S('ru', 'nav.main') }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Chinese: a CJK font stack, no uppercasing', async () => {
    const { context, page } = await open('zh');
    try {
      const live = await liveSession(env.baseUrl);
      await page.goto(`${env.baseUrl}/sessions/${encodeURIComponent(live.id)}`);
      await page.getByRole('heading', { level: 2, name: S('zh', 'session.agenda') }).waitFor();
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert.match(font, /Noto Sans CJK SC|PingFang SC|Microsoft YaHei/);
      await page.locator('.item-status, .now-badge').first().waitFor();
      const transforms = await page.$$eval('.item-status, .now-badge', (els) => els.map((el) => getComputedStyle(el).textTransform));
      assert.ok(transforms.every((tt) => tt === 'none'), transforms.join());
    } finally {
      await context.close();
    }
  });
});
