// Every visible string comes from public/_locales (sv default, nb, en) through here.
// By default the browser's i18n picks the language; the options page may override it, and then
// the chosen locale's messages.json is fetched from the extension itself and formatted the same way.
// The first UI to fetch it keeps its messages (without the translators' notes) in storage.local for
// this version of the extension, so the next popup reads them with its other settings, in one read.
import type sv from '../../public/_locales/sv/messages.json';
import { extensionApi } from './extension-api.ts';

export type MessageKey = keyof typeof sv;
export type UiLanguage = 'sv' | 'nb' | 'en';
export type LanguageChoice = 'auto' | UiLanguage;

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Messages = Record<string, MessageEntry>;

/** storage.local key of the language override: a UI preference every UI reads before its first paint. */
export const LANGUAGE_KEY = 'uiLanguage';
/** storage.local key of the override's messages as the last UI that fetched them kept them (`KeptMessages`). */
export const LANGUAGE_MESSAGES_KEY = 'uiLanguageMessages';

interface KeptMessages {
  language: UiLanguage;
  /** The extension's version they came with: an update may change any message. */
  version: string;
  messages: Messages;
}

let override: { language: UiLanguage; messages: Messages } | null = null;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  if (override) {
    const entry = override.messages[key];
    return entry ? formatMessage(entry, subs) : key;
  }
  return browserMessage(key, subs) || key;
}

/** Stand-ins for $1…$9: private-use characters no message contains. */
const SLOTS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe000 + i));
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

/**
 * Switches every later t() to `choice` ('auto' = the browser's language), with the messages `kept`
 * in storage.local when they are that language's of this version, else from the locale's file
 * (then kept for the next UI). A popup with a language chosen spent ~15–35 ms of its open (median,
 * bench/popup.ts with LICENSKOLL_BENCH_LANGUAGE=sv) fetching the 88 KB file.
 */
async function useLanguage(choice: LanguageChoice, kept?: unknown): Promise<void> {
  if (choice === 'auto') {
    override = null;
    return;
  }
  const version = extensionVersion();
  const messages = keptMessagesOf(kept, choice, version);
  if (messages) {
    override = { language: choice, messages };
    return;
  }
  const fetched = await localeMessages(choice);
  override = { language: choice, messages: fetched };
  const record: KeptMessages = { language: choice, version, messages: fetched };
  extensionApi()
    .storage.local.set({ [LANGUAGE_MESSAGES_KEY]: record })
    .catch(() => undefined);
}

/** A locale's messages from the extension's own file, without the notes for translators. */
export async function localeMessages(language: UiLanguage): Promise<Messages> {
  const response = await fetch(extensionApi().runtime.getURL(`_locales/${language}/messages.json`));
  return withoutNotes(await response.json());
}

function extensionVersion(): string {
  try {
    return extensionApi().runtime.getManifest().version;
  } catch {
    return '';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The messages of a kept record, when it is `language`'s of `version` and every entry has its text. */
function keptMessagesOf(kept: unknown, language: UiLanguage, version: string): Messages | null {
  if (!isRecord(kept) || kept.language !== language || kept.version !== version || version === '')
    return null;
  const { messages } = kept;
  if (!isRecord(messages)) return null;
  for (const entry of Object.values(messages))
    if (!isRecord(entry) || typeof entry.message !== 'string') return null;
  return messages as Messages;
}

/** A messages.json as t() uses it: each text and its placeholders, not the notes for translators. */
function withoutNotes(file: unknown): Messages {
  const messages: Messages = {};
  if (!isRecord(file)) return messages;
  for (const [key, entry] of Object.entries(file)) {
    if (!isRecord(entry) || typeof entry.message !== 'string') continue;
    const kept: MessageEntry = { message: entry.message };
    if (isRecord(entry.placeholders)) {
      kept.placeholders = {};
      for (const [name, p] of Object.entries(entry.placeholders))
        if (isRecord(p) && typeof p.content === 'string') kept.placeholders[name] = { content: p.content };
    }
    messages[key] = kept;
  }
  return messages;
}

/** Switches every later t() to these messages (the content script gets them from the background). */
export function useMessages(language: UiLanguage, messages: Messages): void {
  override = { language, messages };
}

/** The choice stored under LANGUAGE_KEY ('auto' when none or not one of ours). */
export function languageChoiceOf(stored: unknown): LanguageChoice {
  return stored === 'sv' || stored === 'nb' || stored === 'en' ? stored : 'auto';
}

export async function storedLanguageChoice(): Promise<LanguageChoice> {
  return languageChoiceOf((await extensionApi().storage.local.get(LANGUAGE_KEY))[LANGUAGE_KEY]);
}

/**
 * Called once by each UI before its first render: applies the stored override, if any (`stored`:
 * LANGUAGE_KEY and LANGUAGE_MESSAGES_KEY when the caller has read them already, with other keys in
 * the same read).
 */
export async function initLanguage(stored?: Record<string, unknown>): Promise<UiLanguage> {
  const items =
    stored ??
    (await extensionApi()
      .storage.local.get([LANGUAGE_KEY, LANGUAGE_MESSAGES_KEY])
      .catch(() => ({}) as Record<string, unknown>));
  await useLanguage(languageChoiceOf(items[LANGUAGE_KEY]), items[LANGUAGE_MESSAGES_KEY]).catch(() =>
    useLanguage('auto'),
  );
  // The service worker has no document; it only needs t() in the right language.
  if (typeof document !== 'undefined') document.documentElement.lang = uiLocale();
  return uiLocale();
}

export async function saveLanguageChoice(choice: LanguageChoice): Promise<void> {
  await extensionApi().storage.local.set({ [LANGUAGE_KEY]: choice });
  await useLanguage(choice);
}
