import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { deriveManifest, type Flavour, type TargetBrowser } from './manifest.config.ts';

// One build per browser and flavour (scripts/build.ts runs all four; each is followed by the
// popup's own build, vite.popup.config.ts, into the same folder).
const browser = (process.env.LICENSKOLL_BROWSER ?? 'chrome') as TargetBrowser;
const flavour = (process.env.LICENSKOLL_FLAVOUR ?? 'sandbox') as Flavour;

/**
 * Vite wraps every import() in its preload helper (\0vite/preload-helper.js). With no preload lists
 * (build.modulePreload below) the helper only calls the import, yet it weighed 0.8 KB gzipped in the
 * content script's start-up chunk, which every page of an allowed origin loads; its one other act,
 * a vite:preloadError event on the page's window when an import fails, nothing here listens to.
 * Served as that call alone. Should vite rename the module, the full helper comes back: bigger, not broken.
 */
export function bareDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'licenskoll:bare-dynamic-imports',
    enforce: 'pre',
    apply: 'build',
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/** What both builds share: the flavour's constant, the output folder, the target. */
export const common = {
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify(flavour) },
  build: {
    outDir: `${process.env.LICENSKOLL_OUT ?? 'dist'}/${browser}-${flavour}`,
    sourcemap: false,
    // LICENSKOLL_MINIFY=0: readable function names in profiles (never for a shipped build).
    ...(process.env.LICENSKOLL_MINIFY === '0' ? { minify: false } : {}),
    target: 'es2022',
    chunkSizeWarningLimit: 200,
  },
} satisfies UserConfig;

export default defineConfig({
  ...common,
  plugins: [
    bareDynamicImports(),
    preact(),
    crx({ manifest: deriveManifest(browser, flavour) as unknown as ManifestV3Export, browser }),
  ],
  build: {
    ...common.build,
    emptyOutDir: true,
    // A dynamic import's preload list becomes <link rel="modulepreload"> in document.head: in the
    // content script that is the host page's head (our extension's id and chunk names shown to the
    // page, fetched a second time there), and each list costs bytes in the chunk that imports.
    // The chunks are local files, loaded as fast through the import itself. HTML pages keep theirs.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
  },
  server: { port: 5173, strictPort: true },
});
