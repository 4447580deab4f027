// "Schemalägg": a withdrawal at a later date and time, from the panel's view (whoever matches it
// then) or from the selected rows (only those people), for this tool or every tool where the view
// matches holders. It says plainly what will happen, in page mode too, and refuses a past time.
// Loaded when "Schemalägg" is opened (the button is the panel's: Panel.tsx).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t, uiLocale } from '../../shared/i18n.ts';
import { isRestrictive } from '../../shared/plans.ts';
import { formatDateTime } from '../../shared/ui/format.ts';
import { DEFAULT_THRESHOLD } from '../../shared/ui/threshold-mirror.ts';
import { isTrustedEvent, trusted } from '../core/trusted.ts';
import type { DialogController } from '../dialog/controller.ts';
import type { ViewScope } from '../dialog/plans.ts';
import {
  defaultRunAt,
  type ScheduleForm as Form,
  parseLocalDateTime,
  peopleOfSelection,
  type ScheduleProblem,
  scheduleDraftOf,
} from '../dialog/schedule-draft.ts';
import { FormFooter } from './FormFooter.tsx';
import { PartsStyle } from './parts-style.tsx';
import type { UiState } from './state.ts';

const PROBLEM: Record<ScheduleProblem, MessageKey> = {
  noName: 'schedFormNoName',
  badTime: 'schedFormBadTime',
  past: 'schedFormPast',
  empty: 'schedFormEmpty',
  noTool: 'schedFormNoTool',
  noPeople: 'schedFormNoPeople',
};

/** A name for a schedule made without a view: what it filters by, as typed. */
function nameOfFilters(query: string, classes: readonly string[]): string {
  return [query.trim(), ...classes]
    .filter((x) => x !== '')
    .join(' ')
    .slice(0, 80);
}

/** The form; `onDone` gets what to say after it (empty when cancelled). */
export function ScheduleForm({
  ui,
  controller,
  onDone,
}: {
  ui: UiState;
  controller: DialogController;
  onDone(text: string): void;
}) {
  const { plans } = ui;
  const filters = plans.current() ?? { query: '', classes: [], roles: [], leftOnly: false };
  const applied = plans.applied;
  const people = peopleOfSelection(controller);
  const selected = controller.selected.size;
  const toolKnown = ui.toolId() !== null;
  const [form, setForm] = useState<Form>(() => ({
    name: applied?.name ?? nameOfFilters(filters.query, filters.classes),
    source: isRestrictive(filters) || selected === 0 ? 'view' : 'selection',
    scope: toolKnown ? 'tool' : 'all',
    when: defaultRunAt(new Date()),
  }));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const patch = (p: Partial<Form>) => {
    setForm((f) => ({ ...f, ...p }));
    setError(null);
  };

  const runAt = parseLocalDateTime(form.when);
  const when = runAt === null ? '…' : formatDateTime(runAt, uiLocale());
  const threshold = ui.threshold() ?? DEFAULT_THRESHOLD;
  const what =
    form.source === 'selection'
      ? t('schedFormWhatSelection', when, people.length, threshold)
      : t('schedFormWhatView', when, threshold);

  const submit = async () => {
    const made = scheduleDraftOf(form, {
      filters,
      viewId: applied?.id ?? null,
      toolId: ui.toolId(),
      people,
      now: Date.now(),
    });
    if (!made.ok) {
      setError(t(PROBLEM[made.problem]));
      return;
    }
    setSaving(true);
    try {
      const schedule = await ui.saveSchedule(made.draft);
      onDone(t('schedFormSaved', schedule.name, formatDateTime(schedule.runAt, uiLocale())));
    } catch (e) {
      setError(t('schedFormFailed', e instanceof Error ? e.message : String(e)));
      setSaving(false);
    }
  };

  const radio = <V extends string>(
    name: string,
    value: V,
    current: V,
    set: (v: V) => void,
    label: string,
    disabled = false,
  ) => (
    <label class="choice">
      <input
        type="radio"
        name={name}
        data-lk={`${name}-${value}`}
        checked={value === current}
        disabled={disabled}
        onChange={trusted(() => set(value))}
      />
      {label}
    </label>
  );

  return (
    <>
      <PartsStyle />
      <form
        class="subform"
        data-lk="schedule-form"
        aria-labelledby="lk-sched-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (isTrustedEvent(event)) void submit();
        }}
        onKeyDown={(event) => {
          if (isTrustedEvent(event) && event.key === 'Escape') {
            event.stopPropagation();
            onDone('');
          }
        }}
      >
        <h3 class="subtitle" id="lk-sched-title">
          {t('schedFormHeading')}
        </h3>
        <fieldset>
          <legend>{t('schedFormSourceLegend')}</legend>
          {radio(
            'lk-sched-source',
            'view',
            form.source,
            (source) => patch({ source }),
            t('schedFormSourceView'),
          )}
          {radio(
            'lk-sched-source',
            'selection',
            form.source,
            (source) => patch({ source }),
            t('schedFormSourceSelection', selected),
            selected === 0,
          )}
        </fieldset>
        <label class="field">
          {t('schedFormWhen')}
          <input
            ref={first}
            type="datetime-local"
            data-lk="schedule-when"
            value={form.when}
            onInput={(e) => patch({ when: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <fieldset>
          <legend>{t('schedFormScopeLegend')}</legend>
          {radio(
            'lk-sched-scope',
            'tool',
            form.scope,
            (scope: ViewScope) => patch({ scope }),
            t('schedFormScopeTool'),
            !toolKnown,
          )}
          {radio(
            'lk-sched-scope',
            'all',
            form.scope,
            (scope: ViewScope) => patch({ scope }),
            t('schedFormScopeAll'),
          )}
        </fieldset>
        <label class="field">
          {t('schedFormName')}
          <input
            type="text"
            data-lk="schedule-name"
            value={form.name}
            maxLength={80}
            autocomplete="off"
            onInput={(e) => patch({ name: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <p class="muted" data-lk="schedule-what">
          {what}
        </p>
        {ui.modeReason !== null && (
          <p class="warn" data-lk="schedule-page-mode">
            {t('schedFormPageMode')}
          </p>
        )}
        <FormFooter
          lk={{ error: 'schedule-error', submit: 'schedule-submit', cancel: 'schedule-cancel' }}
          error={error}
          submitLabel={t('schedFormSubmit')}
          saving={saving}
          onCancel={() => onDone('')}
        />
      </form>
    </>
  );
}
