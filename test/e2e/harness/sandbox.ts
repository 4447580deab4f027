// The sandbox for end-to-end tests: one server per test file, its controls, logging in inside a
// browser (so the extension's fetches carry the admin's cookie), and exactly-once counting.
// Modes (test/sandbox/modes.ts) make the site differ: startTestSandbox({ routing: 'hash',
// api: 'private', markup: 'grid', dialog: 'paged' }); the URL helpers follow the routing.
import type { BrowserContext } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { revokedCounts, SandboxClient } from '../../sandbox/client.ts';
import type { FaultSettings } from '../../sandbox/faults.ts';
import type { LogEntry } from '../../sandbox/log.ts';
import {
  DEFAULT_MODES,
  type Routing,
  type SandboxModes,
  toolListPath,
  toolPagePath,
} from '../../sandbox/modes.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server.ts';

export type { SandboxModes } from '../../sandbox/modes.ts';

export interface TestSandboxOptions extends Partial<SandboxModes> {
  /** Default 2000. */
  students?: number;
  /** Default 1. */
  seed?: number;
  /** Changes the generated data before it is served, at start and after every reset. */
  patchData?: SandboxOptions['patchData'];
}

export interface TestSandbox {
  sandbox: Sandbox;
  client: SandboxClient;
  url: string;
  /** The modes it runs in (defaults filled in). */
  modes: SandboxModes;
  /** The tool list and a tool's license page, full URLs for this sandbox's routing. */
  toolListUrl(): string;
  toolPageUrl(toolId: string): string;
  /** Signs in through GET /__sandbox/login and lands on `toolId`'s page (or the tool list). */
  loginUrl(opts?: LoginUrlOptions): string;
  reset(): Promise<void>;
  faults(settings: Partial<FaultSettings>): Promise<FaultSettings>;
  log(filter?: { operation?: string; since?: number }): Promise<LogEntry[]>;
  /** How many times each assignment was actually revoked (replays and dry runs excluded). */
  revocationsPerId(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** `startTestSandbox(2000)` (students) or `startTestSandbox({ students, routing, api, markup, dialog })`. */
export async function startTestSandbox(opts: number | TestSandboxOptions = {}): Promise<TestSandbox> {
  const o: TestSandboxOptions = typeof opts === 'number' ? { students: opts } : opts;
  const sandbox = await startSandbox({ ...o, port: 0, seed: o.seed ?? 1, students: o.students ?? 2000 });
  const client = new SandboxClient(sandbox.url);
  const { modes } = sandbox;
  return {
    sandbox,
    client,
    url: sandbox.url,
    modes,
    toolListUrl: () => toolListUrl(sandbox.url, modes),
    toolPageUrl: (toolId) => toolPageUrl(sandbox.url, toolId, modes),
    loginUrl: (login = {}) => loginUrlFor(sandbox.url, { routing: modes.routing, ...login }),
    reset: () => client.reset(),
    faults: (settings) => client.faults(settings),
    log: (filter) => client.log(filter),
    revocationsPerId: async () => revokedCounts(await client.log({ operation: 'revoke' })),
    close: () => sandbox.close(),
  };
}

/** A routing, or anything that carries one (a TestSandbox, its modes, `{ routing }`); default history. */
export type RoutingOf = Routing | { routing?: Routing } | { modes: { routing: Routing } } | undefined;

function routingOf(mode: RoutingOf): Routing {
  if (mode === undefined) return DEFAULT_MODES.routing;
  if (typeof mode === 'string') return mode;
  if ('modes' in mode) return mode.modes.routing;
  return mode.routing ?? DEFAULT_MODES.routing;
}

/** The tool list: `${url}/skoladmin/verktyg` or `${url}/app/#/tools`. */
const toolListUrl = (url: string, mode?: RoutingOf) => `${url}${toolListPath(routingOf(mode))}`;

/** A tool's license page: `${url}/skoladmin/verktyg/{id}` or `${url}/app/#/tools/{id}`. */
const toolPageUrl = (url: string, toolId: string, mode?: RoutingOf) =>
  `${url}${toolPagePath(routingOf(mode), toolId)}`;

/** Signs in the default way (history routing, lands on the tool list). Kept for existing tests. */
const loginUrl = (url: string, role = 'SCHOOL_ADMIN', locale = 'sv') =>
  `${url}/__sandbox/login?role=${role}&locale=${locale}&next=/skoladmin/verktyg`;

export interface LoginUrlOptions {
  routing?: RoutingOf;
  role?: 'SCHOOL_ADMIN' | 'ORG_ADMIN';
  locale?: 'sv' | 'nb' | 'en';
  /** Land on this tool's page; default the tool list. */
  toolId?: string;
}

/** A login URL whose `next` suits the routing (the hash is encoded: next=/app/%23/tools/ID). */
export function loginUrlFor(url: string, opts: LoginUrlOptions = {}): string {
  const routing = routingOf(opts.routing);
  const next = opts.toolId === undefined ? toolListPath(routing) : toolPagePath(routing, opts.toolId);
  const q = new URLSearchParams({ role: opts.role ?? 'SCHOOL_ADMIN', locale: opts.locale ?? 'sv', next });
  return `${url}/__sandbox/login?${q.toString()}`;
}

/** Signs in inside a Playwright (Chromium) context: the cookie lands in the browser's jar. */
export async function loginInChromium(context: BrowserContext, url: string, mode?: RoutingOf): Promise<void> {
  const page = await context.newPage();
  await page.goto(mode === undefined ? loginUrl(url) : loginUrlFor(url, { routing: mode }));
  await page.close();
}

/** Signs in inside a puppeteer (Firefox) page. */
export async function loginInFirefox(page: PuppeteerPage, url: string, mode?: RoutingOf): Promise<void> {
  await page.goto(mode === undefined ? loginUrl(url) : loginUrlFor(url, { routing: mode }));
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

/** Current holders of a tool (optionally one license) who are members of a class, from the
 * sandbox's truth: e.g. holdersInClass(client, BIG_TOOL_ID, CLASS_9B_NAME). */
export async function holdersInClass(
  client: SandboxClient,
  toolId: string,
  className: string,
  licenseId?: string,
): Promise<{ assignmentId: string; userId: string; name: string }[]> {
  const { assignments } = await client.state<{
    assignments: { id: string; assignee: { id: string; name: string; groups?: { name: string }[] } }[];
  }>('assignments', { toolId, ...(licenseId ? { licenseId } : {}) });
  return assignments
    .filter((a) => a.assignee.groups?.some((g) => g.name === className))
    .map((a) => ({ assignmentId: a.id, userId: a.assignee.id, name: a.assignee.name }));
}
