// What the withdrawal flow does (withdrawal.ts holds its phase for the panel, flow.ts the types they share): a dry-run preview
// (the background's in API mode, computed here in page mode), then a background job with progress
// from its events (or the page's own button in batches), failed items with a retry, and undo.
// Loaded the first time the panel asks for one of them.
import type { Assignment } from '../../shared/model.ts';
import type { PageWithdrawalEntry } from '../../shared/protocol/types.ts';
import { clip, LIMIT } from '../../shared/ui/text.ts';
import { mirroredThreshold } from '../../shared/ui/threshold-mirror.ts';
import { jobShownOnPage } from '../../shared/ui/visibility.ts';
import type { FailedItem, JobProgress, JobsBackground, WithdrawPreview } from '../bridge.ts';
import type { DialogRow } from '../page/dialog.ts';
import { afterNextPaint, refreshAfterJob } from '../page/refresh.ts';
import type { DialogController } from './controller.ts';
import { type FlowDeps, type FlowState, OUTCOME_UNKNOWN, type Phase } from './flow.ts';
import type { ReadAhead } from './page-mode.ts';

/**
 * Withdrawing through the page's own buttons: a chunk of its own, loaded when a withdrawal is asked
 * for, and kept once loaded so that the confirmation uses it without a wait.
 */
let pageModeLoaded: typeof import('./page-mode.ts') | null = null;
const pageMode = () => import('./page-mode.ts').then((loaded) => (pageModeLoaded = loaded));

const FEW_NAMES = 10;

interface Pending {
  items: { row: DialogRow; assignment: Assignment | null }[];
  mode: 'api' | 'page';
  /** What the preview was made for: the confirmation checks it is still so. */
  toolId: string | null;
  url: string | null;
  dialog: HTMLElement | null;
  /** Holds the dialog's re-reads while the page's own controls are driven (see DialogController). */
  holdReads: () => () => void;
  /** Page mode's read of the dialog, made while the confirmation is read (page-mode.ts). */
  ahead: ReadAhead | null;
}

/** The last finished API job, for "Ångra": what its confirmation shows. */
interface Undoable {
  jobId: string;
  label: string;
  count: number;
  endedAt: number;
}

/** The preview page mode computes itself (no dry run is possible through the page). */
function localPreview(items: Pending['items'], fallbackLabel: string): WithdrawPreview {
  const perLicense = new Map<string, { licenseId: string; label: string; seatsFreed: number }>();
  items.forEach(({ assignment }) => {
    const licenseId = assignment?.licenseId ?? '';
    const entry = perLicense.get(licenseId) ?? { licenseId, label: fallbackLabel, seatsFreed: 0 };
    entry.seatsFreed++;
    perLicense.set(licenseId, entry);
  });
  return {
    count: items.length,
    perLicense: [...perLicense.values()],
    names: items.length <= FEW_NAMES ? items.map((i) => i.row.name) : null,
  };
}

export class WithdrawalWork {
  private lastJob: Undoable | null = null;
  /** The result card an undo confirmation covers: Cancel goes back to it. */
  private beforeUndo: Phase | null = null;
  private pending: Pending | null = null;
  private lastRequest: { assignments: Assignment[] } | null = null;
  private readonly progress = new Map<string, JobProgress>();
  private readonly waiters = new Map<string, (p: JobProgress) => void>();

  constructor(
    private readonly deps: FlowDeps,
    private readonly jobs: JobsBackground,
    private readonly flow: FlowState,
  ) {
    jobs.onJob((p) => {
      this.progress.set(p.jobId, p);
      this.waiters.get(p.jobId)?.(p);
    }, deps.signal);
    // The result card tells the background which job it shows: no notification for that one.
    const shown = jobShownOnPage();
    flow.subscribe(() => shown.show(flow.shownJobId, flow.startingJob));
    deps.signal.addEventListener('abort', () => shown.close(), { once: true });
  }

