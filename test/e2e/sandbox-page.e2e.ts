// The sandbox's copy of Skolon's license page, driven as an administrator would, without the
// extension: Verktygshantering → search → the tool → gear → tick two rows → Dra tillbaka. The
// rows vanish, the counter drops by two, and the sandbox's log shows exactly those two
// assignments revoked. In sv, nb and en. Locators go by role and text only (class names are generated).
// Then the modes (test/sandbox/modes.ts): hash routing, grid markup, the paged dialog, the
// private API, and all of them at once.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentPage, Session } from '../../src/shared/model.ts';
import { revokedCounts } from '../sandbox/client.ts';
import {
  BIG_LICENSE_ID,
  BIG_TOOL_ID,
  EXPIRING_TOOL_ID,
  MARKUP_USER_NAME,
  PSYKOLOGI_TOOL_ID,
  PSYKOLOGI_TOOL_NAME,
} from '../sandbox/data/fixtures.ts';
import { fold } from '../sandbox/data/text.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { launchPlainChromium } from './harness/chromium.ts';
import { RESULTS } from './harness/paths.ts';
import {
  loginUrlFor,
  startTestSandbox,
  type TestSandbox,
  type TestSandboxOptions,
} from './harness/sandbox.ts';

interface Case {
  locale: 'sv' | 'nb' | 'en';
  /** What the admin types into the tool search (the API's `q`, accent-insensitive). */
  query: string;
  tool: string;
  /** A tool the search must filter out. */
  otherTool: string;
  skoladmin: string;
  toolManagement: string;
  tools: string;
  search: string;
  ourLicenses: string;
  assigned: string;
  manage: string;
  withdraw: string;
  selectAll: string;
  dialogTitle: string;
  columns: string[];
  facts: string[];
}

const CASES: Case[] = [
  {
    locale: 'sv',
    query: 'psykologi',
    tool: 'Psykologi för gymnasiet Digitalbok',
    otherTool: 'Matematik 7–9 Digital',
    skoladmin: 'Skoladmin Demoskolan',
    toolManagement: 'Verktygshantering',
    tools: 'Verktyg',
    search: 'Sök',
    ourLicenses: 'Våra licenser',
    assigned: 'tilldelade',
    manage: 'Hantera',
    withdraw: 'Dra tillbaka',
    selectAll: 'Markera alla',
    dialogTitle: 'Tilldelade licenser',
    columns: ['Licenser', 'Tilldelad', 'Antal', 'Licenstid', 'Tillgänglighet', 'Hantering'],
    facts: [
      'Licenstyp:',
      'Integrerat',
      'Leverantör:',
      'Liber',
      'Årskurs:',
      'Gymnasium, Högskola',
      'Kategori:',
      'Läromedel',
    ],
  },
  {
    locale: 'nb',
    query: 'samhallskunskap',
    tool: 'Samhällskunskap Forum Digital',
    otherTool: 'Psykologi för gymnasiet Digitalbok',
    skoladmin: 'Skoleadmin Demoskolan',
    toolManagement: 'Verktøyhåndtering',
    tools: 'Verktøy',
    search: 'Søk',
    ourLicenses: 'Våre lisenser',
    assigned: 'tildelt',
    manage: 'Håndter',
    withdraw: 'Trekk tilbake',
    selectAll: 'Merk alle',
    dialogTitle: 'Tildelte lisenser',
    columns: ['Lisenser', 'Tildelt', 'Antall', 'Lisenstid', 'Tilgjengelighet', 'Håndtering'],
    facts: ['Lisenstype:', 'Integrert'],
  },
  {
    locale: 'en',
    query: 'kemi',
    tool: 'Kemi Direkt Digital',
    otherTool: 'Psykologi för gymnasiet Digitalbok',
    skoladmin: 'School admin Demoskolan',
    toolManagement: 'Tool management',
    tools: 'Tools',
    search: 'Search',
    ourLicenses: 'Our licences',
    assigned: 'assigned',
    manage: 'Manage',
    withdraw: 'Withdraw',
    selectAll: 'Select all',
    dialogTitle: 'Assigned licences',
    columns: ['Licences', 'Assigned', 'Quantity', 'Licence period', 'Availability', 'Manage'],
    facts: ['Licence type:', 'Integrated'],
  },
];

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  await mkdir(RESULTS, { recursive: true });
  sandbox = await startSandbox({ port: 0, students: 300 });
  browser = await launchPlainChromium();
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

