// A Licenskoll UI (popup, options, the content script's panel) holds a port to the background while
// it is open, so the background can tell whether anyone would see a job finish (else it notifies).
import browser from 'webextension-polyfill';

export const UI_PORT_PREFIX = 'licenskoll-ui:';

export function announceVisibleUi(kind: 'popup' | 'options' | 'content'): void {
  try {
    browser.runtime.connect({ name: `${UI_PORT_PREFIX}${kind}` });
  } catch {
    // No background to tell (e.g. during an update); notifications are a nicety.
  }
}
