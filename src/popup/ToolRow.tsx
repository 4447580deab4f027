import { t } from '../shared/i18n.ts';
import { Bar } from '../shared/ui/Bar.tsx';
import { formatCount, formatDay, type UiLanguage } from '../shared/ui/format.ts';
import type { RankedTool, ToolCounts } from '../shared/urgency.ts';

export interface ToolRowProps {
  ranked: RankedTool<ToolCounts>;
  licensePageUrl: string;
  language: UiLanguage;
  onExport(toolId: string): void;
}

/** One tool: its name (a link to its license page), assigned/seats, a bar, and its warnings. */
export function ToolRow({ ranked, licensePageUrl, language, onExport }: ToolRowProps) {
  const { tool, urgency, available, expiresInDays } = ranked;
  const n = (x: number) => formatCount(x, language);
  return (
    <li data-tool-id={tool.id} data-urgency={urgency}>
      <div class="row">
        <a href={licensePageUrl} target="_blank" rel="noreferrer" title={tool.name}>
          {tool.name}
        </a>
        <span class="counts" data-assigned={tool.assigned} data-seats={tool.seats}>
          {t('summaryToolCounts', n(tool.assigned), n(tool.seats))}
        </span>
        <button
          type="button"
          class="icon small"
          aria-label={t('summaryExportTool', tool.name)}
          title={t('summaryExportTool', tool.name)}
          onClick={() => onExport(tool.id)}
        >
          {t('summaryExportShort')}
        </button>
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
      </div>
    </li>
  );
}
