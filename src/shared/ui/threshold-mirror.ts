// The confirmation threshold, mirrored into storage.local for the license page's content script:
// the background's settings live in its IndexedDB, which a content script cannot read, and the
// content script may not ask for the settings (src/background/messaging/screen.ts CONTENT_SCRIPT_REQUESTS).
// The popup and the options page write it whenever they read or save the settings.
import { extensionApi } from '../extension-api.ts';

const THRESHOLD_KEY = 'licenskoll.confirmThreshold';
/** DEFAULT_SETTINGS.confirmThreshold (a test keeps them equal; settings.ts is too big to import here). */
export const DEFAULT_THRESHOLD = 20;

export async function mirrorThreshold(threshold: number): Promise<void> {
  try {
    await extensionApi().storage.local.set({ [THRESHOLD_KEY]: threshold });
  } catch {
    // No storage (a test double) or the browser refused: the page keeps the default.
  }
}

export async function mirroredThreshold(): Promise<number> {
  let value: unknown;
  try {
    value = (await extensionApi().storage.local.get(THRESHOLD_KEY))[THRESHOLD_KEY];
  } catch {
    value = undefined;
  }
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_THRESHOLD;
}
