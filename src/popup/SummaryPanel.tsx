import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import { formatAgo, formatCount, type UiLanguage } from '../shared/ui/format.ts';
import type { PageMode, SummaryGroup, SummaryTool } from './model/summary-model.ts';
import { sortByUrgency, toolFilter, totalsOf } from './model/urgency.ts';
import { ToolRow } from './ToolRow.tsx';

export interface SummaryPanelProps {
  groups: SummaryGroup[];
  mode: PageMode;
  fetchedAt: number | null;
  now: number;
  today: string;
  language: UiLanguage;
  refreshing: boolean;
  licensePageUrl(tool: SummaryTool): string;
  onRefresh(): void;
  onExport(toolId?: string): void;
  /** Opens Skolon's tool list (page mode without figures: where the figures come from). */
  onOpenTools(): void;
}

/**
 * Tool rows rendered at a time: more than a popup shows above the fold. The next ones come as the
 * list's end scrolls into view: 300 rows at once cost ~250 ms of script, style and layout (and as
 * much to tear down), most of it for rows nobody scrolled to.
 */
const ROWS_AT_A_TIME = 30;

/**
 * Tool rows in the popup's first render: more than its 590 px show (six, under the totals and the
 * filter). The rest of the first ROWS_AT_A_TIME follow right after that render is painted, so the
 * first paint waits only for the rows in view. (The list's end may already ask for more in
 * between: then more come, never fewer.)
 */
const FIRST_ROWS = 10;

/**
 * Counts at a glance: totals, freshness with a refresh button, and every tool by urgency. In page
 * mode the counts are the ones Skolon's pages showed, each with its age, grouped by school.
 */
export function SummaryPanel(props: SummaryPanelProps) {
  const { groups, language } = props;
  const [filter, setFilter] = useState('');
  const [rowBudget, setRowBudget] = useState(FIRST_ROWS);
  const showMore = useCallback(() => setRowBudget((n) => n + ROWS_AT_A_TIME), []);
  // Effects run after the browser has painted the first render.
  useEffect(() => setRowBudget((n) => Math.max(n, ROWS_AT_A_TIME)), []);
  const collator = useMemo(() => new Intl.Collator(language), [language]);
  const all = useMemo(() => groups.flatMap((g) => g.tools), [groups]);
  const ranked = useMemo(
    () => groups.map((g) => ({ school: g.school, ranked: sortByUrgency(g.tools, props.today, collator) })),
    [groups, props.today, collator],
  );
  const pageMode = props.mode === 'page';
  const fromApi = all.filter((x) => x.source === 'api').length;
  const fromPage = all.length - fromApi;
  const mixed = fromApi > 0 && fromPage > 0;
  const totals = totalsOf(all);
  const n = (x: number) => formatCount(x, language);

  if (pageMode && all.length === 0)
    return (
      <div class="panel" data-panel="summary" data-empty="page">
        <p>{t('pageModeNoFigures')}</p>
        <div class="actions">
          <button type="button" onClick={props.onOpenTools}>
            {t('pageModeOpenTools')}
          </button>
        </div>
      </div>
    );

  const rows = (list: (typeof ranked)[number]['ranked']) => {
    const matches = toolFilter(filter);
    const shown = matches ? list.filter((r) => matches(r.tool.name)) : list;
    if (shown.length === 0) return <p class="muted">{t('summaryNoTools')}</p>;
    return (
      <>
        <ul class="tool-list" data-tool-list>
          {shown.slice(0, rowBudget).map((r) => (
            <ToolRow
              key={r.tool.id}
              ranked={r}
              licensePageUrl={props.licensePageUrl(r.tool)}
              language={language}
              now={props.now}
              markApi={mixed}
              onExport={pageMode ? undefined : props.onExport}
            />
          ))}
        </ul>
        {shown.length > rowBudget && (
          <MoreRows
            key={rowBudget}
            label={t('summaryMoreTools', n(shown.length - rowBudget))}
            onMore={showMore}
          />
        )}
      </>
    );
  };

  return (
    <div class="panel" data-panel="summary" data-mode={props.mode}>
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
        <span
          class="muted"
          role="status"
          data-volatile
          data-fetched-at={props.fetchedAt ?? ''}
          data-sources={pageMode ? 'page' : mixed ? 'mixed' : 'api'}
        >
          {props.refreshing
            ? t('summaryRefreshing')
            : pageMode
              ? t('summaryAllFromPage')
              : props.fetchedAt !== null
                ? t('summaryUpdatedAgo', formatAgo(props.fetchedAt, props.now, language))
                : t('summaryNeverUpdated')}
        </span>
        <button type="button" class="secondary small" onClick={props.onRefresh} disabled={props.refreshing}>
          {t('summaryRefresh')}
        </button>
        {!pageMode && (
          <button type="button" class="secondary small" onClick={() => props.onExport()}>
            {t('summaryExportAll')}
          </button>
        )}
      </div>
      {mixed && (
        <p class="muted small" data-mixed-sources>
          {t('summaryMixedSources', n(fromApi), n(fromPage))}
        </p>
      )}
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
      {ranked.length <= 1
        ? rows(ranked[0]?.ranked ?? [])
        : ranked.map((g) => {
            const sub = totalsOf(g.ranked.map((r) => r.tool));
            return (
              <section class="school-group" key={g.school ?? ''} data-school={g.school ?? ''}>
                <h3>{g.school || t('summaryUnnamedSchool')}</h3>
                <p class="muted small">
                  {t('summarySchoolTotals', n(sub.assigned), n(sub.seats), n(sub.available))}
                </p>
                {rows(g.ranked)}
              </section>
            );
          })}
    </div>
  );
}

/**
 * The end of a list shown in part: a button for the next rows, pressed by itself when it comes near
 * the view (keyed by the budget, so each new end is observed afresh).
 */
function MoreRows({ label, onMore }: { label: string; onMore(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onMore();
      },
      { rootMargin: '200px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button type="button" class="secondary small more-rows" ref={ref} onClick={onMore} data-more-rows>
      {label}
    </button>
  );
}
