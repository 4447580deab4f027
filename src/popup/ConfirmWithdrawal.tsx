import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { formatCount, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';

export interface WithdrawalPreview {
  /** What the dry run says will happen. */
  willRevoke: number;
  alreadyGone: number;
  problems: number;
  /** Tool name → seats, for the administrator to see what goes. */
  byTool: { toolName: string; count: number }[];
}

export interface ConfirmWithdrawalProps {
  whom: string;
  preview: WithdrawalPreview;
  /** At or above this many, the count must be typed (a deliberate act, not a reflex click). */
  threshold: number;
  language: UiLanguage;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The last step before a withdrawal: what will happen, the publisher caveat, and a deliberate yes.
 * Focus starts on Cancel (or on the count to type), so an Enter never confirms from a button the
 * administrator did not move to.
 */
export function ConfirmWithdrawal(props: ConfirmWithdrawalProps) {
  const { preview, language } = props;
  const [typed, setTyped] = useState('');
  const cancel = useRef<HTMLButtonElement>(null);
  const countField = useRef<HTMLInputElement>(null);
  const needsTyping = preview.willRevoke >= props.threshold;
  useEffect(() => (needsTyping ? countField.current : cancel.current)?.focus(), [needsTyping]);
  const ready = preview.willRevoke > 0 && (!needsTyping || typed.trim() === String(preview.willRevoke));
  const n = (x: number) => formatCount(x, language);
  return (
    <section class="notice warn" aria-labelledby="confirm-heading" data-confirm>
      <h2 id="confirm-heading">{t('confirmHeading', n(preview.willRevoke), isolate(props.whom))}</h2>
      <ul class="small">
        {preview.byTool.map((row) => (
          <li key={row.toolName}>{t('confirmToolLine', isolate(row.toolName), n(row.count))}</li>
        ))}
      </ul>
      {preview.alreadyGone > 0 && <p class="small">{t('confirmAlreadyGone', n(preview.alreadyGone))}</p>}
      {preview.problems > 0 && <p class="small">{t('confirmProblems', n(preview.problems))}</p>}
      <p class="small">{t('confirmCaveat')}</p>
      {needsTyping && (
        <div class="field">
          <label for="confirm-count">{t('confirmTypeCount', n(preview.willRevoke))}</label>
          <input
            id="confirm-count"
            ref={countField}
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter in the count field confirms only when the count is right (a deliberate act).
              if (e.key === 'Enter' && ready && !props.busy) props.onConfirm();
            }}
          />
        </div>
      )}
      <div class="actions">
        <button ref={cancel} type="button" class="secondary" data-confirm-cancel onClick={props.onCancel}>
          {t('confirmCancel')}
        </button>
        <button type="button" class="danger" disabled={!ready || props.busy} onClick={props.onConfirm}>
          {t('confirmWithdraw', n(preview.willRevoke))}
        </button>
      </div>
    </section>
  );
}