beforeEach(async () => {
  const response = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  expect(response.ok).toBe(true);
});

interface LogCall {
  operation: string;
  ids?: string[];
  outcomes?: { id: string; outcome: string }[];
  dryRun?: boolean;
  status: number;
}

async function revokeCalls(): Promise<LogCall[]> {
  const response = await fetch(`${sandbox.url}/__sandbox/log?operation=revoke`);
  const body = (await response.json()) as { calls: LogCall[] };
  return body.calls.filter((call) => call.operation === 'revoke');
}

/** The assignment ids of the tool, by assignee email (through the page's own session cookie). */
async function assignmentIdsByEmail(page: Page, toolId: string): Promise<Map<string, string>> {
  const api = `${sandbox.url}/api/admin/v1`;
  const session = (await (await page.request.get(`${api}/session`)).json()) as Session;
  const byEmail = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) });
    const response = await page.request.get(
      `${api}/schools/${session.activeSchoolId}/tools/${toolId}/assignments?${query.toString()}`,
    );
    const body = (await response.json()) as AssignmentPage;
    for (const a of body.assignments) if (a.assignee.email) byEmail.set(a.assignee.email, a.id);
    cursor = body.nextCursor;
  } while (cursor);
  return byEmail;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the sandbox license page, driven by an administrator', () => {
  for (const c of CASES) {
    it(`withdraws two licenses through the gear dialog (${c.locale})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        await page.goto(
          `${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=${c.locale}&next=/skoladmin/verktyg`,
        );

        // Verktygshantering.
        await expect
          .poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 })
          .toBe(c.locale);
        await page.getByRole('heading', { level: 1, name: c.toolManagement }).waitFor();
        await page.getByText(c.skoladmin, { exact: true }).waitFor();
        const menu = page.getByRole('navigation').getByRole('link', { name: c.toolManagement });
        expect(await menu.getAttribute('aria-current')).toBe('page');
        await page.getByRole('link', { name: c.otherTool }).waitFor();

        // Search the tool; the list narrows through the API.
        const search = page.getByRole('searchbox');
        expect(await search.getAttribute('placeholder')).toBe(c.search);
        await search.fill(c.query);
        await page.getByRole('link', { name: c.otherTool }).waitFor({ state: 'detached' });
        const toolLink = page.getByRole('link', { name: c.tool, exact: true });
        await toolLink.waitFor();

        // Into the tool, client-side (the window survives: no full page load).
        await page.evaluate(() => {
          (window as unknown as { spaMarker?: number }).spaMarker = 42;
        });
        await toolLink.click();
        await page.getByRole('heading', { level: 1, name: c.tool }).waitFor();
        expect(new URL(page.url()).pathname).toMatch(/^\/skoladmin\/verktyg\/[^/]+$/);
        expect(await page.evaluate(() => (window as unknown as { spaMarker?: number }).spaMarker)).toBe(42);
        const toolId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

        const breadcrumb = page
          .getByRole('navigation')
          .filter({ has: page.getByRole('link', { name: c.tools, exact: true }) });
        await expect.poll(() => breadcrumb.textContent(), { timeout: 15_000 }).toContain(c.tool);
        for (const fact of c.facts) await page.getByText(fact, { exact: true }).first().waitFor();

        const panel = page.getByRole('tabpanel', { name: c.ourLicenses });
        await panel.waitFor();
        expect(await panel.getByRole('columnheader').allTextContents()).toEqual(c.columns);
        const counter = panel.getByText(new RegExp(`^\\d+/\\d+ ${escapeRegExp(c.assigned)}$`));
        const counterBefore = (await counter.textContent()) ?? '';
        const [assignedBefore, seats] = counterBefore.split(' ')[0]?.split('/').map(Number) ?? [];
        expect(assignedBefore).toBeGreaterThanOrEqual(2);
        expect(seats).toBeGreaterThan(0);
        if (c.locale === 'sv') {
          expect(counterBefore).toBe('2/22 tilldelade');
          await panel
            .getByRole('row', { name: /Singellicenser Ej tilldelade 20 st 2021-12-30 Elev/ })
            .waitFor();
          await panel
            .getByRole('row', { name: /Singellicenser 2 användare 2 st 2021-12-30 Lärare, Administratör/ })
            .waitFor();
          await page.screenshot({ path: join(RESULTS, 'sandbox-tool-page-sv.png'), fullPage: true });
        }

        // The gear opens the dialog once its data has loaded.
        await panel.getByRole('button', { name: c.manage, exact: true }).first().click();
        const dialog = page.getByRole('dialog', { name: c.dialogTitle });
        await dialog.waitFor();
        expect(await dialog.getAttribute('aria-modal')).toBe('true');
        const withdraw = dialog.getByRole('button', { name: c.withdraw, exact: true });
        expect(await withdraw.isDisabled()).toBe(true);
        await dialog.getByRole('checkbox', { name: c.selectAll }).waitFor();

        const dataRows = dialog
          .getByRole('row')
          .filter({ has: page.getByRole('checkbox') })
          .filter({
            hasNot: page.getByRole('columnheader'),
          });
        const rowsBefore = await dataRows.count();
        expect(rowsBefore).toBeGreaterThanOrEqual(2);

        // Tick two rows and remember who they are (by email, which is unique).
        const ticked: string[] = [];
        for (const index of [0, 1]) {
          const row = dataRows.nth(index);
          const email = ((await row.getByRole('cell').nth(2).textContent()) ?? '').trim();
          expect(email).toContain('@');
          ticked.push(email);
          await row.getByRole('checkbox').check();
        }
        await expect.poll(() => withdraw.isEnabled(), { timeout: 15_000 }).toBe(true);
        if (c.locale === 'sv') await page.screenshot({ path: join(RESULTS, 'sandbox-dialog-sv.png') });

        const ids = await assignmentIdsByEmail(page, toolId);
        const expectedIds = ticked.map((email) => ids.get(email));
        expect(expectedIds.every((id) => typeof id === 'string')).toBe(true);

        await withdraw.click();

        // The two rows vanish; the others stay.
        for (const email of ticked) {
          await dialog.getByRole('row').filter({ hasText: email }).waitFor({ state: 'detached' });
        }
        await expect.poll(() => dataRows.count(), { timeout: 15_000 }).toBe(rowsBefore - 2);

        // The page's counter follows (getTool refetched).
        const counterAfter = `${(assignedBefore ?? 0) - 2}/${seats} ${c.assigned}`;
        await expect
          .poll(() => panel.getByText(counterAfter, { exact: true }).count(), { timeout: 15_000 })
          .toBe(1);

        // The dialog closes with ×.
        await dialog.getByRole('button', { name: /^(Stäng|Lukk|Close)$/ }).click();
        await dialog.waitFor({ state: 'detached' });

        // The sandbox revoked exactly those two assignments, once each.
        const calls = await revokeCalls();
        expect(calls.every((call) => call.status === 200 && (call.ids?.length ?? 0) <= 100)).toBe(true);
        const revoked = calls
          .filter((call) => !call.dryRun)
          .flatMap((call) => call.outcomes ?? [])
          .filter((o) => o.outcome === 'REVOKED')
          .map((o) => o.id);
        expect(revoked.sort()).toEqual([...(expectedIds as string[])].sort());
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('lets ?lang= override the session locale, and keeps it across client-side navigation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=/skoladmin/verktyg`);
      await page.getByRole('heading', { level: 1, name: 'Verktygshantering' }).waitFor();
      await page.goto(`${sandbox.url}/skoladmin/verktyg?lang=nb`);
      await page.getByRole('heading', { level: 1, name: 'Verktøyhåndtering' }).waitFor();
      await page.getByRole('link', { name: 'Psykologi för gymnasiet Digitalbok', exact: true }).click();
      await page.getByRole('tab', { name: 'Våre lisenser' }).waitFor();
      expect(new URL(page.url()).searchParams.get('lang')).toBe('nb');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
      await page
        .getByRole('tabpanel', { name: 'Våre lisenser' })
        .getByText('2/22 tildelt', { exact: true })
        .waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Verktøyhåndtering' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows the login screen without a session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${sandbox.url}/skoladmin/verktyg?lang=en`);
      const login = page.getByRole('button', { name: 'Log in' });
      await login.waitFor();
      expect(await login.getAttribute('href')).toContain('/__sandbox/login?role=SCHOOL_ADMIN');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('renders untrusted names as text, never as markup', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let alerted = false;
    page.on('dialog', (d) => {
      alerted = true;
      void d.dismiss();
    });
    try {
      await page.goto(
        `${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=/skoladmin/verktyg/${EXPIRING_TOOL_ID}`,
      );
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      await panel.getByRole('button', { name: 'Hantera', exact: true }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(MARKUP_USER_NAME, { exact: true }).waitFor();
      await dialog.getByRole('checkbox', { name: `Markera ${MARKUP_USER_NAME}` }).waitFor();
      expect(await page.locator('img').count()).toBe(0);
      expect(alerted).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('says the session has expired when Dra tillbaka meets a 401, and keeps the rows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(
        `${sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=/skoladmin/verktyg/${EXPIRING_TOOL_ID}`,
      );
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      await panel.getByRole('button', { name: 'Hantera', exact: true }).first().click();
      const dialog = page.getByRole('dialog');
      const boxes = dialog.getByRole('checkbox', { name: /^Markera (?!alla$)/ });
      await boxes.first().waitFor();
      const before = await boxes.count();
      await boxes.nth(0).check();
      const faults = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expireSessionAfterRequests: 0 }),
      });
      expect(faults.ok).toBe(true);
      await dialog.getByRole('button', { name: 'Dra tillbaka', exact: true }).click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Sessionen har gått ut – logga in igen');
      const color = await alert.evaluate((element) => getComputedStyle(element).color);
      expect(color).toBe('rgb(217, 45, 32)');
      expect(await boxes.count()).toBe(before);
      const revoked = (await revokeCalls()).flatMap((call) => call.outcomes ?? []);
      expect(revoked).toEqual([]);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      await context.close();
    }
  });
});

