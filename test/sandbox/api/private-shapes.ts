// The page's private API (--api private): what an independently built Skolon might use instead
// of license-api.yaml. Other paths, other names, other shapes, its own CSRF header; the same
// session cookie. Shared by the server (./private-routes.ts) and the page's client bundle, so it
// imports nothing.
//
//   GET  /internal/app/bootstrap                                        → PBootstrap (carries xsrf)
//   GET  /internal/app/units/{unit}/catalog?term=&take=&from=           → PCatalogPage
//   GET  /internal/app/units/{unit}/catalog/{ref}                       → PProduct
//   GET  /internal/app/units/{unit}/catalog/{ref}/holders?entitlements=a,b&take=&from=
//                                                                       → PHolderPage (by name, keyset `from`)
//   POST /internal/app/units/{unit}/catalog/{ref}/holders/release {refs}          → PReleaseResult
//   POST /internal/app/units/{unit}/catalog/{ref}/holders/grant {entitlement, holders} → PGrantResult
// Every POST carries X-App-Xsrf: <bootstrap.xsrf>. Errors: PProblem with the HTTP status.

export const PRIVATE_BASE = '/internal/app';
export const PRIVATE_XSRF_HEADER = 'X-App-Xsrf';
/** At most this many refs a release or grant call (413 too-many above). */
export const PRIVATE_MAX_BATCH = 100;

export type PAudience = 'pupil' | 'teacher' | 'staff';
type PLanguage = 'sv' | 'nb' | 'en';

export interface PBootstrap {
  viewer: { uid: string; fullName: string; mail: string };
  access: 'school-admin' | 'org-admin';
  owner: { ref: string; label: string };
  units: { ref: string; label: string }[];
  unit: string;
  language: PLanguage;
  xsrf: string;
}

export interface PCatalogEntry {
  ref: string;
  label: string;
  vendor: string | null;
  kind: 'integrated' | 'free' | 'local' | 'external';
  seatsTotal: number;
  seatsTaken: number;
  nextExpiry: string | null;
  category: string | null;
  levels: string[];
}

export interface PCatalogPage {
  entries: PCatalogEntry[];
  more: string | null;
}

interface PEntitlement {
  ref: string;
  type: 'single' | 'class' | 'site';
  capacity: number;
  taken: number;
  expires: string;
  audience: PAudience[];
  poolRef: string | null;
}

interface PPool {
  ref: string;
  label: string;
  entitlements: string[];
  capacity: number;
  taken: number;
  autoAdd: boolean;
}

export interface PProduct {
  entry: PCatalogEntry;
  entitlements: PEntitlement[];
  pools: PPool[];
}

export interface PHolder {
  /** The holding's ref: what release takes (the contract's assignment id). */
  ref: string;
  entitlement: string;
  pool: string | null;
  since: string;
  holder: {
    kind: 'person' | 'group';
    ref: string;
    label: string;
    mail?: string;
    audience?: PAudience;
    groups?: { ref: string; label: string }[];
    enabled?: boolean;
    size?: number;
  };
}

export interface PHolderPage {
  holders: PHolder[];
  /** Keyset cursor for the next page, null on the last. */
  more: string | null;
  /** Holders of the asked entitlements right now. */
  count: number;
}

export type PKeptReason = 'already-released' | 'unknown' | 'denied' | 'failed';

export interface PReleaseResult {
  released: string[];
  kept: { ref: string; why: PKeptReason }[];
}

export interface PGrantResult {
  granted: { kind: 'person' | 'group'; ref: string; holding: string; already: boolean }[];
  refused: { kind: 'person' | 'group'; ref: string; why: 'no-seats' | 'not-eligible' | 'failed' }[];
}

export type PProblemType =
  | 'auth'
  | 'xsrf'
  | 'forbidden'
  | 'missing'
  | 'bad-input'
  | 'too-many'
  | 'throttled'
  | 'server'
  | 'unavailable';

export interface PProblem {
  problem: { type: PProblemType; detail: string };
}
