// "Withdraw selected", from the confirmation to the result: a dry-run preview (the background's in
// API mode, computed here in page mode), then a background job with progress from its events (or
// the page's own button in batches), failed items with a retry, and undo. It outlives the dialog:
// the page is refreshed when a job ends, which closes the dialog, and the result card stays.
// Every withdrawal is deliberate: at or above the confirmation threshold the count must be typed,
// and the tool and the page are read again when the administrator confirms (a page that navigated
// in between starts over). Undo is confirmed too, and starts once.
//
// This module is what the panel holds from the start: the phase it shows, who listens, and the
// actions. What they do is in withdrawal-work.ts, loaded the first time one is asked for (Shift+D
// or the button): a dialog that withdraws nothing never loads it.
import type { DialogController } from './controller.ts';
import type { FlowDeps, FlowState, Phase } from './flow.ts';
import type { WithdrawalWork } from './withdrawal-work.ts';

export { OUTCOME_UNKNOWN, type Phase } from './flow.ts';

export class WithdrawalFlow implements FlowState {
  phase: Phase = { name: 'idle' };
  /** The last finished API job that can be undone (u, "Ångra"). */
  lastJobId: string | null = null;
  private readonly listeners = new Set<() => void>();
  private work: Promise<WithdrawalWork> | null = null;
  /** The work once loaded: what a card already shown (a confirmation, a result) acts on. */
  private loaded: WithdrawalWork | null = null;

  constructor(private readonly deps: FlowDeps) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The phase the panel shows; set by the work (withdrawal-work.ts). */
  set(phase: Phase): void {
    this.phase = phase;
    for (const listener of this.listeners) listener();
  }

  get busy(): boolean {
    return this.phase.name === 'previewing' || this.phase.name === 'running';
  }

  /** The job the result card shows (the background does not notify about it), or null. */
  get shownJobId(): string | null {
    const p = this.phase;
    if (p.name === 'running') return p.jobId ?? null;
    if (p.name === 'finished') return p.jobId;
    return null;
  }

  /** The card shows a job it is asking the background to start, whose id it does not have yet. */
  get startingJob(): boolean {
    const p = this.phase;
    return p.name === 'running' && p.mode === 'api' && !p.jobId;
  }

  dismiss(): void {
    if (!this.busy) this.set({ name: 'idle' });
  }

  /** Shift+D or the button: asks for confirmation with a preview of what would happen. */
  async ask(controller: DialogController): Promise<void> {
    if (this.busy) return;
    const work = await this.load();
    await work?.ask(controller);
  }

  cancel(): void {
    this.loaded?.cancel();
  }

  /** The confirmation's yes (there is one only once the work has loaded). */
  async confirm(dialogElement: HTMLElement): Promise<void> {
    await this.loaded?.confirm(dialogElement);
  }

  /** Sends the failed items of the last API job again, as a new job. */
  async retry(): Promise<void> {
    await this.loaded?.retry();
  }

  /** u or "Ångra": shows what the last job's undo would re-assign, and asks first. */
  askUndo(): void {
    this.loaded?.askUndo();
  }

  /** The undo confirmation's yes: re-assigns what the last job revoked, once. */
  async undo(): Promise<void> {
    await this.loaded?.undo();
  }

  /** Starts loading the work before it is asked for (the Withdraw button's pointerdown or focus). */
  preload(): void {
    void this.load();
  }

  /** The work, loaded once; a chunk that cannot load (the extension was updated) is an error shown. */
  private load(): Promise<WithdrawalWork | null> {
    this.work ??= Promise.all([import('./withdrawal-work.ts'), this.deps.jobs()]).then(
      ([{ WithdrawalWork }, jobs]) => {
        this.loaded = new WithdrawalWork(this.deps, jobs, this);
        return this.loaded;
      },
    );
    return this.work.catch((error: unknown) => {
      this.work = null;
      this.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
      return null;
    });
  }
}
