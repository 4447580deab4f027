import { type MessageKey, t } from '../shared/i18n.ts';
import { formatCount, formatDateTime, type UiLanguage } from '../shared/ui/format.ts';
import type { JobView, PauseReason } from './jobs-view.ts';

const PAUSE_TEXT: Record<PauseReason, MessageKey> = {
  'session-expired': 'jobPausedSession',
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
}

/** Running and paused jobs first (with what to do), then the history with counts and undo. */
export function JobsPanel(props: JobsPanelProps) {
  const { jobs } = props;
  const active = jobs.filter((j) => j.state === 'running' || j.state === 'paused');
  const finished = jobs.filter((j) => j.state === 'done' || j.state === 'cancelled');
  return (
    <div class="panel" data-panel="jobs">
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
            <JobItem key={job.id} job={job} {...props} />
          ))}
        </ul>
      )}
    </div>
  );
}

function JobItem({ job, language, ...act }: JobsPanelProps & { job: JobView }) {
  const n = (x: number) => formatCount(x, language);
  const settled = job.revoked + job.alreadyRevoked + job.failed;
  const title = job.kind === 'undo' ? t('jobKindUndo', job.label) : t('jobKindWithdraw', job.label);
  return (
    <li data-job-id={job.id} data-job-state={job.state}>
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
      {job.state === 'paused' && job.pauseReason && (
        <p class="small" role="alert">
          {t(PAUSE_TEXT[job.pauseReason])}
        </p>
      )}
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
        {job.state === 'paused' && job.pauseReason === 'session-expired' && (
          <button type="button" class="small" onClick={act.onOpenSkolon}>
            {t('stateSignInAgain')}
          </button>
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
        {job.canUndo && (
          <button type="button" class="secondary small" onClick={() => act.onUndo(job.id)}>
            {t('jobUndo')}
          </button>
        )}
      </div>
    </li>
  );
}
