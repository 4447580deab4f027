// Which Skolon origins an administrator may add in the options page. Each one becomes an optional
// host permission, so anything broader than one exact origin (wildcards, paths, plain http) is refused.
// Production: https only, a real host name (no IP address, no localhost), the port kept as typed.
// Sandbox: the same, plus loopback (localhost and 127.x.y.z) over http or https, on any port.

export const DEFAULT_ORIGIN = 'https://app.skolon.com';

/** The local sandbox's origins: the one list the sandbox build's manifest and background both use. */
export const SANDBOX_LOCAL_PATTERNS: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];

export type OriginProblem =
  | 'empty'
  | 'missingScheme'
  | 'garbage'
  | 'wildcard'
  | 'notHttps'
  | 'hasPath'
  | 'ipAddress'
  | 'localhost';

export type OriginCheck = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

/** A dotted IPv4 address as the URL parser writes it (it already turns 0x7f.1 or 2130706433 into this). */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostKind(hostname: string): 'ipv4-loopback' | 'ip' | 'localhost' | 'localhost-sub' | 'name' {
  if (hostname.startsWith('[')) return 'ip'; // IPv6, loopback ([::1]) included
  if (IPV4.test(hostname)) return hostname.startsWith('127.') ? 'ipv4-loopback' : 'ip';
  if (hostname === 'localhost') return 'localhost';
  if (hostname.endsWith('.localhost')) return 'localhost-sub';
  return 'name';
}

/** `allowLocal` is true only in the sandbox flavour: loopback (localhost, 127.x.y.z), also over http. */
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
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'notHttps' };
  if (url.username || url.password || url.hostname.endsWith('.')) return { ok: false, problem: 'garbage' };
  if (url.pathname !== '/' || url.search || url.hash || /\/\S+$/.test(text.replace(/^[a-z]+:\/\//i, ''))) {
    return { ok: false, problem: 'hasPath' };
  }
  const kind = hostKind(url.hostname);
  const loopback = allowLocal && (kind === 'localhost' || kind === 'ipv4-loopback');
  if (!loopback) {
    if (kind === 'ip' || kind === 'ipv4-loopback') return { ok: false, problem: 'ipAddress' };
    if (kind === 'localhost' || kind === 'localhost-sub') return { ok: false, problem: 'localhost' };
    // A single-label name ("https://skolon") is a typo far more often than an intranet host.
    if (!url.hostname.includes('.')) return { ok: false, problem: 'garbage' };
    if (url.protocol !== 'https:') return { ok: false, problem: 'notHttps' };
  }
  return { ok: true, origin: url.origin };
}

/** The host permission pattern for an origin (match patterns ignore the port). */
export function permissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Whether a match pattern (as in a manifest: `<all_urls>`, `*://host/*`, `https://*.host/*`) matches
 * an origin's pages. Ports are ignored, as browsers do for host permissions.
 */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  if (pattern === '<all_urls>') return scheme === 'http' || scheme === 'https';
  const parts = /^(\*|https?):\/\/([^/]+)\/.*$/.exec(pattern);
  if (!parts) return false;
  const [, patternScheme, patternHost = ''] = parts;
  if (patternScheme === '*' ? scheme !== 'http' && scheme !== 'https' : patternScheme !== scheme)
    return false;
  const host = patternHost.replace(/:\d+$/, '').toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) return url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1));
  return url.hostname === host;
}

/** Whether any of `patterns` matches the origin's pages. */
export function coveredBy(patterns: readonly string[], origin: string): boolean {
  return patterns.some((pattern) => patternCoversOrigin(pattern, origin));
}
