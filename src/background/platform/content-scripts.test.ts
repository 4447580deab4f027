import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A fake `browser` with `scripting` and `permissions` as Chrome and Firefox (MV3) behave: both refuse
// a duplicate id and an unknown id; they report registrations in their own shapes.
type Kind = 'chrome' | 'firefox';
type Script = {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
  [key: string]: unknown;
};

const LOADER = 'assets/index.ts-loader-u9D7WvrP.js';
const FIREFOX_BASE = 'moz-extension://0b5e4c3a-1111-4222-8333-944445555666/';
/** The keys Firefox's schema knows for scripting.RegisteredContentScript; any other is refused. */
const FIREFOX_KEYS = new Set([
  'id',
  'js',
  'css',
  'matches',
  'excludeMatches',
  'allFrames',
  'runAt',
  'persistAcrossSessions',
  'matchOriginAsFallback',
  'world',
]);

function sandboxManifest(js = [LOADER], runAt = 'document_idle') {
  return {
    manifest_version: 3,
    content_scripts: [
      {
        js,
        matches: ['https://app.skolon.com/*', 'http://127.0.0.1/*', 'http://localhost/*'],
        run_at: runAt,
      },
    ],
  };
}

function fakeBrowser(kind: Kind) {
  const registered = new Map<string, Script>();
  const granted = new Set<string>();
  const calls: [string, unknown][] = [];
  const listeners = { added: [] as (() => void)[], removed: [] as (() => void)[] };
  let manifest = sandboxManifest();
  const files = new Set([LOADER, 'assets/index.ts-loader-NEW.js']);
  const publicShape = (s: Script): Script =>
    kind === 'chrome'
      ? {
          allFrames: false,
          id: s.id,
          js: s.js,
          matchOriginAsFallback: false,
          matches: s.matches,
          persistAcrossSessions: s.persistAcrossSessions ?? true,
          runAt: s.runAt ?? 'document_idle',
          world: 'ISOLATED',
        }
      : // as Firefox ESR 153 answers: its own key order, cssOrigin, js with the base stripped
        {
          id: s.id,
          allFrames: false,
          matches: s.matches,
          matchOriginAsFallback: false,
          runAt: s.runAt ?? 'document_idle',
          world: 'ISOLATED',
          persistAcrossSessions: s.persistAcrossSessions ?? true,
          cssOrigin: 'author',
          js: (s.js ?? []).map((p) => p.replace(FIREFOX_BASE, '')),
        };
  const fake = {
    kind,
    registered,
    granted,
    calls,
    files,
    setManifest(m: ReturnType<typeof sandboxManifest>) {
      manifest = m;
    },
    grant(pattern: string) {
      granted.add(pattern);
      for (const l of listeners.added) l();
    },
    revoke(pattern: string) {
      granted.delete(pattern);
      for (const l of listeners.removed) l();
    },
    runtime: {
      getURL: (path: string) =>
        (kind === 'firefox' ? FIREFOX_BASE : 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/') +
        path.replace(/^\//, ''),
      // Firefox gives the content script's files as absolute URLs here (Chrome as in the manifest).
      getManifest: () =>
        kind === 'firefox'
          ? {
              ...manifest,
              content_scripts: manifest.content_scripts.map((c) => ({
                ...c,
                js: c.js.map((p) => FIREFOX_BASE + p),
              })),
            }
          : manifest,
    },
    permissions: {
      contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) =>
        origins.every((o) => granted.has(o)),
      ),
      onAdded: { addListener: (l: () => void) => listeners.added.push(l) },
      onRemoved: { addListener: (l: () => void) => listeners.removed.push(l) },
    },
    scripting: {
      async registerContentScripts(scripts: Script[]) {
        calls.push(['register', structuredClone(scripts)]);
        const ids = scripts.map((s) => s.id);
        for (const s of scripts) {
          if (registered.has(s.id) || ids.indexOf(s.id) !== ids.lastIndexOf(s.id))
            throw new Error(`Duplicate script ID '${s.id}'`);
          if (s.id.startsWith('_')) throw new Error("Script's ID must not start with '_'");
          if (!s.matches?.length) throw new Error('Script with ID must specify at least one match');
          if (kind === 'firefox') {
            const unknown = Object.keys(s).find((k) => !FIREFOX_KEYS.has(k));
            if (unknown) throw new Error(`Unexpected property "${unknown}"`);
            const absolute = s.js?.find((js) => /^[a-z-]+:/.test(js));
            if (absolute) throw new Error(`String "${absolute}" must be a relative URL`);
          }
          for (const js of s.js ?? [])
            if (!files.has(js.replace(/^\//, ''))) throw new Error(`Could not load javascript '${js}'`);
        }
        for (const s of scripts)
          registered.set(
            s.id,
            kind === 'firefox'
              ? { ...s, js: (s.js ?? []).map((p) => FIREFOX_BASE + p.replace(/^\//, '')) }
              : s,
          );
      },
      async getRegisteredContentScripts(filter?: { ids?: string[] }) {
        calls.push(['get', filter]);
        return [...registered.values()]
          .filter((s) => !filter?.ids || filter.ids.includes(s.id))
          .map(publicShape);
      },
      async unregisterContentScripts(filter?: { ids?: string[] }) {
        calls.push(['unregister', structuredClone(filter)]);
        const ids = filter?.ids ?? [...registered.keys()];
        for (const id of ids) if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        for (const id of ids) registered.delete(id);
      },
    },
  };
  return fake;
}

let current: ReturnType<typeof fakeBrowser>;
vi.mock('webextension-polyfill', () => ({
  default: new Proxy({}, { get: (_target, key) => current[key as keyof typeof current] }),
}));
const { ID_PREFIX, startContentScripts, syncContentScripts } = await import('./content-scripts.ts');

const DEFAULT = 'https://app.skolon.com';
const LOCAL_ADDED = 'http://127.0.0.2:5555';
const REMOTE_ADDED = 'https://skolon.example.org:8443';
const writes = () => current.calls.filter(([method]) => method !== 'get');
const ids = () => [...current.registered.keys()].sort();

describe.each(['chrome', 'firefox'] as const)('content script registration (%s)', (kind) => {
  beforeEach(() => {
    current = fakeBrowser(kind);
    current.granted.add('http://127.0.0.2/*');
    current.granted.add('https://skolon.example.org/*');
  });

  it('registers the manifest’s own script for an added origin, in one exact shape', async () => {
    const report = await syncContentScripts([DEFAULT, LOCAL_ADDED]);
    expect(report).toEqual({
      patterns: ['http://127.0.0.2/*'],
      registered: [`${ID_PREFIX}http://127.0.0.2/*`],
      unregistered: [],
    });
    expect(writes()).toEqual([
      [
        'register',
        [
          {
            id: `${ID_PREFIX}http://127.0.0.2/*`,
            js: [LOADER],
            matches: ['http://127.0.0.2/*'],
            runAt: 'document_idle',
            persistAcrossSessions: true,
          },
        ],
      ],
    ]);
  });

  it('takes the run time from the manifest', async () => {
    current.setManifest(sandboxManifest([LOADER], 'document_end'));
    await syncContentScripts([LOCAL_ADDED]);
    expect(current.registered.get(`${ID_PREFIX}http://127.0.0.2/*`)?.runAt).toBe('document_end');
  });

  it('never registers the manifest’s static origins', async () => {
    current.granted.add('https://app.skolon.com/*');
    current.granted.add('http://127.0.0.1/*');
    current.granted.add('http://localhost/*');
    const report = await syncContentScripts([DEFAULT, 'http://127.0.0.1:4310', 'http://localhost:4999']);
    expect(report?.patterns).toEqual([]);
    expect(writes()).toEqual([]);
    expect(ids()).toEqual([]);
  });

  it('registers nothing twice when synced again, or twice at once', async () => {
    await syncContentScripts([DEFAULT, LOCAL_ADDED, REMOTE_ADDED]);
    const before = writes().length;
    expect(await syncContentScripts([DEFAULT, LOCAL_ADDED, REMOTE_ADDED])).toMatchObject({
      registered: [],
      unregistered: [],
    });
    await Promise.all([
      syncContentScripts([DEFAULT, LOCAL_ADDED, REMOTE_ADDED]),
      syncContentScripts([REMOTE_ADDED, LOCAL_ADDED]),
    ]);
    expect(writes()).toHaveLength(before);
    expect(ids()).toEqual([`${ID_PREFIX}http://127.0.0.2/*`, `${ID_PREFIX}https://skolon.example.org/*`]);
  });

  it('syncs that overlap from an empty start still register once', async () => {
    const results = await Promise.all([
      syncContentScripts([LOCAL_ADDED]),
      syncContentScripts([LOCAL_ADDED]),
      syncContentScripts([LOCAL_ADDED]),
    ]);
    expect(results.every((r) => r !== null)).toBe(true);
    expect(writes().filter(([m]) => m === 'register')).toHaveLength(1);
  });

  it('unregisters a removed origin and leaves the others', async () => {
    await syncContentScripts([DEFAULT, LOCAL_ADDED, REMOTE_ADDED]);
    const report = await syncContentScripts([DEFAULT, REMOTE_ADDED]);
    expect(report?.unregistered).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]);
    expect(ids()).toEqual([`${ID_PREFIX}https://skolon.example.org/*`]);
    await syncContentScripts([DEFAULT]);
    expect(ids()).toEqual([]);
  });

  it('gives one registration to several origins on one host (patterns have no port)', async () => {
    await syncContentScripts(['http://127.0.0.2:5555', 'http://127.0.0.2:6666']);
    expect(ids()).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]);
    await syncContentScripts(['http://127.0.0.2:6666']);
    expect(ids()).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]);
  });

  it('registers no origin whose permission is not granted', async () => {
    await syncContentScripts(['https://not-granted.example.org']);
    expect(ids()).toEqual([]);
    expect(current.permissions.contains).toHaveBeenCalledWith({
      origins: ['https://not-granted.example.org/*'],
    });
  });

  it('follows permissions granted and revoked in the browser, from the settings it reads', async () => {
    const origins = [DEFAULT, LOCAL_ADDED, 'https://later.example.org'];
    startContentScripts(async () => origins);
    await vi.waitFor(() => expect(ids()).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]));
    current.grant('https://later.example.org/*');
    await vi.waitFor(() =>
      expect(ids()).toEqual([`${ID_PREFIX}http://127.0.0.2/*`, `${ID_PREFIX}https://later.example.org/*`]),
    );
    current.revoke('http://127.0.0.2/*');
    await vi.waitFor(() => expect(ids()).toEqual([`${ID_PREFIX}https://later.example.org/*`]));
  });

  it('replaces a registration left by an older build (its loader file changed)', async () => {
    await syncContentScripts([LOCAL_ADDED]);
    current.setManifest(sandboxManifest(['assets/index.ts-loader-NEW.js']));
    const report = await syncContentScripts([LOCAL_ADDED]);
    expect(report?.unregistered).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]);
    expect(report?.registered).toEqual([`${ID_PREFIX}http://127.0.0.2/*`]);
    const [script] = await current.scripting.getRegisteredContentScripts();
    expect(script?.js).toEqual(['assets/index.ts-loader-NEW.js']);
  });

  it('leaves registrations it does not own alone', async () => {
    await current.scripting.registerContentScripts([
      { id: 'someone-else', js: [LOADER], matches: ['https://elsewhere.example/*'] },
    ]);
    await syncContentScripts([DEFAULT]);
    expect(ids()).toEqual(['someone-else']);
  });

  it('logs a failure, answers null, and the next sync still runs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    current.files.clear();
    expect(await syncContentScripts([LOCAL_ADDED])).toBeNull();
    expect(warn).toHaveBeenCalled();
    current.files.add(LOADER);
    expect((await syncContentScripts([LOCAL_ADDED]))?.registered).toHaveLength(1);
  });
});

