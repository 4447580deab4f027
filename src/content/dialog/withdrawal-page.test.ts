// @vitest-environment happy-dom
// The withdrawal flow in page mode, on the saved dialog with a fake page behind its button: each
// batch the page confirmed is journaled as it ends (not all at the end), every batch into the job
// the first one started, so a withdrawal cut short by a closed tab is journaled as far as it went.
import { describe, expect, it, vi } from 'vitest';
import { loadSavedDialogPage } from '../../../test/support/saved-dialog.ts';
import type { Background } from '../bridge.ts';
import { isCheckboxChecked, readWithdrawDialog, recogniseWithdrawDialog } from '../page/dialog.ts';
import type { DialogController } from './controller.ts';
import { PAGE_BATCH } from './page-mode.ts';
import { WithdrawalFlow } from './withdrawal.ts';

const JOB = 'page-11111111-2222-3333-4444-555555555555';

// Every read of the dialog, counted (the original does the reading).
vi.mock('../page/dialog.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../page/dialog.ts')>();
  return { ...original, readWithdrawDialog: vi.fn(original.readWithdrawDialog) };
});

function setup(batches = 1, firstWrite: Promise<void> = Promise.resolve()) {
  loadSavedDialogPage();
  // More batches than the saved dialog's rows fill: copies of its rows, each with an e-mail of its own.
  const body = document.querySelector('[role="dialog"] tbody');
  const saved = [...(body?.children ?? [])];
  for (let copy = 1; body && body.children.length < PAGE_BATCH * batches + 5; copy++)
    for (const row of saved) {
      const again = row.cloneNode(true) as Element;
      const walker = document.createTreeWalker(again, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode())
        if (text.textContent?.includes('@')) text.textContent = `${copy}.${text.textContent}`;
      body.append(again);
    }
  const found = recogniseWithdrawDialog(document);
  if (!found.ok) throw new Error(found.reason);
  const dialog = found.value;
  // The page: its button withdraws the ticked rows a moment later (its request).
  dialog.withdrawButton.removeAttribute('disabled');
  dialog.withdrawButton.addEventListener('click', () => {
    const ticked = dialog.rows.filter((r) => r.element.isConnected && isCheckboxChecked(r.checkbox));
    setTimeout(() => {
      for (const row of ticked) row.element.remove();
    }, 5);
  });
  const recorded: { entries: number; jobId: string | undefined }[] = [];
  const bg = {
    onJob: () => undefined,
    recordPageWithdrawal: vi.fn(async (_tool: string, entries: unknown[], jobId?: string) => {
      if (recorded.length === 0) await firstWrite;
      recorded.push({ entries: entries.length, jobId });
      return { jobId: jobId ?? JOB };
    }),
  };
  const items = dialog.rows.slice(0, PAGE_BATCH * batches + 5).map((row) => ({ row, assignment: null }));
  // The panel's reads of the dialog: held while page mode works, and when released.
  const reads = { held: 0, released: [] as string[] };
  const controller = {
    selection: () => items,
    mode: 'page',
    dialog: { element: dialog.element },
    holdReads: () => {
      reads.held++;
      return () => {
        reads.held--;
        reads.released.push(flow.phase.name);
      };
    },
  } as unknown as DialogController;
  const flow = new WithdrawalFlow({
    bg: bg as unknown as Background,
    jobs: async () => bg as unknown as Background,
    toolId: () => 't1',
    label: () => 'Matematik',
    refreshPage: () => undefined,
    signal: new AbortController().signal,
    threshold: () => null,
    pageUrl: () => 'https://app.skolon.com/t1',
  });
  return { flow, controller, element: dialog.element, recorded, reads, setupRows: items.length };
}

describe('page mode’s journal', () => {
  it('journals each batch as it ends, all into the job the first batch started', async () => {
    const { flow, controller, element, recorded } = setup();
    await flow.ask(controller);
    expect(flow.phase).toMatchObject({ name: 'confirm', mode: 'page' });
    await flow.confirm(element);
    expect(flow.phase).toMatchObject({ name: 'finished', done: PAGE_BATCH + 5 });
    expect(recorded.map((r) => r.entries)).toEqual([PAGE_BATCH, 5]);
    expect(recorded.map((r) => r.jobId)).toEqual([undefined, JOB]);
  });

  it('sends the rows confirmed while a write runs in one request after it, and ends when all are written', async () => {
    let written = () => {};
    const slow = new Promise<void>((resolve) => {
      written = resolve;
    });
    const { flow, controller, element, recorded, setupRows } = setup(3, slow);
    // The worker takes its time with the first write: it ends once the page's last batch has.
    flow.subscribe(() => {
      if (flow.phase.name === 'running' && flow.phase.done === setupRows) written();
    });
    await flow.ask(controller);
    await flow.confirm(element);
    expect(flow.phase).toMatchObject({ name: 'finished', done: setupRows });
    expect(recorded.map((r) => r.entries)).toEqual([PAGE_BATCH, 2 * PAGE_BATCH + 5]);
    expect(recorded.map((r) => r.jobId)).toEqual([undefined, JOB]);
  });
});

describe('page mode’s end', () => {
  it('holds the panel’s reads of the dialog until the result has been drawn', async () => {
    const { flow, controller, element, reads } = setup();
    await flow.ask(controller);
    await flow.confirm(element);
    expect(flow.phase.name).toBe('finished');
    // The result is set, not yet drawn: the panel has not read the dialog again.
    expect(reads).toEqual({ held: 1, released: [] });
    await new Promise<void>((drawn) => requestAnimationFrame(() => setTimeout(drawn, 0)));
    expect(reads).toEqual({ held: 0, released: ['finished'] });
  });

  it('shows the page’s list again once the result has been drawn, not before', async () => {
    const { flow, controller, element } = setup();
    const box = (element.querySelector('table') as HTMLElement).parentElement as HTMLElement;
    await flow.ask(controller);
    await flow.confirm(element);
    expect(flow.phase.name).toBe('finished');
    expect(box.style.getPropertyValue('content-visibility')).toBe('hidden');
    await new Promise<void>((drawn) => requestAnimationFrame(() => setTimeout(drawn, 0)));
    expect(box.style.getPropertyValue('content-visibility')).toBe('');
  });
});

describe('page mode’s start', () => {
  it('reads the dialog while the confirmation is shown, and not again when it is given', async () => {
    const { flow, controller, element } = setup();
    const dialogReads = vi.mocked(readWithdrawDialog);
    dialogReads.mockClear();
    await flow.ask(controller);
    expect(flow.phase.name).toBe('confirm');
    await vi.waitFor(() => expect(dialogReads).toHaveBeenCalledTimes(1));
    await flow.confirm(element);
    expect(flow.phase).toMatchObject({ name: 'finished', done: PAGE_BATCH + 5 });
    expect(dialogReads).toHaveBeenCalledTimes(1);
  });
});
