// Numbers, dates and "how long ago" in the UI language, through Intl (never hand-built strings).
export type UiLanguage = 'sv' | 'nb' | 'en';

const INTL_TAG: Record<UiLanguage, string> = { sv: 'sv-SE', nb: 'nb-NO', en: 'en-GB' };

/**
 * One formatter per language and kind, made once: building an Intl formatter costs far more than
 * using one (300 tool rows built ~900 of them per popup paint).
 */
function cached<F>(make: (tag: string) => F): (language: UiLanguage) => F {
  const made = new Map<UiLanguage, F>();
  return (language) => {
    let formatter = made.get(language);
    if (formatter === undefined) {
      formatter = make(INTL_TAG[language]);
      made.set(language, formatter);
    }
    return formatter;
  };
}

const numberFormat = cached((tag) => new Intl.NumberFormat(tag));
const dayFormat = cached((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }));
const dateTimeFormat = cached(
  (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' }),
);
const relativeFormat = cached((tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'long' }));

/**
 * Remembers what a formatter made, per language and value (a bounded few): the popup's rows show
 * the same counts and days over and over, and each format call costs ~20 µs.
 */
function remembered<V>(format: (value: V, language: UiLanguage) => string) {
  const made = new Map<string, string>();
  return (value: V, language: UiLanguage): string => {
    const key = `${language}|${String(value)}`;
    let text = made.get(key);
    if (text === undefined) {
      if (made.size >= 2000) made.clear();
      text = format(value, language);
      made.set(key, text);
    }
    return text;
  };
}

export const formatCount = remembered((n: number, language) => numberFormat(language).format(n));

/** A contract date (YYYY-MM-DD), read as a calendar day, not shifted by the time zone. */
export const formatDay = remembered((isoDay: string, language) => {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  return dayFormat(language).format(Date.UTC(y, m - 1, d));
});

export function formatDateTime(ms: number, language: UiLanguage): string {
  return dateTimeFormat(language).format(ms);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "för 3 minuter sedan" / "for 3 minutter siden" / "3 minutes ago": the largest unit that keeps the number small. */
export function formatAgo(thenMs: number, nowMs: number, language: UiLanguage): string {
  const rtf = relativeFormat(language);
  let amount = (thenMs - nowMs) / 1000;
  // Anything under ten seconds reads as "now" rather than a count that ticks visibly.
  if (Math.abs(amount) < 10) return rtf.format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return rtf.format(Math.round(amount), unit);
    amount /= size;
  }
  return rtf.format(Math.round(amount), 'year');
}

/** Whole days from `today` to `isoDay` (negative when past); both calendar days. */
export function daysUntil(isoDay: string, today: string): number {
  return Math.round((Date.parse(`${isoDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Today's calendar day in the user's own time zone, as the contract writes dates. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
