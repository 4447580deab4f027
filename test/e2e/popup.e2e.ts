// The popup against the sandbox in Chromium: counts equal the sandbox's truth after a sync and after
// a withdrawal, quick withdrawal of one student with undo, and the session-expired state.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  countsOf,
  effects,
  perTestChromium,
  popupCounts,
  popupUrl,
  sandboxLog,
  signInAndPoint,
  startTestSandbox,
  truthAssignments,
  truthTools,
  withdrawFirst,
} from './popup-support.ts';

const env = perTestChromium(() => startTestSandbox());

describe('the popup in Chromium', () => {
  it('shows the sandbox’s counts for every tool after a sync, and the new counts after a withdrawal', async () => {
    const { context, extensionId } = env.chromium;
    const admin = await signInAndPoint(context, extensionId, env.sandbox);
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const truth = await truthTools(env.sandbox);
    await expect.poll(() => popupCounts(popup), { timeout: 30_000 }).toEqual(countsOf(truth));
    expect(truth.length).toBeGreaterThan(10);
    const totalAssigned = truth.reduce((n, t) => n + t.assigned, 0);
    expect(await popup.locator('[data-total="assigned"]').textContent()).toBe(
      new Intl.NumberFormat('sv-SE').format(totalAssigned),
    );

    // Withdraw five assignments of the big tool as the license page would (a runtime message).
    await withdrawFirst(admin, env.sandbox, 't-matematik', 5);
    const after = await truthTools(env.sandbox);
    expect(after.find((t) => t.id === 't-matematik')?.assigned).toBe(
      (truth.find((t) => t.id === 't-matematik')?.assigned ?? 0) - 5,
    );
    await popup.getByRole('button', { name: 'Uppdatera' }).click();
    await expect.poll(() => popupCounts(popup), { timeout: 30_000 }).toEqual(countsOf(after));
  });

  it('exports a tool’s assignments as CSV with a BOM, one row per assignment', async () => {
    const { context, extensionId } = env.chromium;
    await signInAndPoint(context, extensionId, env.sandbox);
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const row = popup.locator('[data-tool-id="t-psykologi"]');
    await row.waitFor({ timeout: 30_000 });
    const download = popup.waitForEvent('download');
    await row.getByRole('button', { name: /CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^licenskoll-psykologi-for-gymnasiet-digitalbok-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = await readFile((await file.path()) ?? '', 'utf8');
    const truth = await truthAssignments(env.sandbox, 't-psykologi');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(truth.length + 1);
    expect(lines[0]).toContain('Verktyg');
    for (const a of truth) expect(text).toContain(a.assignee.id);
  });

  it('withdraws one student’s three licenses from the popup and undoes it; the sandbox log agrees', async () => {
    const { context, extensionId } = env.chromium;
    await signInAndPoint(context, extensionId, env.sandbox);
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await popup.locator('[data-tool-id]').first().waitFor();
    const before = (await truthAssignments(env.sandbox)).filter((a) => a.assignee.id === 'u-00020');
    expect(before).toHaveLength(3);
    await popup.getByRole('tab', { name: 'Dra tillbaka' }).click();
    await popup.getByLabel('Namn, e-post eller klass').fill('Quickström');
    await popup.locator('[data-person-id="u-00020"]').click();
    const boxes = popup.locator('[data-holdings-of="u-00020"] [data-assignment-id]');
    await expect.poll(() => boxes.count(), { timeout: 15_000 }).toBe(3);
    await popup.getByLabel('Markera alla').check();
    await popup.getByRole('button', { name: 'Dra tillbaka (3)' }).click();
    await popup.getByRole('button', { name: 'Ja, dra tillbaka 3' }).click();
    await popup.locator('[data-withdraw-done]').waitFor({ timeout: 30_000 });

    const held = async () => (await truthAssignments(env.sandbox)).filter((a) => a.assignee.id === 'u-00020');
    expect(await held()).toEqual([]);
    // Exactly the three, each revoked once.
    expect(effects(await sandboxLog(env.sandbox, 'revoke'), 'REVOKED')).toEqual(
      before.map((a) => `${a.toolId} ${a.id}`).sort(),
    );

    await popup.getByRole('button', { name: 'Ångra', exact: true }).click();
    // Undo shows what goes back and asks first.
    await popup.getByRole('button', { name: 'Ja, ångra', exact: true }).click();
    await popup.locator('[data-undo-state="done"]').waitFor({ timeout: 30_000 });
    const back = await held();
    expect(back.map((a) => a.toolId).sort()).toEqual(['t-historia', 't-kemi', 't-matematik']);
    // Undo re-assigned the student once per tool, and to the same licenses.
    expect(effects(await sandboxLog(env.sandbox, 'assign'), 'ASSIGNED')).toEqual(
      before.map((a) => `${a.toolId} u-00020`).sort(),
    );
    expect(back.map((a) => a.licenseId).sort()).toEqual(before.map((a) => a.licenseId).sort());
  });

  it('shows the session-expired state and recovers after signing in again', async () => {
    const { context, extensionId } = env.chromium;
    await signInAndPoint(context, extensionId, env.sandbox);
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await popup.locator('[data-tool-id]').first().waitFor({ timeout: 30_000 });
    await popup.close();

    // Every session ends (a fault setting that expires sessions), then the popup opens again.
    await fetch(`${env.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expireSessionAfterRequests: 0 }),
    });
    const again = await context.newPage();
    await again.goto(popupUrl(extensionId));
    await again.locator('[data-notice="session-expired"]').waitFor({ timeout: 30_000 });
    expect(await again.locator('[data-notice="session-expired"]').textContent()).toContain(
      'Logga in i Skolon igen',
    );
    // The cached counts stay on screen under the notice.
    expect(await again.locator('[data-tool-id]').count()).toBeGreaterThan(10);

    await fetch(`${env.sandbox.url}/__sandbox/faults`, { method: 'POST', body: '{}' });
    const tab = await context.newPage();
    await tab.goto(`${env.sandbox.url}/__sandbox/login?role=SCHOOL_ADMIN&locale=sv&next=/skoladmin/verktyg`);
    await again.getByRole('button', { name: 'Försök igen' }).click();
    await again.locator('main[data-state="signed-in"]').waitFor({ timeout: 30_000 });
    expect(await again.locator('[data-notice="session-expired"]').count()).toBe(0);
  });
});
