import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';

export interface NumberFieldProps {
  id: string;
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  onSave(value: number): Promise<void>;
}

/** A whole number within bounds; out-of-range input is refused with a message, never clamped silently. */
export function NumberField(props: NumberFieldProps) {
  const [text, setText] = useState(String(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(String(props.value)), [props.value]);

  const commit = async () => {
    const value = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || value < props.min || value > props.max) {
      setProblem(t('optionsNumberOutOfRange', props.min, props.max));
      return;
    }
    setProblem(null);
    if (value !== props.value) await props.onSave(value);
  };

  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${props.id}-help${problem ? ` ${props.id}-problem` : ''}`}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={commit}
      />
      <p id={`${props.id}-help`} class="muted small">
        {props.help}
      </p>
      {problem && (
        <p id={`${props.id}-problem`} class="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
