// The one search rule for choosing people, on the license page and in the popup alike: every term
// of the query must match at the START of a word, never inside one ("ali" finds "Ali Hassan" and
// "alice.k@…" but not "Natalie"; "oberg" finds "Öberg" but not "Sjöberg").
//   - name and class names: a word starts at the beginning or after a space or hyphen, and a term
//     may run on over a hyphen ("anna-k" finds "Anna-Karin", "karin" finds it too);
//   - e-mail: a word starts at the beginning or after . - _ @ ("lindqvist" and
//     "asa.lindqvist@demo" both find "asa.lindqvist@demo.se").
// A term never matches across two fields. Text and query are folded (fold.ts) first.
//
// A person's fields are folded once into one key: FIELD name (FIELD class)* EMAIL email. A term
// matches where key.indexOf finds it and the character before it starts a word; the term holds no
// control characters, so it cannot run over a field mark. This keeps a keystroke over 10,000 rows
// to one indexOf per row and term (bench/search.ts).
import { fold } from './fold.ts';

const FIELD = '\u0001';
const EMAIL = '\u0002';
const C_FIELD = 1;
const C_EMAIL = 2;
const C_SPACE = 32;
const C_HYPHEN = 45;
const C_DOT = 46;
const C_AT = 64;
const C_UNDERSCORE = 95;
const C_A = 97;

export interface PersonText {
  name: string;
  email?: string | null;
  classes?: readonly string[];
}

/** The folded key `termStartsWord` searches. Build it once per person. */
export function searchKey(person: PersonText): string {
  // One fold for the whole key (fold leaves the marks alone); fields lose their own control
  // characters first, so neither a name nor a query can forge a mark.
  let raw = FIELD + clean(person.name);
  for (const c of person.classes ?? []) raw += FIELD + clean(c);
  return fold(raw + EMAIL + clean(person.email ?? ''));
}

/** The folded terms of a query; an empty list matches everyone. */
export function searchTerms(query: string): string[] {
  return fold(clean(query)).split(' ').filter(Boolean);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u001f\u007f]/g;

function clean(text: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) ? text.replace(CONTROL, ' ') : text;
}

/** Whether the match of a term at `at` (> 0) starts a word; `emailAt` is the position of the EMAIL mark. */
function startsWord(text: string, at: number, emailAt: number): boolean {
  const before = text.charCodeAt(at - 1);
  if (before === C_SPACE || before === C_HYPHEN || before === C_FIELD || before === C_EMAIL) return true;
  return at > emailAt && (before === C_DOT || before === C_AT || before === C_UNDERSCORE);
}

/** Whether a folded term starts a word somewhere in a key from `searchKey`. */
export function termStartsWord(key: string, term: string): boolean {
  return startsWordIn(key, term, key.lastIndexOf(EMAIL));
}

function startsWordIn(key: string, term: string, emailAt: number): boolean {
  for (let at = key.indexOf(term); at !== -1; at = key.indexOf(term, at + 1)) {
    if (startsWord(key, at, emailAt)) return true;
  }
  return false;
}

/** Whether every term starts a word in the key (terms are ANDed). */
export function keyMatches(key: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!termStartsWord(key, term)) return false;
  return true;
}

/** The bit of a word's first letter a–z, or 0 for any other character. */
function initialBit(code: number): number {
  const letter = code - C_A;
  return letter >= 0 && letter < 26 ? 1 << letter : 0;
}

/** One of 64 bits (0–63) for a word's first two characters; several pairs share a bit. */
function pairSlot(first: number, second: number): number {
  // Fibonacci hashing: the top 6 bits of the product.
  return Math.imul((first << 16) | second, 0x9e3779b1) >>> 26;
}

/**
 * The same rule over many people at once, for the license page's search-as-you-type. Each key
 * carries two small fingerprints of its word starts: the set of initial letters, and a 32-bit
 * hash set (64 bits) of initial character pairs. A keystroke tests those bits for every person and looks into
 * a key (indexOf) only where both say a word could start with the term, so a term costs about one
 * bit test per person plus one indexOf per likely match. A one-letter term, the first keystroke,
 * is answered by the initial letters alone.
 */
export class WordIndex {
  readonly size: number;
  private readonly keys: readonly string[];
  /** Where each key's EMAIL mark is. */
  private readonly emails: Int32Array;
  /** Each key's word-initial letters a–z as bits 0–25 (exact). */
  private readonly initials: Int32Array;
  /** Each key's word-initial character pairs as `pairSlot` bits, slots 0–31 in the first word and
   * 32–63 in the second (it may say yes wrongly, never no). */
  private readonly pairs: Int32Array;

  constructor(people: readonly PersonText[]) {
    const n = people.length;
    this.size = n;
    this.keys = people.map(searchKey);
    this.emails = new Int32Array(n);
    this.initials = new Int32Array(n);
    this.pairs = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const key = this.keys[i] ?? '';
      const emailAt = key.lastIndexOf(EMAIL);
      let initials = 0;
      let low = 0;
      let high = 0;
      for (let at = 1; at < key.length; at++) {
        const code = key.charCodeAt(at);
        if (code <= C_EMAIL || code === C_SPACE || !startsWord(key, at, emailAt)) continue;
        initials |= initialBit(code);
        if (at + 1 >= key.length) continue;
        const slot = pairSlot(code, key.charCodeAt(at + 1));
        if (slot < 32) low |= 1 << slot;
        else high |= 1 << (slot - 32);
      }
      this.emails[i] = emailAt;
      this.initials[i] = initials;
      this.pairs[2 * i] = low;
      this.pairs[2 * i + 1] = high;
    }
  }

  /**
   * For each person, how many of the terms (from `searchTerms`) start a word in their key, counting
   * only while every earlier term did too: the person matches the query when it equals terms.length.
   */
  matchCounts(terms: readonly string[]): Uint16Array {
    const { keys, emails, initials, pairs, size } = this;
    const counts = new Uint16Array(size);
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k] ?? '';
      const first = term.charCodeAt(0);
      const initial = initialBit(first);
      if (term === '' || (term.length === 1 && initial === 0)) {
        // Nothing to narrow by: the plain rule, person by person.
        for (let i = 0; i < size; i++) {
          if (counts[i] === k && (term === '' || startsWordIn(keys[i] ?? '', term, emails[i] ?? 0)))
            counts[i] = k + 1;
        }
        continue;
      }
      if (term.length === 1) {
        for (let i = 0; i < size; i++)
          if (counts[i] === k && ((initials[i] ?? 0) & initial) !== 0) counts[i] = k + 1;
        continue;
      }
      const slot = pairSlot(first, term.charCodeAt(1));
      const word = slot < 32 ? 0 : 1;
      const pair = 1 << (slot & 31);
      for (let i = 0; i < size; i++) {
        if (counts[i] !== k || ((pairs[2 * i + word] ?? 0) & pair) === 0) continue;
        if (initial !== 0 && ((initials[i] ?? 0) & initial) === 0) continue;
        if (startsWordIn(keys[i] ?? '', term, emails[i] ?? 0)) counts[i] = k + 1;
      }
    }
    return counts;
  }
}

/** The rule in one call, for searches that do not keep an index (the popup's people search). */
export function matchesAtWordStart(person: PersonText, query: string): boolean {
  return keyMatches(searchKey(person), searchTerms(query));
}
