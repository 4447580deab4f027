// Serves the sandbox's copy of Skolon's license page: an HTML shell for every page route
// (/skoladmin/* or /app/) and the page's client code, bundled with esbuild once per combination
// of modes (baked in as a constant, so nothing in the DOM or on window tells the modes apart)
// and kept in memory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DEFAULT_MODES, type SandboxModes } from '../modes.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(HERE, 'client', 'main.ts');

/** The HTML shell for `/skoladmin` and `/skoladmin/*` (or `/app/`). No inline script or style (CSP-friendly). */
export function pageHtml(_modes: SandboxModes = DEFAULT_MODES): string {
  return [
    '<!doctype html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Skolon</title>',
    '<link rel="icon" href="data:,">',
    '<script type="module" src="/__sandbox/page.js"></script>',
    '</head>',
    '<body></body>',
    '</html>',
    '',
  ].join('\n');
}

const cache = new Map<string, Promise<string>>();

/** The page's client code for these modes as one ES module (built on first use, then cached). */
export async function pageScript(modes: SandboxModes = DEFAULT_MODES): Promise<string> {
  const all: SandboxModes = { ...DEFAULT_MODES, ...modes };
  const key = JSON.stringify([all.routing, all.api, all.markup, all.dialog, all.mutate ?? null]);
  let cached = cache.get(key);
  if (!cached) {
    cached = build({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: false,
      write: false,
      platform: 'browser',
      logLevel: 'silent',
      legalComments: 'none',
      define: {
        __SANDBOX_MODES__: JSON.stringify({
          routing: all.routing,
          api: all.api,
          markup: all.markup,
          dialog: all.dialog,
          ...(all.mutate ? { mutate: all.mutate } : {}),
        }),
      },
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error('esbuild produced no output for the sandbox page');
      return file.text;
    });
    cache.set(key, cached);
    // A failed build must not stay cached: the next request tries again.
    cached.catch(() => {
      cache.delete(key);
    });
  }
  return await cached;
}
