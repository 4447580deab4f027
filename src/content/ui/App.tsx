// The injected UI (preact, inside our shadow root): the panel, the confirmations, the result card and
// the keyboard help, each in its own file here. Every action checks event.isTrusted: our shadow root
// is open, so a page script could otherwise click our buttons. Names are rendered as text, never markup.
import { t } from '../../shared/i18n.ts';
import { Confirm } from './Confirm.tsx';
import { Help } from './Help.tsx';
import { useSubscription } from './hooks.ts';
import { Panel } from './Panel.tsx';
import { Result } from './Result.tsx';
import type { UiState } from './state.ts';

export function App({ ui }: { ui: UiState }) {
  useSubscription(ui);
  useSubscription(ui.flow);
  const controller = ui.controller;
  return (
    <div class="lk">
      {controller && <Panel ui={ui} controller={controller} />}
      <Confirm ui={ui} dialog={controller?.dialog.element ?? null} />
      <Result ui={ui} />
      {ui.help && <Help ui={ui} />}
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
