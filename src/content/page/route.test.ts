// @vitest-environment happy-dom
// Where a tool id is read from, under any routing: history paths, hash routes (#/ and #!/), query
// strings, the page's canonical link; and pages that carry none (handled page-only).
import { describe, expect, it } from 'vitest';
import { toolIdFromDocument, toolIdFromUrl, toolNameOf, urlHintsToolPage } from './route.ts';

describe('toolIdFromUrl', () => {
  it.each([
    ['https://app.skolon.com/skoladmin/verktyg/t-matematik', 't-matematik'],
    ['https://app.skolon.com/skoladmin/verktyg/t%C3%A5/', 'tå'],
    ['https://app.skolon.com/skoladmin/verktyg/t-1/licenser', 't-1'],
    ['http://127.0.0.1:4310/app/#/tools/t-psykologi', 't-psykologi'],
    ['https://skolon.example.org/app/#!/verktyg/42?tab=pools', '42'],
    ['https://skolon.example.org/no/verktøy/abc', 'abc'],
    ['https://skolon.example.org/admin/tool?toolId=t-9', 't-9'],
    ['https://skolon.example.org/app/#/licenses?tool=t-7', 't-7'],
    ['https://skolon.example.org/skoladmin/verktyg', null],
    ['https://skolon.example.org/skoladmin/verktyg/', null],
    ['https://skolon.example.org/app/#/tools', null],
    ['https://skolon.example.org/', null],
    ['https://skolon.example.org/skoladmin/verktyg/%E0%A4%A', null],
    ['https://skolon.example.org/skoladmin/verktyg/with%20space', null],
  ])('%s → %s', (href, id) => {
    expect(toolIdFromUrl(new URL(href))).toBe(id);
    expect(urlHintsToolPage(new URL(href))).toBe(id !== null);
  });
});

describe('toolIdFromDocument and toolNameOf', () => {
  it('reads the canonical link and the first heading outside our own root', () => {
    const doc = new DOMParser().parseFromString(
      '<!doctype html><head><link rel="canonical" href="https://app.skolon.com/skoladmin/verktyg/t-x"></head>' +
        '<body><licenskoll-root><h1>Ours</h1></licenskoll-root><h1>  Matematik  7–9 </h1></body>',
      'text/html',
    );
    expect(toolIdFromDocument(doc)).toBe('t-x');
    expect(toolNameOf(doc)).toBe('Matematik 7–9');
  });

  it('finds nothing on a page without a canonical link', () => {
    const doc = document.implementation.createHTMLDocument('x');
    expect(toolIdFromDocument(doc)).toBeNull();
    expect(toolNameOf(doc)).toBe('');
  });
});
