// The popup's one storage read, started while its HTML is parsed, before its module is fetched,
// compiled and run: a classic script in the head runs at once, a module only after the document is
// parsed. src/popup/early-read.ts takes this promise (and reads itself when it is missing); its
// POPUP_READS are these keys (src/popup/early-read.test.ts checks that they match).
globalThis.__licenskollPopupRead = (globalThis.browser ?? globalThis.chrome).storage.local.get([
  'uiLanguage',
  'uiLanguageMessages',
  'summarySnapshot',
  'popupSchool',
]);
