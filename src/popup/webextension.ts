// webextension-polyfill as the popup's own build has it (vite.popup.config.ts points the package
// here): the browser's own `browser` when it has one (Firefox, Chromium 148+), else the polyfill
// as before. Imported as a CommonJS default, the polyfill made the bundler copy every property of
// a native `browser`, and each copy set up an API binding: ~5 ms of every popup open for APIs the
// popup never uses. Goes when the polyfill goes.
import type Browser from 'webextension-polyfill';

const native = (globalThis as { browser?: typeof Browser }).browser;
const api: typeof Browser = native?.runtime?.id ? native : (await import('webextension-polyfill')).default;
export default api;
