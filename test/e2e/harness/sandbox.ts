// The sandbox for end-to-end tests: one server per test file, its controls, logging in inside a
// browser (so the extension's fetches carry the admin's cookie), and exactly-once counting.
import type { BrowserContext } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { revokedCounts, SandboxClient } from '../../sandbox/client.ts';
import type { FaultSettings } from '../../sandbox/faults.ts';
import type { LogEntry } from '../../sandbox/log.ts';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';

export interface TestSandbox {
  sandbox: Sandbox;
  client: SandboxClient;
  url: string;
  reset(): Promise<void>;
  faults(settings: Partial<FaultSettings>): Promise<FaultSettings>;
  log(filter?: { operation?: string; since?: number }): Promise<LogEntry[]>;
  /** How many times each assignment was actually revoked (replays and dry runs excluded). */
  revocationsPerId(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function startTestSandbox(students = 2000): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, students });
  const client = new SandboxClient(sandbox.url);
  return {
    sandbox,
    client,
    url: sandbox.url,
    reset: () => client.reset(),
    faults: (settings) => client.faults(settings),
    log: (filter) => client.log(filter),
    revocationsPerId: async () => revokedCounts(await client.log({ operation: 'revoke' })),
    close: () => sandbox.close(),
  };
}

export const loginUrl = (url: string, role = 'SCHOOL_ADMIN', locale = 'sv') =>
  `${url}/__sandbox/login?role=${role}&locale=${locale}&next=/skoladmin/verktyg`;

/** Signs in inside a Playwright (Chromium) context: the cookie lands in the browser's jar. */
export async function loginInChromium(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(loginUrl(url));
  await page.close();
}

/** Signs in inside a puppeteer (Firefox) page. */
export async function loginInFirefox(page: PuppeteerPage, url: string): Promise<void> {
  await page.goto(loginUrl(url));
}

/** Assignment ids of one tool, straight from the sandbox's truth. */
export async function assignmentIdsOf(
  client: SandboxClient,
  toolId: string,
  count: number,
): Promise<string[]> {
  const { assignments } = await client.state<{ assignments: { id: string }[] }>('assignments', { toolId });
  if (assignments.length < count) throw new Error(`only ${assignments.length} assignments on ${toolId}`);
  return assignments.slice(0, count).map((a) => a.id);
}

/** Holders (type|id|licenseId) of one tool right now, to check that an undo brought them back. */
export async function holdersOf(client: SandboxClient, toolId: string): Promise<Set<string>> {
  const { assignments } = await client.state<{
    assignments: { licenseId: string; assignee: { type: string; id: string } }[];
  }>('assignments', { toolId });
  return new Set(assignments.map((a) => `${a.assignee.type}|${a.assignee.id}|${a.licenseId}`));
}

/** Every id revoked exactly once, and nothing else revoked. */
export function exactlyOnce(
  counts: Map<string, number>,
  ids: string[],
): { missing: string[]; repeated: string[]; extra: string[] } {
  const wanted = new Set(ids);
  return {
    missing: ids.filter((id) => !counts.has(id)),
    repeated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    extra: [...counts.keys()].filter((id) => !wanted.has(id)),
  };
}
