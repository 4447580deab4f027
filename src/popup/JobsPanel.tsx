import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../shared/i18n.ts';
import { formatCount, formatDateTime, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import type { JobView, PauseReason } from './model/jobs-view.ts';
import { UndoConfirm, type UndoTarget } from './UndoConfirm.tsx';

const PAUSE_TEXT: Record<PauseReason, MessageKey> = {
  'session-expired': 'jobPausedSession',
  'server-busy': 'jobPausedBusy',
  offline: 'jobPausedOffline',
  user: 'jobPausedUser',
  other: 'jobPausedOther',
};

export interface JobsPanelProps {
  jobs: JobView[];
  language: UiLanguage;
  onCancel(id: string): void;
  onPause(id: string): void;
  onResume(id: string): void;
  onUndo(id: string): void;
  onOpenSkolon(): void;
  onExportJournal(): void;
  /** A tool's name for the undo confirmation (the summary knows them). */
  toolName?(toolId: string): string;
  now?: number;
  /** The job the undo command asked about: its confirmation shows at once. */
  askUndo?: string | null;
  /** Shown at the top of the tab (the scheduled withdrawals). */
  children?: ComponentChildren;
}

/** What an undo of this withdrawal would re-assign. */
export function undoTargetOf(job: JobView, toolName: (id: string) => string = (id) => id): UndoTarget {
  return {
    jobId: job.id,
    label: job.label,
    tools: job.toolIds.map(toolName),
    count: job.revoked,
    endedAt: job.finishedAt ?? job.createdAt,
  };
}

/** Why a job paused and the way on, where it shows: the Jobb tab and the withdrawal's progress. */
export function PauseNote({ job, onOpenSkolon }: { job: JobView; onOpenSkolon(): void }) {
  if (job.state !== 'paused' || !job.pauseReason) return null;
  return (
    <>
      <p class="small" role="alert" data-pause-reason={job.pauseReason}>
        {t(PAUSE_TEXT[job.pauseReason])}
      </p>
      {job.pauseReason === 'session-expired' && (
        <button type="button" class="small" data-sign-in onClick={onOpenSkolon}>
          {t('stateSignInAgain')}
        </button>
      )}
    </>
  );
}

/** Running and paused jobs first (with what to do), then the history with counts and undo. */
export function JobsPanel(props: JobsPanelProps) {
  const { jobs } = props;
  // Undo is confirmed first; the undo command's job opens with its confirmation.
  const [confirming, setConfirming] = useState<string | null>(props.askUndo ?? null);
  useEffect(() => {
    if (props.askUndo) setConfirming(props.askUndo);
  }, [props.askUndo]);
  const active = jobs.filter((j) => j.state === 'running' || j.state === 'paused');
  const finished = jobs.filter((j) => j.state === 'done' || j.state === 'cancelled');
  return (
    <div class="panel" data-panel="jobs">
      {props.children}
      <h2>{t('jobsActiveHeading')}</h2>
      {active.length === 0 ? (
        <p class="muted">{t('jobsNoneActive')}</p>
      ) : (
        <ul class="jobs">
          {active.map((job) => (
            <JobItem key={job.id} job={job} {...props} />
          ))}
        </ul>
      )}
      <div class="actions">
        <h2 style={{ flex: 1 }}>{t('jobsHistoryHeading')}</h2>
        <button type="button" class="secondary small" onClick={props.onExportJournal}>
          {t('jobsExportJournal')}
        </button>
      </div>
      {finished.length === 0 ? (
        <p class="muted">{t('jobsNoHistory')}</p>
      ) : (
        <ul class="jobs">
          {finished.map((job) => (
            <JobItem
              key={job.id}
              job={job}
              {...props}
              confirming={confirming === job.id}
              onAskUndo={setConfirming}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function JobItem({
  job,
  language,
  confirming,
  onAskUndo,
  ...act
}: JobsPanelProps & { job: JobView; confirming?: boolean; onAskUndo?(id: string | null): void }) {
  const n = (x: number) => formatCount(x, language);
  const settled = job.revoked + job.alreadyRevoked + job.failed;
  const label = isolate(job.label);
  const title = job.kind === 'undo' ? t('jobKindUndo', label) : t('jobKindWithdraw', label);
  return (
    // An id and tabIndex -1: a scheduled withdrawal's run links here and moves focus to it.
    <li id={`job-${job.id}`} tabIndex={-1} data-job-id={job.id} data-job-state={job.state}>
      <strong>{title}</strong>
      <span class="muted small">{formatDateTime(job.finishedAt ?? job.createdAt, language)}</span>
      {(job.state === 'running' || job.state === 'paused') && (
        <progress max={job.total} value={settled} aria-label={t('jobProgress', n(settled), n(job.total))} />
      )}
      <span class="small" data-job-counts>
        {job.kind === 'undo'
          ? t('jobCountsUndo', n(job.revoked), n(job.total), n(job.failed))
          : t('jobCounts', n(job.revoked), n(job.total), n(job.alreadyRevoked), n(job.failed))}
      </span>
      <PauseNote job={job} onOpenSkolon={act.onOpenSkolon} />
      {job.state === 'cancelled' && <span class="tag">{t('jobCancelled')}</span>}
      <div class="actions">
        {job.state === 'running' && (
          <>
            <button type="button" class="secondary small" onClick={() => act.onPause(job.id)}>
              {t('jobPause')}
            </button>
            <button type="button" class="secondary small" onClick={() => act.onCancel(job.id)}>
              {t('jobCancel')}
            </button>
          </>
        )}
        {job.state === 'paused' && (
          <>
            <button type="button" class="secondary small" onClick={() => act.onResume(job.id)}>
              {t('jobResume')}
            </button>
            <button type="button" class="secondary small" onClick={() => act.onCancel(job.id)}>
              {t('jobCancel')}
            </button>
          </>
        )}
        {job.canUndo && !confirming && (
          <button type="button" class="secondary small" data-undo-ask onClick={() => onAskUndo?.(job.id)}>
            {t('jobUndo')}
          </button>
        )}
      </div>
      {job.canUndo && confirming && (
        <UndoConfirm
          target={undoTargetOf(job, act.toolName)}
          language={language}
          now={act.now ?? Date.now()}
          onCancel={() => onAskUndo?.(null)}
          onConfirm={() => {
            onAskUndo?.(null);
            act.onUndo(job.id);
          }}
        />
      )}
    </li>
  );
}
