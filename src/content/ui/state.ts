// The content UI's state, as license-ui.tsx keeps it and the components read it.
import type { Schedule } from '../../shared/plans.ts';
import type { ScheduleDraft } from '../bridge.ts';
import type { DialogController } from '../dialog/controller.ts';
import type { Plans } from '../dialog/plans.ts';
import type { WithdrawalFlow } from '../dialog/withdrawal.ts';

export interface UiState {
  controller: DialogController | null;
  flow: WithdrawalFlow;
  help: boolean;
  /** The browser command asked for our search while no dialog is open: say how to get one. */
  hint: boolean;
  /** Bumped by the keyboard to focus our search. */
  focusSearch: number;
  /** Why page mode (the probe's answer, or no tool id), shown once in the panel; null in API mode. */
  modeReason: ModeReason | null;
  /** The dialog's rows loaded of all, when the page does not render them all; null when complete. */
  paging: { loaded: number; total: number | null; loading: boolean } | null;
  /** Selects every match, loading the page's further rows first when it has more. */
  selectAllMatching(): void;
  /** Loads the rows the page has not rendered yet (its own "Visa fler"), so search sees them. */
  loadAllRows(): void;
  /** Saved views and the panel's view actions (dialog/plans.ts). */
  plans: Plans;
  /** The tool of this page, once known (null: page mode without an id). */
  toolId(): string | null;
  saveSchedule(draft: ScheduleDraft): Promise<Schedule>;
  /**
   * A page-mode schedule opened this page: 'waiting' until a withdraw dialog is open, then
   * 'ready' once its view is applied and every match selected (never confirmed for the person).
   */
  pending: 'waiting' | 'ready' | null;
  subscribe(listener: () => void): () => void;
  set(
    patch: Partial<
      Pick<UiState, 'controller' | 'help' | 'hint' | 'focusSearch' | 'modeReason' | 'paging' | 'pending'>
    >,
  ): void;
  searchInput: HTMLInputElement | null;
}

export type ModeReason = 'forced' | 'absent' | 'session-expired' | 'unreachable' | 'no-tool-id';
