// The sandbox server: the license API contract (./api), the test controls (./controls.ts) and
// the single-page copy of Skolon's license page (./page, served through ./page.ts).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { errorResponse } from './api/http.ts';
import { apiRoutes } from './api/routes.ts';
import { SandboxContext } from './context.ts';
import { controlRoutes, DEFAULT_LANDING } from './controls.ts';
import { loadPage, MISSING_PAGE_HTML } from './page-loader.ts';

export { SESSION_COOKIE } from './sessions.ts';

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  students?: number;
}

export interface Sandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  reset(): void;
}

export function createSandboxApp(ctx: SandboxContext): Hono {
  const app = new Hono();
  const html = (body: string, status = 200) =>
    new Response(body, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  const pageShell = async () => {
    const page = await loadPage();
    return page ? html(page.pageHtml()) : html(MISSING_PAGE_HTML, 503);
  };

  app.get('/', (c) => c.redirect(DEFAULT_LANDING, 302));
  app.get('/skoladmin', pageShell);
  app.get('/skoladmin/*', pageShell);
  app.get('/__sandbox/page.js', async () => {
    const js = (body: string, status: number) =>
      new Response(body, {
        status,
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
      });
    const page = await loadPage();
    if (!page) return js('console.error("sandbox page not available");', 503);
    try {
      return js(await page.pageScript(), 200);
    } catch (e) {
      console.error('[sandbox] building the page script failed:', e instanceof Error ? e.message : e);
      return js('console.error("sandbox page script failed to build; see the sandbox output");', 500);
    }
  });
  app.route('/', controlRoutes(ctx));
  app.route('/', apiRoutes(ctx));
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? errorResponse(404, 'NOT_FOUND', 'no such API route')
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
  const ctx = new SandboxContext({ seed: opts.seed ?? 1, students: opts.students ?? 2000 });
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
    reset: () => ctx.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        const s = server as unknown as { closeAllConnections?: () => void };
        s.closeAllConnections?.();
      }),
  };
}