  /** Shift+D or the button: asks for confirmation with a preview of what would happen. */
  async ask(controller: DialogController): Promise<void> {
    if (this.flow.busy) return;
    // The rows may still be mapped from the cache: the selection is read once the sync the dialog
    // started has been applied, so what is previewed and withdrawn is what the page shows.
    const current = this.deps.toolId();
    if (current && this.deps.bg.fresh) await this.deps.bg.fresh(current).catch(() => undefined);
    if (this.flow.busy) return;
    const items = controller.selection();
    if (items.length === 0) return;
    const mode = controller.mode;
    const ids = items.flatMap((i) => (i.assignment ? [i.assignment.id] : []));
    const unmapped = items.length - ids.length;
    const pending: Pending = {
      items,
      mode,
      toolId: this.deps.toolId(),
      url: this.deps.pageUrl?.() ?? null,
      dialog: controller.dialog.element,
      holdReads: () => controller.holdReads(),
      ahead: null,
    };
    this.drop();
    this.pending = pending;
    // Rows that go through the page: its code loads, and reads the dialog, while the confirmation
    // is read.
    if (mode === 'page' || unmapped > 0)
      void pageMode()
        .then(({ readAhead }) => {
          if (this.pending === pending && pending.dialog) pending.ahead = readAhead(pending.dialog);
        })
        .catch(() => undefined);
    this.flow.set({ name: 'previewing' });
    try {
      const label = this.deps.label();
      // Page mode cannot dry-run: the preview is counted here. In API mode the background's dry
      // run answers for the mapped rows; unmapped ones (withdrawn through the page) are added.
      const preview =
        mode === 'page' || ids.length === 0
          ? localPreview(items, label)
          : await this.jobs.preview(this.apiTool(), ids);
      const shown: WithdrawPreview =
        mode === 'api' && unmapped > 0
          ? {
              ...preview,
              count: preview.count + unmapped,
              names: items.length <= FEW_NAMES ? items.map((i) => i.row.name) : null,
            }
          : preview;
      const threshold = this.deps.threshold ? this.deps.threshold() : await mirroredThreshold();
      const typeCount = threshold !== null && shown.count >= threshold;
      this.flow.set({
        name: 'confirm',
        preview: shown,
        unmapped: mode === 'api' ? unmapped : 0,
        mode,
        typeCount,
      });
    } catch (error) {
      this.flow.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    }
  }

  cancel(): void {
    if (this.flow.phase.name === 'confirmUndo') {
      this.flow.set(this.beforeUndo ?? { name: 'idle' });
      this.beforeUndo = null;
      return;
    }
    if (this.flow.phase.name === 'confirm' || this.flow.phase.name === 'changed') {
      this.drop();
      this.flow.set({ name: 'idle' });
    }
  }

  /** Forgets the confirmation asked for, and stops watching the dialog for it. */
  private drop(): void {
    this.pending?.ahead?.watch.stop();
    this.pending = null;
  }

  /**
   * Is the page still the one the preview was made for: the same tool (read again now), the same
   * address, the same dialog still open? A single-page navigation in between changes one of them.
   */
  private stillSamePage(pending: Pending, dialogElement: HTMLElement): boolean {
    if (this.deps.toolId() !== pending.toolId) return false;
    if (pending.url !== null && (this.deps.pageUrl?.() ?? null) !== pending.url) return false;
    if (pending.dialog !== null && pending.dialog !== dialogElement) return false;
    return dialogElement.isConnected;
  }

