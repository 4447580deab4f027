import { useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { formatCount, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import { ConfirmWithdrawal, type WithdrawalPreview } from './ConfirmWithdrawal.tsx';
import type { PopupClient, WithdrawItem } from './client-types.ts';
import { PauseNote, undoTargetOf } from './JobsPanel.tsx';
import type { JobView } from './model/jobs-view.ts';
import { UndoConfirm } from './UndoConfirm.tsx';

type Step =
  | { kind: 'idle' }
  | { kind: 'previewing' }
  | { kind: 'confirming'; preview: WithdrawalPreview }
  | { kind: 'starting' }
  | { kind: 'running'; jobId: string }
  | { kind: 'confirmUndo'; jobId: string }
  | { kind: 'undoing'; jobId: string; undoJobId: string }
  | { kind: 'failed'; message: string };

export interface WithdrawFlowProps {
  client: PopupClient;
  items: WithdrawItem[];
  whom: string;
  threshold: number;
  language: UiLanguage;
  jobs: JobView[];
  /** The button's own text ("Dra tillbaka 3"). */
  actionLabel: string;
  onFinished?(): void;
  /** Opens Skolon (a job paused for an expired session). */
  onOpenSkolon?(): void;
}

/** Preview → confirmation → job with progress → undo: the same path for every withdrawal the popup starts. */
export function WithdrawFlow(props: WithdrawFlowProps) {
  const { client, items, language } = props;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const n = (x: number) => formatCount(x, language);
  const fail = (error: unknown) =>
    setStep({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });

  const begin = async () => {
    setStep({ kind: 'previewing' });
    try {
      setStep({ kind: 'confirming', preview: await client.preview(items) });
    } catch (error) {
      fail(error);
    }
  };
  const confirm = async () => {
    setStep({ kind: 'starting' });
    try {
      const jobId = await client.startWithdrawal(items, props.whom);
      setStep({ kind: 'running', jobId });
    } catch (error) {
      fail(error);
    }
  };

  if (step.kind === 'confirming' || step.kind === 'starting') {
    const preview = step.kind === 'confirming' ? step.preview : null;
    return preview ? (
      <ConfirmWithdrawal
        whom={props.whom}
        preview={preview}
        threshold={props.threshold}
        language={language}
        busy={false}
        onConfirm={confirm}
        onCancel={() => setStep({ kind: 'idle' })}
      />
    ) : (
      <p role="status">{t('withdrawStarting')}</p>
    );
  }

  if (step.kind === 'confirmUndo') {
    const job = props.jobs.find((j) => j.id === step.jobId);
    const names = new Map(items.map((i) => [i.toolId, i.toolName]));
    if (job)
      return (
        <UndoConfirm
          target={undoTargetOf({ ...job, label: props.whom }, (id) => names.get(id) ?? id)}
          language={language}
          now={Date.now()}
          onCancel={() => setStep({ kind: 'running', jobId: step.jobId })}
          onConfirm={async () => {
            try {
              const undoJobId = await client.undoJob(step.jobId);
              setStep({ kind: 'undoing', jobId: step.jobId, undoJobId });
            } catch (error) {
              fail(error);
            }
          }}
        />
      );
  }

  if (step.kind === 'running' || step.kind === 'undoing' || step.kind === 'confirmUndo') {
    const job = props.jobs.find((j) => j.id === step.jobId);
    const undo = step.kind === 'undoing' ? props.jobs.find((j) => j.id === step.undoJobId) : undefined;
    const settled = job ? job.revoked + job.alreadyRevoked + job.failed : 0;
    return (
      <section
        class="notice"
        aria-live="polite"
        data-withdraw-job={step.jobId}
        data-job-state={job?.state ?? 'running'}
      >
        {job && job.state !== 'done' && (
          <>
            <progress
              max={job.total}
              value={settled}
              aria-label={t('jobProgress', n(settled), n(job.total))}
            />
            <p>{t('jobProgress', n(settled), n(job.total))}</p>
            <PauseNote job={job} onOpenSkolon={() => props.onOpenSkolon?.()} />
          </>
        )}
        {job?.state === 'done' && (
          <p role="status" data-withdraw-done>
            {t('withdrawDone', n(job.revoked), isolate(props.whom))}
          </p>
        )}
        {undo && (
          <p role="status" data-undo-state={undo.state}>
            {undo.state === 'done' ? t('undoDone', n(undo.revoked)) : t('undoRunning')}
          </p>
        )}
        {job?.state === 'done' && step.kind === 'running' && job.canUndo && (
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-undo-ask
              onClick={() => setStep({ kind: 'confirmUndo', jobId: step.jobId })}
            >
              {t('jobUndo')}
            </button>
            <button type="button" class="secondary" onClick={() => props.onFinished?.()}>
              {t('withdrawClose')}
            </button>
          </div>
        )}
      </section>
    );
  }

  return (
    <div class="actions">
      <button
        type="button"
        class="danger"
        disabled={items.length === 0 || step.kind === 'previewing'}
        onClick={begin}
        data-withdraw-start
      >
        {props.actionLabel}
      </button>
      {step.kind === 'previewing' && <span role="status">{t('withdrawPreviewing')}</span>}
      {step.kind === 'failed' && (
        <p class="error" role="alert">
          {t('withdrawFailed', step.message)}
        </p>
      )}
    </div>
  );
}
