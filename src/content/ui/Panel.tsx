// The search-and-select panel docked beside the page's withdraw dialog: search, chips (role, class,
// left the school), select all matching, the page-mode and paging lines, Withdraw, and Schedule
// (its form loads when opened, as the confirmation does when Withdraw is pressed: parts.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { trusted } from '../core/trusted.ts';
import type { DialogController } from '../dialog/controller.ts';
import type { Role } from '../dialog/search.ts';
import { usePlacement, useSubscription } from './hooks.ts';
import { LazyConfirm, LazyHelp, LazyMatchList, LazyScheduleForm } from './parts.ts';
import { SavedViews } from './SavedViews.tsx';
import type { ModeReason, UiState } from './state.ts';

const MODE_REASON_KEY = {
  forced: 'pageModeWhyForced',
  absent: 'pageModeWhyAbsent',
  'session-expired': 'pageModeWhyExpired',
  unreachable: 'pageModeWhyUnreachable',
  'no-tool-id': 'pageModeWhyNoTool',
} as const;

/** "Sidläge: Licenskoll använder Skolons egna knappar" and why, said once in the panel. */
function PageModeLine({ reason }: { reason: ModeReason | null }) {
  return (
    <p class="warn" data-lk="page-mode">
      <strong>{t('pageModeLine')}</strong>
      {reason ? ` · ${t(MODE_REASON_KEY[reason])}` : ''}
    </p>
  );
}

/** Rows loaded of all, when the page renders only part of its list. */
function PagingLine({ ui }: { ui: UiState }) {
  const { paging } = ui;
  if (!paging) return null;
  const total = paging.total === null ? '?' : String(paging.total);
  return (
    <div class="row">
      <p class="muted" role="status" data-lk="paging">
        {paging.loading
          ? t('contentLoadingMoreRows', paging.loaded, total)
          : t('contentRowsLoaded', paging.loaded, total)}
      </p>
      {!paging.loading && (
        <button type="button" data-lk="load-all" onClick={trusted(() => ui.loadAllRows())}>
          {t('contentLoadAllRows')}
        </button>
      )}
    </div>
  );
}

/** "Schemalägg" and, once opened, its form (ScheduleForm.tsx); what was scheduled, said after. */
function Schedule({ ui, controller }: { ui: UiState; controller: DialogController }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <div data-lk="schedule">
      {open ? (
        <LazyScheduleForm
          ui={ui}
          controller={controller}
          onDone={(text) => {
            setOpen(false);
            setStatus(text || null);
            setTimeout(() => opener.current?.focus(), 0);
          }}
        />
      ) : (
        <button
          ref={opener}
          type="button"
          data-lk="schedule-open"
          disabled={ui.flow.busy}
          onPointerDown={LazyScheduleForm.preload}
          onFocus={LazyScheduleForm.preload}
          onClick={trusted(() => {
            setOpen(true);
            setStatus(null);
          })}
        >
          {t('schedFormOpen')}
        </button>
      )}
      {status && (
        <p class="ok" role="status" data-lk="schedule-status">
          {status}
        </p>
      )}
    </div>
  );
}

const ROLES: { role: Role; label: () => string }[] = [
  { role: 'STUDENT', label: () => t('contentRoleStudent') },
  { role: 'TEACHER', label: () => t('contentRoleTeacher') },
  { role: 'ADMIN', label: () => t('contentRoleAdmin') },
];

