// The one way features wait for the page: MutationObserver-driven, coalesced to one check per
// animation frame (or, with `everyMs`, at most one per that interval), cancelled by the feature's
// AbortSignal. No polling loops anywhere else.

export interface ChangeOptions {
  /** Also attribute changes (a button turning disabled, a row hidden). */
  attributes?: boolean;
  /** Once per batch of changes, in the observer's own callback (a microtask). */
  eager?: boolean;
  /**
   * At most one run per `everyMs`, and one after the last change: for pages that may never hold
   * what we look for. Between runs the observer is disconnected, so a busy page wakes us about
   * once per interval (an observer call and a timer), not once per frame.
   */
  everyMs?: number;
}

/**
 * Calls `callback` (at most once a frame) whenever nodes are added or removed under `root`
 * (and, with `attributes`, when an attribute changes).
 */
export function observeChanges(
  root: Node,
  callback: () => void,
  signal: AbortSignal,
  options: ChangeOptions = {},
): void {
  if (signal.aborted) return;
  let scheduled = false;
  let lastRun = Number.NEGATIVE_INFINITY;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const init = { childList: true, subtree: true, attributes: options.attributes === true };
  const run = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    if (!scheduled) return;
    scheduled = false;
    if (signal.aborted) return;
    lastRun = performance.now();
    // Watching again before the callback: a change made from here on schedules the next run.
    observer.observe(root, init);
    callback();
  };
  const observer = new MutationObserver(() => {
    if (options.eager) {
      if (!signal.aborted) callback();
      return;
    }
    if (scheduled) return;
    scheduled = true;
    // Until the run, nothing more is recorded: the callback reads the page as it is then, so the
    // changes in between need no records (a busy page made one callback per change before).
    observer.disconnect();
    const wait = options.everyMs === undefined ? 0 : lastRun + options.everyMs - performance.now();
    if (wait > 0) {
      timer = setTimeout(run, wait);
      return;
    }
    // rAF pauses in hidden tabs; the timeout keeps a background tab's dialog in step too.
    frame = requestAnimationFrame(run);
    timer = setTimeout(run, 100);
  });
  observer.observe(root, init);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    },
    { once: true },
  );
}

export interface ReadyOptions {
  signal: AbortSignal;
  /** Give up (resolve null) after this long; undefined waits until the signal aborts. */
  timeoutMs?: number;
  root?: Node;
  attributes?: boolean;
  /**
   * Check in the observer's callback, right after the change, not once a frame: for a cheap check
   * whose next step should start at once (page mode presses the page's button for its next batch
   * before the frame that shows the last one is drawn). Not with `everyMs`.
   */
  eager?: boolean;
  /**
   * For pages that may never hold what we look for (every page of an allowed origin): `find` runs
   * at most once per `everyMs` while the page changes, and once after its last change, so a busy
   * unrelated page costs a few checks a second, not one per frame.
   */
  everyMs?: number;
}

/** Resolves with what `find` returns once it is not null: now, or after the DOM changes. */
export function elementReady<T>(find: () => T | null, options: ReadyOptions): Promise<T | null> {
  const { signal, timeoutMs } = options;
  const root = options.root ?? document.documentElement;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    const first = find();
    if (first !== null) return resolve(first);
    const local = new AbortController();
    const done = (value: T | null) => {
      local.abort();
      resolve(value);
    };
    signal.addEventListener('abort', () => done(null), { once: true, signal: local.signal });
    if (timeoutMs !== undefined) {
      const timer = setTimeout(() => done(null), timeoutMs);
      local.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }
    const check = () => {
      const found = find();
      if (found !== null) done(found);
    };
    observeChanges(root, check, local.signal, {
      attributes: options.attributes === true,
      eager: options.eager === true,
      ...(options.everyMs === undefined ? {} : { everyMs: options.everyMs }),
    });
  });
}
