// Undo that cannot misfire in Chromium against the sandbox: the undo command
// pressed twice within a second asks first, in the popup on the Jobb tab, and starts exactly one
// undo job once confirmed; pressing it again afterwards never walks back to an older job.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type ExtensionBrowser, serviceWorker } from './harness/chromium.ts';
import {
  effects,
  perTestChromium,
  sandboxLog,
  send,
  signInAndPoint,
  startTestSandbox,
  truthAssignments,
} from './popup-support.ts';

const env = perTestChromium(() => startTestSandbox());

/**
 * The popup that action.openPopup() opened: Chromium shows it as a page target that Playwright's
 * persistent context does not list, so it is reached through the DevTools protocol.
 */
async function popupTargets(page: Page, prefix: string) {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  return { cdp, popups: targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(prefix)) };
}

async function attachToPopup(page: Page, prefix: string) {
  let found: Awaited<ReturnType<typeof popupTargets>> | null = null;
  await expect
    .poll(
      async () => {
        found = await popupTargets(page, prefix);
        return found.popups.length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
  const { cdp, popups } = found as unknown as Awaited<ReturnType<typeof popupTargets>>;
  const target = popups[0];
  if (!target) throw new Error('no popup');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as { sessionId: string };
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: unknown } } };
    if (message.id !== undefined) pending.get(message.id)?.(message.result?.result?.value);
  });
  return {
    popups: popups.length,
    evaluate<T>(expression: string): Promise<T> {
      const id = next++;
      const reply = new Promise<T>((resolve) => pending.set(id, resolve as (v: unknown) => void));
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({
          id,
          method: 'Runtime.evaluate',
          params: { expression, returnByValue: true },
        }),
      });
      return reply;
    },
  };
}

type JobRow = { id: string; kind: string; state: string; undoOf: string | null };
const jobsOf = async (page: Page) => (await send<{ jobs: JobRow[] }>(page, 'listJobs', { limit: 50 })).jobs;

/** What src/background/platform/commands.ts does on a key press (a command cannot be pressed headless). */
async function pressUndoCommandTwice(browser: ExtensionBrowser, gapMs: number): Promise<void> {
  const worker = await serviceWorker(browser);
  await worker.evaluate(async (gap) => {
    const press = (globalThis as unknown as { licenskollCommand: (c: string) => Promise<unknown> })
      .licenskollCommand;
    await Promise.all([
      press('undo-last-job'),
      new Promise((r) => setTimeout(r, gap)).then(() => press('undo-last-job')),
    ]);
  }, gapMs);
}

describe('the undo command in Chromium', () => {
  it('pressed twice within a second starts exactly one undo job, after a confirmation', async () => {
    const { context, extensionId } = env.chromium;
    const admin = await signInAndPoint(context, extensionId, env.sandbox);
    const three = (await truthAssignments(env.sandbox, 't-matematik')).slice(0, 3);
    const { job } = await send<{ job: { id: string } }>(admin, 'startWithdrawal', {
      toolId: 't-matematik',
      assignmentIds: three.map((a) => a.id),
      label: 'Matematik e2e',
    });
    await expect
      .poll(async () => (await jobsOf(admin)).find((j) => j.id === job.id)?.state, { timeout: 30_000 })
      .toBe('done');

    const popupPrefix = `chrome-extension://${extensionId}/src/popup/index.html`;
    await pressUndoCommandTwice(env.chromium, 400);
    const popup = await attachToPopup(admin, popupPrefix);
    // One popup for the two presses, on the Jobb tab with the job's confirmation; nothing undone yet.
    expect(popup.popups).toBe(1);
    const confirmText = `document.querySelector('[data-undo-confirm="${job.id}"]')?.textContent ?? null`;
    await expect
      .poll(() => popup.evaluate<string | null>(confirmText), { timeout: 15_000 })
      .toContain('Matematik e2e');
    expect(
      await popup.evaluate(`document.querySelector('[data-tab="jobs"]')?.getAttribute('aria-selected')`),
    ).toBe('true');
    expect(await popup.evaluate<string>(`document.querySelector('[data-undo-what]').textContent`)).toMatch(
      /^3 /,
    );
    expect(await popup.evaluate(`document.activeElement?.hasAttribute('data-undo-cancel')`)).toBe(true);
    expect((await jobsOf(admin)).filter((j) => j.kind === 'undo')).toEqual([]);

    await popup.evaluate(`document.querySelector('[data-undo-yes]').click()`);
    await expect
      .poll(async () => (await jobsOf(admin)).filter((j) => j.kind === 'undo').map((j) => j.state), {
        timeout: 30_000,
      })
      .toEqual(['done']);
    expect(effects(await sandboxLog(env.sandbox, 'assign'), 'ASSIGNED')).toHaveLength(3);
    expect(
      (await truthAssignments(env.sandbox, 't-matematik')).filter((a) =>
        three.some((t) => t.assignee.id === a.assignee.id),
      ),
    ).toHaveLength(3);

    // Pressed again: the newest withdrawal is undone, so nothing is offered (no older job either).
    const worker = await serviceWorker(env.chromium);
    const offered = await worker.evaluate(async () => {
      const press = (globalThis as unknown as { licenskollCommand: (c: string) => Promise<unknown> })
        .licenskollCommand;
      await press('undo-last-job');
      return (await chrome.storage.session.get('licenskoll.undoRequest'))['licenskoll.undoRequest'] ?? null;
    });
    expect(offered).toBeNull();
    expect((await jobsOf(admin)).filter((j) => j.kind === 'undo')).toHaveLength(1);
  });
});
