// The keyboard help overlay (its rows: dialog/key-help.ts), loaded when first shown (parts.ts).
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n.ts';
import { trusted } from '../core/trusted.ts';
import { HELP_ROWS } from '../dialog/key-help.ts';
import { PartsStyle } from './parts-style.tsx';
import type { UiState } from './state.ts';

function KeysHelp({ ui }: { ui: UiState }) {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus(), []);
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

export function Help(props: { ui: UiState }) {
  return (
    <>
      <PartsStyle />
      <KeysHelp {...props} />
    </>
  );
}
