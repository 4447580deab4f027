// The JobsBackground of bridge.ts: the withdrawal's requests (a dry run, a job, its undo, its
// failed items, page mode's journal) and its job events, spoken through src/shared/protocol.ts.
// Loaded with the withdrawal's work (dialog/withdrawal-work.ts) the first time one is asked for.
import { jobProgress } from '../shared/job-progress.ts';
import type { Job, JobItem } from '../shared/jobs-model.ts';
import { onEvent, request } from '../shared/protocol/client.ts';
import type { FailedItem, JobProgress, JobsBackground, WithdrawPreview } from './bridge.ts';

const FEW = 10;

function progressOf(job: Job): JobProgress {
  const { total, done, failed } = jobProgress(job);
  return {
    jobId: job.id,
    kind: job.kind,
    state: job.state,
    total,
    done,
    failed,
    pauseReason: job.pauseReason,
    message: job.message,
  };
}

function failedOf(items: JobItem[]): FailedItem[] {
  return items.map((item) => ({
    assignmentId: item.assignmentId,
    name: item.assignee.name,
    reason: item.reason ?? item.outcome ?? '',
  }));
}

/** `labelOfLicense` names a license in the preview (the dialog session maps the tool's data). */
export function jobsClient(labelOfLicense: (licenseId: string) => string): JobsBackground {
  return {
    async saveView(view) {
      return (await request('saveView', { view })).view;
    },
    async deleteView(viewId) {
      await request('deleteView', { viewId });
    },
    async saveSchedule(schedule) {
      return (await request('saveSchedule', { schedule })).schedule;
    },
    async paceRoom() {
      return (await request('paceRoom', {})).waitMs;
    },
    async preview(toolId, assignmentIds): Promise<WithdrawPreview> {
      const view = await request('previewWithdrawal', { toolId, assignmentIds });
      return {
        count: view.total,
        perLicense: view.seatsFreed.map((s) => ({
          licenseId: s.licenseId,
          label: labelOfLicense(s.licenseId),
          seatsFreed: s.seats,
        })),
        names: view.total <= FEW ? view.sample.map((a) => a.name) : null,
      };
    },
    async startWithdrawal(toolId, assignmentIds, label) {
      return (await request('startWithdrawal', { toolId, assignmentIds, label: label.slice(0, 200) })).job.id;
    },
    async undo(jobId) {
      return (await request('undoJob', { jobId })).job.id;
    },
    async failedItems(jobId) {
      return failedOf((await request('getJob', { jobId })).failed);
    },
    onJob(listener, signal) {
      const stop = onEvent('jobChanged', ({ job }) => listener(progressOf(job)));
      signal.addEventListener('abort', stop, { once: true });
    },
    async recordPageWithdrawal(toolId, entries, jobId) {
      const recorded = await request('recordPageWithdrawal', {
        toolId,
        entries,
        ...(jobId ? { jobId } : {}),
      });
      return { jobId: recorded.jobId };
    },
  };
}
