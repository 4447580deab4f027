// @vitest-environment happy-dom
// The panel follows the page's language: <html lang> first, else the page's own labels.
import { describe, expect, it } from 'vitest';
import { languageOfTag, pageLanguage } from './language.ts';

/** A saved page, parsed as the browser parses markup it loads (constant test markup, no data). */
function page(lang: string | null, body: string): Document {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${body}</body>`, 'text/html');
  if (lang !== null) doc.documentElement.setAttribute('lang', lang);
  return doc;
}

describe('pageLanguage', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn', 'nb'],
    ['en-GB', 'en'],
    ['de', null],
    ['', null],
  ])('lang=%s → %s', (tag, language) => {
    expect(languageOfTag(tag)).toBe(language);
  });

  it('uses the lang attribute over the labels', () => {
    expect(pageLanguage(page('en', '<button>Våra licenser</button>'))).toBe('en');
  });

  it.each([
    ['<button role="tab">Våre lisenser</button><span>2/22 tildelt</span>', 'nb'],
    ['<button role="tab">Våra licenser</button><th>Licenstid</th>', 'sv'],
    ['<button role="tab">Our licences</button><th>Availability</th>', 'en'],
    ['<p>Nothing here</p>', null],
  ])('without lang, reads the labels: %s → %s', (body, language) => {
    expect(pageLanguage(page(null, body))).toBe(language);
  });
});
