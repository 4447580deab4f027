// Shared by the license page's end-to-end tests: what the sandbox says should be found, and the
// page's own elements found by role and text only (the sandbox's class names are generated).

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { matchesAtWordStart } from '../../src/shared/word-search.ts';
import type { SandboxClient } from '../sandbox/client.ts';
import { BIG_LICENSE_ID, BIG_TOOL_ID, CLASS_9B_NAME } from '../sandbox/data/fixtures.ts';

export interface AssignmentTruth {
  id: string;
  licenseId: string;
  assignee: {
    type: string;
    id: string;
    name: string;
    email?: string;
    role?: string;
    groups?: { name: string }[];
    active?: boolean;
  };
}

export async function studentLicenseAssignments(client: SandboxClient): Promise<AssignmentTruth[]> {
  const { assignments } = await client.state<{ assignments: AssignmentTruth[] }>('assignments', {
    toolId: BIG_TOOL_ID,
    licenseId: BIG_LICENSE_ID,
  });
  return assignments.filter((a) => a.licenseId === BIG_LICENSE_ID);
}

/** What searching `q` should show: every term starts a word of the name, email or a class. */
export function matching(all: AssignmentTruth[], q: string): AssignmentTruth[] {
  return all.filter((a) =>
    matchesAtWordStart(
      {
        name: a.assignee.name,
        email: a.assignee.email ?? '',
        classes: (a.assignee.groups ?? []).map((g) => g.name),
      },
      q,
    ),
  );
}

export function class9BStudents(all: AssignmentTruth[]): AssignmentTruth[] {
  return all.filter(
    (a) => a.assignee.role === 'STUDENT' && (a.assignee.groups ?? []).some((g) => g.name === CLASS_9B_NAME),
  );
}

export const TOOL_PATH = `/skoladmin/verktyg/${BIG_TOOL_ID}`;

/** Confirms a withdrawal with the mouse; from the confirmation threshold up, the count is typed first. */
export async function confirmWithdrawal(page: Page, count: number): Promise<void> {
  const confirm = page.locator('licenskoll-root [data-lk="confirm"]');
  await confirm.locator('[data-lk="confirm-withdraw"]').waitFor({ timeout: 30_000 });
  expect(await confirm.textContent()).toContain(String(count));
  if ((await confirm.locator('[data-lk="confirm-count"]').count()) > 0) {
    await confirm.locator('[data-lk="confirm-count"]').fill(String(count));
  }
  await confirm.locator('[data-lk="confirm-withdraw"]').click();
}
