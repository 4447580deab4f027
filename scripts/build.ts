// Builds the extension for both browsers and both flavours into dist/<browser>-<flavour>.
// `npm run build -- --only chrome-sandbox` builds one (used by npm start and the tests).
// LICENSKOLL_OUT=dir builds into dir/ instead of dist/ (the e2e harness reads the same variable).
// Each target is built three times: the extension (vite.config.ts); the popup alone as one script
// (vite.popup.config.ts), which replaces the popup page the first build made; and the content
// script from its own module graph (vite.content.config.ts), whose entry crxjs's loader then loads.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';

const all = ['chrome-production', 'firefox-production', 'chrome-sandbox', 'firefox-sandbox'] as const;
const onlyIndex = process.argv.indexOf('--only');
const wanted = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : [...all];
const POPUP_PAGE = join('src', 'popup', 'index.html');
const POPUP_EARLY = join('src', 'popup', 'first-paint', 'early.ts');

/** The scripts and styles a page loads (its own, and chunks it preloads). */
const pageFiles = (html: string) =>
  [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');

/**
 * Removes the files in `replaced` that nothing left in the build reaches: the manifest, the pages
 * and every file not in `replaced` are kept, and so is each file whose name one that is kept
 * mentions (an import, a getURL, a page's script).
 */
function pruneUnreferenced(outDir: string, replaced: string[]): void {
  const texts = new Map(
    readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(?:html|js|json|css)$/.test(f))
      .map((f) => [f, readFileSync(join(outDir, f), 'utf8')] as const),
  );
  const candidates = new Set(replaced.filter((f) => texts.has(f)));
  const kept = [...texts.keys()].filter((f) => !candidates.has(f));
  for (let file = kept.pop(); file !== undefined; file = kept.pop()) {
    const text = texts.get(file) ?? '';
    for (const other of candidates)
      if (text.includes(other.split('/').pop() ?? other)) {
        candidates.delete(other);
        kept.push(other);
      }
  }
  for (const file of candidates) rmSync(join(outDir, file));
}

interface Manifest {
  content_scripts?: { js?: string[] }[];
  web_accessible_resources?: { resources: string[] }[];
}

/**
 * The content script of vite.content.config.ts in place of crxjs's own: its loader imports the new
 * entry, the list crxjs made of the content script's files for the page's origins names the new
 * files, and the old ones that nothing else loads go.
 */
function loadContentScript(outDir: string, entry: string, files: string[], before: string[]): void {
  const manifestFile = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const loader = manifest.content_scripts?.[0]?.js?.[0];
  if (!loader) throw new Error('the manifest has no content script');
  const text = readFileSync(join(outDir, loader), 'utf8');
  const old = /chrome\.runtime\.getURL\("([^"]+\.js)"\)/.exec(text)?.[1];
  if (!old) throw new Error(`crxjs's loader ${loader} changed: it imports no content entry`);
  writeFileSync(join(outDir, loader), text.replace(old, entry));
  const listed = manifest.web_accessible_resources?.find((r) => r.resources.includes(old));
  if (listed) listed.resources = files;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  pruneUnreferenced(outDir, before);
}

/** The chunks a build wrote (vite's build() returns one output, or several). */
function chunksOf(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  return [result]
    .flat()
    .flatMap((out) => ('output' in out ? out.output : []))
    .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
}

/** A build's entry chunk: the script a page or the manifest loads. */
function entryOf(chunks: Rolldown.OutputChunk[], what: string): Rolldown.OutputChunk {
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`the ${what} build made no entry`);
  return entry;
}

/**
 * The popup's early script (src/popup/first-paint/early.ts) as the classic script its page's head
 * loads: one file, no imports, run while the page is parsed. It runs the popup's module (`module`,
 * its path in the build) by that name, written in at build time (`__LICENSKOLL_POPUP_MODULE__`):
 * an import of a name read from the page at run time is one that `web-ext lint` cannot see is ours
 * (UNSAFE_VAR_ASSIGNMENT).
 */
async function buildPopupEarly(outDir: string, module: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { __LICENSKOLL_POPUP_MODULE__: JSON.stringify(module) },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      ...(process.env.LICENSKOLL_MINIFY === '0' ? { minify: false } : {}),
      // The module is the popup build's, already in outDir: imported as it is, not bundled.
      rolldownOptions: { external: [module] },
      lib: {
        entry: POPUP_EARLY,
        formats: ['iife'],
        name: 'licenskollPopupEarly',
        fileName: () => 'popup-early.js',
      },
    },
  });
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
  const popup = await build({ configFile: 'vite.popup.config.ts', logLevel: 'warn' });
  await buildPopupEarly(outDir, `/${entryOf(chunksOf(popup), 'popup').fileName}`);
  pruneUnreferenced(outDir, replaced);
  const before = readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`);
  const content = await build({ configFile: 'vite.content.config.ts', logLevel: 'warn' });
  const chunks = chunksOf(content);
  loadContentScript(
    outDir,
    entryOf(chunks, 'content').fileName,
    chunks.map((chunk) => chunk.fileName),
    before,
  );
  console.log(`built ${process.env.LICENSKOLL_OUT ?? 'dist'}/${target}`);
}
