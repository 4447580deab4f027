// Admin sessions of the sandbox: a cookie names the session; the session carries the CSRF
// token every POST must echo (one for the contract, another for the page's private API), and a
// per-session store of Idempotency-Key responses.
import { randomBytes } from 'node:crypto';
import type { Locale, Session } from '../../src/shared/model.ts';
import type { Store } from './api/store.ts';
import * as F from './data/fixtures.ts';

export const SESSION_COOKIE = 'sandbox_sid';
export type AdminRole = 'SCHOOL_ADMIN' | 'ORG_ADMIN';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
}

export interface SessionRec {
  id: string;
  role: AdminRole;
  locale: Locale;
  csrfToken: string;
  /** The private API's own CSRF token (header X-App-Xsrf), handed out by its bootstrap call. */
  appXsrf: string;
  schoolIds: string[];
  activeSchoolId: string;
  createdAt: string;
  idempotency: Map<string, StoredResponse>;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export class Sessions {
  private readonly byId = new Map<string, SessionRec>();

  create(role: AdminRole, locale: Locale): SessionRec {
    const s: SessionRec = {
      id: token(18),
      role,
      locale,
      csrfToken: token(24),
      appXsrf: token(24),
      schoolIds: role === 'ORG_ADMIN' ? [F.DEMO_SCHOOL_ID, F.OTHER_SCHOOL_ID] : [F.DEMO_SCHOOL_ID],
      activeSchoolId: F.DEMO_SCHOOL_ID,
      createdAt: new Date().toISOString(),
      idempotency: new Map(),
    };
    this.byId.set(s.id, s);
    return s;
  }

  get(id: string | undefined): SessionRec | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  /** Every current session becomes invalid (401 SESSION_EXPIRED) until a fresh login. */
  expireAll(): void {
    this.byId.clear();
  }

  /** After a data reset, stored Idempotency-Key responses would describe data that no longer exists. */
  clearIdempotency(): void {
    for (const s of this.byId.values()) s.idempotency.clear();
  }

  view(s: SessionRec, store: Store): Session {
    const user =
      s.role === 'ORG_ADMIN'
        ? { id: F.ORG_ADMIN_USER_ID, name: F.ORG_ADMIN_USER_NAME, email: 'karin.holm@demokommun.se' }
        : (() => {
            const u = store.user(F.SCHOOL_ADMIN_USER_ID);
            return {
              id: F.SCHOOL_ADMIN_USER_ID,
              name: u?.name ?? F.SCHOOL_ADMIN_USER_NAME,
              email: u?.email ?? '',
            };
          })();
    return {
      user,
      role: s.role,
      organization: { id: store.organization.id, name: store.organization.name },
      schools: s.schoolIds.map((id) => ({ id, name: store.school(id)?.name ?? id })),
      activeSchoolId: s.activeSchoolId,
      csrfToken: s.csrfToken,
      locale: s.locale,
    };
  }
}
