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
// control characters, so it cannot run over a field mark. `matchesAtWordStart` applies the rule to
// one person (the popup's cached people search); `WordIndex` applies it to a whole dialog, with
// fingerprints that spare most keys the indexOf (10,000 rows well within 1 ms: bench/search.ts).
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
const C_Z = 122;
const C_0 = 48;
const C_9 = 57;

export interface PersonText {
  name: string;
  email?: string | null;
  classes?: readonly string[];
}

/** The folded key `termStartsWord` searches. Build it once per person. */
export function searchKey(person: PersonText): string {
  // Each field folded on its own: fold remembers the texts it folded, and a dialog's names,
  // e-mails and classes were folded when it was read, where a whole key was a new text for every
  // row (~5 ms of a 2,000-row dialog's opening). The word starts are the same: fold only trims a
  // field's ends. Fields lose their own control characters first, so neither a name nor a query
  // can forge a mark.
  let key = FIELD + fold(clean(person.name));
  for (const c of person.classes ?? []) key += FIELD + fold(clean(c));
  return key + EMAIL + fold(clean(person.email ?? ''));
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
function termStartsWord(key: string, term: string): boolean {
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

/** A word's first character as a slot of `initials`: a–z 0–25, 0–9 32–41, anything else -1. */
function initialSlot(code: number): number {
  if (code >= C_A && code <= C_Z) return code - C_A;
  if (code >= C_0 && code <= C_9) return 32 + code - C_0;
  return -1;
}

/** One of 64 slots (0–63) for a word's first two characters; several pairs share a slot. */
function pairSlot(first: number, second: number): number {
  // Fibonacci hashing: the top 6 bits of the product.
  return Math.imul((first << 16) | second, 0x9e3779b1) >>> 26;
}

/** What a WordIndex searches: each person's key and its fingerprints (see WordIndex). */
interface Built {
  keys: readonly string[];
  /** Where each key's EMAIL mark is. */
  emails: Int32Array;
  /** Per key two words: slots 0–31 of a fingerprint in the first, 32–63 in the second. */
  initials: Int32Array;
  pairs: Int32Array;
}

/**
 * The same rule over many people at once, for the license page's search-as-you-type. Each key
 * carries two 64-bit fingerprints of its word starts: the set of initial letters and digits
 * (exact), and a hash set of initial character pairs (it may say yes wrongly, never no). A
 * keystroke tests those bits for every person and looks into a key (indexOf) only where both say a
 * word could start with the term: one bit test per person plus one indexOf per likely match. A
 * one-character term, the first keystroke, is answered by the initials alone.
 *
 * The keys and fingerprints are built on the first search, or by `prepare()` when there is time
 * (the dialog calls it when idle): building them for a 2,000-row dialog was 7–15 ms of its
 * opening, before anyone had typed anything.
 */
export class WordIndex {
  readonly size: number;
  private people: readonly PersonText[] | null;
  private built: Built | null = null;

  constructor(people: readonly PersonText[]) {
    this.size = people.length;
    this.people = people;
  }

  /** Builds the keys and fingerprints now, if they are not built yet. */
  prepare(): void {
    this.searchable();
  }

  private searchable(): Built {
    if (this.built) return this.built;
    const people = this.people ?? [];
    const n = this.size;
    const keys = people.map(searchKey);
    const emails = new Int32Array(n);
    const initials = new Int32Array(2 * n);
    const pairs = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const key = keys[i] ?? '';
      const emailAt = key.lastIndexOf(EMAIL);
      emails[i] = emailAt;
      // startsWord for every position, in one pass.
      let before = C_FIELD;
      for (let at = 1; at < key.length; at++) {
        const code = key.charCodeAt(at);
        const starts =
          before === C_SPACE ||
          before === C_HYPHEN ||
          before === C_FIELD ||
          before === C_EMAIL ||
          (at > emailAt && (before === C_DOT || before === C_AT || before === C_UNDERSCORE));
        before = code;
        if (!starts || code <= C_EMAIL || code === C_SPACE) continue;
        const initial = initialSlot(code);
        if (initial >= 0) set(initials, i, initial);
        if (at + 1 < key.length) set(pairs, i, pairSlot(code, key.charCodeAt(at + 1)));
      }
    }
    this.built = { keys, emails, initials, pairs };
    // The people are not needed again (nor kept alive by the index).
    this.people = null;
    return this.built;
  }

  /**
   * For each person, how many of the terms (from `searchTerms`) start a word in their key, counting
   * only while every earlier term did too: the person matches the query when it equals terms.length.
   */
  matchCounts(terms: readonly string[]): Uint16Array {
    const { size } = this;
    const { keys, emails, initials, pairs } = this.searchable();
    const counts = new Uint16Array(size);
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k] ?? '';
      if (term === '') {
        for (let i = 0; i < size; i++) if (counts[i] === k) counts[i] = k + 1;
        continue;
      }
      const first = term.charCodeAt(0);
      const initial = initialSlot(first);
      const initialWord = initial >>> 5;
      const initialBit = initial >= 0 ? 1 << (initial & 31) : 0;
      if (term.length === 1 && initial >= 0) {
        for (let i = 0; i < size; i++) {
          if (counts[i] === k && ((initials[2 * i + initialWord] ?? 0) & initialBit) !== 0) counts[i] = k + 1;
        }
        continue;
      }
      const pair = term.length > 1 ? pairSlot(first, term.charCodeAt(1)) : -1;
      const pairWord = pair >>> 5;
      const pairBit = pair >= 0 ? 1 << (pair & 31) : 0;
      for (let i = 0; i < size; i++) {
        if (counts[i] !== k) continue;
        if (pairBit !== 0 && ((pairs[2 * i + pairWord] ?? 0) & pairBit) === 0) continue;
        if (initialBit !== 0 && ((initials[2 * i + initialWord] ?? 0) & initialBit) === 0) continue;
        if (startsWordIn(keys[i] ?? '', term, emails[i] ?? 0)) counts[i] = k + 1;
      }
    }
    return counts;
  }
}

function set(bits: Int32Array, person: number, slot: number): void {
  const at = 2 * person + (slot >>> 5);
  bits[at] = (bits[at] ?? 0) | (1 << (slot & 31));
}

/** The rule in one call, for searches that do not keep an index (the popup's people search). */
export function matchesAtWordStart(person: PersonText, query: string): boolean {
  return keyMatches(searchKey(person), searchTerms(query));
}
