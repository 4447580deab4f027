// The toolbar popup, built once more after the extension (scripts/build.ts) into the same folder:
// one script with everything it imports, its styles inlined in the page. Opening the popup then
// fetches one file instead of a dozen chunks shared with the other contexts (each one a task on the
// browser's busy main thread: ~half of the popup's time to first paint under load). The copy of
// the shared code it carries costs ~25 KB of the package, nothing at run time.
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { bareDynamicImports, common } from './vite.config.ts';

/** webextension-polyfill, for every module of the popup but the stand-in itself: src/popup/webextension.ts. */
function nativeBrowserFirst(): Plugin {
  const standIn = resolve('src/popup/webextension.ts');
  return {
    name: 'licenskoll:native-browser-first',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'webextension-polyfill' && importer !== standIn) return standIn;
      return null;
    },
  };
}

/** A plugin that rewrites each HTML page of the bundle, once the bundle is made. */
function rewritePages(
  name: string,
  rewrite: (html: string, fileName: string, bundle: Rolldown.OutputBundle) => string,
): Plugin {
  return {
    name,
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const page of Object.values(bundle)) {
        if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
        page.source = rewrite(String(page.source), page.fileName, bundle);
      }
    },
  };
}

/** Replaces the page's stylesheet links with the styles themselves (extension pages allow inline styles, not scripts). */
const inlineStyles = () =>
  rewritePages('licenskoll:inline-popup-styles', (html, _, bundle) =>
    html.replace(/<link rel="stylesheet"[^>]*href="\/?([^"]+\.css)"[^>]*>/g, (link, file: string) => {
      const sheet = bundle[file];
      if (sheet?.type !== 'asset') return link;
      delete bundle[file];
      return `<style>${String(sheet.source)}</style>`;
    }),
  );

/** The popup page's module tag, as vite writes it. */
const MODULE_TAG = /<script type="module" crossorigin src="(\/assets\/popup-[^"]+\.js)"><\/script>/;

/**
 * The popup's module is fetched as the page is parsed (a modulepreload link) but run by the early
 * script once the storage read has answered and the kept first paint is replayed
 * (src/popup/first-paint/early.ts): a module tag would run it as soon as the page is parsed, the
 * moment the read answers, and the replay waited behind it.
 */
const moduleAfterEarlyScript = () =>
  rewritePages('licenskoll:popup-module-after-early-script', (html, fileName) => {
    if (!MODULE_TAG.test(html)) throw new Error(`the popup page's module tag changed: ${fileName}`);
    return html.replace(MODULE_TAG, '<link rel="modulepreload" crossorigin href="$1">');
  });

export default defineConfig({
  ...common,
  plugins: [bareDynamicImports(), nativeBrowserFirst(), preact(), inlineStyles(), moduleAfterEarlyScript()],
  build: {
    ...common.build,
    emptyOutDir: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'src/popup/index.html',
      output: { codeSplitting: false, entryFileNames: 'assets/popup-[hash].js' },
    },
  },
});
