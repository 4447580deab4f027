// The panel's small forms (save or rename a view, schedule), in one shape: the form with its
// look (PartsStyle), submitted only by a trusted event and left with Escape; its radio choices;
// and its end: the error, if any, then submit and cancel.
import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n.ts';
import { isTrustedEvent, trusted } from '../core/trusted.ts';
import { PartsStyle } from './parts-style.tsx';

export function SubForm(props: {
  lk: string;
  labelledBy?: string;
  onSubmit(): void;
  onCancel(): void;
  children: ComponentChildren;
}) {
  return (
    <>
      <PartsStyle />
      <form
        class="subform"
        data-lk={props.lk}
        aria-labelledby={props.labelledBy}
        onSubmit={(event) => {
          event.preventDefault();
          if (isTrustedEvent(event)) props.onSubmit();
        }}
        onKeyDown={(event) => {
          if (isTrustedEvent(event) && event.key === 'Escape') {
            event.stopPropagation();
            props.onCancel();
          }
        }}
      >
        {props.children}
      </form>
    </>
  );
}

/** One radio choice of a group (`name`), its data-lk `${name}-${value}` unless given. */
export function Choice<V extends string>(props: {
  name: string;
  value: V;
  current: V;
  onChoose(value: V): void;
  label: string;
  disabled?: boolean;
  lk?: string;
}) {
  return (
    <label class="choice">
      <input
        type="radio"
        name={props.name}
        data-lk={props.lk ?? `${props.name}-${props.value}`}
        checked={props.value === props.current}
        disabled={props.disabled === true}
        onChange={trusted(() => props.onChoose(props.value))}
      />
      {props.label}
    </label>
  );
}

export function FormFooter(props: {
  /** data-lk names of the error line and the two buttons. */
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