  async confirm(dialogElement: HTMLElement): Promise<void> {
    const pending = this.pending;
    if (this.flow.phase.name !== 'confirm' || !pending) return;
    this.pending = null;
    // Page mode's read made ahead: used by the rows withdrawn through the page, stopped in any case.
    const { ahead } = pending;
    if (!this.stillSamePage(pending, dialogElement)) {
      ahead?.watch.stop();
      // Nothing is sent: the confirmation says the page changed, and the administrator starts over.
      this.flow.set({ name: 'changed' });
      return;
    }
    const toolId = pending.toolId;
    const total = pending.items.length;
    const { mode } = pending;
    this.flow.set({ name: 'running', kind: 'withdraw', total, done: 0, failed: 0, mode });
    /**
     * What page mode holds until its result is drawn (see finally): the panel's reads of the
     * dialog, and the page's list it left undrawn.
     */
    const untilDrawn: (() => void)[] = [];
    try {
      let done = 0;
      const failed: FailedItem[] = [];
      let jobId: string | null = null;
      const assignments =
        mode === 'api' ? pending.items.flatMap((i) => (i.assignment ? [i.assignment] : [])) : [];
      const viaPage = pending.items.filter((i) => mode === 'page' || !i.assignment);
      if (assignments.length > 0) {
        this.lastRequest = { assignments };
        const result = await this.runJob(
          () =>
            this.jobs.startWithdrawal(
              toolId ?? this.apiTool(),
              assignments.map((a) => a.id),
              clip(this.deps.label(), LIMIT.label),
            ),
          'withdraw',
          total,
        );
        jobId = result.jobId;
        done += result.done;
        failed.push(...result.failed);
      }
      if (viaPage.length > 0) {
        // Loaded when the withdrawal was asked for: the first batch is pressed in the confirm click's
        // own task, before the result card's first render (an await here let that render and a
        // task go first: 11-14 ms, timed in the page beside a 1,110-row dialog).
        const { journalChunks, pageJournalEntry, withdrawThroughPage } = pageModeLoaded ?? (await pageMode());
        // Each batch the page confirmed is journaled while the next one runs, into one job: what
        // was withdrawn can be undone even if the tab closes halfway, and the journal's writes
        // are not left to the end. One write at a time, each with every row confirmed while the
        // last one was written: one request per batch queued behind the worker's writes (several
        // IndexedDB transactions each), and the result waited for the whole queue (70-100 ms after
        // the last batch, beside a 1,110-row dialog).
        const assignmentOf = new Map(viaPage.map((i) => [i.row, i.assignment]));
        const tool = toolId ?? clip(this.deps.label(), LIMIT.label);
        let journaledRows = 0;
        let pageJob: string | undefined;
        let unsent: PageWithdrawalEntry[] = [];
        let journal: Promise<void> | null = null;
        const send = async () => {
          while (unsent.length > 0) {
            const entries = unsent;
            unsent = [];
            for (const chunk of journalChunks(entries)) {
              await this.jobs.recordPageWithdrawal(tool, chunk, pageJob).then(
                (recorded) => {
                  pageJob = recorded.jobId;
                },
                (error: unknown) => console.warn('[Licenskoll] page withdrawal not journaled', error),
              );
            }
          }
          journal = null;
        };
        const journalNew = (rows: DialogRow[]) => {
          unsent.push(
            ...rows.slice(journaledRows).map((r) => pageJournalEntry(r, assignmentOf.get(r) ?? null)),
          );
          journaledRows = rows.length;
          // Sent after this step's work (a microtask): the page's next batch is pressed first.
          journal ??= Promise.resolve().then(send);
        };
        untilDrawn.push(pending.holdReads());
        const page = await withdrawThroughPage(
          dialogElement,
          viaPage.map((i) => i.row),
          (p) => {
            journalNew(p.done);
            this.flow.set({
              name: 'running',
              kind: 'withdraw',
              total,
              done: done + p.done.length,
              failed: failed.length + p.failed.length,
              mode,
            });
          },
          this.deps.signal,
          { showListLater: (show) => untilDrawn.push(show), ahead },
        );
        journalNew(page.done);
        await journal;
        done += page.done.length;
        failed.push(...page.failed.map((r) => ({ assignmentId: '', name: r.name, reason: '' })));
        // Gone from the page without its confirmation: not counted, not journaled, said plainly.
        failed.push(
          ...page.unknown.map((r) => ({
            assignmentId: '',
            name: r.name,
            reason: OUTCOME_UNKNOWN,
          })),
        );
      }
      if (jobId) this.remember(jobId, done);
      this.flow.set({ name: 'finished', kind: 'withdraw', total, done, failed, jobId, mode });
    } catch (error) {
      this.flow.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    } finally {
      ahead?.watch.stop();
      // The panel reads the dialog again once the result card is drawn: that read (the dialog's
      // rows mapped again, ~45 ms beside a 1,000-row dialog) ran between the last batch and the
      // card before. The page's list, hidden while page mode worked (page-mode.ts), is drawn
      // again then too: before, its layout and frame came ahead of the card.
      if (untilDrawn.length > 0)
        void afterNextPaint(this.deps.doc?.defaultView ?? window).then(() => {
          for (const undo of untilDrawn) undo();
        });
      this.refreshPage();
    }
  }

  /** Sends the failed items of the last API job again, as a new job. */
  async retry(): Promise<void> {
    if (this.flow.phase.name !== 'finished' || this.flow.phase.kind !== 'withdraw') return;
    const failedIds = new Set(this.flow.phase.failed.map((f) => f.assignmentId).filter(Boolean));
    const assignments = (this.lastRequest?.assignments ?? []).filter((a) => failedIds.has(a.id));
    if (assignments.length === 0) return;
    await this.apiJob(
      'withdraw',
      assignments.length,
      () => this.jobs.startWithdrawal(this.apiTool(), [...failedIds], clip(this.deps.label(), LIMIT.label)),
      (result) => this.remember(result.jobId, result.done),
    );
  }

