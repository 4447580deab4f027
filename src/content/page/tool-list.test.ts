// @vitest-environment happy-dom
// The tool list's counters (for the popup without the API): each row pairs a tool's link with its
// "x/y tilldelade"; other tables give nothing; the school comes from the header "Skoladmin …".
import { describe, expect, it } from 'vitest';
import { readToolList, schoolNameOf } from './tool-list.ts';

/** A saved page, parsed as the browser parses markup it loads (constant test markup, no data). */
function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${body}</body>`, 'text/html');
}

describe('readToolList', () => {
  it('reads each row: id from the link (any routing), name and counter', () => {
    const doc = page(`<header>Skoladmin Demoskolan</header><table>
      <thead><tr><th>Verktyg</th><th>Licenser</th></tr></thead>
      <tbody>
        <tr><td><a href="/app/#/tools/t-1">Matematik 7–9</a></td><td>1 110/1 200 tilldelade</td></tr>
        <tr><td><a href="/list?x=1">Engelska</a></td><td>3/30 tilldelade</td></tr>
        <tr><td>Fri resurs</td><td>Kostnadsfritt</td></tr>
      </tbody></table>`);
    expect(readToolList(doc)).toEqual([
      { toolId: 't-1', toolName: 'Matematik 7–9', assigned: 1110, total: 1200 },
      { toolId: null, toolName: 'Engelska', assigned: 3, total: 30 },
    ]);
    expect(schoolNameOf(doc)).toBe('Demoskolan');
  });

  it('reads a grid of other elements too (role grid and row)', () => {
    const doc = page(`<div role="grid">
      <div role="row"><span role="columnheader">Verktyg</span><span role="columnheader">Licenser</span></div>
      <div role="row"><span role="gridcell"><a href="/skoladmin/verktyg/t-9">Svenska 4–6</a></span>
        <span role="gridcell">12/40 assigned</span></div></div>`);
    expect(readToolList(doc)).toEqual([{ toolId: 't-9', toolName: 'Svenska 4–6', assigned: 12, total: 40 }]);
  });

  it('reads a table whose counters start below a few rows of other text', () => {
    const notes = Array.from({ length: 20 }, (_, i) => `<tr><td colspan="2">Anteckning ${i}</td></tr>`);
    const doc = page(`<table><tbody>${notes.join('')}
      <tr><td><a href="/app/#/tools/t-2">Kemi</a></td><td>5/9 tilldelade</td></tr></tbody></table>`);
    expect(readToolList(doc)).toEqual([{ toolId: 't-2', toolName: 'Kemi', assigned: 5, total: 9 }]);
  });

  it('gives nothing for tables without counters, however long', () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<tr><td><a href="/n/${i}">Nyhet ${i}</a></td><td>${i}/7</td></tr>`,
    );
    expect(readToolList(page(`<table><tbody>${rows.join('')}</tbody></table>`))).toEqual([]);
    expect(schoolNameOf(page('<p>Ingen rubrik</p>'))).toBe('');
  });
});
