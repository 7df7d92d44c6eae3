// Sign-up, as a new person would go through it, in English, Arabic (right to left) and Chinese: from
// the live session's sign-in prompt (and, in English, from the sign-in page) to the registration
// form; an address already registered is refused by the platform and shown next to its field and in
// the summary at the top (focused); corrected, the person is signed in and back on the live session,
// where they ask a question, upvote another's and ask for the floor. Every step is checked against
// the platform's API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { checkPage, describeViolations } from './support/axe.mjs';
import {
  api,
  connectHub,
  eventually,
  liveSession,
  login,
  MODERATOR_EMAIL,
  ORGANIZER_EMAIL,
  person,
  screenshot,
  usePlatform,
  waitForLiveView,
} from './support/platform.mjs';

// The sign-up page's own strings in each language (clients/web/src/i18nOrganizer.ts): the labels
// the test finds the fields by, and what the page must show in that language.
const RUNS = [
  {
    lang: 'en',
    dir: 'ltr',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    title: 'Create an account',
    email: 'E-mail address',
    password: 'Password',
    name: 'Name shown to others',
    group: 'Stakeholder group',
    region: 'UN regional group',
    gender: 'Gender (optional)',
    organization: 'Organization (optional)',
    country: 'Country (optional)',
    submit: 'Create my account',
    errorsTitle: 'Your account was not created',
    emailTaken: 'This address is registered already: sign in with it, or give another.',
  },
  {
    lang: 'ar',
    dir: 'rtl',
    locale: 'ar-EG',
    timezoneId: 'Africa/Cairo',
    title: 'إنشاء حساب',
    email: 'عنوان البريد الإلكتروني',
    password: 'كلمة المرور',
    name: 'الاسم الظاهر للآخرين',
    group: 'فئة أصحاب المصلحة',
    region: 'المجموعة الإقليمية في الأمم المتحدة',
    gender: 'النوع الاجتماعي (اختياري)',
    organization: 'المنظمة (اختياري)',
    country: 'البلد (اختياري)',
    submit: 'إنشاء حسابي',
    errorsTitle: 'لم يُنشأ حسابك',
    emailTaken: 'هذا العنوان مسجّل بالفعل: سجّل الدخول به، أو أدخل عنوانًا آخر.',
  },
  {
    lang: 'zh',
    dir: 'ltr',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    title: '创建账户',
    email: '电子邮件地址',
    password: '密码',
    name: '向他人显示的姓名',
    group: '利益相关方群体',
    region: '联合国区域组',
    gender: '性别 （选填）',
    organization: '组织 （选填）',
    country: '国家 （选填）',
    submit: '创建我的账户',
    errorsTitle: '您的账户未能创建',
    emailTaken: '此地址已注册：请用它登录，或填写其他地址。',
  },
];

