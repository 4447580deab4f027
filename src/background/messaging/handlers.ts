// Every request the UIs can make, answered: one small function each, delegating to the modules.

import * as v from 'valibot';
import browser from 'webextension-polyfill';
import { permissionPattern } from '../../shared/origins.ts';
import type { Handlers } from '../../shared/protocol/types.ts';
import { apiOrigin, applySettingsPatch } from '../../shared/settings.ts';
import { datasetKey, recentVisits, recordVisit, type Store } from '../../shared/store.ts';
import { matchesAtWordStart } from '../../shared/word-search.ts';
import { clearCachedData, datasetMeta } from '../cache/cache.ts';
import { cachedAssignmentsOf, searchCachedPeople, summary, toolDetail } from '../cache/reads.ts';
import { recordPopupSummary } from '../cache/summary-snapshot.ts';
import { syncSchool } from '../cache/sync.ts';
import { cancelJob, pauseJob, recentJobs, resumeJobState } from '../jobs/job-store.ts';
import { exportJournal, readJournal } from '../jobs/journal.ts';
import { runJob } from '../jobs/runner.ts';
import { createUndoJob } from '../jobs/undo.ts';
import { previewWithdrawal, startWithdrawal } from '../jobs/withdraw.ts';
import { ensureJobAlarm } from '../platform/alarms.ts';
import { syncContentScripts } from '../platform/content-scripts.ts';
import { apiPresence } from '../platform/discovery.ts';
import { sandboxBuild } from '../platform/flavour.ts';
import { jobStartedFrom } from '../platform/notify.ts';
import { apiFor, readSession, schoolOf } from '../platform/session.ts';
import { settingsPatchSchema } from '../platform/settings-patch.ts';
import { loadSettings, saveSettings } from '../platform/settings-store.ts';
import { setBroadcastOrigins } from './broadcast.ts';
import { adoptOrigin, requestOrigin, senderOrigin } from './origin.ts';
import { pageHandlers } from './page-handlers.ts';
import { planHandlers } from './plan-handlers.ts';

