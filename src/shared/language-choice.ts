// The UI language the options page may choose over the browser's, applied before each UI's first
// render (popup, options page, the background's notifications). A chosen locale's messages.json is
// fetched from the extension itself; the first UI to fetch it keeps its messages (without the
// translators' notes) in storage.local for this version of the extension, so the next popup reads
// them with its other settings, in one read.
import { extensionApi } from './extension-api.ts';
import {
  LANGUAGE_KEY,
  type LanguageChoice,
  languageChoiceOf,
  type MessageEntry,
  type Messages,
  type UiLanguage,
  uiLocale,
  useBrowserMessages,
  useMessages,
} from './i18n.ts';

/** storage.local key of the override's messages as the last UI that fetched them kept them (`KeptMessages`). */
export const LANGUAGE_MESSAGES_KEY = 'uiLanguageMessages';

interface KeptMessages {
  language: UiLanguage;
  /** The extension's version they came with: an update may change any message. */
  version: string;
  messages: Messages;
}

/**
 * Switches every later t() to `choice` ('auto' = the browser's language), with the messages `kept`
 * in storage.local when they are that language's of this version, else from the locale's file
 * (then kept for the next UI). A popup with a language chosen fetched the 88 KB file after its
 * storage read on every open: its language was ready 27.7–57.3 ms after that read (medians of two
 * runs of 40 opens in Chromium), and now with it.
 */
async function useLanguage(choice: LanguageChoice, kept?: unknown): Promise<void> {
  if (choice === 'auto') {
    useBrowserMessages();
    return;
  }
  const version = extensionVersion();
  const messages = keptMessagesOf(kept, choice, version);
  if (messages) {
    useMessages(choice, messages);
    return;
  }
  const fetched = await localeMessages(choice);
  useMessages(choice, fetched);
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