const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('sign-up: a new person registers and takes part in the live session', () => {
  const env = usePlatform('signup');

  for (const run of RUNS) {
    test(`in ${run.lang}: refused address shown and corrected, signed in, asks, upvotes, asks for the floor`, async () => {
      const session = await liveSession(env.baseUrl);
      const sessionPath = `/sessions/${encodeURIComponent(session.id)}`;
      const questionsPath = `/api/sessions/${encodeURIComponent(session.id)}/questions`;

      // Someone else's question, asked over the hub, for the new person to upvote.
      const asker = await person(env.baseUrl, 'Lucía Fernández', 'technicalAcademic', 'latinAmericaCaribbean');
      const hub = await connectHub(env.baseUrl, asker.token);
      let othersQuestion;
      try {
        await hub.invoke('JoinSession', session.id);
        othersQuestion = await hub.invoke('AskQuestion', session.id, randomUUID(), `How are small networks counted? ${randomUUID().slice(0, 6)}`, false);
      } finally {
        await hub.stop();
      }
      if (othersQuestion.status === 'pending') {
        // The demo session reviews questions first: its moderator approves this one.
        const moderator = await login(env.baseUrl, MODERATOR_EMAIL);
        const moderatorHub = await connectHub(env.baseUrl, moderator.token);
        try {
          await moderatorHub.invoke('JoinSession', session.id);
          await moderatorHub.invoke('ApproveQuestion', session.id, othersQuestion.questionId);
        } finally {
          await moderatorHub.stop();
        }
      }

      const context = await env.browser.newContext({ locale: run.locale, timezoneId: run.timezoneId });
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        // An anonymous reader of the live session is asked to sign in, or to create an account.
        if (run.lang === 'en') {
          await page.goto(`${env.baseUrl}/signin?next=${encodeURIComponent(sessionPath)}&lang=en`);
          await page.getByRole('link', { name: 'Create an account' }).click();
        } else {
          await page.goto(`${env.baseUrl}${sessionPath}?lang=${run.lang}`);
          await waitForLiveView(page);
          await page.locator('#questions [data-testid="create-account"]').click();
        }
        await page.waitForURL((url) => url.pathname === '/signup' && url.searchParams.get('next') === sessionPath);
        await page.locator('#signup-title').waitFor(); // the address changes before the page is drawn
        assert.equal(await page.locator('html').getAttribute('dir'), run.dir);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), run.title);
        assert.ok((await page.title()).startsWith(`${run.title} · `));

        // The rules are said up front; the fields have the autocomplete the browser needs.
        const email = page.getByLabel(run.email, { exact: true });
        const password = page.getByLabel(run.password, { exact: true });
        assert.equal(await email.getAttribute('autocomplete'), 'username');
        assert.equal(await password.getAttribute('autocomplete'), 'new-password');
        assert.equal(await page.getByLabel(run.name).getAttribute('autocomplete'), 'name');
        assert.match(await page.locator('#su-password-hint').textContent(), /10.*256/);
        if (run.lang === 'en') {
          assert.equal(
            await page.locator('#su-password-hint').textContent(),
            'From 10 to 256 characters. A phrase of several words is easy to remember and hard to guess.',
          );
          await page.getByText('What the stakeholder groups are').click();
          await page.getByText('The technical community, universities and research institutes.').waitFor();
        }
        // The selects offer exactly the contract's vocabulary (and gender "prefer not to say").
        const values = (label) => page.getByLabel(label, { exact: true }).evaluate((s) => [...s.options].map((o) => o.value));
        assert.deepEqual(await values(run.group), ['', 'government', 'privateSector', 'civilSociety', 'intergovernmentalOrganization', 'internationalOrganization', 'technicalAcademic']);
        assert.deepEqual(await values(run.region), ['', 'africa', 'asiaPacific', 'easternEurope', 'latinAmericaCaribbean', 'westernEuropeOthers']);
        assert.deepEqual(await values(run.gender), ['', 'female', 'male', 'nonBinary', 'undisclosed']);

        // An address that is registered already: the platform refuses it (409).
        const newPassword = `Pw-${randomUUID()}`;
        const displayName = { en: 'Grace Mwangi', ar: 'ليلى حداد', zh: '王芳' }[run.lang];
        await email.fill(ORGANIZER_EMAIL);
        await password.fill(newPassword);
        await page.getByLabel(run.name).fill(displayName);
        await page.getByLabel(run.group, { exact: true }).selectOption('civilSociety');
        await page.getByLabel(run.region, { exact: true }).selectOption('africa');
        await page.getByLabel(run.gender, { exact: true }).selectOption('female');
        await page.getByLabel(run.organization).fill('KICTANet');
        await page.getByLabel(run.country).fill('Kenya');
        await page.getByRole('button', { name: run.submit }).click();

        const summary = page.locator('#signup-errors');
        await summary.waitFor({ state: 'visible' });
        await eventually('the focus on the summary', () => page.evaluate(() => document.activeElement?.id === 'signup-errors'));
        assert.equal(await summary.getAttribute('role'), 'alert');
        assert.equal(await summary.getByRole('heading').textContent(), run.errorsTitle);
        assert.equal(await summary.locator('a[data-field="email"]').count(), 1, 'the summary names the e-mail field');
        assert.equal(await email.getAttribute('aria-invalid'), 'true');
        assert.equal(await page.locator('#su-email-error').textContent(), run.emailTaken);
        assert.match(await email.getAttribute('aria-describedby'), /su-email-error/);
        const refused = await fetch(`${env.baseUrl}/api/auth/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: ORGANIZER_EMAIL, password: newPassword, displayName, stakeholderGroup: 'civilSociety', region: 'africa' }),
        });
        assert.equal(refused.status, 409, 'the platform refuses the address');
        if (run.lang === 'en') {
          assert.equal(await summary.textContent(), `Your account was not createdCorrect 1 field:E-mail address: ${run.emailTaken}`);
        }
        // The summary's link takes the focus to the field; nothing typed is lost.
        await summary.locator('a[data-field="email"]').click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'su-email');
        assert.equal(await page.getByLabel(run.name).inputValue(), displayName);
        await screenshot(page, `signup-${run.lang}`);
        const violations = await checkPage(page, `signup ${run.lang}`, { include: '#main' });
        assert.deepEqual(violations, [], describeViolations(violations));

        // Corrected: the account is made, the person signed in and back on the live session.
        const address = `grace.${run.lang}.${randomUUID().slice(0, 8)}@example.org`;
        await email.fill(address);
        assert.equal(await email.getAttribute('aria-invalid'), null, 'the error goes as the field is corrected');
        await page.getByRole('button', { name: run.submit }).click();
        await page.waitForURL((url) => url.pathname === sessionPath, { timeout: 15_000 });
        await page.locator('.site-header [data-signed-in]').waitFor();
        await waitForLiveView(page);
        const auth = await page.evaluate(() => JSON.parse(localStorage.getItem('igf.auth')));
        const me = await api(env.baseUrl, '/api/me', bearer(auth.token));
        assert.deepEqual(
          { email: me.email, displayName: me.displayName, group: me.stakeholderGroup, region: me.region, gender: me.gender, organization: me.organization, country: me.country },
          { email: address, displayName, group: 'civilSociety', region: 'africa', gender: 'female', organization: 'KICTANet', country: 'Kenya' },
        );
        assert.equal(await page.locator('.site-header [data-signed-in]').getAttribute('data-signed-in'), me.participantId);
        assert.equal(await page.locator('html').getAttribute('dir'), run.dir);

        // A question.
        const text = `Who funds the root server instances in small island states? ${run.lang}-${randomUUID().slice(0, 6)}`;
        await page.locator('#question-text').fill(text);
        await page.locator('#ask-submit').click();
        await page.locator('#my-questions-list > li', { hasText: text }).waitFor();
        const mine = await eventually('the question stored by the platform', async () =>
          (await api(env.baseUrl, questionsPath, bearer(auth.token))).mine.find((m) => m.question.text === text),
        );
        assert.equal(mine.question.askerName, displayName);
        assert.equal(mine.question.stakeholderGroup, 'civilSociety');

        // An upvote of the other person's question.
        const other = page.locator(`#question-list > li[data-question-id="${othersQuestion.questionId}"]`);
        await other.locator('.upvote').click();
        await other.locator('.upvote[aria-pressed="true"]').waitFor();
        await eventually('the vote counted by the platform', async () => {
          const board = await api(env.baseUrl, questionsPath, bearer(auth.token));
          const q = board.questions.find((x) => x.id === othersQuestion.questionId);
          return q?.upvotes === 1 && board.myVotes.includes(othersQuestion.questionId);
        });

        // A request for the floor.
        const floorPath = `/api/sessions/${encodeURIComponent(session.id)}/floor`;
        const before = (await api(env.baseUrl, floorPath)).waiting;
        await page.locator('#floor-ask').click();
        await page.locator('#floor-my-status:not([hidden])').waitFor();
        await page.locator('#floor-withdraw:not([hidden])').waitFor();
        await eventually('the request in the platform’s line', async () => (await api(env.baseUrl, floorPath)).waiting === before + 1);
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }
});

