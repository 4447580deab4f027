// Reclaimable seats in Chromium: the popup counts exactly the sandbox's inactive and doubled holders
// (computed here from the sandbox's own state, not from the extension's code), and withdrawing each
// group frees exactly those seats. From the confirmation threshold up the count must be typed (the
// yes stays disabled until the right count is typed); below it there is no field: both asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
import { DIST } from './harness/paths.ts';
import {
  effects,
  popupUrl,
  sandboxLog,
  signInAndPoint,
  startTestSandbox,
  type TruthAssignment,
  truthAssignments,
} from './popup-support.ts';

interface TruthToolWithLicenses {
  id: string;
  assigned: number;
  licenses: { id: string; kind: string; validUntil: string }[];
}

async function sandboxState(sandbox: Sandbox) {
  const res = await fetch(`${sandbox.url}/__sandbox/state/tools?schoolId=school-demo`);
  const { today, tools } = (await res.json()) as { today: string; tools: TruthToolWithLicenses[] };
  return { today, tools, assignments: await truthAssignments(sandbox) };
}

/** The sandbox's inactive and doubled holders, by the definitions in the issue. */
function expectedGroups(state: Awaited<ReturnType<typeof sandboxState>>) {
  const license = new Map(state.tools.flatMap((t) => t.licenses.map((l) => [l.id, l] as const)));
  const classHolders = new Set(
    state.assignments
      .filter((a) => a.assignee.type === 'GROUP')
      .filter(
        (a) =>
          license.get(a.licenseId)?.kind === 'CLASS' &&
          (license.get(a.licenseId)?.validUntil ?? '') >= state.today,
      )
      .map((a) => `${a.toolId}|${a.assignee.id}`),
  );
  const users = state.assignments.filter((a) => a.assignee.type === 'USER');
  const inactive = users.filter((a) => a.assignee.active === false);
  const doubled = users.filter((a) =>
    (a.assignee.groups ?? []).some((g) => classHolders.has(`${a.toolId}|${g.id}`)),
  );
  return { inactive, doubled };
}

function perTool(list: TruthAssignment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of list) counts[a.toolId] = (counts[a.toolId] ?? 0) + 1;
  return counts;
}

let sandbox: Sandbox;
let chromium: ExtensionBrowser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
});
afterAll(async () => {
  await chromium?.close();
  await sandbox?.close();
});

describe('reclaimable seats', () => {
  it('counts exactly the inactive and doubled holders, and withdrawing them frees exactly those seats', async () => {
    const { context, extensionId } = chromium;
    await signInAndPoint(context, extensionId, sandbox);
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await popup.locator('[data-tool-id]').first().waitFor({ timeout: 30_000 });
    await popup.getByRole('tab', { name: 'Frigör' }).click();

    const before = await sandboxState(sandbox);
    const expected = expectedGroups(before);
    expect(expected.inactive.length).toBeGreaterThan(0);
    expect(expected.doubled.length).toBeGreaterThan(0);
    const count = (reason: string) =>
      popup.locator(`[data-reclaim-reason="${reason}"]`).getAttribute('data-count', { timeout: 30_000 });
    await expect.poll(() => count('inactive'), { timeout: 30_000 }).toBe(String(expected.inactive.length));
    expect(await count('doubled')).toBe(String(expected.doubled.length));

    // Withdraw the inactive holders: two clicks (and the typed count above the threshold).
    const withdrawGroup = async (reason: string, n: number) => {
      const group = popup.locator(`[data-reclaim-reason="${reason}"]`);
      await group.getByRole('button', { name: `Dra tillbaka ${n}` }).click();
      await group.locator('[data-confirm]').waitFor({ timeout: 30_000 });
      // From the threshold up the count must be typed (the yes stays disabled until it is); below
      // it there is no field to type in. Both are asserted, whichever side of the threshold n is.
      const typeCount = group.getByLabel(`Skriv ${n} för att bekräfta`);
      const yes = group.getByRole('button', { name: `Ja, dra tillbaka ${n}` });
      expect(await typeCount.count()).toBe(n >= DEFAULT_SETTINGS.confirmThreshold ? 1 : 0);
      if (n >= DEFAULT_SETTINGS.confirmThreshold) {
        expect(await yes.isDisabled()).toBe(true);
        await typeCount.fill(String(n - 1));
        expect(await yes.isDisabled()).toBe(true);
        await typeCount.fill(String(n));
      }
      expect(await yes.isDisabled()).toBe(false);
      await yes.click();
      await group.locator('[data-withdraw-done]').waitFor({ timeout: 60_000 });
    };
    // The threshold is met by at least one of the two groups, so the typed count is exercised.
    expect(Math.max(expected.inactive.length, expected.doubled.length)).toBeGreaterThanOrEqual(
      DEFAULT_SETTINGS.confirmThreshold,
    );
    await withdrawGroup('inactive', expected.inactive.length);
    const afterInactive = await sandboxState(sandbox);
    expect(effects(await sandboxLog(sandbox, 'revoke'), 'REVOKED')).toEqual(
      expected.inactive.map((a) => `${a.toolId} ${a.id}`).sort(),
    );
    const freed = perTool(expected.inactive);
    for (const tool of before.tools) {
      const now = afterInactive.tools.find((t) => t.id === tool.id);
      expect(now?.assigned, tool.id).toBe(tool.assigned - (freed[tool.id] ?? 0));
    }

    // The doubled holders that are left (some inactive ones were doubled too) are recounted.
    const doubledLeft = expectedGroups(afterInactive).doubled;
    await expect.poll(() => count('doubled'), { timeout: 30_000 }).toBe(String(doubledLeft.length));
    await withdrawGroup('doubled', doubledLeft.length);
    const afterDoubled = await sandboxState(sandbox);
    expect(effects(await sandboxLog(sandbox, 'revoke'), 'REVOKED')).toEqual(
      [...expected.inactive, ...doubledLeft].map((a) => `${a.toolId} ${a.id}`).sort(),
    );
    const freedDoubled = perTool(doubledLeft);
    for (const tool of afterInactive.tools) {
      const now = afterDoubled.tools.find((t) => t.id === tool.id);
      expect(now?.assigned, tool.id).toBe(tool.assigned - (freedDoubled[tool.id] ?? 0));
    }
    expect(expectedGroups(afterDoubled)).toEqual({ inactive: [], doubled: [] });
    await expect.poll(() => count('doubled'), { timeout: 30_000 }).toBe('0');
  });
});
