// @vitest-environment happy-dom
// The withdrawal flow against a fake background: the confirmation threshold, the page read again
// on confirm (a navigation in between starts over), undo confirmed and started once, and a paused
// job that says why instead of "running".
import { describe, expect, it, vi } from 'vitest';
import type { Background, JobProgress } from '../bridge.ts';
import type { DialogController } from './controller.ts';
import { WithdrawalFlow } from './withdrawal.ts';

function fakeBackground() {
  const listeners: ((p: JobProgress) => void)[] = [];
  const bg = {
    preview: vi.fn(async (_tool: string, ids: string[]) => ({
      count: ids.length,
      perLicense: [{ licenseId: 'l1', label: 'Singel', seatsFreed: ids.length }],
      names: null,
    })),
    startWithdrawal: vi.fn(async () => 'job-1'),
    undo: vi.fn(async () => 'undo-1'),
    failedItems: vi.fn(async () => []),
    onJob: (l: (p: JobProgress) => void) => listeners.push(l),
    recordPageWithdrawal: vi.fn(async () => ({ jobId: 'page-00000000-0000-0000-0000-000000000000' })),
  };
  const emit = (p: Partial<JobProgress> & { jobId: string }) => {
    for (const l of listeners)
      l({
        kind: 'withdraw',
        state: 'done',
        total: 2,
        done: 2,
        failed: 0,
        pauseReason: null,
        message: null,
        ...p,
      });
  };
  return { bg, emit };
}

function fakeController(count: number): DialogController {
  const element = document.createElement('div');
  document.body.append(element);
  const items = Array.from({ length: count }, (_, i) => ({
    row: { name: `Person ${i}`, email: '', classes: [] },
    assignment: { id: `a${i}`, licenseId: 'l1' },
  }));
  return { selection: () => items, mode: 'api', dialog: { element } } as unknown as DialogController;
}

function setup(opts: { threshold?: number | null } = {}) {
  const { bg, emit } = fakeBackground();
  let toolId = 't1';
  let url = 'https://app.skolon.com/skoladmin/verktyg/t1';
  const flow = new WithdrawalFlow({
    bg: bg as unknown as Background,
    jobs: async () => bg as unknown as Background,
    toolId: () => toolId,
    label: () => 'Matematik · Singellicenser',
    refreshPage: () => undefined,
    signal: new AbortController().signal,
    threshold: () => (opts.threshold === undefined ? 20 : opts.threshold),
    pageUrl: () => url,
  });
  return {
    flow,
    bg,
    emit,
    navigate: (next: { toolId?: string; url?: string }) => {
      toolId = next.toolId ?? toolId;
      url = next.url ?? url;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the license page’s withdrawal flow', () => {
  it('asks for the count to be typed at or above the threshold, not below', async () => {
    const { flow } = setup({ threshold: 3 });
    await flow.ask(fakeController(2));
    expect(flow.phase).toMatchObject({ name: 'confirm', typeCount: false });
    flow.cancel();
    await flow.ask(fakeController(3));
    expect(flow.phase).toMatchObject({ name: 'confirm', typeCount: true });
  });

  it('reads the tool again on confirm: a page that navigated in between starts over, nothing sent', async () => {
    const { flow, bg, navigate } = setup();
    const controller = fakeController(2);
    await flow.ask(controller);
    navigate({ toolId: 't2', url: 'https://app.skolon.com/skoladmin/verktyg/t2' });
    await flow.confirm(controller.dialog.element);
    expect(flow.phase.name).toBe('changed');
    expect(bg.startWithdrawal).not.toHaveBeenCalled();
  });

  it('a different dialog (or a closed one) is a changed page too', async () => {
    const { flow, bg } = setup();
    const controller = fakeController(2);
    await flow.ask(controller);
    controller.dialog.element.remove();
    await flow.confirm(controller.dialog.element);
    expect(flow.phase.name).toBe('changed');
    expect(bg.startWithdrawal).not.toHaveBeenCalled();
  });

  it('undo asks first, and two presses start one undo', async () => {
    const { flow, bg, emit } = setup();
    const controller = fakeController(2);
    await flow.ask(controller);
    const running = flow.confirm(controller.dialog.element);
    await tick();
    emit({ jobId: 'job-1' });
    await running;
    expect(flow.phase).toMatchObject({ name: 'finished', jobId: 'job-1' });

    flow.askUndo();
    expect(flow.phase).toMatchObject({
      name: 'confirmUndo',
      jobId: 'job-1',
      count: 2,
      label: 'Matematik · Singellicenser',
    });
    expect(bg.undo).not.toHaveBeenCalled();
    const first = flow.undo();
    const second = flow.undo();
    flow.askUndo();
    await tick();
    emit({ jobId: 'undo-1', kind: 'undo' });
    await Promise.all([first, second]);
    expect(bg.undo).toHaveBeenCalledTimes(1);
    expect(flow.phase).toMatchObject({ name: 'finished', kind: 'undo' });
  });

  it('Cancel on the undo confirmation goes back to the result card', async () => {
    const { flow, emit } = setup();
    const controller = fakeController(1);
    await flow.ask(controller);
    const running = flow.confirm(controller.dialog.element);
    await tick();
    emit({ jobId: 'job-1', total: 1, done: 1 });
    await running;
    flow.askUndo();
    flow.cancel();
    expect(flow.phase).toMatchObject({ name: 'finished', jobId: 'job-1' });
  });

  it('a paused job says why; the card does not stay "running"', async () => {
    const { flow, emit } = setup();
    const controller = fakeController(2);
    await flow.ask(controller);
    void flow.confirm(controller.dialog.element);
    await tick();
    emit({ jobId: 'job-1', state: 'paused', pauseReason: 'server-busy', done: 1 });
    expect(flow.phase).toMatchObject({ name: 'running', pauseReason: 'server-busy', jobId: 'job-1' });
    expect(flow.shownJobId).toBe('job-1');
    emit({ jobId: 'job-1', state: 'running', done: 1 });
    expect(flow.phase).toMatchObject({ name: 'running', pauseReason: null });
  });

  it('clips a label over the protocol’s 200', async () => {
    const { bg, emit } = fakeBackground();
    const flow = new WithdrawalFlow({
      bg: bg as unknown as Background,
      jobs: async () => bg as unknown as Background,
      toolId: () => 't1',
      label: () => 'Å'.repeat(300),
      refreshPage: () => undefined,
      signal: new AbortController().signal,
    });
    const controller = fakeController(1);
    await flow.ask(controller);
    const running = flow.confirm(controller.dialog.element);
    await tick();
    emit({ jobId: 'job-1', total: 1, done: 1 });
    await running;
    expect((bg.startWithdrawal.mock.calls[0] as unknown as [string, string[], string])[2]).toHaveLength(200);
  });
});
