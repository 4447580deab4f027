// The background's job tests run against the in-process sandbox with a fresh fake-indexeddb store
// per test. One place starts the sandbox, signs in, routes the adapter's fetch through the session
// cookie (and a per-test interceptor), and points the settings at the sandbox.
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useFetch } from '../../src/background/platform/session.ts';
import { saveSettings } from '../../src/background/platform/settings-store.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { openStore, type Store } from '../../src/shared/store.ts';
import { SandboxClient } from '../sandbox/client.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import type { AdminRole } from '../sandbox/sessions.ts';

/** A fetch in front of the sandbox for one test; `pass` sends the request on with the cookie. */
type Intercept = (
  url: string,
  init: RequestInit | undefined,
  pass: () => Promise<Response>,
) => Promise<Response>;

export interface SandboxStore {
  sandbox: Sandbox;
  client: SandboxClient;
  store: Store;
  /** Reset to null before each test (straight through). */
  intercept: Intercept | null;
  /** Signs in again (a new session cookie), e.g. after the test expired the session. */
  signIn(role?: AdminRole): Promise<void>;
  /** The first `count` assignment ids of the big tool. */
  bigToolIds(count: number): Promise<string[]>;
}

export function useSandboxStore(students: number): SandboxStore {
  let cookie = '';
  const env = { intercept: null } as SandboxStore;
  env.signIn = async (role) => {
    cookie = (await env.client.login(role)).cookie;
  };
  env.bigToolIds = async (count) => {
    const { assignments } = await env.client.state<{ assignments: { id: string }[] }>('assignments', {
      toolId: BIG_TOOL_ID,
    });
    return assignments.slice(0, count).map((a) => a.id);
  };
  beforeAll(async () => {
    env.sandbox = await startSandbox({ port: 0, students });
    env.client = new SandboxClient(env.sandbox.url);
    useFetch((input, init) => {
      const pass = () =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
      return env.intercept ? env.intercept(String(input), init, pass) : pass();
    });
  });
  afterAll(async () => {
    useFetch(undefined);
    await env.sandbox.close();
  });
  beforeEach(async () => {
    env.intercept = null;
    globalThis.indexedDB = new IDBFactory();
    await env.client.reset();
    await env.signIn();
    env.store = await openStore();
    await saveSettings(env.store, {
      ...DEFAULT_SETTINGS,
      origins: [env.sandbox.url],
      batchSize: 50,
      requestsPerSecond: 50,
    });
  });
  return env;
}
