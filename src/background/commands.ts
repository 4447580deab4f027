// Browser commands (manifest `commands`): "focus-search" is relayed to the active tab's content
// script, which focuses Licenskoll's search on the license page. Nobody listening is normal.
import browser from 'webextension-polyfill';
import { CHANNEL } from '../shared/protocol.ts';

export const FOCUS_SEARCH_COMMAND = 'focus-search';

browser.commands.onCommand.addListener((command) => {
  if (command !== FOCUS_SEARCH_COMMAND) return;
  browser.tabs
    .query({ active: true, currentWindow: true })
    .then(([tab]) => {
      if (tab?.id !== undefined)
        return browser.tabs.sendMessage(tab.id, { channel: CHANNEL, command: FOCUS_SEARCH_COMMAND });
    })
    .catch(() => undefined);
});
