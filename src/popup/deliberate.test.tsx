// @vitest-environment happy-dom
// Every withdrawal deliberate, undo confirmed, honest job states in the popup.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import { emptyCounts, type Job } from '../shared/jobs-model.ts';
import type { JobView } from './model/jobs-view.ts';
import { useTestRoot } from './test-dom.ts';
import { fakeClient, i18nMock, snapshot } from './test-fakes.ts';

vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => i18nMock);
const { Popup } = await import('./Popup.tsx');
const { ConfirmWithdrawal } = await import('./ConfirmWithdrawal.tsx');
const { JobsPanel } = await import('./JobsPanel.tsx');
const { WithdrawFlow } = await import('./WithdrawFlow.tsx');
const { toJobView, toSelection } = await import('./client.ts');
const { QuickWithdrawPanel } = await import('./QuickWithdrawPanel.tsx');

const { root, until, $ } = useTestRoot();

const enter = (el: Element | null) =>
  el?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));

const view = (patch: Partial<JobView> = {}): JobView => ({
  id: 'w1',
  kind: 'withdraw',
  state: 'done',
  pauseReason: null,
  label: 'Östen Quickström',
  total: 3,
  revoked: 3,
  alreadyRevoked: 0,
  failed: 0,
  pending: 0,
  createdAt: Date.now() - 10 * 60_000,
  finishedAt: Date.now() - 5 * 60_000,
  canUndo: true,
  toolIds: ['kemi', 'spanska'],
  ...patch,
});

const preview = { willRevoke: 3, alreadyGone: 0, problems: 0, byTool: [{ toolName: 'Kemi', count: 3 }] };

