// The confirmations: withdraw (with its preview and, above the threshold, the count to type), undo,
// and "the page changed" when the preview no longer holds. Loaded when first shown (parts.ts): focus
// moves as a confirmation appears (a layout effect, not a frame later), so a key pressed right
// after it shows lands where it should.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, uiLocale } from '../../shared/i18n.ts';
import { isolate } from '../../shared/ui/text.ts';
import { trusted } from '../core/trusted.ts';
import { PartsStyle } from './parts-style.tsx';
import type { UiState } from './state.ts';

/** The page changed between the preview and the confirmation: nothing was done, select again. */
function Changed({ ui }: { ui: UiState }) {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus(), []);
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
  useLayoutEffect(() => cancel.current?.focus(), []);
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

function Confirmation({ ui, dialog }: { ui: UiState; dialog: HTMLElement | null }) {
  const phase = ui.flow.phase;
  const cancelButton = useRef<HTMLButtonElement>(null);
  const countField = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const typeCount = phase.name === 'confirm' && phase.typeCount;
  // Focus starts on Cancel (or on the count to type): Enter never confirms from a pre-focused button.
  useLayoutEffect(() => {
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
            <ul class="names" aria-label={t('contentSeatsTitle')} data-lk="seats">
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
            {phase.mode === 'page' && (
              <>
                <p class="muted">{t('pageModeLine')}</p>
                <p class="muted">{t('pageModeListHidden')}</p>
              </>
            )}
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

export function Confirm(props: { ui: UiState; dialog: HTMLElement | null }) {
  return (
    <>
      <PartsStyle />
      <Confirmation {...props} />
    </>
  );
}
