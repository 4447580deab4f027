// Which language the page speaks, so that Licenskoll's panel speaks it too: the document's lang
// attribute first, else the page's own labels (its tabs and column headers in sv, nb or en).
import { fold } from '../../shared/fold.ts';
import type { UiLanguage } from '../../shared/i18n.ts';

/** "sv", "sv-SE", "nb-NO", "no", "nn", "en-GB" → ours; anything else → null. */
export function languageOfTag(tag: string | null | undefined): UiLanguage | null {
  const lang = (tag ?? '').trim().toLowerCase();
  if (lang.startsWith('sv')) return 'sv';
  if (lang.startsWith('nb') || lang.startsWith('no') || lang.startsWith('nn')) return 'nb';
  if (lang.startsWith('en')) return 'en';
  return null;
}

/** Words only one of the three languages uses on the license page. */
const LABELS: Record<UiLanguage, string[]> = {
  sv: ['Våra licenser', 'Licenstid', 'Tillgänglighet', 'Hantering', 'Dra tillbaka', 'tilldelade'],
  nb: ['Våre lisenser', 'Lisenstid', 'Tilgjengelighet', 'Håndtering', 'Trekk tilbake', 'tildelt'],
  en: ['Our licences', 'Our licenses', 'Licence period', 'Availability', 'Withdraw', 'assigned'],
};

export function pageLanguage(doc: Document): UiLanguage | null {
  const tagged = languageOfTag(doc.documentElement.getAttribute('lang'));
  if (tagged) return tagged;
  const text = fold(doc.body?.textContent ?? '');
  let best: UiLanguage | null = null;
  let bestHits = 0;
  for (const [language, words] of Object.entries(LABELS) as [UiLanguage, string[]][]) {
    const hits = words.filter((w) => text.includes(fold(w))).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}
