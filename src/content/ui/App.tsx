// The injected UI (preact, inside our shadow root): the search-and-select panel docked beside the
// page's withdraw dialog, the confirmation with its preview, the progress/result card with retry
// and undo, and the keyboard help. Every action checks event.isTrusted: our shadow root is open,
// so a page script could otherwise click our buttons. Names are rendered as text, never markup.
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { type MessageKey, t, uiLocale } from '../../shared/i18n.ts';
import { isolate } from '../../shared/ui/text.ts';
import { trusted } from '../core/trusted.ts';
import type { DialogController } from '../dialog/controller.ts';
import { HELP_ROWS } from '../dialog/keys.ts';
import type { Role } from '../dialog/search.ts';
import { OUTCOME_UNKNOWN, type WithdrawalFlow } from '../dialog/withdrawal.ts';

export interface UiState {
  controller: DialogController | null;
  flow: WithdrawalFlow;
  help: boolean;
  /** The browser command asked for our search while no dialog is open: say how to get one. */
  hint: boolean;
  /** Bumped by the keyboard to focus our search. */
  focusSearch: number;
  /** Why page mode (the probe's answer, or no tool id), shown once in the panel; null in API mode. */
  modeReason: ModeReason | null;
  /** The dialog's rows loaded of all, when the page does not render them all; null when complete. */
  paging: { loaded: number; total: number | null; loading: boolean } | null;
  /** Selects every match, loading the page's further rows first when it has more. */
  selectAllMatching(): void;
  /** Loads the rows the page has not rendered yet (its own "Visa fler"), so search sees them. */
  loadAllRows(): void;
  subscribe(listener: () => void): () => void;
  set(
    patch: Partial<Pick<UiState, 'controller' | 'help' | 'hint' | 'focusSearch' | 'modeReason' | 'paging'>>,
  ): void;
  searchInput: HTMLInputElement | null;
}

export type ModeReason = 'forced' | 'absent' | 'session-expired' | 'unreachable' | 'no-tool-id';

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

function useSubscription(subscribe: ((l: () => void) => () => void) | undefined): void {
  const [, bump] = useReducer((n: number, _: undefined) => n + 1, 0);
  useEffect(() => subscribe?.(() => bump(undefined)), [subscribe]);
}

const ROLES: { role: Role; label: () => string }[] = [
  { role: 'STUDENT', label: () => t('contentRoleStudent') },
  { role: 'TEACHER', label: () => t('contentRoleTeacher') },
  { role: 'ADMIN', label: () => t('contentRoleAdmin') },
];

/** Where the panel sits: beside the dialog when there is room, else as a sheet at the bottom. */
function usePlacement(dialog: HTMLElement | undefined): Record<string, string> {
  const [style, setStyle] = useState<Record<string, string>>({});
  useLayoutEffect(() => {
    if (!dialog) return;
    const win = dialog.ownerDocument.defaultView;
    if (!win) return;
    let frame = 0;
    const place = () => {
      frame = 0;
      const rect = dialog.getBoundingClientRect();
      const width = win.innerWidth;
      const right = width - rect.right - 24;
      const left = rect.left - 24;
      const panel = Math.min(340, Math.max(right, left));
      if (panel >= 260) {
        const top = `${Math.max(8, rect.top)}px`;
        setStyle(
          right >= left
            ? { left: `${rect.right + 12}px`, top, width: `${panel}px` }
            : { left: `${rect.left - panel - 12}px`, top, width: `${panel}px` },
        );
      } else {
        setStyle({ left: '8px', right: '8px', bottom: '8px', maxHeight: '40vh' });
      }
    };
    const schedule = () => {
      if (!frame) frame = win.requestAnimationFrame(place);
    };
    place();
    const observer = new ResizeObserver(schedule);
    observer.observe(dialog);
    win.addEventListener('resize', schedule);
    win.addEventListener('scroll', schedule, true);
    return () => {
      observer.disconnect();
      win.removeEventListener('resize', schedule);
      win.removeEventListener('scroll', schedule, true);
      if (frame) win.cancelAnimationFrame(frame);
    };
  }, [dialog]);
  return style;
}

