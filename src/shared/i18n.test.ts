// Guards "every visible string comes from _locales": all three locales hold the same keys with the
// same placeholders, every t('key') used in the code exists, every key is used and described for
// translators, and no UI component carries a hard-coded visible string (JSX text, string children,
// or visible attributes like aria-label).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './i18n.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCALES = ['sv', 'nb', 'en'] as const;
type Entry = {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
};
const messages = Object.fromEntries(
  LOCALES.map((l) => [
    l,
    JSON.parse(readFileSync(join(ROOT, 'public', '_locales', l, 'messages.json'), 'utf8')) as Record<
      string,
      Entry
    >,
  ]),
) as Record<(typeof LOCALES)[number], Record<string, Entry>>;

function filesUnder(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, test);
    return test(path) ? [path] : [];
  });
}

const UI_DIRS = ['src/popup', 'src/options', 'src/content', 'src/shared/ui'].map((d) => join(ROOT, d));
const uiFiles = UI_DIRS.flatMap((d) => {
  try {
    return filesUnder(d, (f) => f.endsWith('.tsx') && !f.includes('.test.'));
  } catch {
    return [];
  }
});
/** Attributes a person sees or hears (screen readers read aria-label and title). */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
/** Text with no letters (punctuation, separators, symbols like "·", "✓", "%") is not language. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

function hardCodedStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) &&
      ts.isJsxElement(node.parent) &&
      hasWords(node.expression.text)
    ) {
      found.push(`${where(node)} child "${node.expression.text}"`);
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText())) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
            ? init.expression.text
            : null;
      if (literal !== null && hasWords(literal))
        found.push(`${where(node)} ${node.name.getText()}="${literal}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('locales', () => {
  const svKeys = Object.keys(messages.sv).sort();

  it.each(LOCALES)('%s has exactly the keys of sv, each with a message', (locale) => {
    expect(Object.keys(messages[locale]).sort()).toEqual(svKeys);
    for (const [key, entry] of Object.entries(messages[locale])) {
      expect(entry.message.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it.each(LOCALES)('%s uses the same placeholders as sv', (locale) => {
    for (const key of svKeys) {
      const names = (l: (typeof LOCALES)[number]) => Object.keys(messages[l][key]?.placeholders ?? {}).sort();
      expect(names(locale), `${locale}.${key}`).toEqual(names('sv'));
      const contents = (l: (typeof LOCALES)[number]) => JSON.stringify(messages[l][key]?.placeholders ?? {});
      expect(contents(locale), `${locale}.${key} maps placeholders like sv`).toBe(contents('sv'));
      for (const name of names(locale)) {
        expect(messages[locale][key]?.message.toLowerCase(), `${locale}.${key} uses $${name}$`).toContain(
          `$${name.toLowerCase()}$`,
        );
      }
    }
  });

  it('has every key the code asks for with t()', () => {
    const code = filesUnder(join(ROOT, 'src'), (f) => /\.tsx?$/.test(f) && !f.includes('.test.'));
    const missing: string[] = [];
    for (const file of code) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) {
        if (!Object.hasOwn(messages.sv, m[1] ?? '')) missing.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses every key it has', () => {
    // A key counts as used when the code names it as a string literal (t('key'), or a map such as
    // { forced: 'pageModeWhyForced' }), or the manifest names it as __MSG_key__.
    const code = [
      ...filesUnder(join(ROOT, 'src'), (f) => /\.(tsx?|html)$/.test(f) && !f.includes('.test.')),
      join(ROOT, 'manifest.config.ts'),
    ]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const manifest = ['manifest.json', 'manifest.config.ts']
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    const unused = svKeys.filter(
      (key) =>
        !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !manifest.includes(`__MSG_${key}__`),
    );
    expect(unused, 'keys nothing uses: remove them from every messages.json').toEqual([]);
  });

  it('describes every key for translators', () => {
    const undescribed = LOCALES.flatMap((locale) =>
      Object.entries(messages[locale])
        .filter(([, entry]) => !entry.description?.trim())
        .map(([key]) => `${locale}.${key}`),
    );
    expect(undescribed, 'give each a description: what it is, where it shows, its placeholders').toEqual([]);
  });
});

describe('components', () => {
  it('finds UI components to check', () => {
    expect(uiFiles.length).toBeGreaterThan(3);
  });

  it('hold no hard-coded visible strings', () => {
    expect(uiFiles.flatMap(hardCodedStrings)).toEqual([]);
  });

  it('the scanner itself catches text, string children and visible attributes', () => {
    const dir = join(ROOT, 'node_modules', '.cache');
    const sample = join(dir, 'i18n-scan-sample.tsx');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      sample,
      `export const A = () => <p title="Hej där">Uppdaterad {'nyss'} <b aria-label={t('x')}>·</b> {n} %</p>;`,
    );
    try {
      expect(hardCodedStrings(sample).map((s) => s.replace(/^.*:\d+ /, ''))).toEqual([
        'title="Hej där"',
        'text "Uppdaterad"',
        'child "nyss"',
      ]);
    } finally {
      rmSync(sample);
    }
  });
});

describe('formatMessage (the override path formats as browsers do)', () => {
  it('fills named placeholders from $1…$9 and keeps $$ as a dollar', () => {
    expect(
      formatMessage({ message: 'Besökta: $COUNT$ ($$)', placeholders: { count: { content: '$1' } } }, ['7']),
    ).toBe('Besökta: 7 ($)');
    expect(formatMessage({ message: 'Hej $1 och $2' }, ['a', 'b'])).toBe('Hej a och b');
  });
});
