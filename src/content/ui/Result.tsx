// The progress and result card: the bar while a job runs, why it paused, failed rows with a retry,
// and undo when it is done.
import { type MessageKey, t } from '../../shared/i18n.ts';
import { trusted } from '../core/trusted.ts';
import { OUTCOME_UNKNOWN } from '../dialog/withdrawal.ts';
import { PartsStyle } from './parts-style.tsx';
import type { UiState } from './state.ts';

/** Why a job paused, and the way on (the popup's Jobb tab says the same). */
const PAUSE_TEXT: Record<string, MessageKey> = {
  'session-expired': 'jobPausedSession',
  'server-busy': 'jobPausedBusy',
  offline: 'jobPausedOffline',
  user: 'jobPausedUser',
};

function ResultCard({ ui }: { ui: UiState }) {
  const phase = ui.flow.phase;
  if (phase.name === 'error') {
    return (
      <section class="card result" aria-label={t('extName')} data-lk="result">
        <p class="error" role="alert">
          {t('contentError', phase.message)}
        </p>
        <button type="button" onClick={trusted(() => ui.flow.dismiss())}>
          {t('contentClose')}
        </button>
      </section>
    );
  }
  if (phase.name !== 'running' && phase.name !== 'finished') return null;
  const running = phase.name === 'running';
  const paused = running ? (phase.pauseReason ?? null) : null;
  const failed = running ? phase.failed : phase.failed.length;
  const percent = phase.total > 0 ? Math.round(((phase.done + failed) / phase.total) * 100) : 0;
  const text = running
    ? t(phase.kind === 'undo' ? 'contentUndoing' : 'contentRunning', phase.done, phase.total)
    : t(phase.kind === 'undo' ? 'contentUndone' : 'contentFinished', phase.done, phase.total);
  const signIn = `${globalThis.location?.origin ?? ''}/`;
  return (
    <section
      class="card result"
      aria-label={t('extName')}
      data-lk="result"
      data-state={paused ? 'paused' : running ? 'running' : 'finished'}
      data-kind={phase.kind}
    >
      <div class="head">
        <h2 class="title">{t('extName')}</h2>
        {!running && (
          <button
            type="button"
            class="icon"
            aria-label={t('contentClose')}
            title={t('contentClose')}
            onClick={trusted(() => ui.flow.dismiss())}
          >
            ×
          </button>
        )}
      </div>
      <p role="status" data-lk="progress-text">
        {text}
        {failed > 0 ? ` · ${t('contentFailedCount', failed)}` : ''}
      </p>
      {paused && (
        <p class="warn" role="alert" data-lk="paused" data-reason={paused}>
          {t(PAUSE_TEXT[paused] ?? 'jobPausedOther')}
          {paused === 'session-expired' && (
            <>
              {' '}
              <a href={signIn} target="_blank" rel="noopener" data-lk="sign-in">
                {t('stateSignInAgain')}
              </a>
            </>
          )}
        </p>
      )}
      <div
        class="bar"
        role="progressbar"
        aria-label={t('contentProgressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      {!running && phase.failed.length > 0 && (
        <ul class="names" aria-label={t('contentFailedTitle')} data-lk="failed">
          {phase.failed.map((f, i) => (
            <li key={`${i}-${f.assignmentId}`}>
              <bdi>{f.name}</bdi>
              {f.reason ? ` – ${f.reason === OUTCOME_UNKNOWN ? t('contentOutcomeUnknown') : f.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
      {!running && (
        <div class="row">
          {phase.kind === 'withdraw' && phase.failed.some((f) => f.assignmentId) && (
            <button type="button" data-lk="retry" onClick={trusted(() => void ui.flow.retry())}>
              {t('contentRetry')}
            </button>
          )}
          {phase.kind === 'withdraw' && phase.mode === 'page' && phase.done > 0 && (
            <p class="muted" data-lk="undo-unavailable">
              {t('contentUndoNeedsApi')}
            </p>
          )}
          {phase.kind === 'withdraw' && phase.jobId && ui.flow.lastJobId === phase.jobId && (
            <button type="button" class="primary" data-lk="undo" onClick={trusted(() => ui.flow.askUndo())}>
              {t('contentUndo')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

export function Result(props: { ui: UiState }) {
  return (
    <>
      <PartsStyle />
      <ResultCard {...props} />
    </>
  );
}
