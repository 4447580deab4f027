// A Licenskoll UI (popup, options, the content script's panel) holds a port to the background while
// it is open, so the background can tell whether anyone would see a job finish (else it notifies).
// The popup and the options page show every job; the license page's result card shows one job at a
// time and says which over its port ({ showing: jobId | null }), so only that job counts as seen.
import type { Runtime } from 'webextension-polyfill';
import { extensionApi } from '../extension-api.ts';

export const UI_PORT_PREFIX = 'licenskoll-ui:';

export type UiKind = 'popup' | 'options' | 'content';

/**
 * What a UI port says: the one job it shows (the content script's result card), or none; `starting`
 * while the card shows a job its tab is starting and has no id for yet.
 */
export interface ShowingMessage {
  showing: string | null;
  starting?: boolean;
}

export function announceVisibleUi(kind: UiKind): Runtime.Port | null {
  try {
    return extensionApi().runtime.connect({ name: `${UI_PORT_PREFIX}${kind}` });
  } catch {
    // No background to tell (e.g. during an update); notifications are a nicety.
    return null;
  }
}

/**
 * The license page's result card: tells the background which job it shows, reconnecting when the
 * worker was restarted (the port breaks then). `show(null)` when the card closes. The card calls
 * `show(null, true)` before it asks for a job, so the port is open and says so before the job can end.
 */
export function jobShownOnPage(): {
  show(jobId: string | null, starting?: boolean): void;
  close(): void;
} {
  let port: Runtime.Port | null = null;
  let showing: string | null = null;
  let starting = false;
  const send = () => {
    if (showing === null && !starting && port === null) return;
    if (!port) {
      port = announceVisibleUi('content');
      port?.onDisconnect.addListener(() => {
        port = null;
      });
    }
    try {
      port?.postMessage({ showing, starting } satisfies ShowingMessage);
    } catch {
      port = null;
    }
    if (showing === null && !starting) {
      port?.disconnect();
      port = null;
    }
  };
  return {
    show(jobId, isStarting = false) {
      const nowStarting = jobId === null && isStarting;
      if (jobId === showing && nowStarting === starting) return;
      showing = jobId;
      starting = nowStarting;
      send();
    },
    close() {
      showing = null;
      starting = false;
      send();
    },
  };
}
