// What the withdrawal flow (withdrawal.ts, held by the panel from the start) and its work
// (withdrawal-work.ts, loaded on first use) share: the phases, what the flow is given, and what the
// work may change of the flow.
import type { FailedItem, JobsBackground, PageBackground, WithdrawPreview } from '../bridge.ts';

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

export interface FlowDeps {
  /** The background as the panel has it from the start (the work reads `fresh`). */
  bg: Pick<PageBackground, 'fresh'>;
  /** The withdrawal's requests, loaded with the work (background-jobs.ts; tests give a fake). */
  jobs(): Promise<JobsBackground>;
  /** The tool the page is about, read when it is needed (null: not known, page mode only). */
  toolId(): string | null;
  /** A label for the journal and the popup ("Matematik 7–9 · Singellicenser"). */
  label(): string;
  /** The page's document: refreshed after each job (page/refresh.ts refreshAfterJob). */
  doc?: Document;
  /** Tests give their own refresh; without it the work refreshes `doc` after each job. */
  refreshPage?(): void;
  signal: AbortSignal;
  /**
   * The confirmation threshold; null: none. Without it the work reads the settings' mirror
   * (threshold-mirror.ts) at each ask, so a threshold changed meanwhile counts.
   */
  threshold?(): number | null;
  /** The page's address now (a single-page navigation changes it without a reload). */
  pageUrl?(): string;
}

/** The flow as its work sees it: the phase it sets, and the job that can be undone. */
export interface FlowState {
  readonly phase: Phase;
  readonly busy: boolean;
  readonly shownJobId: string | null;
  readonly startingJob: boolean;
  lastJobId: string | null;
  set(phase: Phase): void;
  subscribe(listener: () => void): () => void;
}
