// Background → UI events: to our extension pages (popup, options) and to the content scripts of
// open Skolon tabs. Nobody listening is normal ("Receiving end does not exist"), never an error.
import browser from 'webextension-polyfill';
import { permissionPattern, SANDBOX_LOCAL_PATTERNS } from '../../shared/origins.ts';
import { CHANNEL, type EventMessage, type Events, type EventType } from '../../shared/protocol/types.ts';
import { summaryChanged } from '../cache/summary-changes.ts';
import { sandboxBuild } from '../platform/flavour.ts';
import { notifyJobChanged } from '../platform/notify.ts';

/** Origins whose tabs may hold our content script; set by the worker from the settings. */
let tabPatterns: string[] = [];

export function setBroadcastOrigins(origins: string[]): void {
  // Match patterns carry no port in Firefox: the host's pattern (our content script screens events).
  const patterns = [...new Set(origins.map(permissionPattern))];
  tabPatterns = sandboxBuild ? [...patterns, ...SANDBOX_LOCAL_PATTERNS] : patterns;
}

const SUMMARY_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'syncFinished',
  'sessionChanged',
  'jobChanged',
]);

export function broadcast<K extends EventType>(event: K, payload: Events[K]): void {
  const message: EventMessage<K> = { channel: CHANNEL, event, payload };
  // The events an open popup reads its summary again on: a closed popup's first paint follows too.
  if (SUMMARY_EVENTS.has(event)) summaryChanged();
  // A job that finishes or pauses unseen becomes a notification (popup's notify.ts).
  if (event === 'jobChanged') notifyJobChanged((payload as Events['jobChanged']).job).catch(quiet);
  browser.runtime.sendMessage(message).catch(quiet);
  if (tabPatterns.length === 0) return;
  browser.tabs
    .query({ url: tabPatterns })
    .then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(quiet);
      }
    })
    .catch(quiet);
}

const quiet = (): void => undefined;
