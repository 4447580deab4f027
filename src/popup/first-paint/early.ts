// The popup's early script (built to popup-early.js, a classic script in the popup page's head: it
// runs at once, while the page is parsed, where a module runs only after the document is parsed and
// its module fetched and compiled). It starts the popup's one storage read, leaves it for the
// module (early-read.ts), and when it answers replays the kept first paint (view.ts) if there is
// one for exactly what storage holds now, then runs the popup's module, which the page has been
// fetching meanwhile (vite.popup.config.ts): the module renders the live popup.
import { EARLY_READ_GLOBAL, POPUP_READS, READ_MARK, replayKept } from './view.ts';

type Items = Record<string, unknown>;
interface StorageArea {
  get(keys: string[]): Promise<Items>;
}
const g = globalThis as unknown as Record<string, unknown> & {
  browser?: { storage: { local: StorageArea } };
  chrome: { storage: { local: StorageArea } };
};
const read = (g.browser ?? g.chrome).storage.local.get([...POPUP_READS]);
g[EARLY_READ_GLOBAL] = read;

/**
 * Runs the popup's module (its page fetches it with a modulepreload link and leaves running it to
 * us). A module tag's module runs once, whoever imports it. Its name is written in by the build
 * (scripts/build.ts), from that link.
 */
function runModule(): void {
  // Empty where no build named it (the unit tests): nothing to run.
  if (__LICENSKOLL_POPUP_MODULE__)
    import(__LICENSKOLL_POPUP_MODULE__).catch((error: unknown) => console.error('[Licenskoll] popup', error));
}

/** Once the page is parsed (#app is there): the replay, then the module. */
const whenParsed = (step: () => void) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', step, { once: true });
  else step();
};

read.then(
  (items) =>
    whenParsed(() => {
      performance.mark(READ_MARK);
      try {
        replayKept(items, document, navigator.language);
      } catch {
        // A view that does not build leaves #app empty: the module renders it as it would have.
      }
      runModule();
    }),
  () => whenParsed(runModule),
);
