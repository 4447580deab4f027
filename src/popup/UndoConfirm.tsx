import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { formatAgo, formatCount, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';

/** What an undo would re-assign, shown before it starts. */
export interface UndoTarget {
  jobId: string;
  label: string;
  tools: string[];
  count: number;
  endedAt: number;
}

export interface UndoConfirmProps {
  target: UndoTarget;
  language: UiLanguage;
  now: number;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Undo is confirmed: the job, the tools, how many and how long ago, then a deliberate yes. Focus
 * starts on Cancel, so an Enter meant for something else never starts an undo.
 */
export function UndoConfirm({ target, language, now, busy, onConfirm, onCancel }: UndoConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const tools = target.tools.map(isolate).join(', ');
  return (
    <section
      class="notice warn"
      role="alertdialog"
      aria-labelledby="undo-confirm-heading"
      aria-describedby="undo-confirm-what"
      data-undo-confirm={target.jobId}
    >
      <h2 id="undo-confirm-heading">{t('undoConfirmHeading', isolate(target.label))}</h2>
      <p id="undo-confirm-what" data-undo-what>
        {t('undoConfirmWhat', formatCount(target.count, language), tools)}
      </p>
      <p class="small">{t('undoConfirmAge', formatAgo(target.endedAt, now, language))}</p>
      <div class="actions">
        <button ref={cancel} type="button" class="secondary" data-undo-cancel onClick={onCancel}>
          {t('undoConfirmCancel')}
        </button>
        <button type="button" class="danger" data-undo-yes disabled={busy} onClick={onConfirm}>
          {t('undoConfirmYes')}
        </button>
      </div>
    </section>
  );
}
