// "Withdraw selected", from the confirmation to the result: a dry-run preview (the background's in
// API mode, computed here in page mode), then a background job with progress from its events (or
// the page's own button in batches), failed items with a retry, and undo. It outlives the dialog:
// the page is refreshed when a job ends, which closes the dialog, and the result card stays.
// Every withdrawal is deliberate: at or above the confirmation threshold the count must be typed,
// and the tool and the page are read again when the administrator confirms (a page that navigated
// in between starts over). Undo is confirmed too, and starts once.
import type { Assignment } from '../../shared/model.ts';
import { clip, LIMIT } from '../../shared/ui/text.ts';
import type { Background, FailedItem, JobProgress, WithdrawPreview } from '../bridge.ts';
import type { DialogRow } from '../page/dialog.ts';
import type { DialogController } from './controller.ts';

/** Withdrawing through the page's own buttons: a chunk of its own, loaded when a withdrawal needs it. */
const pageMode = () => import('./page-mode.ts');

const FEW_NAMES = 10;
/** The reason of a row that left the page without its confirmation (the UI words it). */
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

export type Phase =
  | { name: 'idle' }
  | { name: 'previewing' }
  | {
      name: 'confirm';
      preview: WithdrawPreview;
      unmapped: number;
      mode: 'api' | 'page';
      /** At or above the confirmation threshold: the count must be typed to confirm. */
      typeCount: boolean;
    }
  /** The page changed between the preview and the confirmation: nothing was done, select again. */
  | { name: 'changed' }
  /** "Ångra" or u: what would be re-assigned, before anything is. */
  | { name: 'confirmUndo'; jobId: string; label: string; count: number; endedAt: number }
  | {
      name: 'running';
      kind: 'withdraw' | 'undo';
      total: number;
      done: number;
      failed: number;
      mode: 'api' | 'page';
      /** The background job once started (null: not yet, or page mode). */
      jobId?: string | null;
      /** Why the job paused ('session-expired', 'server-busy' …); null while it runs. */
      pauseReason?: string | null;
    }
  | {
      name: 'finished';
      kind: 'withdraw' | 'undo';
      total: number;
      done: number;
      failed: FailedItem[];
      jobId: string | null;
      mode: 'api' | 'page';
    }
  | { name: 'error'; message: string };

interface Pending {
  items: { row: DialogRow; assignment: Assignment | null }[];
  mode: 'api' | 'page';
  /** What the preview was made for: the confirmation checks it is still so. */
  toolId: string | null;
  url: string | null;
  dialog: HTMLElement | null;
  /** Holds the dialog's re-reads while the page's own controls are driven (see DialogController). */
  holdReads: () => () => void;
}

/** The last finished API job, for "Ångra": what its confirmation shows. */
interface Undoable {
  jobId: string;
  label: string;
  count: number;
  endedAt: number;
}

