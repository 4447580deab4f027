// What every view gets: the API, the session, the language, the modes, and links that keep `?lang=`.
import type { Session } from '../../../../src/shared/model.ts';
import type { SandboxModes } from '../../modes.ts';
import type { PageApi } from './api.ts';
import { ApiError } from './api.ts';
import { h } from './dom.ts';
import type { Lang } from './i18n.ts';
import { s } from './styles.ts';

export interface Ctx {
  api: PageApi;
  session: Session;
  lang: Lang;
  schoolName: string;
  modes: SandboxModes;
  /** Same-app hrefs for the routing, keeping the `?lang=` override of the current URL. */
  listHref: string;
  toolHref(toolId: string): string;
  /** False once the user has navigated elsewhere: late responses are then dropped. */
  alive(): boolean;
}

/** Where the page is now, for a login's `next` (the hash too: /app/#/tools/x). */
export function here(): string {
  return location.pathname + location.search + location.hash;
}

export function loginHref(next: string, locale?: string): string {
  const params = new URLSearchParams({ role: 'SCHOOL_ADMIN', next });
  if (locale) params.set('locale', locale);
  return `/__sandbox/login?${params.toString()}`;
}

/** The red message shown when a call fails; a 401 says the session expired and links to login. */
export function errorMessage(ctx: Pick<Ctx, 'lang'>, error: unknown): HTMLElement {
  const { t } = ctx.lang;
  if (error instanceof ApiError && error.status === 401) {
    return h(
      'p',
      { class: s.error, attrs: { role: 'alert' } },
      `${t.sessionExpired} `,
      h('a', { class: s.link, attrs: { href: loginHref(here(), ctx.lang.locale) } }, t.login),
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return h('p', { class: s.error, attrs: { role: 'alert' } }, t.notFound);
  }
  return h('p', { class: s.error, attrs: { role: 'alert' } }, t.failed);
}