describe('the popup’s withdrawal confirmation', () => {
  it('starts on Cancel, and Enter there never confirms', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    await act(() =>
      render(
        <ConfirmWithdrawal
          whom="9B"
          preview={preview}
          threshold={20}
          language="sv"
          busy={false}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />,
        root(),
      ),
    );
    expect(document.activeElement).toBe($('[data-confirm-cancel]'));
    await act(() => {
      enter(document.activeElement);
    });
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('at the threshold starts on the count to type; Enter confirms only with the right count', async () => {
    const onConfirm = vi.fn();
    await act(() =>
      render(
        <ConfirmWithdrawal
          whom="9B"
          preview={{ ...preview, willRevoke: 25 }}
          threshold={20}
          language="sv"
          busy={false}
          onConfirm={onConfirm}
          onCancel={() => undefined}
        />,
        root(),
      ),
    );
    const field = $('#confirm-count') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    await act(() => {
      enter(field);
    });
    expect(onConfirm).not.toHaveBeenCalled();
    await act(() => {
      field.value = '25';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      enter(field);
    });
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('undo in the popup', () => {
  const panel = (props: Partial<Parameters<typeof JobsPanel>[0]> = {}) => (
    <JobsPanel
      jobs={[view()]}
      language="sv"
      onCancel={() => undefined}
      onPause={() => undefined}
      onResume={() => undefined}
      onUndo={() => undefined}
      onOpenSkolon={() => undefined}
      onExportJournal={() => undefined}
      toolName={(id) => id.toUpperCase()}
      {...props}
    />
  );

  it('the Jobb tab’s Ångra shows what goes back (label, tools, count, age) and asks first', async () => {
    const onUndo = vi.fn();
    await act(() => render(panel({ onUndo }), root()));
    await act(() => $('[data-undo-ask]')?.click());
    expect(onUndo).not.toHaveBeenCalled();
    const confirm = $('[data-undo-confirm="w1"]');
    expect(confirm?.textContent).toContain('undoConfirmHeading(\u2068Östen Quickström\u2069)');
    expect(confirm?.textContent).toContain('undoConfirmWhat(3,\u2068KEMI\u2069, \u2068SPANSKA\u2069)');
    expect(confirm?.textContent).toMatch(/undoConfirmAge\(för 5 minuter sedan\)/);
    expect(document.activeElement).toBe($('[data-undo-cancel]'));
    await act(() => {
      enter(document.activeElement);
    });
    expect(onUndo).not.toHaveBeenCalled();
    await act(() => $('[data-undo-yes]')?.click());
    expect(onUndo).toHaveBeenCalledExactlyOnceWith('w1');
    expect($('[data-undo-confirm]')).toBeNull();
  });

  it('a cancelled withdrawal’s completed part can be undone', () => {
    const job: Job = {
      id: 'c1',
      kind: 'withdraw',
      schoolId: 's',
      origin: 'https://app.skolon.com',
      label: 'x',
      state: 'cancelled',
      pauseReason: null,
      message: null,
      createdAt: 0,
      updatedAt: 0,
      finishedAt: 1,
      total: 10,
      counts: { ...emptyCounts(), revoked: 4, pending: 6 },
      outcomes: {},
      toolIds: ['kemi'],
      undoOf: null,
      undoneBy: null,
    };
    expect(toJobView(job).canUndo).toBe(true);
    expect(toJobView({ ...job, undoneBy: 'u1' }).canUndo).toBe(false);
    expect(toJobView({ ...job, state: 'running' }).canUndo).toBe(false);
  });

  it('the undo command opens the Jobb tab with the confirmation of its job', async () => {
    const client = fakeClient({
      jobs: async () => [view()],
      takeUndoRequest: async () => 'w1',
    });
    await act(() => render(<Popup client={client} initial={snapshot} />, root()));
    await until(() => $('[data-undo-confirm="w1"]') !== null);
    expect($('[data-tab="jobs"]')?.getAttribute('aria-selected')).toBe('true');
    // Tool names come from the summary.
    expect($('[data-undo-what]')?.textContent).toBe(
      'undoConfirmWhat(3,\u2068Kemi\u2069, \u2068Spanska\u2069)',
    );
  });
});

describe('paused jobs say why and the way on', () => {
  it('in the Jobb tab and in a withdrawal’s progress, for an expired session and a busy server', async () => {
    const onOpenSkolon = vi.fn();
    const paused = view({ state: 'paused', pauseReason: 'session-expired', canUndo: false });
    await act(() =>
      render(
        <JobsPanel
          jobs={[paused]}
          language="sv"
          onCancel={() => undefined}
          onPause={() => undefined}
          onResume={() => undefined}
          onUndo={() => undefined}
          onOpenSkolon={onOpenSkolon}
          onExportJournal={() => undefined}
        />,
        root(),
      ),
    );
    expect($('[data-pause-reason="session-expired"]')?.textContent).toBe('jobPausedSession');
    await act(() => $('[data-sign-in]')?.click());
    expect(onOpenSkolon).toHaveBeenCalledOnce();

    const client = fakeClient({ startWithdrawal: async () => 'w1' });
    const busy = view({ state: 'paused', pauseReason: 'server-busy', canUndo: false });
    const flow = (jobs: JobView[]) => (
      <WithdrawFlow
        client={client}
        items={[{ toolId: 'kemi', toolName: 'Kemi', assignmentId: 'a1' }]}
        whom="Östen"
        threshold={20}
        language="sv"
        jobs={jobs}
        actionLabel="go"
        onOpenSkolon={onOpenSkolon}
      />
    );
    await act(() => render(flow([]), root()));
    await act(() => $('[data-withdraw-start]')?.click());
    await until(() => $('[data-confirm]') !== null);
    const yes = [...root().querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('confirmWithdraw'),
    );
    await act(() => yes?.click());
    await act(() => render(flow([busy]), root()));
    await until(() => $('[data-job-state="paused"]') !== null);
    expect($('[data-pause-reason="server-busy"]')?.textContent).toBe('jobPausedBusy');
  });
});

describe('long names', () => {
  it('a label over the protocol’s 200 is clipped, so a 300-character name can be withdrawn', () => {
    const selection = toSelection(
      [{ toolId: 'kemi', toolName: 'Kemi', assignmentId: 'a1' }],
      'Å'.repeat(300),
    );
    expect(selection.label).toHaveLength(200);
  });
});

describe('names beside numbers', () => {
  it('sit in <bdi> in the person list and the holdings, so a right-to-left name keeps the numbers in place', async () => {
    const client = fakeClient();
    await act(() =>
      render(<QuickWithdrawPanel client={client} language="sv" threshold={20} jobs={[]} />, root()),
    );
    const input = $('#person-query') as HTMLInputElement;
    await act(() => {
      input.value = 'Östen';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => $('[data-person-id="u-20"]') !== null);
    expect($('[data-person-id="u-20"] bdi')?.textContent).toBe('Östen Quickström');
    await act(() => $('[data-person-id="u-20"]')?.click());
    await until(() => root().querySelectorAll('[data-assignment-id]').length === 3);
    expect([...root().querySelectorAll('[data-holdings-of] bdi')].map((b) => b.textContent)).toContain(
      'KEMI',
    );
  });
});
