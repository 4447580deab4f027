// Where the worker keeps what must outlive its own restarts but not the browser session:
// storage.session, or storage.local where the browser has no session area.
import browser from 'webextension-polyfill';

export const sessionArea = () => browser.storage.session ?? browser.storage.local;
