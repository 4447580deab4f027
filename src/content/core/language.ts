// Licenskoll's panel speaks the page's language (its lang attribute, else its labels), unless the
// options page chose one; either way the messages come from the background (no page-visible files).

import type { Messages } from '../../shared/i18n.ts';
import { storedLanguageChoice, type UiLanguage, uiLocale, useMessages } from '../../shared/i18n.ts';
import { pageLanguage } from '../page/language.ts';

export async function applyContentLanguage(
  doc: Document,
  messagesOf: (language: UiLanguage) => Promise<Messages>,
): Promise<UiLanguage> {
  const choice = await storedLanguageChoice().catch(() => 'auto' as const);
  const language = choice !== 'auto' ? choice : (pageLanguage(doc) ?? uiLocale());
  try {
    useMessages(language, await messagesOf(language));
  } catch (error) {
    console.debug('[Licenskoll] messages unavailable; browser language used', error);
  }
  return language;
}
