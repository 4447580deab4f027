// The page's mode and the tool's data, asked for as soon as the license page is recognised: beside
// the page's language and the UI's chunk rather than after them. A dialog opened right after the
// page loads then maps from data that came before the page built the dialog: an answer that comes
// while the page builds a 2,000-row dialog waits behind that work and the first frame it draws
// (~250 ms in the bench). The dialog session (dialog-session.ts) starts from these answers.
import type { Background, ModeInfo, ToolData } from '../bridge.ts';

export interface EarlyToolData {
  toolId: string;
  mode: Promise<ModeInfo>;
  /** The cached data, or null (page mode, or the background could not answer). */
  data: Promise<ToolData | null>;
  /** Newer data after the sync: now if it came already, and when it comes. */
  onFresh(listener: (fresh: ToolData) => void): void;
}

export function askEarly(bg: Pick<Background, 'mode' | 'toolData'>, toolId: string): EarlyToolData {
  let fresh: ToolData | null = null;
  let listener: ((fresh: ToolData) => void) | null = null;
  const mode = bg.mode();
  const data = mode
    .then((info) =>
      info.mode === 'api'
        ? bg.toolData(toolId, (newer) => {
            fresh = newer;
            listener?.(newer);
          })
        : null,
    )
    .catch((error: unknown) => {
      console.debug('[Licenskoll] tool data not asked for early', error);
      return null;
    });
  return {
    toolId,
    mode,
    data,
    onFresh(next) {
      listener = next;
      if (fresh) next(fresh);
    },
  };
}
