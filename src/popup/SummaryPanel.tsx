import { useMemo, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { formatAgo, formatCount, type UiLanguage } from '../shared/ui/format.ts';
import { matchesFilter, sortByUrgency, type ToolCounts, totalsOf } from '../shared/urgency.ts';
import { ToolRow } from './ToolRow.tsx';

export interface SummaryPanelProps {
  tools: ToolCounts[];
  fetchedAt: number | null;
  now: number;
  today: string;
  language: UiLanguage;
  refreshing: boolean;
  licensePageUrl(toolId: string): string;
  onRefresh(): void;
  onExport(toolId?: string): void;
}

/** Counts at a glance: totals, freshness with a refresh button, and every tool by urgency. */
export function SummaryPanel(props: SummaryPanelProps) {
  const { tools, language } = props;
  const [filter, setFilter] = useState('');
  const collator = useMemo(() => new Intl.Collator(language), [language]);
  const ranked = useMemo(() => sortByUrgency(tools, props.today, collator), [tools, props.today, collator]);
  const shown = ranked.filter((r) => matchesFilter(r.tool.name, filter));
  const totals = totalsOf(tools);
  const n = (x: number) => formatCount(x, language);
  return (
    <div class="panel" data-panel="summary">
      <dl class="totals" data-totals>
        <div>
          <dt>{t('summaryAssigned')}</dt>
          <dd data-total="assigned">{n(totals.assigned)}</dd>
        </div>
        <div>
          <dt>{t('summarySeats')}</dt>
          <dd data-total="seats">{n(totals.seats)}</dd>
        </div>
        <div>
          <dt>{t('summaryAvailableTotal')}</dt>
          <dd data-total="available">{n(totals.available)}</dd>
        </div>
      </dl>
      <div class="freshness">
        <span class="muted" role="status" data-fetched-at={props.fetchedAt ?? ''}>
          {props.refreshing
            ? t('summaryRefreshing')
            : props.fetchedAt !== null
              ? t('summaryUpdatedAgo', formatAgo(props.fetchedAt, props.now, language))
              : t('summaryNeverUpdated')}
        </span>
        <button type="button" class="secondary small" onClick={props.onRefresh} disabled={props.refreshing}>
          {t('summaryRefresh')}
        </button>
        <button type="button" class="secondary small" onClick={() => props.onExport()}>
          {t('summaryExportAll')}
        </button>
      </div>
      <div class="field">
        <label for="tool-filter">{t('summaryFilterLabel')}</label>
        <input
          id="tool-filter"
          type="search"
          value={filter}
          placeholder={t('summaryFilterPlaceholder')}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </div>
      <h2 class="visually-hidden">{t('summaryToolsHeading')}</h2>
      {shown.length === 0 ? (
        <p class="muted">{t('summaryNoTools')}</p>
      ) : (
        <ul class="tool-list" data-tool-list>
          {shown.map((r) => (
            <ToolRow
              key={r.tool.id}
              ranked={r}
              licensePageUrl={props.licensePageUrl(r.tool.id)}
              language={language}
              onExport={props.onExport}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
