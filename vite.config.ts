import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { deriveManifest, type Flavour, type TargetBrowser } from './manifest.config.ts';

// One build per browser and flavour (scripts/build.ts runs all four).
const browser = (process.env.LICENSKOLL_BROWSER ?? 'chrome') as TargetBrowser;
const flavour = (process.env.LICENSKOLL_FLAVOUR ?? 'sandbox') as Flavour;

export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest: deriveManifest(browser, flavour) as unknown as ManifestV3Export, browser }),
  ],
  define: { __LICENSKOLL_FLAVOUR__: JSON.stringify(flavour) },
  build: {
    outDir: `${process.env.LICENSKOLL_OUT ?? 'dist'}/${browser}-${flavour}`,
    emptyOutDir: true,
    sourcemap: false,
    // LICENSKOLL_MINIFY=0: readable function names in profiles (never for a shipped build).
    ...(process.env.LICENSKOLL_MINIFY === '0' ? { minify: false } : {}),
    target: 'es2022',
    // A dynamic import's preload list becomes <link rel="modulepreload"> in document.head: in the
    // content script that is the host page's head (our extension's id and chunk names shown to the
    // page, fetched a second time there), and each list costs bytes in the chunk that imports.
    // The chunks are local files, loaded as fast through the import itself. HTML pages keep theirs.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    chunkSizeWarningLimit: 200,
  },
  server: { port: 5173, strictPort: true },
});
