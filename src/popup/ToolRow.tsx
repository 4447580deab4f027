import { t } from '../shared/i18n.ts';
import { formatAgo, formatCount, formatDay, type UiLanguage } from '../shared/ui/format.ts';
import { isolate } from '../shared/ui/text.ts';
import type { SummaryTool } from './model/summary-model.ts';
import type { RankedTool } from './model/urgency.ts';
import { Bar } from './ui/Bar.tsx';

export interface ToolRowProps {
  ranked: RankedTool<SummaryTool>;
  licensePageUrl: string;
  language: UiLanguage;
  now: number;
  /** Tag API figures as such (the list mixes them with figures seen on pages). */
  markApi: boolean;
  /** Absent when the tool's assignments cannot be exported (page figures: no API). */
  onExport?(toolId: string): void;
}

/** One tool: its name (a link to its license page), assigned/seats, a bar, its warnings and source. */
export function ToolRow({ ranked, licensePageUrl, language, now, markApi, onExport }: ToolRowProps) {
  const { tool, urgency, available, expiresInDays } = ranked;
  const n = (x: number) => formatCount(x, language);
  const exportTool = tool.source === 'api' ? onExport : undefined;
  const exportLabel = exportTool ? t('summaryExportTool', isolate(tool.name)) : '';
  return (
    <li data-tool-id={tool.id} data-urgency={urgency} data-source={tool.source}>
      <div class="row">
        <a href={licensePageUrl} target="_blank" rel="noreferrer" title={tool.name}>
          <bdi>{tool.name}</bdi>
        </a>
        <span class="counts" data-assigned={tool.assigned} data-seats={tool.seats}>
          {t('summaryToolCounts', n(tool.assigned), n(tool.seats))}
        </span>
        {exportTool && (
          <button
            type="button"
            class="icon small"
            aria-label={exportLabel}
            title={exportLabel}
            onClick={() => exportTool(tool.id)}
          >
            {t('summaryExportShort')}
          </button>
        )}
      </div>
      <Bar assigned={tool.assigned} seats={tool.seats} urgency={urgency} />
      <div class="marks">
        <span class="muted" data-available={available}>
          {t('summaryAvailable', n(available))}
        </span>
        {urgency === 'full' && <span class="tag danger">{t('summaryFull')}</span>}
        {urgency === 'nearlyFull' && <span class="tag warn">{t('summaryNearlyFull')}</span>}
        {expiresInDays !== null && tool.nextExpiry && (
          <span class="tag warn" data-mark="expiring">
            {t('summaryExpiring', formatDay(tool.nextExpiry, language))}
          </span>
        )}
        {tool.hasExpired && (
          <span class="tag danger" data-mark="expired">
            {t('summaryExpired')}
          </span>
        )}
        {tool.source === 'page' && tool.seenAt !== null && (
          <span class="muted seen" data-volatile data-seen-at={tool.seenAt}>
            {t('summarySeenOnPage', formatAgo(tool.seenAt, now, language))}
          </span>
        )}
        {tool.source === 'api' && markApi && (
          <span class="tag" data-mark="api">
            {t('summaryFromApi')}
          </span>
        )}
      </div>
    </li>
  );
}
