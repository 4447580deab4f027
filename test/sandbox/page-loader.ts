// Serving the single-page app built by ./page/serve.ts (another module). It is imported lazily
// so that the API and the test controls run even while the page is missing or broken.
import type { SandboxModes } from './modes.ts';

export interface PageModule {
  pageHtml(modes: SandboxModes): string;
  pageScript(modes: SandboxModes): Promise<string>;
}

let loaded: PageModule | null = null;

export async function loadPage(): Promise<PageModule | null> {
  if (loaded) return loaded;
  try {
    const spec = './page/serve.ts';
    const mod = (await import(/* @vite-ignore */ spec)) as Partial<PageModule>;
    if (typeof mod.pageHtml === 'function' && typeof mod.pageScript === 'function') {
      loaded = mod as PageModule;
      return loaded;
    }
    console.error('[sandbox] page/serve.ts does not export pageHtml and pageScript');
  } catch (e) {
    console.error('[sandbox] page/serve.ts could not be loaded:', e instanceof Error ? e.message : e);
  }
  return null;
}

export const MISSING_PAGE_HTML =
  '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Skolon sandbox</title></head>' +
  '<body><p>The sandbox page is not available (test/sandbox/page/serve.ts is missing or failed to load).</p></body></html>';
