// The content UI's state, as license-ui.tsx keeps it and the components read it.
import type { DialogController } from '../dialog/controller.ts';
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
  subscribe(listener: () => void): () => void;
  set(
    patch: Partial<Pick<UiState, 'controller' | 'help' | 'hint' | 'focusSearch' | 'modeReason' | 'paging'>>,
  ): void;
  searchInput: HTMLInputElement | null;
}

export type ModeReason = 'forced' | 'absent' | 'session-expired' | 'unreachable' | 'no-tool-id';
