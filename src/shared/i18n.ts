// Every visible string comes from public/_locales (sv default, nb, en) through here.
// By default the browser's i18n picks the language; the options page may override it, and then
// the chosen locale's messages.json is fetched from the extension itself and formatted the same way.
// Choosing and loading the override is src/shared/language-choice.ts (the popup, options page and
// background): the content script gets its messages from the background and needs none of it.
import type sv from '../../public/_locales/sv/messages.json';
import { extensionApi } from './extension-api.ts';

export type MessageKey = keyof typeof sv;
export type UiLanguage = 'sv' | 'nb' | 'en';
export type LanguageChoice = 'auto' | UiLanguage;

export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Messages = Record<string, MessageEntry>;

/** storage.local key of the language override: a UI preference every UI reads before its first paint. */
export const LANGUAGE_KEY = 'uiLanguage';

let override: { language: UiLanguage; messages: Messages } | null = null;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  if (override) {
    const entry = override.messages[key];
    return entry ? formatMessage(entry, subs) : key;
  }
  return browserMessage(key, subs) || key;
}

/**
 * Stand-ins for $1…$9: private-use characters no message contains. Marked pure: a bundle that takes
 * only LANGUAGE_KEY from here (the popup's early script) leaves it out.
 */
const SLOTS = /* @__PURE__ */ Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe000 + i));
const SLOT = /[\ue000-\ue008]/g;
/** Each message as the browser formats it for n substitutions, with SLOTS where they go. */
const templates = new Map<string, string>();

/**
 * The browser's message with `subs` in place. Asked once per key (and number of substitutions) and
 * page: a call into the extension API costs ~0.1 ms, and the popup's tool rows make a hundred.
 */
function browserMessage(key: string, subs: string[]): string {
  const cacheKey = `${key}/${subs.length}`;
  let template = templates.get(cacheKey);
  if (template === undefined) {
    template = extensionApi().i18n.getMessage(key, SLOTS.slice(0, subs.length));
    templates.set(cacheKey, template);
  }
  return subs.length === 0
    ? template
    : template.replace(SLOT, (slot) => subs[slot.charCodeAt(0) - 0xe000] ?? '');
}

/** Formats a messages.json entry as browsers do: named placeholders, then $1…$9, and $$ for "$". */
export function formatMessage(entry: MessageEntry, subs: string[]): string {
  let withNamed = namedResolved.get(entry);
  if (withNamed === undefined) {
    const named = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
    );
    withNamed = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
      return named.get(name.toLowerCase()) ?? whole;
    });
    namedResolved.set(entry, withNamed);
  }
  if (!withNamed.includes('$')) return withNamed;
  return withNamed.replace(/\$(\$|[1-9])/g, (_, d: string) =>
    d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
  );
}

/**
 * Each entry's message with its named placeholders resolved, made once: the license panel formats
 * its strings on every render (each keystroke), through formatMessage when the page's language is set.
 */
const namedResolved = new WeakMap<MessageEntry, string>();

let browserLanguage: string | null = null;

/** The UI language Intl should format for: the override, or the browser's UI language narrowed to ours. */
export function uiLocale(): UiLanguage {
  if (override) return override.language;
  browserLanguage ??= extensionApi().i18n.getUILanguage().toLowerCase();
  const lang = browserLanguage;
  if (lang.startsWith('nb') || lang.startsWith('no') || lang.startsWith('nn')) return 'nb';
  if (lang.startsWith('en')) return 'en';
  return 'sv';
}

/** Switches every later t() to these messages (the content script gets them from the background). */
export function useMessages(language: UiLanguage, messages: Messages): void {
  override = { language, messages };
}

/** Switches every later t() back to the browser's own language. */
export function useBrowserMessages(): void {
  override = null;
}

/** The choice stored under LANGUAGE_KEY ('auto' when none or not one of ours). */
export function languageChoiceOf(stored: unknown): LanguageChoice {
  return stored === 'sv' || stored === 'nb' || stored === 'en' ? stored : 'auto';
}

export async function storedLanguageChoice(): Promise<LanguageChoice> {
  return languageChoiceOf((await extensionApi().storage.local.get(LANGUAGE_KEY))[LANGUAGE_KEY]);
}
