// Every visible string comes from public/_locales (sv default, nb, en) through here.
import browser from 'webextension-polyfill';
import type sv from '../../public/_locales/sv/messages.json';

export type MessageKey = keyof typeof sv;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The UI language Intl should format for: the browser's UI language, narrowed to ours. */
export function uiLocale(): 'sv' | 'nb' | 'en' {
  const lang = browser.i18n.getUILanguage().toLowerCase();
  if (lang.startsWith('nb') || lang.startsWith('no') || lang.startsWith('nn')) return 'nb';
  if (lang.startsWith('en')) return 'en';
  return 'sv';
}
