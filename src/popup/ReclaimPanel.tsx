import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../shared/i18n.ts';
import { formatCount, localToday, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import type { PopupClient } from './client-types.ts';
import type { JobView } from './model/jobs-view.ts';
import {
  RECLAIM_REASONS,
  type ReclaimReason,
  type ReclaimSummary,
  reclaimableSeats,
  selectSeats,
} from './model/reclaimable.ts';
import { WithdrawFlow } from './WithdrawFlow.tsx';

const REASON_TEXT: Record<ReclaimReason, MessageKey> = {
  inactive: 'reclaimInactive',
  doubled: 'reclaimDoubled',
  expired: 'reclaimExpired',
};
const REASON_WHOM: Record<ReclaimReason, MessageKey> = {
  inactive: 'reclaimWhomInactive',
  doubled: 'reclaimWhomDoubled',
  expired: 'reclaimWhomExpired',
};

export interface ReclaimPanelProps {
  client: PopupClient;
  language: UiLanguage;
  threshold: number;
  jobs: JobView[];
  onOpenSkolon?(): void;
  /** How many jobs have finished: each one changed holdings, so the view syncs and recounts. */
  finishedJobs: number;
}

/** The end-of-year cleanup: seats held by people who left, by double holders, on expired licenses. */
export function ReclaimPanel(props: ReclaimPanelProps) {
  const { client, language } = props;
  const [summary, setSummary] = useState<ReclaimSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Counted (after a sync) when the view opens and after each finished job, and only then: reading
  // holdings may itself fetch and announce a sync, so recounting on sync events would never settle.
  const latest = useRef(0);
  useEffect(() => {
    // Only the newest count is shown: an older, slower one must not overwrite it.
    const ticket = ++latest.current;
    client
      .allHoldings(undefined, { fresh: true })
      .then((all) => ticket === latest.current && setSummary(reclaimableSeats(all, localToday())))
      .catch(
        (e: unknown) => ticket === latest.current && setError(e instanceof Error ? e.message : String(e)),
      );
  }, [client, props.finishedJobs]);

  const n = (x: number) => formatCount(x, language);
  if (error)
    return (
      <div class="panel" data-panel="reclaim">
        <p class="error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!summary)
    return (
      <div class="panel" data-panel="reclaim">
        <p class="muted" role="status">
          {t('reclaimCounting')}
        </p>
      </div>
    );
  return (
    <div class="panel" data-panel="reclaim">
      <p data-reclaim-total={summary.total}>
        <strong>{t('reclaimTotal', n(summary.total))}</strong>
      </p>
      <p class="muted small">{t('reclaimHelp')}</p>
      <ul class="jobs">
        {RECLAIM_REASONS.map((reason) => {
          const seats = selectSeats(summary, reason);
          return (
            <li key={reason} data-reclaim-reason={reason} data-count={seats.length}>
              <div class="reclaim-group">
                <span>
                  <strong>{n(seats.length)}</strong> {t(REASON_TEXT[reason])}
                </span>
              </div>
              {seats.length > 0 && (
                <details>
                  <summary class="small">{t('reclaimPerTool')}</summary>
                  <ul class="small">
                    {summary.tools
                      .filter((tool) => tool.byReason[reason] > 0)
                      .map((tool) => (
                        <li key={tool.toolId} data-reclaim-tool={tool.toolId}>
                          {t('confirmToolLine', isolate(tool.toolName), n(tool.byReason[reason]))}
                        </li>
                      ))}
                  </ul>
                </details>
              )}
              {seats.length > 0 && (
                <WithdrawFlow
                  client={client}
                  items={seats.map((s) => ({
                    toolId: s.toolId,
                    toolName: s.toolName,
                    assignmentId: s.assignment.id,
                  }))}
                  whom={t(REASON_WHOM[reason])}
                  threshold={props.threshold}
                  language={language}
                  jobs={props.jobs}
                  onOpenSkolon={props.onOpenSkolon}
                  actionLabel={t('reclaimWithdraw', n(seats.length))}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
