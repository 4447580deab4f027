// @vitest-environment happy-dom
// The Jobb tab's scheduled withdrawals: listed with their rule, next run, state and a fresh preview;
// paused, resumed, run now, confirmed, edited and deleted through the protocol (a fake background).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import type { Schedule } from '../shared/plans.ts';
import type { PopupClient } from './client-types.ts';
import { useTestRoot } from './test-dom.ts';
import { fakeClient, i18nMock, scheduleOf, schedulePreviewOf, snapshot } from './test-fakes.ts';

vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => i18nMock);
const { Popup } = await import('./Popup.tsx');
const { SchedulesPanel } = await import('./SchedulesPanel.tsx');

const { root, until, $, $$, text } = useTestRoot();

const click = (el: HTMLElement | null) => act(() => el?.click());
const type = (el: HTMLElement | null, value: string) =>
  act(() => {
    const input = el as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const button = (action: string, id = 'sch-1') => $(`[data-schedule-id="${id}"] [data-action="${action}"]`);

const SCHOOLS = [
  { id: 's', name: 'Demoskolan' },
  { id: 's2', name: 'Norrskolan' },
];

async function show(
  schedules: Schedule[],
  overrides: Partial<PopupClient> = {},
  schools = SCHOOLS.slice(0, 1),
) {
  const client = fakeClient({ schedules: async () => schedules, ...overrides });
  const spies = {
    preview: vi.spyOn(client, 'previewSchedule'),
    pause: vi.spyOn(client, 'pauseSchedule'),
    run: vi.spyOn(client, 'runScheduleNow'),
    confirm: vi.spyOn(client, 'confirmSchedule'),
    remove: vi.spyOn(client, 'deleteSchedule'),
    save: vi.spyOn(client, 'saveSchedule'),
  };
  await act(() =>
    render(
      <SchedulesPanel
        client={client}
        language="sv"
        threshold={20}
        now={Date.now()}
        schools={schools}
        toolName={(id) => snapshot.tools.find((tool) => tool.id === id)?.name ?? id}
        jobIds={new Set(['job-9'])}
        onOpenSkolon={() => undefined}
      />,
      root(),
    ),
  );
  if (schedules.length > 0) await until(() => $('[data-schedules]') !== null);
  return { client, ...spies };
}

describe('the scheduled withdrawals in the Jobb tab', () => {
  it('lists each with its name, rule, next run and state, and a fresh preview', async () => {
    const { preview } = await show(
      [
        scheduleOf({ runAt: Date.now() + 3 * 86_400_000 + 60_000 }),
        scheduleOf({
          id: 'sch-2',
          name: '<b>Slutat</b>',
          toolIds: null,
          filters: { query: 'anna', classes: [], roles: [], leftOnly: true },
          schoolIds: ['s', 's2'],
          state: 'paused',
          runAt: Date.now() + 5 * 86_400_000,
        }),
      ],
      {},
      SCHOOLS,
    );
    expect(text('#schedules-heading')).toBe('schedListHeading');
    const first = '[data-schedule-id="sch-1"]';
    expect(text(`${first} h3`)).toBe('Åk 9 slutar');
    expect(text(`${first} [data-schedule-rule]`)).toBe(
      'schedListRuleClasses(\u20689A\u2069, \u20689B\u2069) · schedListRuleRoles(contentRoleStudent) · schedListRuleTools(\u2068Kemi\u2069)',
    );
    expect(text(`${first} [data-schedule-when]`)).toMatch(/^schedListNextRun\(.+,om 3 dagar\)$/);
    expect(text(`${first} [data-schedule-state-text]`)).toBe('schedListStateScheduled');
    // Untrusted names are text, never markup.
    expect($('[data-schedule-id="sch-2"] h3 b')).toBeNull();
    expect(text('[data-schedule-id="sch-2"] h3')).toBe('<b>Slutat</b>');
    expect(text('[data-schedule-id="sch-2"] [data-schedule-rule]')).toBe(
      'contentFilterLeft · schedListRuleQuery(\u2068anna\u2069) · schedListRuleAllTools · schedListRuleSchools(\u2068Demoskolan\u2069, \u2068Norrskolan\u2069)',
    );
    expect(text('[data-schedule-id="sch-2"] [data-schedule-state-text]')).toBe('schedListStatePaused');

    await until(() => $(`${first} [data-schedule-preview="ok"]`) !== null);
    expect(text(`${first} [data-schedule-preview]`)).toBe('schedListPreviewNow(23,1,\u2068Kemi\u2069 23)');
    expect(preview.mock.calls.map(([id]) => id).sort()).toEqual(['sch-1', 'sch-2']);

    await click($('[data-preview-refresh]'));
    expect(preview).toHaveBeenCalledTimes(4);
  });

  it('shows a preview that failed, in words', async () => {
    await show([scheduleOf()], {
      previewSchedule: async () => schedulePreviewOf({ error: 'Skolon svarar inte' }),
    });
    await until(() => text('[data-schedule-preview]').includes('Skolon svarar inte'));
    expect(text('[data-schedule-preview]')).toBe('schedListPreviewError(Skolon svarar inte)');
  });

  it('is hidden when there are none: one line says how to make one', async () => {
    await show([]);
    await until(() => $('[data-schedules-empty]') !== null);
    expect($('[data-schedules]')).toBeNull();
    expect(text('[data-schedules-empty]')).toBe('schedListHint');
  });

  it('is hidden entirely when the background cannot list them', async () => {
    await show([], { schedules: () => Promise.reject(new Error('not implemented yet')) });
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(root().textContent).toBe('');
  });

  it('says to sign in when a schedule waits for a login, and what a page-mode one waits for', async () => {
    await show([
      scheduleOf({ state: 'awaiting-login', runAt: Date.now() - 3_600_000 }),
      scheduleOf({ id: 'sch-2', state: 'awaiting-page' }),
    ]);
    expect(text('[data-schedule-id="sch-1"] [data-schedule-state-text]')).toBe('schedListStateAwaitingLogin');
    expect(text('[data-schedule-id="sch-1"] [data-schedule-when]')).toMatch(/^schedListDueAt\(/);
    expect($('[data-schedule-id="sch-1"] [data-sign-in]')).not.toBeNull();
    expect(text('[data-schedule-id="sch-2"] [data-schedule-state-text]')).toBe('schedListStateAwaitingPage');
  });

  it('shows a run’s results per school with a link to its job', async () => {
    const lastRun = {
      at: Date.now() - 60_000,
      schools: [
        { schoolId: 's', jobId: 'job-9', matched: 12, error: null },
        { schoolId: 's2', jobId: null, matched: 0, error: 'Utloggad' },
      ],
    };
    await show([scheduleOf({ state: 'ran', lastRun, schoolIds: ['s', 's2'] })], {}, SCHOOLS);
    expect(text('[data-run-school="s"]')).toContain('schedListRunSchool(\u2068Demoskolan\u2069,12)');
    expect($('[data-run-school="s"] a')?.getAttribute('href')).toBe('#job-job-9');
    expect(text('[data-run-school="s2"]')).toBe('schedListRunSchoolError(\u2068Norrskolan\u2069,Utloggad)');
    // It ran: nothing to pause, run or edit; it can be removed.
    expect(button('pause')).toBeNull();
    expect(button('run')).toBeNull();
    expect(button('delete')).not.toBeNull();
    expect($('[data-schedule-preview]')).toBeNull();
  });

  it('pauses and resumes, keeping focus on the button', async () => {
    const { pause } = await show([scheduleOf()]);
    button('pause')?.focus();
    await click(button('pause'));
    expect(pause).toHaveBeenLastCalledWith('sch-1', true);
    await until(() => text('[data-schedule-state-text]') === 'schedListStatePaused');
    expect(button('resume')?.textContent).toBe('jobResume');
    expect(document.activeElement).toBe(button('resume'));
    await click(button('resume'));
    expect(pause).toHaveBeenLastCalledWith('sch-1', false);
    await until(() => text('[data-schedule-state-text]') === 'schedListStateScheduled');
  });

  it('runs now only after the fresh preview and, from the threshold up, the count typed', async () => {
    const { run, preview } = await show([scheduleOf()]);
    await until(() => $('[data-schedule-preview="ok"]') !== null);
    await click(button('run'));
    expect(preview).toHaveBeenCalledTimes(2);
    await until(() => $('[data-confirm]') !== null);
    const yes = () => $('[data-confirm] button.danger') as HTMLButtonElement;
    expect(text('#confirm-heading')).toBe('confirmHeading(23,\u2068schedListConfirmWhom(Åk 9 slutar)\u2069)');
    expect(document.activeElement).toBe($('#confirm-count'));
    expect(yes().disabled).toBe(true);
    await type($('#confirm-count'), '22');
    expect(yes().disabled).toBe(true);
    await type($('#confirm-count'), '23');
    expect(yes().disabled).toBe(false);
    await click(yes());
    expect(run).toHaveBeenCalledWith('sch-1');
    await until(() => text('[data-schedule-state-text]') === 'schedListStateRan');
    expect($('[data-confirm]')).toBeNull();
  });

  it('runs now below the threshold without typing', async () => {
    const { run } = await show([scheduleOf()], {
      previewSchedule: async () =>
        schedulePreviewOf({
          people: 3,
          assignments: 3,
          needsConfirmation: false,
          tools: [{ toolId: 'kemi', toolName: 'Kemi', assignments: 3 }],
        }),
    });
    await click(button('run'));
    await until(() => $('[data-confirm]') !== null);
    expect($('#confirm-count')).toBeNull();
    const yes = $('[data-confirm] button.danger') as HTMLButtonElement;
    expect(yes.disabled).toBe(false);
    await click(yes);
    expect(run).toHaveBeenCalledWith('sch-1');
  });

  it('confirms a schedule that waits for it: the count typed, then confirmSchedule', async () => {
    const { confirm, run } = await show([scheduleOf({ state: 'awaiting-confirmation' })]);
    expect(text('[data-schedule-state-text]')).toBe('schedListStateAwaitingConfirmation');
    expect(button('run')).toBeNull();
    await click(button('confirm'));
    await until(() => $('#confirm-count') !== null);
    const yes = () => $('[data-confirm] button.danger') as HTMLButtonElement;
    expect(yes().disabled).toBe(true);
    await type($('#confirm-count'), '23');
    await click(yes());
    expect(confirm).toHaveBeenCalledWith('sch-1');
    expect(run).not.toHaveBeenCalled();
  });

  it('cancelling a confirmation sends nothing and gives focus back to its button', async () => {
    const { run } = await show([scheduleOf()]);
    await click(button('run'));
    await until(() => $('[data-confirm-cancel]') !== null);
    await click($('[data-confirm-cancel]'));
    expect(run).not.toHaveBeenCalled();
    expect($('[data-confirm]')).toBeNull();
    expect(document.activeElement).toBe(button('run'));
  });

  it('asks before it deletes', async () => {
    const { remove } = await show([scheduleOf(), scheduleOf({ id: 'sch-2', runAt: Date.now() + 9e8 })]);
    await click(button('delete'));
    expect(text('[data-schedule-delete] h3')).toBe('schedListDeleteHeading(\u2068Åk 9 slutar\u2069)');
    expect(document.activeElement).toBe($('[data-delete-cancel]'));
    await click($('[data-delete-cancel]'));
    expect(remove).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button('delete'));
    await click(button('delete'));
    await click($('[data-delete-yes]'));
    expect(remove).toHaveBeenCalledWith('sch-1');
    await until(() => $('[data-schedule-id="sch-1"]') === null);
    expect($$('[data-schedule-id]').map((li) => li.dataset.scheduleId)).toEqual(['sch-2']);
    expect(document.activeElement).toBe($('#schedules-heading'));
  });

  it('edits name, time, tools and schools and saves with the same id', async () => {
    const { save } = await show([scheduleOf()], {}, SCHOOLS);
    await click(button('edit'));
    expect(document.activeElement).toBe($('[data-schedule-edit] input'));
    await type($('#schedule-sch-1-name'), 'Åk 9 vt');
    const when = new Date(Date.now() + 10 * 86_400_000);
    when.setHours(16, 0, 0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    await type(
      $('#schedule-sch-1-when'),
      `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T16:00`,
    );
    await click($('[data-tools-scope="all"]'));
    await click($('[data-school="s2"]'));
    await click($('[data-edit-save]'));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[0]).toEqual({
      id: 'sch-1',
      name: 'Åk 9 vt',
      filters: scheduleOf().filters,
      viewId: 'view-1',
      people: null,
      toolIds: null,
      schoolIds: ['s', 's2'],
      runAt: when.getTime(),
    });
    await until(() => $('[data-schedule-edit]') === null);
    expect(text('[data-schedule-id="sch-1"] h3')).toBe('Åk 9 vt');
    expect(document.activeElement).toBe(button('edit'));
  });

  it('refuses an edit to a time that has passed', async () => {
    const { save } = await show([scheduleOf()]);
    await click(button('edit'));
    // One school: no school choice to make.
    expect($('[data-school]')).toBeNull();
    await type($('#schedule-sch-1-when'), '2020-01-01T08:00');
    await click($('[data-edit-save]'));
    expect(save).not.toHaveBeenCalled();
    expect($('[data-edit-problem]')?.dataset.editProblem).toBe('past');
  });

  it('shows a failed action in words', async () => {
    await show([scheduleOf()], { pauseSchedule: () => Promise.reject(new Error('Skolon svarar inte')) });
    await click(button('pause'));
    await until(() => $('[data-schedule-failure]') !== null);
    expect(text('[data-schedule-failure]')).toBe('schedListFailed(Skolon svarar inte)');
  });

  it('follows scheduleChanged events', async () => {
    let emit: (id: string, schedule: Schedule | null) => void = () => undefined;
    await show([scheduleOf()], {
      onScheduleChanged: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    await act(() => emit('sch-1', scheduleOf({ state: 'awaiting-login' })));
    expect(text('[data-schedule-state-text]')).toBe('schedListStateAwaitingLogin');
    await act(() => emit('sch-3', scheduleOf({ id: 'sch-3', name: 'Ny', runAt: Date.now() + 9e8 })));
    expect($$('[data-schedule-id]').map((li) => li.dataset.scheduleId)).toEqual(['sch-1', 'sch-3']);
    await act(() => emit('sch-1', null));
    expect($$('[data-schedule-id]').map((li) => li.dataset.scheduleId)).toEqual(['sch-3']);
  });

  it('sits at the top of the popup’s Jobb tab', async () => {
    const client = fakeClient({ schedules: async () => [scheduleOf()] });
    await act(() => render(<Popup client={client} initial={snapshot} />, root()));
    expect($('[data-schedules]')).toBeNull();
    await click($('[data-tab="jobs"]'));
    await until(() => $('[data-panel="jobs"] [data-schedules]') !== null);
    expect($('[data-panel="jobs"]')?.firstElementChild).toBe($('[data-schedules]'));
  });
});
