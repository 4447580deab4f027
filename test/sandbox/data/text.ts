// Text helpers shared by the generator and the API: accent-insensitive matching and
// ascii-folded e-mail local parts.
const EXTRA_FOLD: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe', þ: 'th' };

/** Lower case, accents stripped (å→a, é→e, ø→o): "Åsa Öberg" → "asa oberg". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæßđłœþ]/g, (ch) => EXTRA_FOLD[ch] ?? ch);
}

/** "Anna-Karin" + "af Klint" → "anna-karin.af.klint" (only a-z, 0-9, '.', '-'). */
export function emailLocal(firstName: string, lastName: string): string {
  const part = (s: string) =>
    fold(s)
      .replace(/[^a-z0-9 -]/g, '')
      .trim()
      .replace(/\s+/g, '.');
  const local = [part(firstName), part(lastName)].filter(Boolean).join('.');
  return local || 'user';
}
