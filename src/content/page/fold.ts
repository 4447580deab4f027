// One text folding for every comparison we make against the page: labels and search alike.
// Case and diacritics are ignored ("asa" finds "Åsa"); ø and æ do not decompose in NFD, so they
// are mapped by hand (a Norwegian admin types "sorensen" for "Sørensen").
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
