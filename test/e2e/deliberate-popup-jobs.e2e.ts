// A job paused for an expired session shows its reason and the way on in the popup's Jobb tab
// in Chromium against the sandbox; it never reads as running.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandbox/server.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import { popupUrl, send, signInAndPoint, startTestSandbox, truthAssignments } from './popup-support.ts';

let sandbox: Sandbox;
let chromium: ExtensionBrowser;
const faults = (settings: Record<string, unknown>) =>
  fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterEach(async () => {
  await faults({});
  await chromium?.close();
});

describe('the popup’s Jobb tab', () => {
  it('shows a job paused for an expired session as paused, with why and “Logga in i Skolon igen”', async () => {
    const { context, extensionId } = chromium;
    const admin = await signInAndPoint(context, extensionId, sandbox);
    await send(admin, 'setSettings', { patch: { batchSize: 10, concurrency: 1 } });
    const ids = (await truthAssignments(sandbox, 't-matematik')).slice(0, 60).map((a) => a.id);
    await faults({ latencyMs: 400 });
    const { job } = await send<{ job: { id: string } }>(admin, 'startWithdrawal', {
      toolId: 't-matematik',
      assignmentIds: ids,
      label: 'e2e paus',
    });
    // The session ends while the job runs.
    await faults({ latencyMs: 400, expireSessionAfterRequests: 0 });
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await popup.getByRole('tab', { name: /Jobb/ }).click();
    const item = popup.locator(`[data-job-id="${job.id}"]`);
    await item.and(popup.locator('[data-job-state="paused"]')).waitFor({ timeout: 30_000 });
    expect(await item.locator('[data-pause-reason]').getAttribute('data-pause-reason')).toBe(
      'session-expired',
    );
    expect(await item.locator('[data-sign-in]').textContent()).toBe('Logga in i Skolon igen');
  });
});
