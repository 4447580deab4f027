import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../shared/i18n.ts';
import type { Role } from '../shared/model.ts';
import type { Schedule, SchedulePreview } from '../shared/plans.ts';
import { formatAgo, formatCount, formatDateTime, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import { ConfirmWithdrawal, type WithdrawalPreview } from './ConfirmWithdrawal.tsx';
import type { PopupClient } from './client-types.ts';
import {
  type EditProblem,
  editDraft,
  editProblem,
  fromLocalInput,
  isPending,
  previewTools,
  type RulePart,
  ruleParts,
  toLocalInput,
  withSchedule,
} from './model/schedule-view.ts';

type State = Schedule['state'];
type Action = 'edit' | 'run' | 'confirm' | 'delete';
type PreviewState =
  | { status: 'loading' }
  | { status: 'ok'; preview: SchedulePreview }
  | { status: 'error'; message: string };

const STATE_TEXT: Record<State, MessageKey> = {
  scheduled: 'schedListStateScheduled',
  paused: 'schedListStatePaused',
  'awaiting-confirmation': 'schedListStateAwaitingConfirmation',
  'awaiting-login': 'schedListStateAwaitingLogin',
  'awaiting-page': 'schedListStateAwaitingPage',
  ran: 'schedListStateRan',
};

const ROLE_TEXT: Record<Role, MessageKey> = {
  STUDENT: 'contentRoleStudent',
  TEACHER: 'contentRoleTeacher',
  ADMIN: 'contentRoleAdmin',
};

const PROBLEM_TEXT: Record<EditProblem, MessageKey> = {
  name: 'schedListEditProblemName',
  time: 'schedListEditProblemTime',
  past: 'schedListEditProblemPast',
  schools: 'schedListEditProblemSchools',
};

export interface SchedulesPanelProps {
  client: PopupClient;
  language: UiLanguage;
  /** The popup's confirmation threshold: from here up the count is typed. */
  threshold: number;
  now: number;
  /** The session's schools (an organisation administrator has several). */
  schools: { id: string; name: string }[];
  toolName(toolId: string): string;
  /** The jobs in the list below (a run's school links to its job when it is there). */
  jobIds: ReadonlySet<string>;
  onOpenSkolon(): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Scheduled withdrawals at the top of the Jobb tab: each with its rule in words, when it runs,
 * its state, and what it would withdraw right now; Redigera, Pausa/Fortsätt, Kör nu, Bekräfta and
 * Ta bort, each confirmed where it withdraws or deletes. Hidden (a one-line hint) when there are none.
 */
export function SchedulesPanel(props: SchedulesPanelProps) {
  const { client } = props;
  /** null: not known (still loading, or the background could not list them): nothing shows. */
  const [list, setList] = useState<Schedule[] | null>(null);
  const [previews, setPreviews] = useState<Record<string, PreviewState>>({});
  const heading = useRef<HTMLHeadingElement>(null);

  const loadPreview = useCallback(
    async (id: string): Promise<SchedulePreview | null> => {
      setPreviews((p) => ({ ...p, [id]: { status: 'loading' } }));
      try {
        const preview = await client.previewSchedule(id);
        setPreviews((p) => ({ ...p, [id]: { status: 'ok', preview } }));
        return preview;
      } catch (error) {
        setPreviews((p) => ({ ...p, [id]: { status: 'error', message: errorText(error) } }));
        return null;
      }
    },
    [client],
  );
  const previewAll = useCallback(
    (schedules: Schedule[]) => {
      for (const s of schedules) if (isPending(s)) void loadPreview(s.id);
    },
    [loadPreview],
  );

  useEffect(() => {
    let live = true;
    client.schedules().then(
      (schedules) => {
        if (!live) return;
        setList(schedules);
        previewAll(schedules);
      },
      () => undefined,
    );
    const off = client.onScheduleChanged((id, schedule) =>
      setList((l) => (l === null && schedule === null ? l : withSchedule(l ?? [], id, schedule))),
    );
    return () => {
      live = false;
      off();
    };
  }, [client, previewAll]);

  const changed = (id: string, schedule: Schedule | null) =>
    setList((l) => withSchedule(l ?? [], id, schedule));

  if (list === null) return null;
  if (list.length === 0)
    return (
      <p class="muted small" data-schedules-empty>
        {t('schedListHint')}
      </p>
    );
  return (
    <section class="schedules" aria-labelledby="schedules-heading" data-schedules>
      <div class="actions">
        <h2 id="schedules-heading" ref={heading} tabIndex={-1} style={{ flex: 1 }}>
          {t('schedListHeading')}
        </h2>
        <button type="button" class="secondary small" data-preview-refresh onClick={() => previewAll(list)}>
          {t('schedListRefreshPreviews')}
        </button>
      </div>
      <ul class="jobs schedule-list">
        {list.map((schedule) => (
          <ScheduleItem
            key={schedule.id}
            {...props}
            schedule={schedule}
            preview={previews[schedule.id] ?? null}
            loadPreview={loadPreview}
            onChanged={changed}
            onGone={() => heading.current?.focus()}
          />
        ))}
      </ul>
    </section>
  );
}

interface ItemProps extends SchedulesPanelProps {
  schedule: Schedule;
  preview: PreviewState | null;
  loadPreview(id: string): Promise<SchedulePreview | null>;
  onChanged(id: string, schedule: Schedule | null): void;
  /** The schedule was deleted: focus goes to the section. */
  onGone(): void;
}

function ScheduleItem(props: ItemProps) {
  const { schedule, language, client, now } = props;
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const buttons = useRef<Partial<Record<Action | 'pause', HTMLButtonElement | null>>>({});
  const title = useRef<HTMLHeadingElement>(null);
  /** The action whose form is open or just closed: focus returns to its button. */
  const opener = useRef<Action | null>(null);
  const n = (x: number) => formatCount(x, language);
  const headingId = `schedule-${schedule.id}-title`;
  const pending = isPending(schedule);

  useEffect(() => {
    if (open !== null || opener.current === null) return;
    const back = buttons.current[opener.current] ?? title.current;
    opener.current = null;
    back?.focus();
  }, [open]);

  const begin = (action: Action) => {
    opener.current = action;
    setFailure(null);
    setOpen(action);
    if (action === 'run' || action === 'confirm') void props.loadPreview(schedule.id);
  };
  const close = () => setOpen(null);

  /** Sends one request; its answer replaces the schedule, a failure is shown in words. */
  const send = async (request: () => Promise<Schedule | null>, then?: () => void) => {
    setBusy(true);
    setFailure(null);
    try {
      const updated = await request();
      props.onChanged(schedule.id, updated);
      then?.();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const ref = (key: Action | 'pause') => (el: HTMLButtonElement | null) => {
    buttons.current[key] = el;
  };
  const preview = props.preview;
  // The summary names the tools; in page mode (no summary tools) the preview may know them.
  const toolName = (id: string) => {
    const named = props.toolName(id);
    if (named !== id || preview?.status !== 'ok') return named;
    return preview.preview.tools.find((tool) => tool.toolId === id)?.toolName ?? id;
  };

  return (
    <li data-schedule-id={schedule.id} data-schedule-state={schedule.state}>
      <h3 id={headingId} ref={title} tabIndex={-1} class="schedule-name">
        {schedule.name}
      </h3>
      <p class="small" data-schedule-rule>
        {ruleText(
          ruleParts(schedule, {
            tool: toolName,
            school: (id) => props.schools.find((s) => s.id === id)?.name ?? id,
          }),
          n,
        )}
      </p>
      <p class="small" data-schedule-when>
        {whenText(schedule, now, language)}
      </p>
      <p class="small" data-schedule-state-text>
        <StateTag state={schedule.state} />
      </p>
      {schedule.message && schedule.state !== 'ran' && (
        <p class="small muted" data-schedule-message>
          {schedule.message}
        </p>
      )}
      {schedule.state === 'awaiting-login' && (
        <div class="actions">
          <button type="button" class="small" data-sign-in onClick={props.onOpenSkolon}>
            {t('stateSignInAgain')}
          </button>
        </div>
      )}
      {schedule.state === 'ran' && schedule.lastRun && (
        <ul class="small run-results" data-schedule-run>
          {schedule.lastRun.schools.map((run) => {
            const school = isolate(props.schools.find((s) => s.id === run.schoolId)?.name ?? run.schoolId);
            return (
              <li key={run.schoolId} data-run-school={run.schoolId}>
                {run.error
                  ? t('schedListRunSchoolError', school, run.error)
                  : t('schedListRunSchool', school, n(run.matched))}
                {run.jobId && props.jobIds.has(run.jobId) && (
                  <>
                    {' '}
                    <a
                      href={`#job-${run.jobId}`}
                      data-show-job={run.jobId}
                      onClick={(e) => showJob(e, run.jobId)}
                    >
                      {t('schedListShowJob')}
                    </a>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {pending && <PreviewLine preview={preview} language={language} />}
      {failure && (
        <p class="small error" role="alert" data-schedule-failure>
          {t('schedListFailed', failure)}
        </p>
      )}
      {open === null && (
        <div class="actions" data-schedule-actions>
          {schedule.state === 'awaiting-confirmation' && (
            <button
              type="button"
              class="small"
              ref={ref('confirm')}
              data-action="confirm"
              aria-describedby={headingId}
              onClick={() => begin('confirm')}
            >
              {t('schedListConfirm')}
            </button>
          )}
          {pending && (
            <button
              type="button"
              class="secondary small"
              ref={ref('pause')}
              data-action={schedule.state === 'paused' ? 'resume' : 'pause'}
              aria-describedby={headingId}
              disabled={busy}
              onClick={() => send(() => client.pauseSchedule(schedule.id, schedule.state !== 'paused'))}
            >
              {t(schedule.state === 'paused' ? 'jobResume' : 'jobPause')}
            </button>
          )}
          {pending && schedule.state !== 'awaiting-confirmation' && (
            <button
              type="button"
              class="secondary small"
              ref={ref('run')}
              data-action="run"
              aria-describedby={headingId}
              onClick={() => begin('run')}
            >
              {t('schedListRunNow')}
            </button>
          )}
          {pending && (
            <button
              type="button"
              class="secondary small"
              ref={ref('edit')}
              data-action="edit"
              aria-describedby={headingId}
              onClick={() => begin('edit')}
            >
              {t('schedListEdit')}
            </button>
          )}
          <button
            type="button"
            class="secondary small"
            ref={ref('delete')}
            data-action="delete"
            aria-describedby={headingId}
            onClick={() => begin('delete')}
          >
            {t('schedListDelete')}
          </button>
        </div>
      )}
      {(open === 'run' || open === 'confirm') && (
        <RunConfirm
          name={schedule.name}
          preview={preview}
          threshold={props.threshold}
          language={language}
          busy={busy}
          onCancel={close}
          onConfirm={() =>
            send(
              () =>
                open === 'confirm' ? client.confirmSchedule(schedule.id) : client.runScheduleNow(schedule.id),
              close,
            )
          }
        />
      )}
      {open === 'delete' && (
        <DeleteConfirm
          name={schedule.name}
          busy={busy}
          onCancel={close}
          onConfirm={() =>
            send(async () => {
              await client.deleteSchedule(schedule.id);
              return null;
            }, props.onGone)
          }
        />
      )}
      {open === 'edit' && (
        <EditForm
          schedule={schedule}
          schools={props.schools}
          toolName={toolName}
          busy={busy}
          onCancel={close}
          onSave={(edit) =>
            send(
              () => client.saveSchedule(editDraft(schedule, edit)),
              () => {
                close();
                void props.loadPreview(schedule.id);
              },
            )
          }
        />
      )}
    </li>
  );
}

/** The job a run started, in the list below: scrolled to and focused. */
function showJob(event: Event, jobId: string | null) {
  const target = jobId ? document.getElementById(`job-${jobId}`) : null;
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView?.({ block: 'nearest' });
  target.focus();
}

function ruleText(parts: RulePart[], n: (x: number) => string): string {
  const list = (names: string[]) => names.map(isolate).join(', ');
  const partText = (part: RulePart): string => {
    switch (part.kind) {
      case 'classes':
        return t('schedListRuleClasses', list(part.names));
      case 'roles':
        return t('schedListRuleRoles', part.roles.map((r) => t(ROLE_TEXT[r])).join(', '));
      case 'left':
        return t('contentFilterLeft');
      case 'query':
        return t('schedListRuleQuery', isolate(part.text));
      case 'people':
        return t('schedListRulePeople', n(part.count));
      case 'all-tools':
        return t('schedListRuleAllTools');
      case 'tools':
        return t('schedListRuleTools', list(part.names));
      case 'tool-count':
        return t('schedListRuleToolCount', n(part.count));
      case 'schools':
        return t('schedListRuleSchools', list(part.names));
    }
  };
  return parts.map(partText).join(' · ');
}

function whenText(schedule: Schedule, now: number, language: UiLanguage): string {
  if (schedule.state === 'ran' && schedule.lastRun) {
    const at = schedule.lastRun.at;
    return t('schedListRanAt', formatDateTime(at, language), formatAgo(at, now, language));
  }
  const key: MessageKey = schedule.runAt > now ? 'schedListNextRun' : 'schedListDueAt';
  return t(key, formatDateTime(schedule.runAt, language), formatAgo(schedule.runAt, now, language));
}

function StateTag({ state }: { state: State }) {
  const tone = state === 'awaiting-confirmation' || state === 'awaiting-login' || state === 'awaiting-page';
  return (
    <span class={tone ? 'state-warn' : undefined} data-state-words={state}>
      {t(STATE_TEXT[state])}
    </span>
  );
}

function PreviewLine({ preview, language }: { preview: PreviewState | null; language: UiLanguage }) {
  if (preview === null) return null;
  const n = (x: number) => formatCount(x, language);
  let text: string;
  if (preview.status === 'loading') text = t('schedListPreviewLoading');
  else if (preview.status === 'error') text = t('schedListPreviewError', preview.message);
  else if (preview.preview.error) text = t('schedListPreviewError', preview.preview.error);
  else if (preview.preview.assignments === 0) text = t('schedListPreviewNone');
  else {
    const { named, more } = previewTools(preview.preview);
    const tools = named.map((tool) => `${isolate(tool.toolName)} ${n(tool.assignments)}`);
    const listed = more > 0 ? [...tools, '…'] : tools;
    text = t(
      'schedListPreviewNow',
      n(preview.preview.people),
      n(preview.preview.tools.filter((tool) => tool.assignments > 0).length),
      listed.join(', '),
    );
  }
  return (
    <p class="small" data-schedule-preview={preview.status} aria-live="polite">
      {text}
    </p>
  );
}

/** The schedule's fresh preview as the popup's withdrawal confirmation shows it. */
function asWithdrawal(preview: SchedulePreview): WithdrawalPreview {
  return {
    willRevoke: preview.assignments,
    alreadyGone: 0,
    problems: 0,
    byTool: preview.tools
      .filter((tool) => tool.assignments > 0)
      .map((tool) => ({ toolName: tool.toolName, count: tool.assignments })),
  };
}

/** Kör nu and Bekräfta: the fresh preview, then the popup's deliberate yes (the count typed from the threshold up). */
function RunConfirm(props: {
  name: string;
  preview: PreviewState | null;
  threshold: number;
  language: UiLanguage;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { preview } = props;
  const cancel = useRef<HTMLButtonElement>(null);
  const ready = preview?.status === 'ok' && !preview.preview.error;
  useEffect(() => {
    if (!ready) cancel.current?.focus();
  }, [ready]);
  if (preview?.status === 'ok' && !preview.preview.error) {
    const fresh = preview.preview;
    return (
      <ConfirmWithdrawal
        whom={t('schedListConfirmWhom', isolate(props.name))}
        preview={asWithdrawal(fresh)}
        // The background's needsConfirmation asks for the typed count; so does the popup's own threshold.
        threshold={fresh.needsConfirmation ? 1 : props.threshold}
        language={props.language}
        busy={props.busy}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
      />
    );
  }
  return (
    <section class="notice" data-schedule-confirm="waiting">
      <PreviewLine preview={preview ?? { status: 'loading' }} language={props.language} />
      <div class="actions">
        <button ref={cancel} type="button" class="secondary" data-confirm-cancel onClick={props.onCancel}>
          {t('confirmCancel')}
        </button>
      </div>
    </section>
  );
}

function closeOnEscape(event: KeyboardEvent, close: () => void) {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  event.stopPropagation();
  close();
}

function DeleteConfirm(props: { name: string; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <section
      class="notice warn"
      role="alertdialog"
      aria-labelledby="schedule-delete-heading"
      aria-describedby="schedule-delete-what"
      data-schedule-delete
      onKeyDown={(e) => closeOnEscape(e, props.onCancel)}
    >
      <h3 id="schedule-delete-heading">{t('schedListDeleteHeading', isolate(props.name))}</h3>
      <p id="schedule-delete-what" class="small">
        {t('schedListDeleteWhat')}
      </p>
      <div class="actions">
        <button ref={cancel} type="button" class="secondary" data-delete-cancel onClick={props.onCancel}>
          {t('confirmCancel')}
        </button>
        <button type="button" class="danger" data-delete-yes disabled={props.busy} onClick={props.onConfirm}>
          {t('schedListDeleteYes')}
        </button>
      </div>
    </section>
  );
}

function EditForm(props: {
  schedule: Schedule;
  schools: { id: string; name: string }[];
  toolName(toolId: string): string;
  busy: boolean;
  onSave(edit: { name: string; runAt: number; toolIds: string[] | null; schoolIds: string[] }): void;
  onCancel(): void;
}) {
  const { schedule } = props;
  const [name, setName] = useState(schedule.name);
  const [when, setWhen] = useState(toLocalInput(schedule.runAt));
  const [allTools, setAllTools] = useState(schedule.toolIds === null);
  const [schoolIds, setSchoolIds] = useState<string[]>(schedule.schoolIds);
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => nameField.current?.focus(), []);
  const id = (what: string) => `schedule-${schedule.id}-${what}`;
  // The session's schools, and any the schedule names that the session does not list.
  const schools = [
    ...props.schools,
    ...schedule.schoolIds
      .filter((s) => !props.schools.some((x) => x.id === s))
      .map((s) => ({ id: s, name: s })),
  ];
  const submit = (event: Event) => {
    event.preventDefault();
    const edit = {
      name,
      runAt: fromLocalInput(when) ?? Number.NaN,
      toolIds: allTools ? null : schedule.toolIds,
      schoolIds: schools.filter((s) => schoolIds.includes(s.id)).map((s) => s.id),
    };
    const wrong = editProblem(edit, Date.now());
    setProblem(wrong);
    if (!wrong) props.onSave(edit);
  };
  return (
    <form
      class="notice schedule-edit"
      aria-labelledby={id('edit-heading')}
      data-schedule-edit
      onSubmit={submit}
      onKeyDown={(e) => closeOnEscape(e, props.onCancel)}
    >
      <h3 id={id('edit-heading')}>{t('schedListEditHeading', isolate(schedule.name))}</h3>
      <div class="field">
        <label for={id('name')}>{t('schedListEditName')}</label>
        <input
          id={id('name')}
          ref={nameField}
          maxLength={80}
          autoComplete="off"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={id('when')}>{t('schedListEditRunAt')}</label>
        <input
          id={id('when')}
          type="datetime-local"
          value={when}
          onInput={(e) => setWhen(e.currentTarget.value)}
        />
      </div>
      {schedule.toolIds !== null && (
        <fieldset class="choices">
          <legend class="small">{t('schedListEditTools')}</legend>
          <label class="small">
            <input
              type="radio"
              name={id('tools')}
              data-tools-scope="named"
              checked={!allTools}
              onChange={() => setAllTools(false)}
            />
            {t(
              'schedListEditToolsNamed',
              schedule.toolIds.map((tool) => isolate(props.toolName(tool))).join(', '),
            )}
          </label>
          <label class="small">
            <input
              type="radio"
              name={id('tools')}
              data-tools-scope="all"
              checked={allTools}
              onChange={() => setAllTools(true)}
            />
            {t('schedListEditToolsAll')}
          </label>
        </fieldset>
      )}
      {schools.length > 1 && (
        <fieldset class="choices">
          <legend class="small">{t('schedListEditSchools')}</legend>
          {schools.map((school) => (
            <label key={school.id} class="small">
              <input
                type="checkbox"
                data-school={school.id}
                checked={schoolIds.includes(school.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setSchoolIds((ids) => (on ? [...ids, school.id] : ids.filter((x) => x !== school.id)));
                }}
              />
              {school.name}
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <p class="small error" role="alert" data-edit-problem={problem}>
          {t(PROBLEM_TEXT[problem])}
        </p>
      )}
      <div class="actions">
        <button type="submit" data-edit-save disabled={props.busy}>
          {t('schedListEditSave')}
        </button>
        <button type="button" class="secondary" data-edit-cancel onClick={props.onCancel}>
          {t('confirmCancel')}
        </button>
      </div>
    </form>
  );
}
