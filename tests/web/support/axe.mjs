// axe-core in a Playwright page: injects axe's source (from tests/web/node_modules, the exact
// version package.json pins) and runs it against WCAG 2.0/2.1 A and AA. Returns the violations, and
// `describeViolations` words them for a failure message: rule, impact, each target and its summary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe in `page` (the whole document, or `include`, a CSS selector) and returns its violations:
 * [{ id, impact, help, helpUrl, nodes: [{ target, summary, html }] }].
 */
export async function axeViolations(page, { include, exclude } = {}) {
  const injected = await page.evaluate(() => typeof window.axe === 'object');
  if (!injected) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, include, exclude }) => {
      const context = include || exclude ? { include: include ? [include] : undefined, exclude: exclude ? [exclude] : undefined } : document;
      const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '', html: n.html.slice(0, 200) })),
      }));
    },
    { tags: WCAG_TAGS, include, exclude },
  );
}

/** Violations as lines: "id (impact): help", then each target and its summary. */
export function describeViolations(violations, label = '') {
  return violations
    .map(
      (v) =>
        `${label ? `[${label}] ` : ''}${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}\n      ${n.html}`).join('\n'),
    )
    .join('\n');
}

/** The serious and critical ones (what the tests refuse). */
export const seriousOrCritical = (violations) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** Runs axe, prints every violation found (any impact) and returns the serious and critical ones. */
export async function checkPage(page, label, options) {
  const violations = await axeViolations(page, options);
  if (violations.length) console.log(`axe: ${label}\n${describeViolations(violations, label)}`);
  return seriousOrCritical(violations);
}
