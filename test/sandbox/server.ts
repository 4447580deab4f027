// The sandbox server: the license API contract (./api), the test controls (./controls.ts) and
// the single-page copy of Skolon's license page (./page, served through ./page-loader.ts).
// Modes (./modes.ts) change how the site looks: routing, the page's API, markup, dialog paging.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { errorResponse } from './api/http.ts';
import { privateRoutes } from './api/private-routes.ts';
import { apiRoutes } from './api/routes.ts';
import { type ContextOptions, SandboxContext } from './context.ts';
import { controlRoutes } from './controls.ts';
import { landingPath, resolveModes, type SandboxModes } from './modes.ts';
import { loadPage, MISSING_PAGE_HTML } from './page-loader.ts';

export interface SandboxOptions extends Partial<SandboxModes> {
  port?: number;
  host?: string;
  seed?: number;
  students?: number;
  /** See ContextOptions.patchData (tests only). */
  patchData?: ContextOptions['patchData'];
}

export interface Sandbox {
  url: string;
  port: number;
  /** The modes this sandbox runs in (defaults filled in). */
  modes: SandboxModes;
  close(): Promise<void>;
  reset(): void;
}

/** The 404 page of the site itself (what a browser or a stray client sees for an unknown path). */
const NOT_FOUND_HTML =
  '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>404 – Skolon</title></head>' +
  '<body><h1>Sidan kunde inte hittas</h1><p>404 Not Found</p></body></html>';

function createSandboxApp(ctx: SandboxContext): Hono {
  const app = new Hono();
  const { modes } = ctx;
  const html = (body: string, status = 200) =>
    new Response(body, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  const pageShell = async () => {
    const page = await loadPage();
    return page ? html(page.pageHtml(modes)) : html(MISSING_PAGE_HTML, 503);
  };

  app.get('/', (c) => c.redirect(landingPath(modes.routing), 302));
  if (modes.routing === 'hash') {
    app.get('/app', (c) => c.redirect('/app/', 302));
    app.get('/app/', pageShell);
  } else {
    app.get('/skoladmin', pageShell);
    app.get('/skoladmin/*', pageShell);
  }
  app.get('/__sandbox/page.js', async () => {
    const js = (body: string, status: number) =>
      new Response(body, {
        status,
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
      });
    const page = await loadPage();
    if (!page) return js('console.error("sandbox page not available");', 503);
    try {
      return js(await page.pageScript(modes), 200);
    } catch (e) {
      console.error('[sandbox] building the page script failed:', e instanceof Error ? e.message : e);
      return js('console.error("sandbox page script failed to build; see the sandbox output");', 500);
    }
  });
  app.route('/', controlRoutes(ctx));
  if (modes.api === 'private') {
    // The contract does not exist on this site: every path under /api is the site's HTML 404
    // (logged, so that a test can see a client knocking on it).
    app.all('/api/*', (c) => {
      const url = new URL(c.req.url);
      ctx.log.add({
        at: new Date().toISOString(),
        operation: 'unknown',
        api: 'contract',
        method: c.req.method,
        path: url.pathname + url.search,
        sessionId: null,
        status: 404,
        errorCode: 'NOT_FOUND',
      });
      return html(NOT_FOUND_HTML, 404);
    });
    app.route('/', privateRoutes(ctx));
  } else {
    app.route('/', apiRoutes(ctx));
  }
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? modes.api === 'private'
        ? html(NOT_FOUND_HTML, 404)
        : errorResponse(404, 'NOT_FOUND', 'no such API route')
      : c.text('Not found', 404),
  );
  app.onError((err) => {
    console.error('[sandbox] unhandled error', err);
    return errorResponse(500, 'INTERNAL', 'internal error');
  });
  return app;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const modes = resolveModes(opts);
  const ctx = new SandboxContext({
    seed: opts.seed ?? 1,
    students: opts.students ?? 2000,
    modes,
    ...(opts.patchData ? { patchData: opts.patchData } : {}),
  });
  const app = createSandboxApp(ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    modes,
    reset: () => ctx.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        const s = server as unknown as { closeAllConnections?: () => void };
        s.closeAllConnections?.();
      }),
  };
}
