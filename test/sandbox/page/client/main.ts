// The sandbox's copy of Skolon's school-admin license pages, as a single-page app:
//   /skoladmin/verktyg            Verktygshantering (tool list with search)
//   /skoladmin/verktyg/{toolId}   the tool page with the license table and the withdraw dialog
// Routes change client-side (history API). Language: `?lang=` over the session's locale.
import type { Locale, Session } from '../../../../src/shared/model.ts';
import { Api, ApiError } from './api.ts';
import { type Ctx, errorMessage, loginHref } from './context.ts';
import { h } from './dom.ts';
import { isLocale, type Lang, lang } from './i18n.ts';
import { installGlobalStyles, s } from './styles.ts';
import { renderToolList } from './views/tool-list.ts';
import { renderToolPage } from './views/tool-page.ts';
import { closeAllDialogs } from './views/withdraw-dialog.ts';

const api = new Api();
let session: Session | undefined;
let root: HTMLElement | undefined;
let generation = 0;

function urlLocale(): Locale | undefined {
  const value = new URLSearchParams(location.search).get('lang');
  return isLocale(value) ? value : undefined;
}

function href(path: string): string {
  const override = urlLocale();
  return override ? `${path}?lang=${override}` : path;
}

function navigate(path: string): void {
  history.pushState(null, '', href(path));
  void render();
}

function setLanguage(locale: Locale): Lang {
  document.documentElement.lang = locale;
  return lang(locale);
}

function mountRoot(): HTMLElement {
  root?.remove();
  root = h('div', { class: s.app });
  document.body.prepend(root);
  return root;
}

type Route = { name: 'list' } | { name: 'tool'; toolId: string } | { name: 'unknown' };

function route(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/skoladmin' || path === '/skoladmin/verktyg') return { name: 'list' };
  const match = /^\/skoladmin\/verktyg\/([^/]+)$/.exec(path);
  if (match?.[1]) return { name: 'tool', toolId: decodeURIComponent(match[1]) };
  return { name: 'unknown' };
}

function renderLogin(locale: Locale): void {
  const { t } = setLanguage(locale);
  document.title = `${t.login} – Skolon`;
  mountRoot().append(
    h(
      'div',
      { class: `${s.card} ${s.login}` },
      h('div', { class: s.logo }, t.skolon),
      h('p', {}, t.notSignedIn),
      h(
        'a',
        {
          class: s.primary,
          attrs: { href: loginHref(location.pathname + location.search, urlLocale()), role: 'button' },
        },
        t.login,
      ),
    ),
  );
}

async function render(): Promise<void> {
  const mine = ++generation;
  closeAllDialogs();
  if (!session) {
    try {
      session = await api.getSession();
    } catch (error) {
      if (mine !== generation) return;
      if (error instanceof ApiError && error.status === 401) {
        renderLogin(urlLocale() ?? 'sv');
      } else {
        mountRoot().append(errorMessage({ lang: lang(urlLocale() ?? 'sv') }, error));
      }
      return;
    }
    if (mine !== generation) return;
  }
  const current = route(location.pathname);
  if (current.name === 'unknown') {
    history.replaceState(null, '', href('/skoladmin/verktyg'));
    return render();
  }

  const language = setLanguage(urlLocale() ?? session.locale);
  const { t } = language;
  const schoolName = session.schools.find((school) => school.id === session?.activeSchoolId)?.name ?? '';
  const ctx: Ctx = {
    api,
    session,
    lang: language,
    schoolName,
    href,
    navigate,
    alive: () => mine === generation,
  };

  const main = h('main', { class: s.main });
  const menuLink = (label: string, path: string, current: boolean) =>
    h(
      'a',
      { class: s.menuLink, attrs: { href: href(path), 'aria-current': current ? 'page' : undefined } },
      label,
    );
  mountRoot().append(
    h(
      'header',
      { class: s.topbar },
      h('span', { class: s.logo, attrs: { 'aria-hidden': 'true' } }, t.skolon),
      h('span', { class: s.topTitle }, `${t.skoladmin} ${schoolName}`),
      h('span', { class: s.topUser }, session.user.name),
    ),
    h(
      'div',
      { class: s.body },
      h(
        'nav',
        { class: s.sidebar, attrs: { 'aria-label': t.adminMenu } },
        h(
          'ul',
          { class: s.menuGroup },
          h('li', {}, h('span', { class: s.menuPlain }, t.users)),
          h('li', {}, h('span', { class: s.menuPlain }, t.classes)),
        ),
        h(
          'ul',
          { class: s.menuGroup },
          h(
            'li',
            {},
            h('span', { class: s.menuHeading }, t.tools),
            h(
              'ul',
              { class: s.menuGroup },
              h('li', {}, menuLink(t.toolManagement, '/skoladmin/verktyg', true)),
            ),
          ),
        ),
      ),
      main,
    ),
  );

  if (current.name === 'list') {
    document.title = `${t.toolManagement} – Skolon`;
    renderToolList(ctx, main);
  } else {
    renderToolPage(ctx, main, current.toolId);
  }
}

function interceptLinks(event: MouseEvent): void {
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
  void render();
}

installGlobalStyles();
window.addEventListener('popstate', () => void render());
document.addEventListener('click', interceptLinks);
void render();
