// Builds the extension for both browsers and both flavours into dist/<browser>-<flavour>.
// `npm run build -- --only chrome-sandbox` builds one (used by npm start and the tests).
// LICENSKOLL_OUT=dir builds into dir/ instead of dist/ (the e2e harness reads the same variable).
// Each target is built twice: the extension (vite.config.ts), then the popup alone as one script
// (vite.popup.config.ts), which replaces the popup page the first build made.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const all = ['chrome-production', 'firefox-production', 'chrome-sandbox', 'firefox-sandbox'] as const;
const onlyIndex = process.argv.indexOf('--only');
const wanted = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : [...all];
const POPUP_PAGE = join('src', 'popup', 'index.html');

/** The scripts and styles a page loads (its own, and chunks it preloads). */
const pageFiles = (html: string) =>
  [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');

/** Removes the first popup page's files that nothing in the build refers to any more. */
function pruneReplacedPopup(outDir: string, replaced: string[]): void {
  const texts = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(?:html|js|json|css)$/.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(outDir, f), 'utf8') }));
  for (const file of replaced) {
    const name = file.split('/').pop() ?? file;
    if (!texts.some((t) => t.file !== file && t.text.includes(name))) rmSync(join(outDir, file));
  }
}

for (const target of wanted) {
  if (!all.includes(target as (typeof all)[number]))
    throw new Error(`unknown target ${target}; one of ${all.join(', ')}`);
  const [browser, flavour] = target.split('-') as [string, string];
  process.env.LICENSKOLL_BROWSER = browser;
  process.env.LICENSKOLL_FLAVOUR = flavour;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  const outDir = join(process.env.LICENSKOLL_OUT ?? 'dist', target);
  const replaced = pageFiles(readFileSync(join(outDir, POPUP_PAGE), 'utf8'));
  await build({ configFile: 'vite.popup.config.ts', logLevel: 'warn' });
  pruneReplacedPopup(outDir, replaced);
  console.log(`built ${process.env.LICENSKOLL_OUT ?? 'dist'}/${target}`);
}
