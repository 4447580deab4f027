// @vitest-environment happy-dom
// Recognition on saved markup of the sandbox (sv, nb, en), on altered variants (columns reordered,
// class names changed, extra wrappers, a dialog without ARIA, a native <dialog> at the end of body)
// and on unrelated pages, which it must report as not recognised without changing anything.
// Regenerate the fixtures with `npx tsx test/fixtures/capture.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { recogniseWithdrawDialog } from './dialog.ts';
import { recogniseLicensePage } from './recognise.ts';
import { toolIdFromUrl } from './route.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'license-page');
const files = readdirSync(DIR).filter((f) => f.endsWith('.html'));

function load(name: string): Document {
  const html = readFileSync(join(DIR, name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

const pageFixtures = files.filter((f) => !f.startsWith('unrelated'));
const dialogFixtures = files.filter((f) => f.startsWith('dialog') || f.startsWith('variant'));

describe('recogniseLicensePage', () => {
  it('has fixtures to check', () => {
    expect(pageFixtures.length).toBeGreaterThanOrEqual(12);
    expect(dialogFixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pageFixtures)('recognises the license table, tabs and counter in %s', (name) => {
    const result = recogniseLicensePage(load(name));
    if (!result.ok) throw new Error(result.reason);
    const page = result.value;
    expect(page.tables.length).toBeGreaterThanOrEqual(1);
    const ours = page.tables.find((t) => t.tab === 'ourLicenses');
    expect(ours, 'the Våra licenser table').toBeDefined();
    expect(Object.keys(ours?.columns ?? {}).sort()).toEqual(
      ['assignedTo', 'availability', 'licensePeriod', 'licenses', 'manage', 'quantity'].sort(),
    );
    expect(page.tabs.ourLicenses).not.toBeNull();
    expect(page.tabs.licensePools).not.toBeNull();
    expect(page.counters.length).toBeGreaterThanOrEqual(1);
    expect(page.counters[0]?.total).toBeGreaterThan(0);
    const gears = page.tables.flatMap((t) => t.rows.filter((r) => r.gear));
    expect(gears.length).toBeGreaterThanOrEqual(1);
    for (const row of gears) expect(row.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads the seed-like rows: kind, roles, date', () => {
    const result = recogniseLicensePage(load('tool-page.sv.html'));
    if (!result.ok) throw new Error(result.reason);
    const rows = result.value.tables.find((t) => t.tab === 'ourLicenses')?.rows ?? [];
    const student = rows.find((r) => r.gear && r.roles.includes('STUDENT'));
    expect(student?.kindText).toBe('Singellicenser');
    expect(student?.assignedText).toMatch(/\d+ användare/);
    const counter = result.value.counters[0];
    expect(counter?.assigned).toBeLessThanOrEqual(counter?.total ?? 0);
  });
});

describe('recogniseWithdrawDialog', () => {
  it.each(dialogFixtures)('recognises the dialog and reads its rows in %s', (name) => {
    const result = recogniseWithdrawDialog(load(name));
    if (!result.ok) throw new Error(result.reason);
    const dialog = result.value;
    expect(dialog.rows.length).toBeGreaterThan(0);
    expect(dialog.selectAll).not.toBeNull();
    expect(dialog.withdrawButton.textContent?.trim()).toMatch(/^(Dra tillbaka|Trekk tilbake|Withdraw)$/);
    for (const row of dialog.rows) {
      expect(row.name).not.toBe('');
      expect(row.checkbox.closest('tr,[role="row"]')).toBe(row.element);
    }
    if (dialog.kind === 'users') {
      expect(dialog.rows.every((r) => r.email.includes('@'))).toBe(true);
      expect(dialog.rows.some((r) => r.role === 'STUDENT')).toBe(true);
      expect(dialog.rows.every((r) => r.classes.length > 0 || r.role !== 'STUDENT')).toBe(true);
    }
  });

  it('keeps names as text, badges apart ("Inaktiv" is not part of the name)', () => {
    const result = recogniseWithdrawDialog(load('dialog.sv.html'));
    if (!result.ok) throw new Error(result.reason);
    const inactive = result.value.rows.filter((r) => r.inactive);
    expect(inactive.length).toBeGreaterThan(0);
    for (const row of inactive) expect(row.name).not.toMatch(/Inaktiv/);
    const markup = result.value.rows.find((r) => r.name.includes('<img'));
    expect(markup?.name).toBe('<img src=x onerror=alert(1)> Test');
  });

  it('reads class rows of a class license', () => {
    const result = recogniseWithdrawDialog(load('dialog-classes.sv.html'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.kind).toBe('classes');
    expect(result.value.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['7A', '7B']));
    expect(result.value.rows[0]?.members).toBeGreaterThan(0);
  });

  it.each(['style', 'attribute'] as const)(
    'passes over a closed dialog the page left in the DOM, hidden by %s, for the one that is open',
    (how) => {
      const doc = load('dialog.sv.html');
      const stale = doc.querySelector<HTMLElement>('[role="dialog"]');
      if (!stale) throw new Error('the fixture has no dialog');
      const open = stale.cloneNode(true) as HTMLElement;
      open.querySelector('tbody tr')?.remove();
      doc.body.append(open);
      if (how === 'style') stale.style.display = 'none';
      else stale.hidden = true;
      const found = recogniseWithdrawDialog(doc);
      if (!found.ok) throw new Error(found.reason);
      expect(found.value.element).toBe(open);
      expect(found.value.rows).toHaveLength(open.querySelectorAll('tbody tr').length);
    },
  );

  it("takes the dialog's own withdraw button, not a row's own one that comes before it", () => {
    const doc = load('dialog.sv.html');
    const dialog = doc.querySelector<HTMLElement>('[role="dialog"]');
    const body = dialog?.querySelector('tbody');
    const own = dialog
      ? Array.from(dialog.querySelectorAll('button')).find((b) => /Dra tillbaka/.test(b.textContent ?? ''))
      : null;
    if (!dialog || !body || !own) throw new Error('the fixture has no dialog, rows or button');
    // Enough rows to be a list of people (more than a header or a footer would hold).
    const template = body.querySelector('tr') as HTMLElement;
    while (body.children.length <= 25) body.append(template.cloneNode(true));
    // A page with a withdraw button in every row, and its own below the list.
    for (const row of Array.from(body.children)) {
      const button = doc.createElement('button');
      button.textContent = 'Dra tillbaka';
      row.lastElementChild?.append(button);
    }
    dialog.append(own);
    const found = recogniseWithdrawDialog(doc);
    if (!found.ok) throw new Error(found.reason);
    expect(found.value.withdrawButton).toBe(own);
    expect(found.value.rows).toHaveLength(body.children.length);
  });

  it('finds no dialog on the tool page before the gear is pressed', () => {
    expect(recogniseWithdrawDialog(load('tool-page.sv.html')).ok).toBe(false);
  });
});

describe('unrelated pages', () => {
  it.each(files.filter((f) => f.startsWith('unrelated')))(
    'reports %s as not recognised and changes nothing',
    (name) => {
      const doc = load(name);
      const before = doc.documentElement.outerHTML;
      const page = recogniseLicensePage(doc);
      const dialog = recogniseWithdrawDialog(doc);
      expect(page.ok).toBe(false);
      expect(dialog.ok).toBe(false);
      expect(doc.documentElement.outerHTML).toBe(before);
    },
  );
});

describe('a license page whose URL carries no tool id', () => {
  it('is recognised by its structure alone, and its id is left to the page or the API', () => {
    const doc = load(pageFixtures.find((f) => f.includes('page')) ?? pageFixtures[0] ?? '');
    expect(toolIdFromUrl(new URL('https://skolon.example.org/app/'))).toBeNull();
    expect(recogniseLicensePage(doc).ok).toBe(true);
  });
});

/** The withdraw dialog read from a test's markup; the test fails with the reason when it is not one. */
function dialogIn(html: string) {
  const found = recogniseWithdrawDialog(new DOMParser().parseFromString(html, 'text/html'));
  if (!found.ok) throw new Error(found.reason);
  return found.value;
}

describe('a withdraw dialog of another markup', () => {
  it('reads an ARIA grid: rows by role, the column header box as select-all', () => {
    const cell = (text: string) => `<div role="gridcell">${text}</div>`;
    const row = (name: string, email: string, cls: string) =>
      `<div role="row">${cell('<input type="checkbox">')}${cell(name)}${cell(email)}${cell(cls)}</div>`;
    const doc = new DOMParser().parseFromString(
      `<div role="dialog"><div role="grid">
        <div role="row"><div role="columnheader"><input type="checkbox" aria-label="Alla"></div>
          <div role="columnheader">Namn</div><div role="columnheader">E-post</div><div role="columnheader">Klass</div></div>
        <div role="rowgroup">${row('Åsa Berg', 'asa@demo.se', '9B')}${row('Ali Hassan', 'ali@demo.se', '8A')}</div>
        </div><button>Dra tillbaka</button><button>Stäng</button></div>`,
      'text/html',
    );
    const found = recogniseWithdrawDialog(doc);
    if (!found.ok) throw new Error(found.reason);
    expect(found.value.rows.map((r) => [r.name, r.email, r.classes])).toEqual([
      ['Åsa Berg', 'asa@demo.se', ['9B']],
      ['Ali Hassan', 'ali@demo.se', ['8A']],
    ]);
    expect(found.value.rows.every((r) => r.element.getAttribute('role') === 'row')).toBe(true);
    expect(found.value.selectAll?.getAttribute('aria-label')).toBe('Alla');
  });

  it('pairs each body row with its box, in order, over several bodies, a box under the table aside', () => {
    const row = (name: string) =>
      `<tr><td><input type="checkbox" aria-label="${name}"></td><td>${name}</td><td>x@demo.se</td><td>9B</td></tr>`;
    const { rows, selectAll } = dialogIn(
      `<div role="dialog"><table><thead><tr><th><input type="checkbox" aria-label="Alla"></th><th>Namn</th><th>E-post</th><th>Klass</th></tr></thead>
        <tbody>${row('Ali Hassan')}${row('Åsa Berg')}</tbody>
        <tbody>${row('Bo Ek')}<tr><td></td><td colspan="3">Inga fler</td></tr>${row('Cia Lund')}</tbody>
      </table><label><input type="checkbox" aria-label="Visa fler"> Visa fler</label><button>Dra tillbaka</button></div>`,
    );
    expect(rows.map((r) => r.name)).toEqual(['Ali Hassan', 'Åsa Berg', 'Bo Ek', 'Cia Lund']);
    expect(rows.every((r) => r.checkbox.getAttribute('aria-label') === r.name)).toBe(true);
    expect(rows.every((r) => r.element.localName === 'tr' && r.element.contains(r.checkbox))).toBe(true);
    expect(selectAll?.getAttribute('aria-label')).toBe('Alla');
  });

  it('pairs a plain table body by its rows, without a walk up from each box', () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) => `<tr><td><input type="checkbox"></td><td>Person ${i}</td><td>p${i}@demo.se</td></tr>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<div role="dialog"><table><thead><tr><th><input type="checkbox"></th><th>Namn</th><th>E-post</th></tr></thead>
        <tbody>${rows}</tbody></table><button>Dra tillbaka</button></div>`,
      'text/html',
    );
    const matches = vi.spyOn(Element.prototype, 'matches');
    const found = recogniseWithdrawDialog(doc);
    if (!found.ok) throw new Error(found.reason);
    expect(found.value.rows).toHaveLength(60);
    // The walk asks each box's cell and row what they are: more than one question per row.
    expect(matches.mock.calls.length).toBeLessThan(60);
    matches.mockRestore();
  });

  it('pairs a box with its nearest row, and two boxes in one row each, as any markup', () => {
    // A row of two boxes (each the person's, as the page would count them) and a box in a row of
    // its own inside a cell: the body's rows do not pair these; each box's nearest row does.
    const two = dialogIn(
      `<div role="dialog"><table><thead><tr><th><input type="checkbox"></th><th>Namn</th><th>E-post</th></tr></thead><tbody>
        <tr><td><input type="checkbox" aria-label="a1"><input type="checkbox" aria-label="a2"></td><td>Ali Hassan</td><td>ali@demo.se</td></tr>
        <tr><td><input type="checkbox" aria-label="b"></td><td>Åsa Berg</td><td>asa@demo.se</td></tr>
      </tbody></table><button>Dra tillbaka</button></div>`,
    );
    expect(two.rows.map((r) => [r.checkbox.getAttribute('aria-label'), r.name])).toEqual([
      ['a1', 'Ali Hassan'],
      ['a2', 'Ali Hassan'],
      ['b', 'Åsa Berg'],
    ]);
    const inner = dialogIn(
      `<div role="dialog"><table><thead><tr><th><input type="checkbox"></th><th>Namn</th></tr></thead><tbody>
        <tr><td><div role="row"><div role="gridcell"><input type="checkbox"></div><div role="gridcell">Ali Hassan</div></div></td><td>Åsa Berg</td></tr>
      </tbody></table><button>Dra tillbaka</button></div>`,
    );
    expect(inner.rows.map((r) => [r.element.getAttribute('role'), r.name])).toEqual([['row', 'Ali Hassan']]);
  });

  it('tells a badge from a name that holds a badge word ("Lefteris" holds "left")', () => {
    const row = (name: string) =>
      `<tr><td><input type="checkbox"></td><td>${name}</td><td>x@demo.se</td><td>9B</td></tr>`;
    const doc = new DOMParser().parseFromString(
      `<div role="dialog"><table><thead><tr><th><input type="checkbox"></th><th>Namn</th><th>E-post</th><th>Klass</th></tr></thead><tbody>
        ${row('<span>Lefteris Pappas</span>')}${row('<span>Lefteris Berg</span> <span>Left</span>')}${row('Leftie Öberg')}
      </tbody></table><button>Dra tillbaka</button></div>`,
      'text/html',
    );
    const found = recogniseWithdrawDialog(doc);
    if (!found.ok) throw new Error(found.reason);
    expect(found.value.rows.map((r) => [r.name, r.inactive])).toEqual([
      ['Lefteris Pappas', false],
      ['Lefteris Berg', true],
      ['Leftie Öberg', false],
    ]);
  });
});
