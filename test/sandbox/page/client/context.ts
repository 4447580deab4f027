// What every view gets: the API, the session, the language, and navigation that keeps `?lang=`.
import type { Session } from '../../../../src/shared/model.ts';
import type { Api } from './api.ts';
import { ApiError } from './api.ts';
import { h } from './dom.ts';
import type { Lang } from './i18n.ts';
import { s } from './styles.ts';

export interface Ctx {
  api: Api;
  session: Session;
  lang: Lang;
  schoolName: string;
  /** A same-app href that keeps the `?lang=` override of the current URL. */
  href(path: string): string;
  navigate(path: string): void;
  /** False once the user has navigated elsewhere: late responses are then dropped. */
  alive(): boolean;
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
      h(
        'a',
        { class: s.link, attrs: { href: loginHref(location.pathname + location.search, ctx.lang.locale) } },
        t.login,
      ),
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return h('p', { class: s.error, attrs: { role: 'alert' } }, t.notFound);
  }
  return h('p', { class: s.error, attrs: { role: 'alert' } }, t.failed);
}
