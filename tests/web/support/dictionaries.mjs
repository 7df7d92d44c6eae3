// The web app's dictionaries, read from their TypeScript sources (plain object literals), so that
// browser tests check a page against the very strings of its language.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './platform.mjs';

export const src = path.join(repoRoot, 'clients', 'web', 'src');
export const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

// ---- the dictionaries, read from their sources ------------------------------------------------

/** The object literal that starts at `opening` in `text` (keys and values are plain strings). */
export function objectAt(text, opening, file) {
  const start = text.indexOf(opening);
  assert.ok(start >= 0, `${file}: ${opening} not found`);
  const body = text.slice(start + opening.length - 1);
  const end = body.search(/\n\}( as const| satisfies|;)/);
  assert.ok(end > 0, `${file}: the end of ${opening} not found`);
  return new Function(`return (${body.slice(0, end + 2)});`)();
}
export const read = (...parts) => readFileSync(path.join(src, ...parts), 'utf8');

/** Every dictionary of the interface: [name, { en, ar, … }, ordinal bases]. */
export function dictionaries() {
  const main = { en: objectAt(read('i18n.ts'), 'const en = {', 'i18n.ts') };
  const later = { en: objectAt(read('i18nProceedings.ts'), 'const en = {', 'i18nProceedings.ts') };
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    main[lang] = objectAt(read('locales', lang, `${lang}.ts`), 'export default {', `${lang}.ts`);
    later[lang] = objectAt(read('locales', lang, `${lang}-proceedings.ts`), 'export default {', `${lang}-proceedings.ts`);
  }
  const all = [
    ['main', main, ['floor.mine.position']],
    ['proceedings', later, []],
  ];
  // Other pages' strings given with addMessages, when they are in the tree (the organizer's).
  if (readdirSync(src).includes('i18nOrganizer.ts')) {
    const text = read('i18nOrganizer.ts');
    const organizer = {};
    for (const lang of LANGS) organizer[lang] = objectAt(text, `const ${lang} = {`, 'i18nOrganizer.ts');
    all.push(['organizer', organizer, []]);
  }
  return all;
}
export const [[, MAIN], [, LATER]] = dictionaries();
/** A string of the interface in a language (the main dictionary or the archive's). */
export const S = (lang, key) => {
  const value = MAIN[lang][key] ?? LATER[lang][key];
  assert.equal(typeof value, 'string', `${lang}: no string for ${key}`);
  return value;
};
export const fill = (text, params) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