// --- modes ----------------------------------------------------------------------------------------

interface StateAssignment {
  id: string;
  licenseId: string;
  assignee: { id: string; name: string; email?: string };
}

async function truthOf(sb: TestSandbox, toolId: string, licenseId?: string): Promise<StateAssignment[]> {
  const { assignments } = await sb.client.state<{ assignments: StateAssignment[] }>('assignments', {
    toolId,
    ...(licenseId ? { licenseId } : {}),
  });
  return assignments;
}

/** The order in which the page's API pages holders: the contract's, or the private API's by name. */
function apiOrder(sb: TestSandbox, rows: StateAssignment[]): StateAssignment[] {
  if (sb.modes.api === 'contract') return rows;
  const key = (a: StateAssignment) => `${fold(a.assignee.name)}\u0000${a.id}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Runs `body` against a sandbox of its own in these modes, in a fresh browser context. */
async function withModes(
  opts: TestSandboxOptions,
  body: (sb: TestSandbox, page: Page, pageErrors: string[]) => Promise<void>,
): Promise<void> {
  const sb = await startTestSandbox(opts);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await body(sb, page, pageErrors);
  } finally {
    await context.close();
    await sb.close();
  }
}

/** Records, for every role=dialog put into <body>, what it held at that moment. */
async function watchDialogInserts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { dialogInserts: { rows: number; isDialog: boolean }[] };
    w.dialogInserts = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          const dialog = node.matches('[role="dialog"]') ? node : node.querySelector('[role="dialog"]');
          if (dialog) {
            w.dialogInserts.push({
              rows: dialog.querySelectorAll('[role="row"], tr').length,
              isDialog: node === dialog,
            });
          }
        }
      }
    }).observe(document.body, { childList: true });
  });
}

function dataRowsOf(page: Page, dialog: ReturnType<Page['getByRole']>) {
  return dialog
    .getByRole('row')
    .filter({ has: page.getByRole('checkbox') })
    .filter({ hasNot: page.getByRole('columnheader') });
}

/** The email column of each data row (cell 2 after the checkbox and the name). */
async function emailsOf(
  rows: ReturnType<typeof dataRowsOf>,
  cellRole: 'cell' | 'gridcell',
): Promise<string[]> {
  return rows.evaluateAll(
    (elements, role) =>
      elements.map((row) => {
        const cells = Array.from(row.children).filter((c) =>
          role === 'gridcell' ? c.getAttribute('role') === 'gridcell' : c.tagName === 'TD',
        );
        return (cells[2]?.textContent ?? '').trim();
      }),
    cellRole,
  );
}

/** What the log says the page revoked (every API), once each. */
async function revokedIds(sb: TestSandbox): Promise<string[]> {
  const counts = revokedCounts(await sb.log({ operation: 'revoke' }));
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  return [...counts.keys()].sort();
}

describe('the sandbox page in its modes', () => {
  it('--routing hash: the list and the tool page are /app/#/tools and /app/#/tools/{id}, moved between by hash links', async () => {
    await withModes({ students: 300, routing: 'hash' }, async (sb, page, pageErrors) => {
      await page.goto(sb.loginUrl());
      await page.getByRole('heading', { level: 1, name: 'Verktygshantering' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/');
      expect(new URL(page.url()).hash).toBe('#/tools');
      const link = page.getByRole('link', { name: PSYKOLOGI_TOOL_NAME, exact: true });
      expect(await link.getAttribute('href')).toBe(`#/tools/${PSYKOLOGI_TOOL_ID}`);
      const menu = page.getByRole('navigation').getByRole('link', { name: 'Verktygshantering' });
      expect(await menu.getAttribute('href')).toBe('#/tools');

      await page.evaluate(() => {
        (window as unknown as { spaMarker?: number }).spaMarker = 7;
      });
      await link.click();
      await page.getByRole('heading', { level: 1, name: PSYKOLOGI_TOOL_NAME }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/tools/${PSYKOLOGI_TOOL_ID}`);
      expect(await page.evaluate(() => (window as unknown as { spaMarker?: number }).spaMarker)).toBe(7);
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      await panel.getByText('2/22 tilldelade', { exact: true }).waitFor();

      // Back through the breadcrumb, then the browser's back button (hashchange both ways).
      await page.getByRole('navigation').getByRole('link', { name: 'Verktyg', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Verktygshantering' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: PSYKOLOGI_TOOL_NAME }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { spaMarker?: number }).spaMarker)).toBe(7);

      // A deep link through the login's next, and ?lang= in the page's own query.
      await page.goto(loginUrlFor(sb.url, { routing: sb, toolId: PSYKOLOGI_TOOL_ID, locale: 'en' }));
      await page.getByRole('tab', { name: 'Our licences' }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/tools/${PSYKOLOGI_TOOL_ID}`);
      await page.goto(`${sb.url}/app/?lang=nb#/tools/${PSYKOLOGI_TOOL_ID}`);
      await page.getByRole('tab', { name: 'Våre lisenser' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Verktøy', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Verktøyhåndtering' }).waitFor();
      expect(new URL(page.url()).search).toBe('?lang=nb');

      // An unknown route falls back to the list (in the session's language, en since the last
      // login); /skoladmin does not exist on this site.
      await page.goto(`${sb.url}/app/#/nowhere`);
      await page.getByRole('heading', { level: 1, name: 'Tool management' }).waitFor();
      expect(new URL(page.url()).hash).toBe('#/tools');
      const old = await page.request.get(`${sb.url}/skoladmin/verktyg`);
      expect(old.status()).toBe(404);

      // Signed out, a deep link shows the login; its next keeps the hash and comes back to the tool.
      await page.context().clearCookies();
      await page.goto('about:blank'); // a hash-only change would keep the signed-in app in memory
      await page.goto(sb.toolPageUrl(PSYKOLOGI_TOOL_ID));
      const login = page.getByRole('button', { name: 'Logga in' });
      await login.waitFor();
      const href = new URL((await login.getAttribute('href')) ?? '', sb.url);
      expect(href.searchParams.get('next')).toBe(`/app/#/tools/${PSYKOLOGI_TOOL_ID}`);
      await login.click();
      await page.getByRole('heading', { level: 1, name: PSYKOLOGI_TOOL_NAME }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/tools/${PSYKOLOGI_TOOL_ID}`);
      expect((await sb.client.info()).modes.routing).toBe('hash');
      expect(pageErrors).toEqual([]);
    });
  });

  it('--markup grid: ARIA grids of divs, role=checkbox with aria-checked, the dialog a portal at the end of <body> once loaded', async () => {
    await withModes({ students: 300, markup: 'grid' }, async (sb, page, pageErrors) => {
      await page.goto(sb.loginUrl({ toolId: EXPIRING_TOOL_ID }));
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      const grid = panel.getByRole('grid');
      await grid.waitFor();
      expect(await panel.getByRole('columnheader').allTextContents()).toEqual(CASES[0]?.columns);
      expect(await page.locator('table, tr, td, th').count()).toBe(0);
      const counter = panel.getByText(/^\d+\/\d+ tilldelade$/);
      const [assignedBefore, seats] =
        ((await counter.textContent()) ?? '').split(' ')[0]?.split('/').map(Number) ?? [];
      expect(await grid.getByRole('gridcell').count()).toBeGreaterThan(5);

      await watchDialogInserts(page);
      await panel.getByRole('button', { name: 'Hantera', exact: true }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Tilldelade licenser' });
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      expect(
        await page.evaluate(() => {
          const last = document.body.lastElementChild;
          return `${last?.tagName}|${last?.getAttribute('role')}|${last?.getAttribute('aria-modal')}`;
        }),
      ).toBe('DIV|dialog|true');
      const inserts = await page.evaluate(
        () => (window as unknown as { dialogInserts: { rows: number; isDialog: boolean }[] }).dialogInserts,
      );
      expect(inserts).toHaveLength(1);
      expect(inserts[0]?.isDialog).toBe(true);
      expect(inserts[0]?.rows).toBeGreaterThan(2);

      // No native checkboxes: role=checkbox, focusable, aria-checked; the header one selects all.
      expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
      await dialog.getByRole('grid').waitFor();
      const selectAll = dialog.getByRole('columnheader').getByRole('checkbox', { name: 'Markera alla' });
      expect(await selectAll.getAttribute('aria-checked')).toBe('false');
      const rows = dataRowsOf(page, dialog);
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(3);
      const boxes = rows.getByRole('checkbox');
      expect(
        await boxes.evaluateAll((els) =>
          els.every((e) => e.tagName === 'DIV' && e.getAttribute('tabindex') === '0'),
        ),
      ).toBe(true);
      expect(
        await boxes.evaluateAll((els) => els.every((e) => e.getAttribute('aria-checked') === 'false')),
      ).toBe(true);

      await boxes.nth(0).click();
      expect(await boxes.nth(0).getAttribute('aria-checked')).toBe('true');
      expect(await selectAll.getAttribute('aria-checked')).toBe('mixed');
      await boxes.nth(1).focus();
      await page.keyboard.press('Space');
      expect(await boxes.nth(1).getAttribute('aria-checked')).toBe('true');
      await page.keyboard.press('Space');
      expect(await boxes.nth(1).getAttribute('aria-checked')).toBe('false');
      await selectAll.click();
      expect(await selectAll.getAttribute('aria-checked')).toBe('true');
      expect(
        await boxes.evaluateAll((els) => els.every((e) => e.getAttribute('aria-checked') === 'true')),
      ).toBe(true);
      await selectAll.click();
      expect(
        await boxes.evaluateAll((els) => els.every((e) => e.getAttribute('aria-checked') === 'false')),
      ).toBe(true);

      // Tick two (Playwright's check() works on role=checkbox) and withdraw them.
      const emails = await emailsOf(rows, 'gridcell');
      expect(emails.every((e) => e.includes('@'))).toBe(true);
      await boxes.nth(0).check();
      await boxes.nth(2).check();
      const ticked = [emails[0], emails[2]] as string[];
      const withdraw = dialog.getByRole('button', { name: 'Dra tillbaka', exact: true });
      await withdraw.click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(count - 2);
      const left = await emailsOf(rows, 'gridcell');
      for (const email of ticked) expect(left).not.toContain(email);
      await expect
        .poll(
          () => panel.getByText(`${(assignedBefore ?? 0) - 2}/${seats} tilldelade`, { exact: true }).count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(1);
      const byEmail = new Map((await truthOf(sb, EXPIRING_TOOL_ID)).map((a) => [a.assignee.email, a.id]));
      for (const email of ticked) expect(byEmail.has(email)).toBe(false);
      expect((await revokedIds(sb)).length).toBe(2);

      await dialog.getByRole('button', { name: 'Stäng' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.querySelectorAll('[role="dialog"]').length)).toBe(0);
      await page.screenshot({ path: join(RESULTS, 'sandbox-grid-tool-page.png'), fullPage: true });
      expect(pageErrors).toEqual([]);
    });
  });

  it('--dialog paged: 50 rows, "Visa fler" appends 50 more, "Visar x av y" stays current, nothing skipped or repeated after a withdrawal', async () => {
    // 500 students: some 270 holders, six pages of 50 (loading them all is what takes the time).
    await withModes({ dialog: 'paged', students: 500 }, async (sb, page, pageErrors) => {
      const truth = apiOrder(sb, await truthOf(sb, BIG_TOOL_ID, BIG_LICENSE_ID));
      const total = truth.length;
      expect(total).toBeGreaterThan(200);
      await page.goto(sb.loginUrl({ toolId: BIG_TOOL_ID }));
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      const counter = panel.getByText(/^\d+\/\d+ tilldelade$/);
      await counter.waitFor();
      const [assignedBefore, seats] =
        ((await counter.textContent()) ?? '').split(' ')[0]?.split('/').map(Number) ?? [];
      const bigRow = panel.getByRole('row').filter({ hasText: `${total} användare` });
      await bigRow.getByRole('button', { name: 'Hantera', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Tilldelade licenser' });
      await dialog.waitFor();
      const rows = dataRowsOf(page, dialog);
      const status = dialog.getByText(/^Visar \d+ av \d+$/);
      const more = dialog.getByRole('button', { name: 'Visa fler', exact: true });
      expect(await rows.count()).toBe(50);
      expect(await status.textContent()).toBe(`Visar 50 av ${total}`);
      expect(await emailsOf(rows, 'cell')).toEqual(truth.slice(0, 50).map((a) => a.assignee.email));

      await more.click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(100);
      expect(await status.textContent()).toBe(`Visar 100 av ${total}`);

      // Withdraw two loaded rows (one of them the last: the cursor's own row).
      const emails = await emailsOf(rows, 'cell');
      await rows.nth(10).getByRole('checkbox').check();
      await rows.nth(99).getByRole('checkbox').check();
      const ticked = [emails[10], emails[99]] as string[];
      await dialog.getByRole('button', { name: 'Dra tillbaka', exact: true }).click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(98);
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(`Visar 98 av ${total - 2}`);
      await expect
        .poll(
          () => panel.getByText(`${(assignedBefore ?? 0) - 2}/${seats} tilldelade`, { exact: true }).count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(1);

      await more.click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(148);
      expect(await status.textContent()).toBe(`Visar 148 av ${total - 2}`);
      const now = apiOrder(sb, await truthOf(sb, BIG_TOOL_ID, BIG_LICENSE_ID));
      expect(now.length).toBe(total - 2);
      const shown = await emailsOf(rows, 'cell');
      expect(new Set(shown).size).toBe(shown.length);
      expect(shown).toEqual(now.slice(0, 148).map((a) => a.assignee.email));
      for (const email of ticked) expect(shown).not.toContain(email);
      expect((await revokedIds(sb)).length).toBe(2);

      // Load the rest: the button goes away when everything is shown.
      for (let i = 0; i < 40 && (await more.count()) > 0; i++) {
        const before = await rows.count();
        await more.click();
        await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(before);
      }
      expect(await more.count()).toBe(0);
      expect(await rows.count()).toBe(total - 2);
      expect(await status.textContent()).toBe(`Visar ${total - 2} av ${total - 2}`);
      const all = await emailsOf(rows, 'cell');
      expect(new Set(all).size).toBe(all.length);
      expect(pageErrors).toEqual([]);
    });
  });

  it('--dialog paged speaks nb and en ("Vis flere" / "Show more")', async () => {
    await withModes({ dialog: 'paged' }, async (sb, page) => {
      const total = (await truthOf(sb, BIG_TOOL_ID, BIG_LICENSE_ID)).length;
      await page.goto(sb.loginUrl());
      for (const [lang, users, manage, more, showing] of [
        ['nb', 'brukere', 'Håndter', 'Vis flere', 'Viser'],
        ['en', 'users', 'Manage', 'Show more', 'Showing'],
      ] as const) {
        await page.goto(`${sb.toolPageUrl(BIG_TOOL_ID)}?lang=${lang}`);
        const bigRow = page.getByRole('row').filter({ hasText: `${total} ${users}` });
        await bigRow.getByRole('button', { name: manage, exact: true }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: more, exact: true }).waitFor();
        const of = lang === 'nb' ? 'av' : 'of';
        await dialog.getByText(`${showing} 50 ${of} ${total}`, { exact: true }).waitFor();
      }
    });
  });

  it('--api private: the page withdraws through its private API exactly the ticked rows, and never calls the contract', async () => {
    await withModes({ students: 300, api: 'private' }, async (sb, page, pageErrors) => {
      await page.goto(sb.loginUrl({ toolId: EXPIRING_TOOL_ID }));
      const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
      const counter = panel.getByText(/^\d+\/\d+ tilldelade$/);
      await counter.waitFor();
      const [assignedBefore, seats] =
        ((await counter.textContent()) ?? '').split(' ')[0]?.split('/').map(Number) ?? [];
      await panel.getByRole('button', { name: 'Hantera', exact: true }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Tilldelade licenser' });
      const rows = dataRowsOf(page, dialog);
      await rows.first().waitFor();
      const count = await rows.count();
      const emails = await emailsOf(rows, 'cell');
      const byEmail = new Map((await truthOf(sb, EXPIRING_TOOL_ID)).map((a) => [a.assignee.email, a.id]));
      const picks = [1, 3, 4];
      for (const i of picks) await rows.nth(i).getByRole('checkbox').check();
      const expected = picks.map((i) => byEmail.get(emails[i] as string) as string).sort();
      expect(expected.every(Boolean)).toBe(true);
      await dialog.getByRole('button', { name: 'Dra tillbaka', exact: true }).click();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(count - picks.length);
      await expect
        .poll(
          () => panel.getByText(`${(assignedBefore ?? 0) - 3}/${seats} tilldelade`, { exact: true }).count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(1);

      expect(await revokedIds(sb)).toEqual(expected);
      const calls = await sb.log();
      expect(calls.filter((c) => c.api !== 'private')).toEqual([]);
      const revokes = calls.filter((c) => c.operation === 'revoke');
      expect(revokes.every((c) => c.status === 200 && c.path.startsWith('/internal/app/'))).toBe(true);
      expect(calls.some((c) => c.operation === 'listAssignments')).toBe(true);
      expect(pageErrors).toEqual([]);
    });
  });

  it('all at once (hash + grid + private + paged): the big dialog pages, ticks and withdraws', async () => {
    await withModes(
      { routing: 'hash', api: 'private', markup: 'grid', dialog: 'paged' },
      async (sb, page, pageErrors) => {
        const truth = apiOrder(sb, await truthOf(sb, BIG_TOOL_ID, BIG_LICENSE_ID));
        const total = truth.length;
        await page.goto(sb.loginUrl());
        await page.getByRole('heading', { level: 1, name: 'Verktygshantering' }).waitFor();
        await page.getByRole('searchbox').fill('matematik');
        await page.getByRole('link', { name: 'Matematik 7–9 Digital', exact: true }).click();
        expect(new URL(page.url()).hash).toBe(`#/tools/${BIG_TOOL_ID}`);
        const panel = page.getByRole('tabpanel', { name: 'Våra licenser' });
        const counter = panel.getByText(/^\d+\/\d+ tilldelade$/);
        await counter.waitFor();
        const [assignedBefore, seats] =
          ((await counter.textContent()) ?? '').split(' ')[0]?.split('/').map(Number) ?? [];
        await watchDialogInserts(page);
        await panel
          .getByRole('row')
          .filter({ hasText: `${total} användare` })
          .getByRole('button', { name: 'Hantera', exact: true })
          .click();
        const dialog = page.getByRole('dialog', { name: 'Tilldelade licenser' });
        await dialog.waitFor();
        expect(await page.evaluate(() => document.body.lastElementChild?.getAttribute('role'))).toBe(
          'dialog',
        );
        const inserts = await page.evaluate(
          () => (window as unknown as { dialogInserts: { rows: number; isDialog: boolean }[] }).dialogInserts,
        );
        expect(inserts).toEqual([{ rows: 51, isDialog: true }]);
        const rows = dataRowsOf(page, dialog);
        const status = dialog.getByText(/^Visar \d+ av \d+$/);
        expect(await rows.count()).toBe(50);
        expect(await status.textContent()).toBe(`Visar 50 av ${total}`);
        expect(await emailsOf(rows, 'gridcell')).toEqual(truth.slice(0, 50).map((a) => a.assignee.email));
        await dialog.getByRole('button', { name: 'Visa fler', exact: true }).click();
        await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(100);

        const emails = await emailsOf(rows, 'gridcell');
        await rows.nth(0).getByRole('checkbox').click();
        await rows.nth(75).getByRole('checkbox').check();
        const expected = [0, 75]
          .map((i) => truth.find((a) => a.assignee.email === emails[i])?.id as string)
          .sort();
        await dialog.getByRole('button', { name: 'Dra tillbaka', exact: true }).click();
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(`Visar 98 av ${total - 2}`);
        await expect
          .poll(
            () =>
              panel.getByText(`${(assignedBefore ?? 0) - 2}/${seats} tilldelade`, { exact: true }).count(),
            {
              timeout: 10_000,
            },
          )
          .toBe(1);
        await dialog.getByRole('button', { name: 'Visa fler', exact: true }).click();
        await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(148);
        const now = apiOrder(sb, await truthOf(sb, BIG_TOOL_ID, BIG_LICENSE_ID));
        expect(await emailsOf(rows, 'gridcell')).toEqual(now.slice(0, 148).map((a) => a.assignee.email));
        expect(await revokedIds(sb)).toEqual(expected);
        expect((await sb.log()).filter((c) => c.api !== 'private')).toEqual([]);
        await page.screenshot({ path: join(RESULTS, 'sandbox-all-modes-dialog.png') });
        expect(pageErrors).toEqual([]);
      },
    );
  });
});
