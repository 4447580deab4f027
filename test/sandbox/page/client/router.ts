// Where the page is and how it links, for both routings:
//   history  /skoladmin/verktyg, /skoladmin/verktyg/{toolId}; pushState + popstate; `?lang=` kept on links
//   hash     /app/#/tools, /app/#/tools/{toolId}; plain hash links + hashchange; `?lang=` stays in
//            the page's own query (/app/?lang=nb#/tools) or, if given there, in the hash's
import type { Locale } from '../../../../src/shared/model.ts';
import { type Routing, toolListPath, toolPagePath } from '../../modes.ts';
import { isLocale } from './i18n.ts';

type Route = { name: 'list' } | { name: 'tool'; toolId: string } | { name: 'unknown' };

export interface Router {
  current(): Route;
  /** The `?lang=` override of the current URL, if any. */
  locale(): Locale | undefined;
  listHref(): string;
  toolHref(toolId: string): string;
  /** Replaces an unknown route with the tool list (no new history entry). */
  replaceWithList(): void;
  /** Calls `render` whenever the route changes. */
  listen(render: () => void): void;
}

function historyRouter(): Router {
  const locale = () => {
    const value = new URLSearchParams(location.search).get('lang');
    return isLocale(value) ? value : undefined;
  };
  const withLang = (path: string) => {
    const override = locale();
    return override ? `${path}?lang=${override}` : path;
  };
  return {
    current() {
      const path = location.pathname.replace(/\/+$/, '');
      if (path === '/skoladmin' || path === '/skoladmin/verktyg') return { name: 'list' };
      const match = /^\/skoladmin\/verktyg\/([^/]+)$/.exec(path);
      if (match?.[1]) return { name: 'tool', toolId: decodeURIComponent(match[1]) };
      return { name: 'unknown' };
    },
    locale,
    listHref: () => withLang(toolListPath('history')),
    toolHref: (toolId) => withLang(toolPagePath('history', toolId)),
    replaceWithList: () => history.replaceState(null, '', withLang(toolListPath('history'))),
    listen(render) {
      window.addEventListener('popstate', render);
      // Same-app links change the route client-side (the window survives).
      document.addEventListener('click', (event) => {
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        )
          return;
        const target = event.target instanceof Element ? event.target.closest('a') : null;
        if (!target || target.target || target.hasAttribute('download')) return;
        const url = new URL(target.href, location.href);
        if (url.origin !== location.origin || !url.pathname.startsWith('/skoladmin')) return;
        event.preventDefault();
        history.pushState(null, '', url.pathname + url.search);
        render();
      });
    },
  };
}

function hashRouter(): Router {
  /** The hash split into its path and its own query: "#/tools/x?lang=nb" → ["/tools/x", "lang=nb"]. */
  const parts = (): [string, URLSearchParams] => {
    const raw = location.hash.replace(/^#/, '');
    const q = raw.indexOf('?');
    return q < 0 ? [raw, new URLSearchParams()] : [raw.slice(0, q), new URLSearchParams(raw.slice(q + 1))];
  };
  const locale = () => {
    const value = new URLSearchParams(location.search).get('lang') ?? parts()[1].get('lang');
    return isLocale(value) ? value : undefined;
  };
  /** A hash link; a `lang` given inside the hash travels along (one in the page's query stays anyway). */
  const link = (hashPath: string) => {
    const inHash = parts()[1].get('lang');
    return isLocale(inHash) ? `#${hashPath}?lang=${inHash}` : `#${hashPath}`;
  };
  return {
    current() {
      const path = parts()[0].replace(/\/+$/, '');
      if (path === '/tools') return { name: 'list' };
      const match = /^\/tools\/([^/]+)$/.exec(path);
      if (match?.[1]) return { name: 'tool', toolId: decodeURIComponent(match[1]) };
      return { name: 'unknown' };
    },
    locale,
    listHref: () => link('/tools'),
    toolHref: (toolId) => link(`/tools/${encodeURIComponent(toolId)}`),
    replaceWithList: () =>
      history.replaceState(null, '', `${location.pathname}${location.search}${link('/tools')}`),
    listen(render) {
      window.addEventListener('hashchange', render);
    },
  };
}

export function createRouter(routing: Routing): Router {
  return routing === 'hash' ? hashRouter() : historyRouter();
}
