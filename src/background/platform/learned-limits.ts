// What 429s taught the pacing about each origin's limit (api/pacing.ts), kept in storage.session
// as well: the browser stops an idle MV3 worker after about 30 s, and a worker that starts again
// would otherwise learn the same limit with another 429 (and its Retry-After wait) on its first
// burst. Gone with the browser session; each refusal is kept for the pacing's REMEMBER_MS.
import { workerRateMemory } from '../api/license-api.ts';
import { restoreTaught, taughtLimits } from '../api/pacing.ts';
import { sessionArea } from './session-area.ts';

const KEY = 'api.learnedLimits';

let restored: Promise<void> | null = null;

/** Once per worker, before its first adapter: the refusals an earlier worker kept. */
export function restoreLearnedLimits(): Promise<void> {
  restored ??= (async () => {
    try {
      const kept = (await sessionArea().get(KEY))[KEY];
      restoreTaught(workerRateMemory, kept, Date.now());
    } catch {
      // No storage here (a test, a browser without it): this worker learns on its own.
    }
  })();
  return restored;
}

/** After a 429: what the worker now knows, for the next worker. */
export function keepLearnedLimits(): void {
  const taught = taughtLimits(workerRateMemory, Date.now());
  Promise.resolve()
    .then(() => sessionArea().set({ [KEY]: taught }))
    .catch(() => undefined);
}
