// The one text folding for every comparison Licenskoll makes: page labels, the license page's
// search and the popup's people search alike. Case and diacritics are ignored ("asa" finds "Åsa");
// ø, æ and a few others do not decompose in NFD, so they are mapped by hand (a Norwegian admin
// types "sorensen" for "Sørensen"). Runs of whitespace become one space; the ends are trimmed.
const UNDECOMPOSABLE: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe' };

/**
 * Folded texts by their text: a dialog's 2,000 rows fold the same class names thousands of times
 * and each name three times (identities, mapping, the search index). Bounded: emptied when full.
 */
const folded = new Map<string, string>();
const FOLDED_MAX = 50_000;
/** Printable ASCII only: nothing to decompose or map by hand. */
const PLAIN = /^[\x20-\x7e]*$/;

export function fold(text: string): string {
  const known = folded.get(text);
  if (known !== undefined) return known;
  const result = PLAIN.test(text)
    ? text.toLowerCase().replace(/\s+/g, ' ').trim()
    : text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[øæßđłœ]/g, (c) => UNDECOMPOSABLE[c] ?? c)
        .replace(/\s+/g, ' ')
        .trim();
  if (folded.size >= FOLDED_MAX) folded.clear();
  folded.set(text, result);
  return result;
}
