// The sandbox's copy of Skolon's license page, driven as an administrator would, without the
// extension: Verktygshantering → search → the tool → gear → tick two rows → Dra tillbaka. The
// rows vanish, the counter drops by two, and the sandbox's log shows exactly those two
// assignments revoked. In sv, nb and en. Locators go by role and text only (class names are generated).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentPage, Session } from '../../src/shared/model.ts';
import { EXPIRING_TOOL_ID, MARKUP_USER_NAME } from '../sandbox/data/fixtures.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { launchPlainChromium } from './harness/chromium.ts';
import { RESULTS } from './harness/paths.ts';

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
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(c.locale);
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
        await expect.poll(() => breadcrumb.textContent()).toContain(c.tool);
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
        await expect.poll(() => withdraw.isEnabled()).toBe(true);
        if (c.locale === 'sv') await page.screenshot({ path: join(RESULTS, 'sandbox-dialog-sv.png') });

        const ids = await assignmentIdsByEmail(page, toolId);
        const expectedIds = ticked.map((email) => ids.get(email));
        expect(expectedIds.every((id) => typeof id === 'string')).toBe(true);

        await withdraw.click();

        // The two rows vanish; the others stay.
        for (const email of ticked) {
          await dialog.getByRole('row').filter({ hasText: email }).waitFor({ state: 'detached' });
        }
        await expect.poll(() => dataRows.count()).toBe(rowsBefore - 2);

        // The page's counter follows (getTool refetched).
        const counterAfter = `${(assignedBefore ?? 0) - 2}/${seats} ${c.assigned}`;
        await expect.poll(() => panel.getByText(counterAfter, { exact: true }).count()).toBe(1);

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
