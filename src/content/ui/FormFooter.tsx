// The end of the panel's small forms (save a view, schedule): the error, if any, then submit and
// cancel. Submit is the form's own (its onSubmit checks the event is trusted).
import { t } from '../../shared/i18n.ts';
import { trusted } from '../core/trusted.ts';

export function FormFooter(props: {
  /** data-lk prefix: `${lk}-error`, and the buttons' own names below. */
  lk: { error: string; submit: string; cancel: string };
  error: string | null;
  submitLabel: string;
  saving: boolean;
  onCancel(): void;
}) {
  return (
    <>
      {props.error && (
        <p class="error" role="alert" data-lk={props.lk.error}>
          {props.error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" data-lk={props.lk.submit} disabled={props.saving}>
          {props.submitLabel}
        </button>
        <button type="button" data-lk={props.lk.cancel} onClick={trusted(() => props.onCancel())}>
          {t('contentCancel')}
        </button>
      </div>
    </>
  );
}
