// Where a page says which tool it is about. Nobody knows the live site's routes, so no route is
// required: the tool id is read from wherever it can be (path, hash route, query string, the
// page's canonical link), and a page without one is still recognised by its structure and handled
// page-only (or its id is asked of the API by the tool's name, see features/license-page.ts).
import { fold } from '../../shared/fold.ts';

/**
 * Words after which a URL may carry a tool's id (as in …/verktyg/{id}, #/tools/{id}, …/verktøy/{id}).
 * Only for reading an id and as a hint: no page needs one of them to be recognised.
 */
const TOOL_SEGMENTS = new Set(['verktyg', 'verktoy', 'tools', 'tool', 'verktygshantering', 'toolmanagement']);
/** Query parameters that carry a tool id: ?toolId=…, ?tool=…, ?verktyg=… */
const TOOL_PARAMS = ['toolId', 'toolid', 'tool_id', 'tool', 'verktygId', 'verktyg', 'verktoy'];
/** A plausible id: no spaces, not a route word itself, not absurdly long. */
const ID = /^[^\s/?#&=]{1,200}$/u;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function idInPath(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  for (let i = parts.length - 2; i >= 0; i--) {
    if (!TOOL_SEGMENTS.has(fold(decode(parts[i] ?? '') ?? ''))) continue;
    const id = decode(parts[i + 1] ?? '');
    if (id && ID.test(id) && !TOOL_SEGMENTS.has(fold(id))) return id;
  }
  return null;
}

function idInQuery(search: string): string | null {
  const params = new URLSearchParams(search);
  for (const name of TOOL_PARAMS) {
    const value = params.get(name);
    if (value && ID.test(value)) return value;
  }
  return null;
}

/** The tool id a URL carries: path, then a hash route (#/…, #!/…) with its own query, then the query. */
export function toolIdFromUrl(url: URL): string | null {
  const hash = url.hash.replace(/^#!?/, '');
  const [hashPath = '', hashQuery = ''] = hash.split('?');
  return idInPath(url.pathname) ?? idInPath(hashPath) ?? idInQuery(hashQuery) ?? idInQuery(url.search);
}

/** The tool id the page itself names: its canonical link or og:url, read like a URL. */
export function toolIdFromDocument(doc: Document): string | null {
  const candidates = [
    doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href,
    doc.querySelector<HTMLMetaElement>('meta[property="og:url"]')?.content,
  ];
  for (const href of candidates) {
    if (!href) continue;
    try {
      const id = toolIdFromUrl(new URL(href, doc.baseURI));
      if (id) return id;
    } catch {
      // not a URL: ignore
    }
  }
  return null;
}

/** The tool's name as the page titles it (the first heading outside our own UI). */
export function toolNameOf(doc: Document): string {
  for (const heading of Array.from(doc.querySelectorAll('h1'))) {
    if (heading.closest('licenskoll-root')) continue;
    const text = (heading.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

/** A URL that looks like a tool page of some Skolon: a hint (never a requirement). */
export function urlHintsToolPage(url: URL): boolean {
  return toolIdFromUrl(url) !== null;
}
