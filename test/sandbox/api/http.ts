// Small HTTP helpers of the API: Error bodies, opaque cursors, ETags, query validation.
import type { ErrorCode } from '../../../src/shared/model.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
) {
  return json(status, { error: { code, message } }, headers);
}

/** FNV-1a, base 36: short and stable. */
export function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** Opaque cursor: base64url of the offset and a hash of the query it belongs to. */
export function encodeCursor(offset: number, queryKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: hash(queryKey) })).toString('base64url');
}

/** The offset, or an ApiError 400 for anything not produced by encodeCursor for this query. */
export function decodeCursor(cursor: string | undefined, queryKey: string): number {
  if (cursor === undefined) return 0;
  const bad = () => new ApiError(400, 'BAD_REQUEST', 'invalid cursor');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const { o, q } = parsed as { o?: unknown; q?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || q !== hash(queryKey)) throw bad();
  return o;
}

export function parseLimit(raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  if (!/^\d{1,9}$/.test(raw))
    throw new ApiError(422, 'INVALID', `limit must be an integer from ${min} to ${max}`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new ApiError(422, 'INVALID', `limit must be an integer from ${min} to ${max}`);
  return n;
}

/** True when the If-None-Match header lists this ETag (or "*"). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => strip(t) === '*' || strip(t) === strip(etag));
}

export function page<T>(items: readonly T[], offset: number, limit: number, queryKey: string) {
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor(offset + limit, queryKey) : null;
  return { slice, nextCursor: next };
}

/**
 * Keyset cursor: base64url of the last item's key and a hash of the query. Unlike an offset, it
 * stays right when rows before it vanish (a withdrawal between two pages skips nothing).
 */
export function encodeAfterCursor(lastKey: string, queryKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey, q: hash(queryKey) })).toString('base64url');
}

/** The last key of the previous page, undefined for the first page, or an ApiError 400. */
export function decodeAfterCursor(cursor: string | undefined, queryKey: string): string | undefined {
  if (cursor === undefined) return undefined;
  const bad = () => new ApiError(400, 'BAD_REQUEST', 'invalid cursor');
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const { k, q } = parsed as { k?: unknown; q?: unknown };
  if (typeof k !== 'string' || k.length === 0 || q !== hash(queryKey)) throw bad();
  return k;
}

/** The first index whose item sorts after `key` in `items` (sorted ascending by `compare`). */
export function indexAfter<T, K>(items: readonly T[], key: K, compare: (item: T, key: K) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(items[mid] as T, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