export function createHandlers(store: (() => Promise<Store>) | Promise<Store>): Handlers {
  const db = typeof store === 'function' ? store : () => store; // a provider reopens a failed open

  const startJob = async <T extends { id: string }>(store: Store, job: T) => {
    await ensureJobAlarm();
    void runJob(store, job.id);
    return job;
  };

  return {
    ...pageHandlers(db), // the license page's requests: ./page-handlers.ts
    ...planHandlers(db), // saved views and scheduled withdrawals: ./plan-handlers.ts
    async hello({ url, page }, sender) {
      const store = await db();
      const visitId = await recordVisit(store, { url, page, at: Date.now() });
      const origin = await senderOrigin(store, sender);
      if (origin) {
        // Once per origin (then with back-off): does the contract answer here? A signed-in
        // administrator makes the origin the active Skolon, and resumes jobs paused as expired.
        apiPresence(store, origin)
          .then((probe) => (probe.state === 'present' ? adoptOrigin(store, origin) : undefined))
          .catch(() => undefined);
      }
      return { visitId, version: browser.runtime.getManifest().version };
    },
    async listVisits({ limit }) {
      return { visits: await recentVisits(await db(), limit) };
    },
    async getSettings() {
      return { settings: await loadSettings(await db()) };
    },
    async setSettings({ patch }) {
      const store = await db();
      const checked = v.safeParse(settingsPatchSchema(sandboxBuild), patch);
      if (!checked.success)
        throw new Error(
          `setting refused: ${v.getDotPath(checked.issues[0]) ?? ''} ${checked.issues[0].message}`,
        );
      const next = applySettingsPatch(await loadSettings(store), checked.output);
      for (const origin of next.origins) {
        const granted = await browser.permissions.contains({ origins: [permissionPattern(origin)] });
        if (!granted) throw new Error(`no host permission for ${origin}: grant it on the options page first`);
      }
      await saveSettings(store, next);
      setBroadcastOrigins(next.origins);
      await syncContentScripts(next.origins); // the content script on added origins, none on removed ones
      return { settings: next };
    },
    async clearCache() {
      const store = await db();
      await clearCachedData(store);
      return { cleared: true };
    },
    async getSessionState() {
      return { state: await readSession(await db()) };
    },
    async sync(request, sender) {
      const store = await db();
      return syncSchool(store, request, await requestOrigin(store, sender));
    },
    async getSummary({ schoolId }, sender) {
      const store = await db();
      const pageOrigin = await senderOrigin(store, sender);
      const view = await summary(store, schoolId ?? null, pageOrigin ?? apiOrigin(await loadSettings(store)));
      // An extension page's answer (the popup's, about the active origin) is its next first paint too,
      // stored before it is answered: the popup then keeps its own next first paint from it
      // (popup/first-paint/keep.tsx) while it shows the answer, not after.
      if (pageOrigin === null) await recordPopupSummary(view, schoolId ?? null).catch(() => undefined);
      return view;
    },
    async getToolDetail({ schoolId, toolId }, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      const school = await schoolOf(store, schoolId, origin);
      if (!(await datasetMeta(store, datasetKey.assignments(school, toolId)))) {
        await syncSchool(store, { schoolId: school, toolId }, origin);
      }
      return toolDetail(store, school, toolId);
    },
    async searchPeople({ schoolId, q, source, limit }, sender) {
      const store = await db();
      const school = await schoolOf(store, schoolId);
      const max = limit ?? 20;
      if (source === 'cache') return { source, people: await searchCachedPeople(store, school, q, max) };
      // Skolon's own search may match inside words; people chosen for withdrawal must not.
      const found = await (await apiFor(store, await requestOrigin(store, sender))).searchPeople(
        school,
        q,
        max,
      );
      const text = (p: (typeof found)[number]) => ({
        name: p.name,
        email: p.email ?? '',
        classes: (p.groups ?? []).map((g) => g.name),
      });
      return { source, people: found.filter((p) => matchesAtWordStart(text(p), q)) };
    },
    async assignmentsOf({ schoolId, assignee, source }) {
      const store = await db();
      const school = await schoolOf(store, schoolId);
      if (source === 'cache')
        return { source, assignments: await cachedAssignmentsOf(store, school, assignee) };
      return { source, assignments: await (await apiFor(store)).listAssignmentsOf(school, assignee) };
    },
    async previewWithdrawal(request, sender) {
      const store = await db();
      return previewWithdrawal(store, request, await requestOrigin(store, sender));
    },
    async startWithdrawal(request, sender) {
      const store = await db();
      const origin = await requestOrigin(store, sender);
      const job = await startWithdrawal(store, request, origin);
      jobStartedFrom(job.id, sender);
      return { job: await startJob(store, job) };
    },
    async listJobs({ limit }) {
      return { jobs: await recentJobs(await db(), limit) };
    },
    async getJob({ jobId }) {
      const store = await db();
      const job = await store.get('jobs', jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      return { job, failed: await store.getAllFromIndex('jobItems', 'byJobState', [jobId, 'failed']) };
    },
    async pauseJob({ jobId }) {
      return { job: await pauseJob(await db(), jobId, 'user', null) };
    },
    async resumeJob({ jobId }) {
      const store = await db();
      const job = await resumeJobState(store, jobId);
      if (job.state === 'running') await startJob(store, job);
      return { job };
    },
    async cancelJob({ jobId }) {
      return { job: await cancelJob(await db(), jobId) };
    },
    async retryFailed({ jobId }) {
      const store = await db();
      const job = await store.get('jobs', jobId);
      if (job?.kind !== 'withdraw') throw new Error('only a withdrawal can be retried');
      const failed = await store.getAllFromIndex('jobItems', 'byJobState', [jobId, 'failed']);
      if (failed.length === 0) throw new Error('the job has no failed items');
      const byTool = new Map<string, string[]>();
      for (const item of failed)
        byTool.set(item.toolId, [...(byTool.get(item.toolId) ?? []), item.assignmentId]);
      const selections = [...byTool].map(([toolId, assignmentIds]) => ({ toolId, assignmentIds }));
      const retry = await startWithdrawal(store, {
        schoolId: job.schoolId,
        selections,
        label: job.label ?? undefined,
      });
      return { job: await startJob(store, retry) };
    },
    async undoJob({ jobId }, sender) {
      const store = await db();
      const undo = await createUndoJob(store, jobId);
      jobStartedFrom(undo.id, sender);
      return { job: await startJob(store, undo) };
    },
    async listJournal({ limit, jobId }) {
      return { entries: await readJournal(await db(), limit, jobId) };
    },
    async exportJournal({ jobId }) {
      return exportJournal(await db(), jobId);
    },
  };
}