export function Panel({ ui, controller }: { ui: UiState; controller: DialogController }) {
  useSubscription(controller);
  const style = usePlacement(controller.dialog.element, controller.openedAt);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ui.searchInput = search.current;
    return () => {
      ui.searchInput = null;
    };
  }, [ui]);
  useEffect(() => {
    if (ui.focusSearch > 0) search.current?.focus();
  }, [ui.focusSearch]);

  const { filters } = controller;
  const selected = controller.selected.size;
  const hiddenSelected = controller.hiddenSelectedCount();
  const busy = ui.flow.busy;
  const preloadWithdrawal = () => {
    ui.flow.preload();
    LazyConfirm.preload();
  };
  // A saved view's class this dialog does not list: kept in the filter, shown as not present here.
  // (Made on each render, outside the chips' memo below: inside, the memo's body grows by 26 bytes,
  // over the license page's budget, for a walk of the few chosen classes.)
  const missingClasses = [...filters.classes].filter((name) => !controller.classes.includes(name));
  const toggleSet = <T,>(set: ReadonlySet<T>, value: T) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };
  // What a keystroke does not change is made again only when what it shows changes, and preact's
  // diff skips the same element: the chips (a school has dozens of classes), and the lines and
  // buttons below the list.
  const filterParts = useMemo(
    () => (
      <>
        {controller.dialog.kind === 'users' && (
          <fieldset>
            <legend>{t('contentFilterRole')}</legend>
            <div class="chips">
              {ROLES.map(({ role, label }) => (
                <button
                  key={role}
                  type="button"
                  data-lk={`role-${role}`}
                  aria-pressed={filters.roles.has(role)}
                  onClick={trusted(() => controller.setFilters({ roles: toggleSet(filters.roles, role) }))}
                >
                  {label()}
                </button>
              ))}
              <button
                type="button"
                data-lk="left"
                aria-pressed={filters.leftOnly}
                onClick={trusted(() => controller.setFilters({ leftOnly: !filters.leftOnly }))}
              >
                {t('contentFilterLeft')}
              </button>
            </div>
          </fieldset>
        )}
        {(controller.classes.length > 1 || missingClasses.length > 0) && (
          <fieldset>
            <legend>{t('contentFilterClass')}</legend>
            <div class="chips">
              {controller.classes.map((name) => (
                <button
                  key={name}
                  type="button"
                  data-lk={`class-${name}`}
                  aria-pressed={filters.classes.has(name)}
                  onClick={trusted(() =>
                    controller.setFilters({ classes: toggleSet(filters.classes, name) }),
                  )}
                >
                  {name}
                </button>
              ))}
              {missingClasses.map((name) => (
                <button
                  key={name}
                  type="button"
                  class="missing"
                  data-lk={`class-${name}`}
                  data-missing="true"
                  aria-pressed={true}
                  title={t('viewClassNotHere')}
                  onClick={trusted(() =>
                    controller.setFilters({ classes: toggleSet(filters.classes, name) }),
                  )}
                >
                  {name} · {t('viewClassNotHere')}
                </button>
              ))}
            </div>
          </fieldset>
        )}
      </>
    ),
    [controller, controller.classes, filters.classes, filters.roles, filters.leftOnly],
  );
  const unmapped = controller.unmappedCount();
  const below = useMemo(
    () => (
      <>
        {controller.mode === 'page' && <PageModeLine reason={ui.modeReason} />}
        <PagingLine ui={ui} />
        {controller.mode === 'api' && controller.tool === null && (
          <p class="muted">{t('contentLoadingData')}</p>
        )}
        {controller.mode === 'api' && controller.tool !== null && unmapped > 0 && (
          <p class="muted">{t('contentUnmapped', unmapped)}</p>
        )}
        <button
          type="button"
          class="primary"
          data-lk="withdraw"
          disabled={busy || selected === 0}
          onPointerDown={preloadWithdrawal}
          onFocus={preloadWithdrawal}
          onClick={trusted(() => void ui.flow.ask(controller))}
        >
          {t('contentWithdrawSelected', selected)}
        </button>
        <Schedule ui={ui} controller={controller} />
      </>
    ),
    [ui, controller, busy, selected, controller.mode, ui.modeReason, ui.paging, controller.tool, unmapped],
  );

  return (
    <section
      class="card"
      style={style}
      aria-label={t('contentPanelLabel')}
      data-lk="panel"
      data-mode={controller.mode}
      data-ready={controller.mode === 'page' || controller.tool !== null ? 'true' : 'false'}
      data-selected={selected}
      data-matches={controller.matchCount}
    >
      <div class="head">
        <h2 class="title">{t('extName')}</h2>
        <button
          type="button"
          class="icon"
          aria-label={t('contentHelpOpen')}
          title={t('contentHelpOpen')}
          onPointerDown={LazyHelp.preload}
          onFocus={LazyHelp.preload}
          onClick={trusted(() => ui.set({ help: true }))}
        >
          ?
        </button>
      </div>
      {ui.pending === 'ready' && (
        <p class="warn" role="status" data-lk="pending-banner">
          {t('viewPendingBanner')}
        </p>
      )}
      {/* A form of its own: Chromium's autofill handles each keystroke in a text field with the
          field's form, and a field in none with every form field of the page that is in none
          (5,000 checkboxes in a large dialog: a task of 2-7 ms after each keystroke's frame, in
          a trace). `method="dialog"` outside a dialog submits nowhere: Enter changes nothing. */}
      <form method="dialog">
        <label class="field">
          {t('contentSearchLabel')}
          <input
            ref={search}
            type="search"
            data-lk="search"
            value={filters.query}
            placeholder={t('contentSearchPlaceholder')}
            autocomplete="off"
            spellcheck={false}
            onInput={trusted((e: Event) =>
              controller.setFilters({ query: (e.currentTarget as HTMLInputElement).value }),
            )}
          />
        </label>
      </form>
      <p class="muted" role="status" data-lk="count">
        {t('contentMatches', controller.matchCount, controller.rows.length)}
        {' · '}
        {t('contentSelected', selected)}
        {hiddenSelected > 0 ? ` · ${t('contentSelectedHidden', hiddenSelected)}` : ''}
      </p>
      {/* A large dialog lists its matches here: its box is there before the first keystroke. */}
      {controller.large && <LazyMatchList controller={controller} />}
      <div class="row">
        <button
          type="button"
          data-lk="select-all"
          disabled={busy || (controller.matchCount === 0 && ui.paging === null)}
          onClick={trusted(() => ui.selectAllMatching())}
        >
          {controller.matchCount === 1
            ? t('contentSelectOneMatch')
            : t('contentSelectAllMatching', controller.matchCount)}
        </button>
        <button
          type="button"
          data-lk="clear"
          disabled={busy || selected === 0}
          onClick={trusted(() => controller.clearSelection())}
        >
          {t('contentClear')}
        </button>
      </div>
      {below}
      {filterParts}
      {/* Not kept: whether the filters are empty (the search too) decides what it offers. */}
      <SavedViews plans={ui.plans} classes={controller.classes} />
    </section>
  );
}
