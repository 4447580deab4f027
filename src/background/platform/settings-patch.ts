// The check of a settings patch a UI sends (valibot), for the background only: the settings module
// itself stays free of valibot, so the popup's first paint does not load it.
import * as v from 'valibot';
import { checkOrigin } from '../../shared/origins.ts';
import { LIMITS } from '../../shared/settings-io.ts';

const bounded = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** `allowLocal` is true in the sandbox flavour only: 127.0.0.1 and localhost over http. */
export function settingsPatchSchema(allowLocal: boolean) {
  const origin = v.pipe(
    v.string(),
    v.maxLength(300),
    v.check((s) => {
      const c = checkOrigin(s, allowLocal);
      return c.ok && c.origin === s;
    }, 'not an allowed origin'),
  );
  return v.strictObject({
    origins: v.optional(v.pipe(v.array(origin), v.minLength(1), v.maxLength(20))),
    activeOrigin: v.optional(v.nullable(origin)),
    confirmThreshold: v.optional(bounded(LIMITS.confirmThreshold.min, LIMITS.confirmThreshold.max)),
    batchSize: v.optional(bounded(LIMITS.batchSize.min, LIMITS.batchSize.max)),
    concurrency: v.optional(bounded(LIMITS.concurrency.min, LIMITS.concurrency.max)),
    requestsPerSecond: v.optional(bounded(1, 50)),
  });
}
