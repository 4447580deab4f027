// The injected UI (preact, inside our shadow root): the panel, the confirmations, the result card and
// the keyboard help, each in its own file here (all but the panel loaded when first shown: parts.ts).
// Every action checks event.isTrusted: our shadow root is open, so a page script could otherwise
// click our buttons. Names are rendered as text, never markup.
import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import type { Phase } from '../dialog/withdrawal.ts';
import { useSubscription } from './hooks.ts';
import { Panel } from './Panel.tsx';
import { LazyConfirm, LazyHelp, LazyResult } from './parts.ts';
import type { UiState } from './state.ts';

/** The phases Confirm.tsx shows (the withdraw and undo confirmations, "the page changed"). */
const CONFIRMING: ReadonlySet<Phase['name']> = new Set(['previewing', 'confirm', 'changed', 'confirmUndo']);
/** The phases Result.tsx shows (progress, the result with undo, an error). */
const RESULT: ReadonlySet<Phase['name']> = new Set(['running', 'finished', 'error']);

export function App({ ui }: { ui: UiState }) {
  useSubscription(ui);
  useSubscription(ui.flow);
  const controller = ui.controller;
  const phase = ui.flow.phase.name;
  useEffect(() => {
    // The next step's part loads while this one is read: the result card after a confirmation,
    // the undo confirmation once a result shows.
    if (phase === 'confirm') LazyResult.preload();
    if (phase === 'finished') LazyConfirm.preload();
  }, [phase]);
  return (
    <div class="lk">
      {controller && <Panel ui={ui} controller={controller} />}
      {CONFIRMING.has(phase) && <LazyConfirm ui={ui} dialog={controller?.dialog.element ?? null} />}
      {RESULT.has(phase) && <LazyResult ui={ui} />}
      {ui.help && <LazyHelp ui={ui} />}
      {ui.pending === 'waiting' && !controller && (
        <p class="card notice" role="status" data-lk="pending-waiting">
          {t('viewPendingOpenDialog')}
        </p>
      )}
      {ui.hint && !controller && (
        <p class="card notice" role="status" data-lk="hint">
          {t('contentOpenDialogFirst')}
        </p>
      )}
    </div>
  );
}
