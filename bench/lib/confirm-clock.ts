// The clock of a withdrawal started from the license page, kept in the page: from the trusted
// click on our confirm button (that event's own time) to the mutation that shows our result card
// finished. The driver's own steps are not counted: its actionability checks, and its polling for
// the card, which backs off to once every 500 ms (playwright's locator.waitFor), so a clock read
// by the driver was up to half a second late.
// The end is awaited in the page too (waitConfirmClock), not by polling: each of playwright's polls
// is a DevTools call that runs its selector engine over the whole document and our shadow root on
// the page's main thread, 8–18 ms each in a trace of page mode's run (1,110 dialog rows), inside
// the clock and on the thread the run needs. No user has a driver polling their page; the page's
// own runs and the floors, timed inside one evaluate, had none.
import type { Page } from 'playwright-core';

/** What the armed clock keeps on the page's window. */
interface ClockWindow {
  __lkClickAt: number | null;
  __lkDoneAt: number | null;
  /** Settles when the card is seen finished. */
  __lkDone: Promise<void>;
}

/** Arms the clock: call it before clicking confirm. */
export async function armConfirmClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ClockWindow;
    w.__lkClickAt = null;
    w.__lkDoneAt = null;
    let finished = () => {};
    w.__lkDone = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const root = document.querySelector('licenskoll-root')?.shadowRoot;
    if (!root) throw new Error('no Licenskoll root');
    // Taken off once it has the click: page mode clicks the page's boxes (950 a run) inside the
    // clock, and each of those clicks called it (~2 ms a run in a CPU profile), where no user's
    // page has it.
    const clicked = (event: MouseEvent) => {
      const target = event.composedPath()[0];
      if (event.isTrusted && target instanceof Element && target.closest('[data-lk="confirm-withdraw"]')) {
        w.__lkClickAt ??= event.timeStamp;
        document.removeEventListener('click', clicked, { capture: true });
      }
    };
    document.addEventListener('click', clicked, { capture: true });
    const done = new MutationObserver(() => {
      if (root.querySelector('[data-lk="result"][data-state="finished"][data-kind="withdraw"]')) {
        w.__lkDoneAt ??= performance.now();
        done.disconnect();
        finished();
      }
    });
    done.observe(root, { subtree: true, childList: true, attributes: true });
  });
}

/** Waits in the page, without polling it, until the armed clock saw the result card finished. */
export async function waitConfirmClock(page: Page, timeoutMs: number): Promise<void> {
  const seen = await page.evaluate(
    (ms) =>
      Promise.race([
        (window as unknown as ClockWindow).__lkDone.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
      ]),
    timeoutMs,
  );
  if (!seen) throw new Error(`the result card did not finish within ${timeoutMs} ms`);
}

/** Confirm click → card finished, in ms (after waitConfirmClock). */
export async function readConfirmClock(page: Page): Promise<number> {
  const ms = await page.evaluate(() => {
    const w = window as unknown as ClockWindow;
    return w.__lkClickAt !== null && w.__lkDoneAt !== null ? w.__lkDoneAt - w.__lkClickAt : null;
  });
  if (ms === null) throw new Error('the confirm click or the finished result was not seen in the page');
  return ms;
}