describe('the Firefox shape', () => {
  afterEach(() => vi.restoreAllMocks());

  it('registers relative paths though Firefox’s manifest gives absolute ones, and reads them back', async () => {
    current = fakeBrowser('firefox');
    current.granted.add('http://127.0.0.2/*');
    expect(current.runtime.getManifest().content_scripts[0]?.js).toEqual([FIREFOX_BASE + LOADER]);
    await syncContentScripts([LOCAL_ADDED]);
    expect(writes()).toEqual([
      [
        'register',
        [
          {
            id: `${ID_PREFIX}http://127.0.0.2/*`,
            js: [LOADER],
            matches: ['http://127.0.0.2/*'],
            runAt: 'document_idle',
            persistAcrossSessions: true,
          },
        ],
      ],
    ]);
    const [script] = await current.scripting.getRegisteredContentScripts();
    expect(script).toMatchObject({ cssOrigin: 'author', js: [LOADER] });
    expect(await syncContentScripts([LOCAL_ADDED])).toMatchObject({ registered: [], unregistered: [] });
  });

  it('keeps a Firefox registration persisted from this same build across a restart', async () => {
    current = fakeBrowser('firefox');
    current.granted.add('http://127.0.0.2/*');
    // What Firefox restores before the background starts: the script persisted by the last session.
    current.registered.set(`${ID_PREFIX}http://127.0.0.2/*`, {
      id: `${ID_PREFIX}http://127.0.0.2/*`,
      js: [FIREFOX_BASE + LOADER],
      matches: ['http://127.0.0.2/*'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(await syncContentScripts([LOCAL_ADDED])).toMatchObject({ registered: [], unregistered: [] });
    expect(writes()).toEqual([]);
  });
});
