// The sandbox's copy of Skolon's school-admin license pages, as a single-page app:
//   the tool list (Verktygshantering) and a tool's page with the license table and the withdraw
//   dialog, at /skoladmin/verktyg[/{toolId}] (history routing) or /app/#/tools[/{toolId}] (hash
//   routing). Language: `?lang=` over the session's locale. The modes (../../modes.ts) are baked in.
import type { Locale, Session } from '../../../../src/shared/model.ts';
import { ApiError, ContractApi, type PageApi } from './api.ts';
import { type Ctx, errorMessage, here, loginHref } from './context.ts';
import { h } from './dom.ts';
import { type Lang, lang } from './i18n.ts';
import { MODES } from './modes.ts';
import { PrivateApi } from './private-api.ts';
import { createRouter } from './router.ts';
import { installGlobalStyles, s } from './styles.ts';
import { renderToolList } from './views/tool-list.ts';
import { renderToolPage } from './views/tool-page.ts';
import { closeAllDialogs } from './views/withdraw-dialog.ts';

const api: PageApi = MODES.api === 'private' ? new PrivateApi() : new ContractApi();
const router = createRouter(MODES.routing);
let session: Session | undefined;
let root: HTMLElement | undefined;
let generation = 0;

const urlLocale = (): Locale | undefined => router.locale();

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
          attrs: { href: loginHref(here(), urlLocale()), role: 'button' },
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
  const current = router.current();
  if (current.name === 'unknown') {
    router.replaceWithList();
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
    modes: MODES,
    listHref: router.listHref(),
    toolHref: (toolId) => router.toolHref(toolId),
    alive: () => mine === generation,
  };

  const main = h('main', { class: s.main });
  const menuLink = (label: string, href: string, current: boolean) =>
    h('a', { class: s.menuLink, attrs: { href, 'aria-current': current ? 'page' : undefined } }, label);
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
            h('ul', { class: s.menuGroup }, h('li', {}, menuLink(t.toolManagement, router.listHref(), true))),
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

installGlobalStyles();
router.listen(() => void render());
void render();
