// Which Skolon origins an administrator may add in the options page. Each one becomes an optional
// host permission, so anything broader than one exact origin (wildcards, paths, plain http) is refused.

export const DEFAULT_ORIGIN = 'https://app.skolon.com';

export type OriginProblem = 'empty' | 'missingScheme' | 'garbage' | 'wildcard' | 'notHttps' | 'hasPath';

export type OriginCheck = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** `allowLocal` is true only in the sandbox flavour: http://127.0.0.1 and http://localhost. */
export function checkOrigin(input: string, allowLocal: boolean): OriginCheck {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.includes('*')) return { ok: false, problem: 'wildcard' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { ok: false, problem: /^[\w.-]+\.[a-z]{2,}(:\d+)?\/?$/i.test(text) ? 'missingScheme' : 'garbage' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'garbage' };
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !(local && allowLocal)) return { ok: false, problem: 'notHttps' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'notHttps' };
  if (url.username || url.password) return { ok: false, problem: 'garbage' };
  // A single-label name ("https://skolon") is a typo far more often than an intranet host.
  if (!local && !url.hostname.includes('.')) return { ok: false, problem: 'garbage' };
  if (url.pathname !== '/' || url.search || url.hash || /\/\S+$/.test(text.replace(/^[a-z]+:\/\//i, ''))) {
    return { ok: false, problem: 'hasPath' };
  }
  return { ok: true, origin: url.origin };
}

/** The host permission pattern for an origin (match patterns ignore the port). */
export function permissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
