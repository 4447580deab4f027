// Serves the sandbox's copy of Skolon's license page: an HTML shell for every /skoladmin route
// and the page's client code, bundled once with esbuild and kept in memory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(HERE, 'client', 'main.ts');

/** The HTML shell for `/skoladmin` and `/skoladmin/*`. No inline script or style (CSP-friendly). */
export function pageHtml(): string {
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

let cached: Promise<string> | undefined;

/** The page's client code as one ES module (built on first use, then cached). */
export async function pageScript(): Promise<string> {
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
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error('esbuild produced no output for the sandbox page');
      return file.text;
    });
    // A failed build must not stay cached: the next request tries again.
    cached.catch(() => {
      cached = undefined;
    });
  }
  return await cached;
}
