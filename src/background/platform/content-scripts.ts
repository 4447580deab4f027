// The content script on Skolon origins the administrator added in the options page: the manifest
// declares it statically for its own origins only, so for every other allowed origin whose host
// permission is granted, this module registers the same script with `scripting`, and keeps the
// registrations equal to that set (add, remove, revoke in the browser, worker start, extension update).
//
// Chrome and Firefox (MV3) differ here, and this is the one place that deals with it:
// - Only this extension's own registrations are touched: their ids carry ID_PREFIX.
// - persistAcrossSessions: true in both (Firefox since 105; the manifest asks for 140+), so pages
//   get the script before the worker wakes. Whatever a browser keeps across a restart or an update,
//   a registration naming another build's loader file is replaced: every sync compares the files too.
// - Firefox's runtime.getManifest() gives the content script's `js` as absolute moz-extension://
//   URLs, while registerContentScripts takes relative ones only: the base is stripped first.
// - Each browser reads registrations back in its own shape (Firefox adds cssOrigin and its own key
//   order; older Firefox lacked world and matchOriginAsFallback), so only id, js, matches and runAt
//   are compared, and only keys both know are registered (world and the rest keep their defaults).
// - Registrations use the permission's match pattern, which has no port (host permissions ignore
//   ports), so one registration covers a host on every port: several origins on one host share it.
// - Both refuse to register an id that exists or unregister one that does not, so a sync computes
//   the difference first, and syncs run one after another (an add and a permission event can overlap).
import browser, { type Manifest, type Scripting } from 'webextension-polyfill';
import { coveredBy, permissionPattern } from '../../shared/origins.ts';

export const ID_PREFIX = 'licenskoll-origin:';

type RunAt = NonNullable<Scripting.RegisteredContentScript['runAt']>;

interface Wanted {
  id: string;
  js: string[];
  matches: string[];
  runAt: RunAt;
  persistAcrossSessions: true;
}

export interface SyncReport {
  /** The patterns registered now (sorted). */
  patterns: string[];
  registered: string[];
  unregistered: string[];
}

/** A path inside the extension as registerContentScripts takes it: relative, without a leading slash. */
function relative(path: string): string {
  const base = browser.runtime.getURL('/');
  return (path.startsWith(base) ? path.slice(base.length) : path).replace(/^\//, '');
}

/** The static content script of the built manifest (crxjs turns `js` into its loader in assets/). */
function staticScript(manifest: Manifest.WebExtensionManifest) {
  const scripts = manifest.content_scripts ?? [];
  return {
    js: (scripts[0]?.js ?? []).map(relative),
    runAt: (scripts[0]?.run_at ?? 'document_idle') as RunAt,
    matches: scripts.flatMap((s) => s.matches ?? []),
  };
}

/** The registrations the allowed origins call for: not covered by the manifest, permission granted. */
async function wantedScripts(origins: readonly string[]): Promise<Wanted[]> {
  const { js, runAt, matches } = staticScript(browser.runtime.getManifest());
  if (js.length === 0) return [];
  const patterns = new Set<string>();
  for (const origin of origins) {
    try {
      if (!coveredBy(matches, origin)) patterns.add(permissionPattern(origin));
    } catch {
      // not a URL: the settings schema never lets one in, and it gets no script
    }
  }
  const wanted: Wanted[] = [];
  for (const pattern of [...patterns].sort()) {
    const granted = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    if (granted)
      wanted.push({ id: ID_PREFIX + pattern, js, matches: [pattern], runAt, persistAcrossSessions: true });
  }
  return wanted;
}

const bare = (path: string) => path.replace(/^\//, '');
const sameList = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((x, i) => bare(x) === bare(b[i] ?? ''));

function same(registered: Scripting.RegisteredContentScript, wanted: Wanted): boolean {
  return (
    sameList(registered.js, wanted.js) &&
    sameList(registered.matches, wanted.matches) &&
    (registered.runAt ?? 'document_idle') === wanted.runAt
  );
}

async function syncNow(origins: readonly string[]): Promise<SyncReport> {
  const wanted = await wantedScripts(origins);
  const byId = new Map(wanted.map((w) => [w.id, w]));
  const ours = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(ID_PREFIX),
  );
  const stale = ours.filter((s) => {
    const w = byId.get(s.id);
    return !w || !same(s, w);
  });
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const kept = new Set(ours.filter((s) => !stale.includes(s)).map((s) => s.id));
  const missing = wanted.filter((w) => !kept.has(w.id));
  if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
  return {
    patterns: wanted.map((w) => w.matches[0] ?? ''),
    registered: missing.map((w) => w.id),
    unregistered: stale.map((s) => s.id),
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the registered content scripts match `origins` (the settings' allowed origins). Idempotent;
 * calls run one after another. Never throws: a failure is logged and answered with null.
 */
export function syncContentScripts(origins: readonly string[]): Promise<SyncReport | null> {
  const run = queue.then(() =>
    syncNow(origins).catch((error: unknown) => {
      console.warn('[Licenskoll] content script registration failed', error);
      return null;
    }),
  );
  queue = run;
  return run;
}

/**
 * On every worker start: sync once, and again whenever a host permission is granted or revoked
 * (also from the browser's own UI, which changes no settings). Call at the worker's top level, so
 * the permission events wake the worker.
 */
export function startContentScripts(loadOrigins: () => Promise<readonly string[]>): void {
  const sync = () => {
    loadOrigins()
      .then((origins) => syncContentScripts(origins))
      .catch((error: unknown) => console.warn('[Licenskoll] could not read the allowed origins', error));
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
}
