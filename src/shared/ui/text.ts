// Text that crosses a limit or a direction: clip to the protocol's lengths (without splitting a
// surrogate pair), and drop bidi controls from text that cannot isolate itself (notifications).

/**
 * At most `max` UTF-16 units (the protocol's v.maxLength counts those), never half a character;
 * with `ellipsis`, a cut text ends in "…" within the same bound (the journal shows it was cut).
 */
export function clip(text: string, max: number, options: { ellipsis?: boolean } = {}): string {
  if (text.length <= max) return text;
  const room = options.ellipsis ? max - 1 : max;
  let cut = text.slice(0, room);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return options.ellipsis ? `${cut}…` : cut;
}

/** The protocol's limits for what the UIs send: labels and queries 200, names 300. */
export const LIMIT = { label: 200, query: 200, name: 300, email: 300, className: 100 } as const;

// LRM, RLM, ALM, the embeddings and overrides (LRE…RLO, PDF) and the isolates (LRI…PDI).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A name with its bidi controls removed, so it cannot reorder the text around it. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A name set into a sentence with numbers beside it: wrapped in FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE (what <bdi> does, for text that goes through t()), so a right-to-left name
 * cannot carry the numbers after it to its side. Its own controls are dropped first.
 */
export function isolate(text: string): string {
  return `\u2068${stripBidi(text)}\u2069`;
}
