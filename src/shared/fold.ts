// The one text folding for every comparison Licenskoll makes: page labels, the license page's
// search and the popup's people search alike. Case and diacritics are ignored ("asa" finds "Åsa");
// ø, æ and a few others do not decompose in NFD, so they are mapped by hand (a Norwegian admin
// types "sorensen" for "Sørensen"). Runs of whitespace become one space; the ends are trimmed.
const UNDECOMPOSABLE: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe' };

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæßđłœ]/g, (c) => UNDECOMPOSABLE[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
