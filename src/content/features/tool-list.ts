// A list of tools with their counters (Verktygshantering): each row's "x/y tilldelade" is kept for
// the popup, which can then show every tool's figures even where the license API is not there.
import { observeChanges } from '../core/dom.ts';
import type { Feature } from '../core/features.ts';
import { mayHoldLicenseTable } from '../page/recognise.ts';
import { readToolList, schoolNameOf } from '../page/tool-list.ts';

/** Lists change while the administrator searches them; read them at most this often. */
const READ_EVERY_MS = 1_000;

export const toolList: Feature = {
  id: 'tool-list',
  runsOn: () => true,
  init(signal) {
    let last = '';
    const read = () => {
      if (signal.aborted || !mayHoldLicenseTable(document)) return;
      const figures = readToolList(document);
      if (figures.length === 0) return;
      const key = figures.map((f) => `${f.toolId}|${f.toolName}|${f.assigned}/${f.total}`).join('\n');
      if (key === last) return;
      last = key;
      // The door to the background loads only once a list was found (not on every page).
      void import('../background-client.ts')
        .then(({ backgroundClient }) =>
          backgroundClient().reportFigures(
            schoolNameOf(document),
            figures
              .slice(0, 2_000)
              .map((f) => ({ ...f, toolName: f.toolName.slice(0, 300), source: 'tool-list' as const })),
          ),
        )
        .catch(() => undefined);
    };
    read();
    observeChanges(document.body, read, signal, { everyMs: READ_EVERY_MS });
  },
};
