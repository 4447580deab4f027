// The one text folding for every comparison Licenskoll makes: page labels, the license page's
// search and the popup's people search alike. Case and diacritics are ignored ("asa" finds "Åsa");
// ø, æ and a few others do not decompose in NFD, so they are mapped by hand (a Norwegian admin
// types "sorensen" for "Sørensen"). Runs of whitespace become one space; the ends are trimmed.
const UNDECOMPOSABLE: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe' };

/** The folding itself, for any text: decompose, drop the marks, lower-case, map by hand, spaces. */
export function foldSlowly(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæßđłœ]/g, (c) => UNDECOMPOSABLE[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The same for text of Latin letters only (U+0000–U+024F, what Nordic names are made of): each
 * non-ASCII character replaced by its folding, computed once by foldSlowly's own steps, then the
 * case and the spaces. Half the time of the whole-text steps over 4,000 Swedish names (by hand);
 * those steps were 16 ms of a 2,000-row dialog's opening in a CPU profile of bench/dialog.ts.
 */
let latin: Record<string, string> | null = null;

/** Built on the first such text, not when the module loads: every page of the origin loads fold. */
function latinTable(): Record<string, string> {
  if (latin) return latin;
  const table: Record<string, string> = {};
  // Below U+00A0 only ASCII and C1 controls, which fold to themselves but for the case.
  for (let code = 0xa0; code < 0x250; code++) {
    const char = String.fromCharCode(code);
    // A space stays one here (foldSlowly would trim it away); the loop's text collapses them.
    table[char] = /\s/.test(char) ? ' ' : foldSlowly(char);
  }
  latin = table;
  return table;
}

/** A character beyond U+024F (surrogate halves too): the text is folded slowly. */
const BEYOND_LATIN = /[\u0250-\uffff]/;

/**
 * Folded texts by their text: a dialog's 2,000 rows fold the same class names thousands of times
 * and each name three times (identities, mapping, the search index). Bounded: emptied when full.
 */
const folded = new Map<string, string>();
const FOLDED_MAX = 50_000;
/** Printable ASCII only: nothing to decompose or map by hand. */
const PLAIN = /^[\x20-\x7e]*$/;

/** fold without its memory: printable ASCII as it is, other Latin text by the table, the rest slowly. */
function foldOnce(text: string): string {
  if (BEYOND_LATIN.test(text)) return foldSlowly(text);
  let latinText = text;
  if (!PLAIN.test(text)) {
    const table = latinTable();
    latinText = text.replace(/[\u00a0-\u024f]/g, (c) => table[c] ?? c);
  }
  return latinText.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function fold(text: string): string {
  const known = folded.get(text);
  if (known !== undefined) return known;
  const result = foldOnce(text);
  if (folded.size >= FOLDED_MAX) folded.clear();
  folded.set(text, result);
  return result;
}
