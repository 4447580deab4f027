// Untrusted display text for the hostile-data and hostile-names parts of the reliability suite:
// markup that would run if it were ever parsed as HTML (each sets window.__pwned), bidi overrides
// and isolates beside digits, zero-width characters, a 10,000-character name and emoji.
export const HOSTILE_NAMES: Record<string, string> = {
  script: '<script>window.__pwned=1</script>Anna',
  img: '<img src=x onerror="window.__pwned=1">Berit',
  rlo: '\u202Eأحمد 123\u202C Olsson',
  bidi: '\u2067مريم\u2069\u200F 9B \u200E',
  'zero-width': 'Ce\u200Bci\u200Dlia\uFEFF \u200C',
  long: `L${'å'.repeat(9_998)}Z`,
  emoji: '👩🏽‍🏫 Lärare 🇸🇪 Öberg',
  mixed: '"><svg/onload=alert(1)>&amp;&lt;b&gt;\u0000\uFFFD',
};
