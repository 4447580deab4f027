// "Schemalägg": a withdrawal at a later date and time, from the panel's view (whoever matches it
// then) or from the selected rows (only those people), for this tool or every tool where the view
// matches holders. It says plainly what will happen, in page mode too, and refuses a past time.
// Loaded when "Schemalägg" is opened (the button is the panel's: Panel.tsx).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t, uiLocale } from '../../shared/i18n.ts';
import { isRestrictive } from '../../shared/plans.ts';
import { formatDateTime } from '../../shared/ui/format.ts';
import { DEFAULT_THRESHOLD, mirroredThreshold } from '../../shared/ui/threshold-mirror.ts';
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
import { Choice, FormFooter, SubForm } from './SubForm.tsx';
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
  // Read again when the form is sent: the panel does not render the form again on a keystroke.
  // The empty filters are written here, not imported as shared/plans.ts's NO_VIEW_FILTERS: that
  // import makes the license page's file export it to this chunk, 27 bytes over its 28 KB budget.
  const currentFilters = () => plans.current() ?? { query: '', classes: [], roles: [], leftOnly: false };
  const applied = plans.applied;
  const people = peopleOfSelection(controller);
  const selected = controller.selected.size;
  const toolKnown = ui.toolId() !== null;
  const [form, setForm] = useState<Form>(() => {
    const filters = currentFilters();
    return {
      name: applied?.name ?? nameOfFilters(filters.query, filters.classes),
      source: isRestrictive(filters) || selected === 0 ? 'view' : 'selection',
      scope: toolKnown ? 'tool' : 'all',
      when: defaultRunAt(new Date()),
    };
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The popup's confirmation threshold, which the schedule's run will ask for (read as the form opens).
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  useEffect(() => {
    let open = true;
    void mirroredThreshold().then((value) => open && setThreshold(value));
    return () => {
      open = false;
    };
  }, []);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const patch = (p: Partial<Form>) => {
    setForm((f) => ({ ...f, ...p }));
    setError(null);
  };

  const runAt = parseLocalDateTime(form.when);
  const when = runAt === null ? '…' : formatDateTime(runAt, uiLocale());
  const what =
    form.source === 'selection'
      ? t('schedFormWhatSelection', when, people.length, threshold)
      : t('schedFormWhatView', when, threshold);

  const submit = async () => {
    const made = scheduleDraftOf(form, {
      filters: currentFilters(),
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

  return (
    <SubForm
      lk="schedule-form"
      labelledBy="lk-sched-title"
      onSubmit={() => void submit()}
      onCancel={() => onDone('')}
    >
      <h3 class="subtitle" id="lk-sched-title">
        {t('schedFormHeading')}
      </h3>
      <fieldset>
        <legend>{t('schedFormSourceLegend')}</legend>
        <Choice
          name="lk-sched-source"
          value="view"
          current={form.source}
          onChoose={(source) => patch({ source })}
          label={t('schedFormSourceView')}
        />
        <Choice
          name="lk-sched-source"
          value="selection"
          current={form.source}
          onChoose={(source) => patch({ source })}
          label={t('schedFormSourceSelection', selected)}
          disabled={selected === 0}
        />
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
        <Choice
          name="lk-sched-scope"
          value="tool"
          current={form.scope}
          onChoose={(scope: ViewScope) => patch({ scope })}
          label={t('schedFormScopeTool')}
          disabled={!toolKnown}
        />
        <Choice
          name="lk-sched-scope"
          value="all"
          current={form.scope}
          onChoose={(scope: ViewScope) => patch({ scope })}
          label={t('schedFormScopeAll')}
        />
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
    </SubForm>
  );
}
