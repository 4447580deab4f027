// Shared steps of the popup and options end-to-end tests: a sandbox, a browser signed in to it,
// the extension pointed at it, and the sandbox's truth to compare with.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { RequestType } from '../../src/shared/protocol/types.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { type ExtensionBrowser, launchChromiumWithExtension, sendFromPage } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';

export interface TruthTool {
  id: string;
  name: string;
  seats: number;
  assigned: number;
  nextExpiry: string | null;
}

export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0, students: 2000 });
}

/**
 * The hooks of a file whose tests each sign in afresh: one sandbox for the file (its seed data back
 * before every test) and a new Chromium with the sandbox build per test. Tests read `env.sandbox`
 * and `env.chromium`.
 */
export function perTestChromium<S extends { url: string; close(): Promise<void> }>(start: () => Promise<S>) {
  let sandbox: S | null = null;
  let chromium: ExtensionBrowser | null = null;
  beforeAll(async () => {
    sandbox = await start();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await fetch(`${env.sandbox.url}/__sandbox/reset`, { method: 'POST' });
    chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  });
  afterEach(async () => {
    await chromium?.close();
    chromium = null;
  });
  const env = {
    get sandbox(): S {
      if (!sandbox) throw new Error('the sandbox starts before the first test');
      return sandbox;
    },
    get chromium(): ExtensionBrowser {
      if (!chromium) throw new Error('Chromium runs only during a test');
      return chromium;
    },
  };
  return env;
}

export async function truthTools(sandbox: Sandbox, schoolId = 'school-demo'): Promise<TruthTool[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/state/tools?schoolId=${schoolId}`);
  return ((await res.json()) as { tools: TruthTool[] }).tools;
}

export interface TruthAssignment {
  id: string;
  toolId: string;
  licenseId: string;
  assignee: {
    type: 'USER' | 'GROUP';
    id: string;
    role?: string;
    active?: boolean;
    groups?: { id: string }[];
  };
}

export async function truthAssignments(sandbox: Sandbox, toolId?: string): Promise<TruthAssignment[]> {
  const q = toolId ? `&toolId=${toolId}` : '';
  const res = await fetch(`${sandbox.url}/__sandbox/state/assignments?schoolId=school-demo${q}`);
  return ((await res.json()) as { assignments: TruthAssignment[] }).assignments;
}

export interface LogCall {
  operation: string;
  toolId?: string;
  ids?: string[];
  outcomes?: { id: string; outcome: string; assignmentId?: string }[];
  dryRun?: boolean;
  replayed?: boolean;
}

/** Outcomes that changed data (not dry runs, not replays), as "toolId outcome id" lines. */
export function effects(calls: LogCall[], outcome: string): string[] {
  return calls
    .filter((c) => !c.dryRun && !c.replayed)
    .flatMap((c) => (c.outcomes ?? []).filter((o) => o.outcome === outcome).map((o) => `${c.toolId} ${o.id}`))
    .sort();
}

export async function sandboxLog(sandbox: Sandbox, operation?: string): Promise<LogCall[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/log${operation ? `?operation=${operation}` : ''}`);
  return ((await res.json()) as { calls: LogCall[] }).calls;
}

export const popupUrl = (extensionId: string) => `chrome-extension://${extensionId}/src/popup/index.html`;
export const optionsUrl = (extensionId: string) => `chrome-extension://${extensionId}/src/options/index.html`;

/** Sends one protocol request from an extension page (as the popup would). */
export async function send<T>(page: Page, type: RequestType, payload: unknown): Promise<T> {
  const reply = await sendFromPage<T>(page, type, payload);
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.data;
}

/** Signs in to the sandbox in the browser (the cookie the background's fetches carry) and points the
 * extension at the sandbox's origin. Returns an extension page to send requests from. */
export async function signInAndPoint(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  role: 'SCHOOL_ADMIN' | 'ORG_ADMIN' = 'SCHOOL_ADMIN',
  language: 'sv' | 'nb' | 'en' = 'sv',
): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`${sandbox.url}/__sandbox/login?role=${role}&locale=sv&next=/skoladmin/verktyg`);
  await tab.close();
  const page = await context.newPage();
  await page.goto(optionsUrl(extensionId));
  await send(page, 'setSettings', {
    patch: { origins: ['https://app.skolon.com', sandbox.url], activeOrigin: sandbox.url },
  });
  // Headless Chromium speaks English; the tests read the Swedish UI through the language override.
  await page.evaluate((language) => chrome.storage.local.set({ uiLanguage: language }), language);
  return page;
}

/** The popup's tool rows as the administrator sees them. */
export async function popupCounts(page: Page): Promise<Record<string, { assigned: number; seats: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { assigned: number; seats: number }> = {};
    for (const li of document.querySelectorAll<HTMLElement>('[data-tool-id]')) {
      const counts = li.querySelector<HTMLElement>('[data-assigned]');
      out[li.dataset.toolId ?? ''] = {
        assigned: Number(counts?.dataset.assigned),
        seats: Number(counts?.dataset.seats),
      };
    }
    return out;
  });
}

export function countsOf(tools: TruthTool[]): Record<string, { assigned: number; seats: number }> {
  return Object.fromEntries(tools.map((t) => [t.id, { assigned: t.assigned, seats: t.seats }]));
}

/**
 * Withdraws the first `count` of a tool's assignments (the sandbox's order) as the license page
 * would (a runtime message from `page`), and waits until the job is done.
 */
export async function withdrawFirst(
  page: Page,
  sandbox: Sandbox,
  toolId: string,
  count: number,
): Promise<void> {
  const ids = (await truthAssignments(sandbox, toolId)).slice(0, count).map((a) => a.id);
  const { job } = await send<{ job: { id: string } }>(page, 'startWithdrawal', {
    toolId,
    assignmentIds: ids,
    label: 'e2e',
  });
  await expect
    .poll(
      async () =>
        (await send<{ jobs: { id: string; state: string }[] }>(page, 'listJobs', { limit: 5 })).jobs.find(
          (j) => j.id === job.id,
        )?.state,
      { timeout: 30_000 },
    )
    .toBe('done');
}