  private remember(jobId: string, count: number): void {
    this.flow.lastJobId = jobId;
    this.lastJob = { jobId, label: this.deps.label(), count, endedAt: Date.now() };
  }

  /** u or "Ångra": shows what the last job's undo would re-assign, and asks first. */
  askUndo(): void {
    const last = this.lastJob;
    if (
      !last ||
      this.flow.busy ||
      this.flow.phase.name === 'confirmUndo' ||
      last.jobId !== this.flow.lastJobId
    )
      return;
    this.drop();
    this.beforeUndo = this.flow.phase.name === 'finished' ? this.flow.phase : null;
    this.flow.set({ name: 'confirmUndo', ...last });
  }

  /** The undo confirmation's yes: re-assigns what the last job revoked, once. */
  async undo(): Promise<void> {
    const phase = this.flow.phase;
    const jobId = this.flow.lastJobId;
    if (phase.name !== 'confirmUndo' || !jobId || phase.jobId !== jobId || this.flow.busy) return;
    // Taken before the request: a second press finds nothing to undo (the background starts one
    // job per withdrawal as well).
    this.flow.lastJobId = null;
    this.lastJob = null;
    this.beforeUndo = null;
    await this.apiJob('undo', 0, () => this.jobs.undo(jobId));
  }

  /**
   * An API job from its start to its result card (or the error), the page refreshed either way.
   * `total` 0: not known before the job says (an undo).
   */
  private async apiJob(
    kind: 'withdraw' | 'undo',
    total: number,
    start: () => Promise<string>,
    done?: (result: { jobId: string; done: number }) => void,
  ): Promise<void> {
    this.flow.set({ name: 'running', kind, total, done: 0, failed: 0, mode: 'api' });
    try {
      const result = await this.runJob(start, kind, total);
      done?.(result);
      this.flow.set({
        name: 'finished',
        kind,
        total: total || result.total,
        done: result.done,
        failed: result.failed,
        jobId: result.jobId,
        mode: 'api',
      });
    } catch (error) {
      this.flow.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    } finally {
      this.refreshPage();
    }
  }

  /** Reloads the page's table and counters after a job (closes the dialog). */
  private refreshPage(): void {
    if (this.deps.refreshPage) this.deps.refreshPage();
    else
      void refreshAfterJob(
        this.deps.doc ?? document,
        async () => (await this.deps.jobs()).paceRoom(),
        this.deps.signal,
      );
  }

  /** The tool id API calls need; API mode is only chosen once it is known. */
  private apiTool(): string {
    const toolId = this.deps.toolId();
    if (!toolId) throw new Error('the tool is not known: page mode only');
    return toolId;
  }

  /** Starts a job and follows its events until it is done (or cancelled). */
  private async runJob(
    start: () => Promise<string>,
    kind: 'withdraw' | 'undo',
    expected: number,
  ): Promise<{ jobId: string; total: number; done: number; failed: FailedItem[] }> {
    const jobId = await start();
    if (this.flow.phase.name === 'running') this.flow.set({ ...this.flow.phase, jobId });
    const final = await new Promise<JobProgress>((resolve, reject) => {
      const onProgress = (p: JobProgress) => {
        const total = p.total || expected;
        // A paused job says why (the card never shows "running" for it); it may resume.
        const pauseReason = p.state === 'paused' ? (p.pauseReason ?? 'other') : null;
        if (this.flow.phase.name === 'running')
          this.flow.set({
            ...this.flow.phase,
            kind,
            total,
            done: p.done,
            failed: p.failed,
            jobId,
            pauseReason,
          });
        if (p.state === 'done' || p.state === 'cancelled') {
          this.waiters.delete(jobId);
          resolve(p);
        }
      };
      this.waiters.set(jobId, onProgress);
      const seen = this.progress.get(jobId);
      if (seen) onProgress(seen);
      this.deps.signal.addEventListener('abort', () => reject(new Error('navigated away')), { once: true });
    });
    const failed = final.failed > 0 ? await this.jobs.failedItems(jobId).catch(() => []) : [];
    return { jobId, total: final.total, done: final.done, failed };
  }
}
