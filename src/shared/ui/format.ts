// Numbers, dates and "how long ago" in the UI language, through Intl (never hand-built strings).
export type UiLanguage = 'sv' | 'nb' | 'en';

const INTL_TAG: Record<UiLanguage, string> = { sv: 'sv-SE', nb: 'nb-NO', en: 'en-GB' };

export function formatCount(n: number, language: UiLanguage): string {
  return new Intl.NumberFormat(INTL_TAG[language]).format(n);
}

/** A contract date (YYYY-MM-DD), read as a calendar day, not shifted by the time zone. */
export function formatDay(isoDay: string, language: UiLanguage): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  if (!y || !m || !d) return isoDay;
  return new Intl.DateTimeFormat(INTL_TAG[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  );
}

export function formatDateTime(ms: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(INTL_TAG[language], { dateStyle: 'short', timeStyle: 'short' }).format(ms);
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
  const rtf = new Intl.RelativeTimeFormat(INTL_TAG[language], { numeric: 'auto', style: 'long' });
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