function Panel({ ui, controller }: { ui: UiState; controller: DialogController }) {
  useSubscription(controller.subscribe.bind(controller));
  const style = usePlacement(controller.dialog.element);
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
  const toggleSet = <T,>(set: ReadonlySet<T>, value: T) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

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
          onClick={trusted(() => ui.set({ help: true }))}
        >
          ?
        </button>
      </div>
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
      {controller.classes.length > 1 && (
        <fieldset>
          <legend>{t('contentFilterClass')}</legend>
          <div class="chips">
            {controller.classes.map((name) => (
              <button
                key={name}
                type="button"
                data-lk={`class-${name}`}
                aria-pressed={filters.classes.has(name)}
                onClick={trusted(() => controller.setFilters({ classes: toggleSet(filters.classes, name) }))}
              >
                {name}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <p class="muted" role="status" data-lk="count">
        {t('contentMatches', controller.matchCount, controller.rows.length)}
        {' · '}
        {t('contentSelected', selected)}
        {hiddenSelected > 0 ? ` · ${t('contentSelectedHidden', hiddenSelected)}` : ''}
      </p>
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
      {controller.mode === 'page' && <PageModeLine reason={ui.modeReason} />}
      <PagingLine ui={ui} />
      {controller.mode === 'api' && controller.tool === null && (
        <p class="muted">{t('contentLoadingData')}</p>
      )}
      {controller.mode === 'api' && controller.tool !== null && controller.unmappedCount() > 0 && (
        <p class="muted">{t('contentUnmapped', controller.unmappedCount())}</p>
      )}
      <button
        type="button"
        class="primary"
        data-lk="withdraw"
        disabled={busy || selected === 0}
        onClick={trusted(() => void ui.flow.ask(controller))}
      >
        {t('contentWithdrawSelected', selected)}
      </button>
    </section>
  );
}

/** The page changed between the preview and the confirmation: nothing was done, select again. */
function Changed({ ui }: { ui: UiState }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="overlay" data-lk="page-changed">
      <div class="card" role="alertdialog" aria-modal="true" aria-labelledby="lk-changed">
        <p class="warn" id="lk-changed">
          {t('contentPageChanged')}
        </p>
        <div class="row">
          <button ref={close} type="button" onClick={trusted(() => ui.flow.cancel())}>
            {t('contentClose')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * "för 3 minuter sedan": the card's job ended within this page's life, so minutes and hours say it
 * (a few lines here rather than shared/ui/format.ts, which the content script's budget would feel).
 */
function ago(endedAt: number): string {
  const minutes = Math.round((endedAt - Date.now()) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  return Math.abs(minutes) < 60
    ? rtf.format(minutes, 'minute')
    : rtf.format(Math.round(minutes / 60), 'hour');
}

/** "Ångra" or u: what goes back (the job, how many, how long ago), then a deliberate yes. */
function ConfirmUndo({ ui }: { ui: UiState }) {
  const phase = ui.flow.phase;
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  if (phase.name !== 'confirmUndo') return null;
  return (
    <div class="overlay" data-lk="confirm-undo">
      <div class="card" role="alertdialog" aria-modal="true" aria-labelledby="lk-undo-title">
        <h2 class="title" id="lk-undo-title">
          {t('contentUndoConfirmTitle', phase.count)}
        </h2>
        <p data-lk="undo-label">
          <bdi>{phase.label}</bdi>
        </p>
        <p class="muted">{t('undoConfirmAge', ago(phase.endedAt))}</p>
        <div class="row">
          <button ref={cancel} type="button" data-lk="undo-cancel" onClick={trusted(() => ui.flow.cancel())}>
            {t('contentCancel')}
          </button>
          <button
            type="button"
            class="danger"
            data-lk="undo-yes"
            onClick={trusted(() => void ui.flow.undo())}
          >
            {t('undoConfirmYes')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Confirm({ ui, dialog }: { ui: UiState; dialog: HTMLElement | null }) {
  const phase = ui.flow.phase;
  const cancelButton = useRef<HTMLButtonElement>(null);
  const countField = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const typeCount = phase.name === 'confirm' && phase.typeCount;
  // Focus starts on Cancel (or on the count to type): Enter never confirms from a pre-focused button.
  useEffect(() => {
    if (phase.name !== 'confirm') return;
    setTyped('');
    (typeCount ? countField.current : cancelButton.current)?.focus();
  }, [phase.name, typeCount]);
  if (phase.name === 'changed') return <Changed ui={ui} />;
  if (phase.name === 'confirmUndo') return <ConfirmUndo ui={ui} />;
  if (phase.name !== 'confirm' && phase.name !== 'previewing') return null;
  const ready =
    phase.name === 'confirm' && (!phase.typeCount || typed.trim() === String(phase.preview.count));
  const go = () => {
    if (dialog && ready) void ui.flow.confirm(dialog);
  };
  return (
    <div class="overlay" data-lk="confirm">
      <div class="card" role="alertdialog" aria-modal="true" aria-labelledby="lk-confirm-title">
        {phase.name === 'previewing' ? (
          <p class="muted" role="status" id="lk-confirm-title">
            {t('contentPreviewing')}
          </p>
        ) : (
          <>
            <h2 class="title" id="lk-confirm-title">
              {t('contentConfirmTitle', phase.preview.count)}
            </h2>
            <ul class="names" aria-label={t('contentSeatsTitle')}>
              {phase.preview.perLicense.map((l) => (
                <li key={l.licenseId}>{t('contentConfirmSeats', l.seatsFreed, isolate(l.label))}</li>
              ))}
            </ul>
            {phase.preview.names && (
              <ul class="names" aria-label={t('contentNamesTitle')} data-lk="names">
                {phase.preview.names.map((name, i) => (
                  <li key={`${i}-${name}`}>
                    <bdi>{name}</bdi>
                  </li>
                ))}
              </ul>
            )}
            {phase.unmapped > 0 && <p class="muted">{t('contentUnmapped', phase.unmapped)}</p>}
            {phase.mode === 'page' && <p class="muted">{t('pageModeLine')}</p>}
            {ui.paging && !ui.paging.loading && (
              <p class="warn" data-lk="preview-partial">
                {t(
                  'contentPreviewPartial',
                  ui.paging.loaded,
                  ui.paging.total === null ? '?' : ui.paging.total,
                )}
              </p>
            )}
            <p class="warn">{t('contentConfirmWarning')}</p>
            {!dialog && (
              <p class="warn" role="alert" data-lk="page-changed-inline">
                {t('contentPageChanged')}
              </p>
            )}
            {phase.typeCount && (
              <label class="field">
                {t('contentConfirmTypeCount', phase.preview.count)}
                <input
                  ref={countField}
                  type="text"
                  inputMode="numeric"
                  autocomplete="off"
                  data-lk="confirm-count"
                  value={typed}
                  onInput={trusted((e: Event) => setTyped((e.currentTarget as HTMLInputElement).value))}
                  onKeyDown={(e) => {
                    // Enter in the count field confirms only with the right count typed (deliberate).
                    if (e.isTrusted && e.key === 'Enter') go();
                  }}
                />
              </label>
            )}
            <div class="row">
              <button
                type="button"
                class="danger"
                data-lk="confirm-withdraw"
                disabled={!dialog || !ready}
                onClick={trusted(go)}
              >
                {t('contentConfirm')}
              </button>
              <button
                ref={cancelButton}
                type="button"
                data-lk="cancel"
                onClick={trusted(() => ui.flow.cancel())}
              >
                {t('contentCancel')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** Why a job paused, and the way on (the popup's Jobb tab says the same). */
const PAUSE_TEXT: Record<string, MessageKey> = {
  'session-expired': 'jobPausedSession',
  'server-busy': 'jobPausedBusy',
  offline: 'jobPausedOffline',
  user: 'jobPausedUser',
};

function Result({ ui }: { ui: UiState }) {
  const phase = ui.flow.phase;
  if (phase.name === 'error') {
    return (
      <section class="card result" aria-label={t('extName')} data-lk="result">
        <p class="error" role="alert">
          {t('contentError', phase.message)}
        </p>
        <button type="button" onClick={trusted(() => ui.flow.dismiss())}>
          {t('contentClose')}
        </button>
      </section>
    );
  }
  if (phase.name !== 'running' && phase.name !== 'finished') return null;
  const running = phase.name === 'running';
  const paused = running ? (phase.pauseReason ?? null) : null;
  const failed = running ? phase.failed : phase.failed.length;
  const percent = phase.total > 0 ? Math.round(((phase.done + failed) / phase.total) * 100) : 0;
  const text = running
    ? t(phase.kind === 'undo' ? 'contentUndoing' : 'contentRunning', phase.done, phase.total)
    : t(phase.kind === 'undo' ? 'contentUndone' : 'contentFinished', phase.done, phase.total);
  const signIn = `${globalThis.location?.origin ?? ''}/`;
  return (
    <section
      class="card result"
      aria-label={t('extName')}
      data-lk="result"
      data-state={paused ? 'paused' : running ? 'running' : 'finished'}
      data-kind={phase.kind}
    >
      <div class="head">
        <h2 class="title">{t('extName')}</h2>
        {!running && (
          <button
            type="button"
            class="icon"
            aria-label={t('contentClose')}
            title={t('contentClose')}
            onClick={trusted(() => ui.flow.dismiss())}
          >
            ×
          </button>
        )}
      </div>
      <p role="status" data-lk="progress-text">
        {text}
        {failed > 0 ? ` · ${t('contentFailedCount', failed)}` : ''}
      </p>
      {paused && (
        <p class="warn" role="alert" data-lk="paused" data-reason={paused}>
          {t(PAUSE_TEXT[paused] ?? 'jobPausedOther')}
          {paused === 'session-expired' && (
            <>
              {' '}
              <a href={signIn} target="_blank" rel="noopener" data-lk="sign-in">
                {t('stateSignInAgain')}
              </a>
            </>
          )}
        </p>
      )}
      <div
        class="bar"
        role="progressbar"
        aria-label={t('contentProgressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      {!running && phase.failed.length > 0 && (
        <ul class="names" aria-label={t('contentFailedTitle')} data-lk="failed">
          {phase.failed.map((f, i) => (
            <li key={`${i}-${f.assignmentId}`}>
              <bdi>{f.name}</bdi>
              {f.reason ? ` – ${f.reason === OUTCOME_UNKNOWN ? t('contentOutcomeUnknown') : f.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
      {!running && (
        <div class="row">
          {phase.kind === 'withdraw' && phase.failed.some((f) => f.assignmentId) && (
            <button type="button" data-lk="retry" onClick={trusted(() => void ui.flow.retry())}>
              {t('contentRetry')}
            </button>
          )}
          {phase.kind === 'withdraw' && phase.mode === 'page' && phase.done > 0 && (
            <p class="muted" data-lk="undo-unavailable">
              {t('contentUndoNeedsApi')}
            </p>
          )}
          {phase.kind === 'withdraw' && phase.jobId && ui.flow.lastJobId === phase.jobId && (
            <button type="button" class="primary" data-lk="undo" onClick={trusted(() => ui.flow.askUndo())}>
              {t('contentUndo')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function Help({ ui }: { ui: UiState }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="overlay" data-lk="help">
      <div
        class="card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="lk-help-title"
        onKeyDown={(e) => {
          if (e.isTrusted && e.key === 'Escape') {
            e.stopPropagation();
            ui.set({ help: false });
          }
        }}
      >
        <div class="head">
          <h2 class="title" id="lk-help-title">
            {t('contentHelpTitle')}
          </h2>
          <button
            ref={close}
            type="button"
            class="icon"
            aria-label={t('contentClose')}
            title={t('contentClose')}
            onClick={trusted(() => ui.set({ help: false }))}
          >
            ×
          </button>
        </div>
        <table class="keys">
          <tbody>
            {HELP_ROWS.map(({ shown, help }) => (
              <tr key={help}>
                <th scope="row">
                  {shown.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' ' : ''}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>{t(help)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function App({ ui }: { ui: UiState }) {
  useSubscription(ui.subscribe);
  useSubscription(ui.flow.subscribe.bind(ui.flow));
  const controller = ui.controller;
  return (
    <div class="lk">
      {controller && <Panel ui={ui} controller={controller} />}
      <Confirm ui={ui} dialog={controller?.dialog.element ?? null} />
      <Result ui={ui} />
      {ui.help && <Help ui={ui} />}
      {ui.hint && !controller && (
        <p class="card notice" role="status" data-lk="hint">
          {t('contentOpenDialogFirst')}
        </p>
      )}
    </div>
  );
}