export interface FlowDeps {
  bg: Background;
  /** The tool the page is about, read when it is needed (null: not known, page mode only). */
  toolId(): string | null;
  /** A label for the journal and the popup ("Matematik 7–9 · Singellicenser"). */
  label(): string;
  /** Reloads the page's table and counters (closes the dialog); see page/refresh.ts. */
  refreshPage(): void;
  signal: AbortSignal;
  /** The settings' confirmation threshold (the popup's too); null: not known yet. */
  threshold?(): number | null;
  /** The page's address now (a single-page navigation changes it without a reload). */
  pageUrl?(): string;
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

export class WithdrawalFlow {
  phase: Phase = { name: 'idle' };
  /** The last finished API job that can be undone (u, "Ångra"). */
  lastJobId: string | null = null;
  private lastJob: Undoable | null = null;
  /** The result card an undo confirmation covers: Cancel goes back to it. */
  private beforeUndo: Phase | null = null;
  private pending: Pending | null = null;
  private lastRequest: { assignments: Assignment[] } | null = null;
  private readonly progress = new Map<string, JobProgress>();
  private readonly waiters = new Map<string, (p: JobProgress) => void>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: FlowDeps) {
    deps.bg.onJob((p) => {
      this.progress.set(p.jobId, p);
      this.waiters.get(p.jobId)?.(p);
    }, deps.signal);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(phase: Phase): void {
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
    // The rows may still be mapped from the cache: the selection is read once the sync the dialog
    // started has been applied, so what is previewed and withdrawn is what the page shows.
    const current = this.deps.toolId();
    if (current && this.deps.bg.fresh) await this.deps.bg.fresh(current).catch(() => undefined);
    if (this.busy) return;
    const items = controller.selection();
    if (items.length === 0) return;
    const mode = controller.mode;
    const ids = items.flatMap((i) => (i.assignment ? [i.assignment.id] : []));
    const unmapped = items.length - ids.length;
    // Rows that go through the page: its code loads while the confirmation is read.
    if (mode === 'page' || unmapped > 0) void pageMode().catch(() => undefined);
    this.pending = {
      items,
      mode,
      toolId: this.deps.toolId(),
      url: this.deps.pageUrl?.() ?? null,
      dialog: controller.dialog.element,
      holdReads: () => controller.holdReads(),
    };
    this.set({ name: 'previewing' });
    try {
      const label = this.deps.label();
      // Page mode cannot dry-run: the preview is counted here. In API mode the background's dry
      // run answers for the mapped rows; unmapped ones (withdrawn through the page) are added.
      const preview =
        mode === 'page' || ids.length === 0
          ? localPreview(items, label)
          : await this.deps.bg.preview(this.apiTool(), ids);
      const shown: WithdrawPreview =
        mode === 'api' && unmapped > 0
          ? {
              ...preview,
              count: preview.count + unmapped,
              names: items.length <= FEW_NAMES ? items.map((i) => i.row.name) : null,
            }
          : preview;
      const threshold = this.deps.threshold?.() ?? null;
      const typeCount = threshold !== null && shown.count >= threshold;
      this.set({ name: 'confirm', preview: shown, unmapped: mode === 'api' ? unmapped : 0, mode, typeCount });
    } catch (error) {
      this.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    }
  }

  cancel(): void {
    if (this.phase.name === 'confirmUndo') {
      this.set(this.beforeUndo ?? { name: 'idle' });
      this.beforeUndo = null;
      return;
    }
    if (this.phase.name === 'confirm' || this.phase.name === 'changed') {
      this.pending = null;
      this.set({ name: 'idle' });
    }
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
    if (this.phase.name !== 'confirm' || !pending) return;
    this.pending = null;
    if (!this.stillSamePage(pending, dialogElement)) {
      // Nothing is sent: the confirmation says the page changed, and the administrator starts over.
      this.set({ name: 'changed' });
      return;
    }
    const toolId = pending.toolId;
    const total = pending.items.length;
    const { mode } = pending;
    this.set({ name: 'running', kind: 'withdraw', total, done: 0, failed: 0, mode });
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
            this.deps.bg.startWithdrawal(
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
        const { journalChunks, pageJournalEntry, withdrawThroughPage } = await pageMode();
        // Each batch the page confirmed is journaled while the next one runs, into one job: what
        // was withdrawn can be undone even if the tab closes halfway, and the journal's writes
        // are not left to the end.
        const assignmentOf = new Map(viaPage.map((i) => [i.row, i.assignment]));
        const tool = toolId ?? clip(this.deps.label(), LIMIT.label);
        let journaledRows = 0;
        let pageJob: string | undefined;
        let journal: Promise<void> = Promise.resolve();
        const journalNew = (rows: DialogRow[]) => {
          const entries = rows
            .slice(journaledRows)
            .map((r) => pageJournalEntry(r, assignmentOf.get(r) ?? null));
          journaledRows = rows.length;
          for (const chunk of journalChunks(entries)) {
            journal = journal.then(() =>
              this.deps.bg.recordPageWithdrawal(tool, chunk, pageJob).then(
                (recorded) => {
                  pageJob = recorded.jobId;
                },
                (error: unknown) => console.warn('[Licenskoll] page withdrawal not journaled', error),
              ),
            );
          }
        };
        const release = pending.holdReads();
        const page = await withdrawThroughPage(
          dialogElement,
          viaPage.map((i) => i.row),
          (p) => {
            journalNew(p.done);
            this.set({
              name: 'running',
              kind: 'withdraw',
              total,
              done: done + p.done.length,
              failed: failed.length + p.failed.length,
              mode,
            });
          },
          this.deps.signal,
        ).finally(release);
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
      this.set({ name: 'finished', kind: 'withdraw', total, done, failed, jobId, mode });
    } catch (error) {
      this.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    } finally {
      this.deps.refreshPage();
    }
  }

  /** Sends the failed items of the last API job again, as a new job. */
  async retry(): Promise<void> {
    if (this.phase.name !== 'finished' || this.phase.kind !== 'withdraw') return;
    const failedIds = new Set(this.phase.failed.map((f) => f.assignmentId).filter(Boolean));
    const assignments = (this.lastRequest?.assignments ?? []).filter((a) => failedIds.has(a.id));
    if (assignments.length === 0) return;
    const total = assignments.length;
    this.set({ name: 'running', kind: 'withdraw', total, done: 0, failed: 0, mode: 'api' });
    try {
      const result = await this.runJob(
        () =>
          this.deps.bg.startWithdrawal(this.apiTool(), [...failedIds], clip(this.deps.label(), LIMIT.label)),
        'withdraw',
        total,
      );
      this.remember(result.jobId, result.done);
      this.set({
        name: 'finished',
        kind: 'withdraw',
        total,
        done: result.done,
        failed: result.failed,
        jobId: result.jobId,
        mode: 'api',
      });
    } catch (error) {
      this.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    } finally {
      this.deps.refreshPage();
    }
  }

  private remember(jobId: string, count: number): void {
    this.lastJobId = jobId;
    this.lastJob = { jobId, label: this.deps.label(), count, endedAt: Date.now() };
  }

  /** u or "Ångra": shows what the last job's undo would re-assign, and asks first. */
  askUndo(): void {
    const last = this.lastJob;
    if (!last || this.busy || this.phase.name === 'confirmUndo' || last.jobId !== this.lastJobId) return;
    this.pending = null;
    this.beforeUndo = this.phase.name === 'finished' ? this.phase : null;
    this.set({ name: 'confirmUndo', ...last });
  }

  /** The undo confirmation's yes: re-assigns what the last job revoked, once. */
  async undo(): Promise<void> {
    const phase = this.phase;
    const jobId = this.lastJobId;
    if (phase.name !== 'confirmUndo' || !jobId || phase.jobId !== jobId || this.busy) return;
    // Taken before the request: a second press finds nothing to undo (the background starts one
    // job per withdrawal as well).
    this.lastJobId = null;
    this.lastJob = null;
    this.beforeUndo = null;
    this.set({ name: 'running', kind: 'undo', total: 0, done: 0, failed: 0, mode: 'api' });
    try {
      const result = await this.runJob(() => this.deps.bg.undo(jobId), 'undo', 0);
      this.set({
        name: 'finished',
        kind: 'undo',
        total: result.total,
        done: result.done,
        failed: result.failed,
        jobId: result.jobId,
        mode: 'api',
      });
    } catch (error) {
      this.set({ name: 'error', message: String(error instanceof Error ? error.message : error) });
    } finally {
      this.deps.refreshPage();
    }
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
    if (this.phase.name === 'running') this.set({ ...this.phase, jobId });
    const final = await new Promise<JobProgress>((resolve, reject) => {
      const onProgress = (p: JobProgress) => {
        const total = p.total || expected;
        // A paused job says why (the card never shows "running" for it); it may resume.
        const pauseReason = p.state === 'paused' ? (p.pauseReason ?? 'other') : null;
        if (this.phase.name === 'running')
          this.set({ ...this.phase, kind, total, done: p.done, failed: p.failed, jobId, pauseReason });
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
    const failed = final.failed > 0 ? await this.deps.bg.failedItems(jobId).catch(() => []) : [];
    return { jobId, total: final.total, done: final.done, failed };
  }
}
