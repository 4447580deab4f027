// Untrusted display text for the hostile-data and hostile-names parts of the reliability suite:
// markup that would run if it were ever parsed as HTML (each sets window.__pwned or opens a dialog),
// right-to-left text and bidi overrides beside digits, zero-width characters, a 10,000-character
// name and emoji; and the sandbox patch that gives them to people and tools.

import { BIG_LICENSE_ID, BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import type { Dataset } from '../sandbox/data/generate.ts';

export const HOSTILE_NAMES: Record<string, string> = {
  script: '<script>window.__pwned=1</script>Anna',
  img: '<img src=x onerror="window.__pwned=1">Berit',
  /** An override that is never closed: everything after it would run right to left. */
  rlo: '\u202EOlle 123 Olsson',
  rtl: 'أحمد 456 Olsson',
  bidi: '\u2067مريم\u2069\u200F 9B \u200E',
  'zero-width': 'Ce\u200Bci\u200Dlia\uFEFF \u200C',
  long: `L${'å'.repeat(9_998)}Z`,
  emoji: '👩🏽‍🏫 Lärare 🇸🇪 Öberg',
  mixed: '"><svg/onload=alert(1)>&amp;&lt;b&gt;\u0000\uFFFD',
};

/** Tools renamed by hostileData (the big tool's name carries the unclosed override). */
export const HOSTILE_TOOLS: Record<string, string> = {
  [BIG_TOOL_ID]: `${HOSTILE_NAMES.rlo}`,
  't-kemi': HOSTILE_NAMES.script as string,
  't-fysik': HOSTILE_NAMES.img as string,
  't-historia': HOSTILE_NAMES.long as string,
  't-svenska': HOSTILE_NAMES.emoji as string,
  't-biologi': HOSTILE_NAMES['zero-width'] as string,
  't-engelska': HOSTILE_NAMES.bidi as string,
  't-spanska': HOSTILE_NAMES.mixed as string,
  't-religion': HOSTILE_NAMES.rtl as string,
};

/**
 * Gives every hostile name to one holder of the big tool's student license (the big dialog lists
 * them all) and renames the tools of HOSTILE_TOOLS. Returns user id → name. Deterministic.
 */
export function hostileData(ds: Dataset): Map<string, string> {
  const holders = [
    ...new Set(
      ds.assignments
        .filter((a) => a.licenseId === BIG_LICENSE_ID && a.assigneeType === 'USER' && a.revokedAt === null)
        .map((a) => a.assigneeId),
    ),
  ]
    .filter((id) => id > 'u-00100')
    .sort();
  const renamed = new Map<string, string>();
  Object.values(HOSTILE_NAMES).forEach((name, i) => {
    const user = ds.users.find((u) => u.id === holders[i]);
    if (!user) throw new Error('too few holders of the big license');
    Object.assign(user, { name, firstName: name, lastName: '' });
    renamed.set(user.id, name);
  });
  for (const tool of ds.tools) {
    const name = HOSTILE_TOOLS[tool.id];
    if (name !== undefined) tool.name = name;
  }
  return renamed;
}
