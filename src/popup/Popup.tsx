import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { csvFileName } from '../shared/csv.ts';
import { t, uiLocale } from '../shared/i18n.ts';
import { DEFAULT_ORIGIN } from '../shared/origins.ts';
import type { PageFigure } from '../shared/store.ts';
import { downloadText } from '../shared/ui/download.ts';
import { formatCount, localToday } from '../shared/ui/format.ts';
import { UNDO_REQUEST_KEY } from '../shared/ui/undo-request.ts';
import type { PopupClient, SummarySnapshot } from './client-types.ts';
import { PAINTED_MARK, READY_MARK, REFRESHED_MARK } from './first-paint/view.ts';
import { JobsPanel } from './JobsPanel.tsx';
import { assignmentsCsv } from './model/assignments-csv.ts';
import type { JobView } from './model/jobs-view.ts';
import { type SummaryTool, summaryGroups } from './model/summary-model.ts';
import { QuickWithdrawPanel } from './QuickWithdrawPanel.tsx';
import { ReclaimPanel } from './ReclaimPanel.tsx';
import { SchedulesPanel } from './SchedulesPanel.tsx';
import { StateNotice } from './StateNotice.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';
import { Tabs } from './Tabs.tsx';

type TabKey = 'summary' | 'quick' | 'reclaim' | 'jobs';

const markOnce = (name: string) => {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
};

export function Popup({ client, initial }: { client: PopupClient; initial: SummarySnapshot | null }) {
  const language = uiLocale();
  const [snapshot, setSnapshot] = useState<SummarySnapshot | null>(initial);
  const [refreshing, setRefreshing] = useState(false);
  const [tab, setTab] = useState<TabKey>('summary');
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [threshold, setThreshold] = useState(20);
  const [now, setNow] = useState(Date.now());
  /** The job the undo command asked to undo: the Jobb tab opens with its confirmation. */
  const [askUndo, setAskUndo] = useState<string | null>(null);

  // The first of these marks is the one that counts: the early script's replay (first-paint/view.ts)
  // sets the painted mark before this render, and the kept view's render apart comes after it.
  useLayoutEffect(() => {
    if (initial && (initial.tools.length > 0 || initial.pageFigures.length > 0)) markOnce(PAINTED_MARK);
    markOnce(READY_MARK);
  }, [initial]);

  const load = useCallback(
    async (how: () => Promise<SummarySnapshot>) => {
      setRefreshing(true);
      try {
        setSnapshot(await how());
      } catch {
        setSnapshot(await client.cachedSummary().catch(() => null));
      } finally {
        setRefreshing(false);
        setNow(Date.now());
        performance.mark(REFRESHED_MARK);
      }
    },
    [client],
  );
  const refresh = useCallback(() => load(() => client.refresh()), [client, load]);
  const recheckMode = useCallback(() => load(() => client.recheckMode()), [client, load]);

  useEffect(() => {
    client.jobs().then(setJobs, () => undefined);
    client.confirmThreshold().then(setThreshold, () => undefined);
    const takeUndo = () =>
      client.takeUndoRequest().then(
        (jobId) => {
          if (!jobId) return;
          setTab('jobs');
          setAskUndo(jobId);
        },
        () => undefined,
      );
    takeUndo();
    // Firefox opens the popup before the command has found its job: it arrives while we are open.
    const onStorage = (changes: Record<string, unknown>) => {
      if (UNDO_REQUEST_KEY in changes) takeUndo();
    };
    browser.storage?.onChanged.addListener(onStorage);
    // Render from the cache first (already on screen), then bring it up to date (unless a sync of
    // the last minute already did).
    load(() => client.refresh({ opening: true }));
    const unsubscribe = client.subscribe((what) => {
      if (what === 'jobs') client.jobs().then(setJobs, () => undefined);
      else client.cachedSummary().then(setSnapshot, () => undefined);
    });
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      unsubscribe();
      clearInterval(tick);
      browser.storage?.onChanged.removeListener(onStorage);
    };
  }, [client, load]);

  const origin = snapshot?.origin ?? DEFAULT_ORIGIN;
  // Skolon's own addresses are not known to us: a link goes where the administrator's browser last
  // saw that tool's page (recorded with its figures), else to the Skolon's start page.
  const lastSeenUrl = (seen: (figure: PageFigure) => boolean) =>
    snapshot?.pageFigures.find((f) => f.url && seen(f))?.url ?? `${origin}/`;
  const openSkolon = () => {
    browser.tabs.create({ url: lastSeenUrl(() => true) }).catch(() => undefined);
  };
  const licensePageUrl = (tool: SummaryTool) =>
    tool.toolId ? lastSeenUrl((f) => f.toolId === tool.toolId) : `${origin}/`;

  const exportCsv = async (toolId?: string) => {
    const holdings = await client.allHoldings(toolId ? [toolId] : undefined);
    const csv = assignmentsCsv(holdings, {
      tool: t('csvTool'),
      toolId: t('csvToolId'),
      licenseId: t('csvLicenseId'),
      assigneeType: t('csvAssigneeType'),
      assigneeId: t('csvAssigneeId'),
      name: t('csvName'),
      email: t('csvEmail'),
      role: t('csvRole'),
      classes: t('csvClasses'),
      active: t('csvActive'),
      assignedAt: t('csvAssignedAt'),
    });
    const stem = toolId ? (holdings[0]?.toolName ?? toolId) : t('csvAllToolsStem');
    downloadText(csvFileName(stem, localToday()), csv);
  };

  // A finished job changed the holdings: the reclaim view syncs and counts again.
  const finishedJobs = jobs.filter((j) => j.state === 'done').length;

  // Without the license API the figures come from Skolon's pages, and the page-mode line replaces
  // every account state (never synced, signed out …), which would contradict it.
  const pageMode = snapshot?.mode === 'page';
  const state = pageMode ? 'page-mode' : (snapshot?.state ?? 'never-synced');
  const hasData = (snapshot?.tools.length ?? 0) > 0;
  const runningJobs = jobs.filter((j) => j.state === 'running' || j.state === 'paused').length;
  const activeSchoolName = snapshot?.schools.find((s) => s.id === snapshot.activeSchoolId)?.name ?? null;
  const groups = useMemo(
    () =>
      summaryGroups({
        mode: snapshot?.mode ?? 'unknown',
        tools: snapshot?.tools ?? [],
        pageFigures: snapshot?.pageFigures ?? [],
        schoolName: activeSchoolName,
      }),
    [snapshot, activeSchoolName],
  );
  const hasFigures = groups.length > 0;
  // Undo assigns again through the API: not in page mode.
  const shownJobs = pageMode ? jobs.map((j) => ({ ...j, canUndo: false })) : jobs;
  const job = (action: (id: string) => Promise<unknown>) => (id: string) => {
    action(id).then(
      () => client.jobs().then(setJobs),
      () => undefined,
    );
  };

  return (
    <main class="popup" data-state={state}>
      <header>
        <h1>{t('extName')}</h1>
        {snapshot && !pageMode && snapshot.role === 'ORG_ADMIN' && snapshot.schools.length > 1 && (
          <select
            aria-label={t('popupSchoolSwitcher')}
            value={snapshot.activeSchoolId ?? ''}
            onChange={(e) => {
              setRefreshing(true);
              client
                .switchSchool(e.currentTarget.value)
                .then(setSnapshot, () => undefined)
                .finally(() => setRefreshing(false));
            }}
          >
            {snapshot.schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
        {snapshot && !pageMode && snapshot.role !== 'ORG_ADMIN' && snapshot.schools.length > 0 && (
          <span class="muted small">
            {snapshot.schools.find((s) => s.id === snapshot.activeSchoolId)?.name ?? ''}
          </span>
        )}
        <button
          type="button"
          class="icon"
          aria-label={t('popupOpenOptions')}
          title={t('popupOpenOptions')}
          onClick={() => browser.runtime.openOptionsPage()}
        >
          ⚙
        </button>
      </header>
      <Tabs<TabKey>
        label={t('popupTabsLabel')}
        current={tab}
        onSelect={setTab}
        tabs={[
          { key: 'summary', label: t('tabSummary') },
          { key: 'quick', label: t('tabQuick') },
          { key: 'reclaim', label: t('tabReclaim') },
          {
            key: 'jobs',
            label: t('tabJobs'),
            badge: runningJobs ? formatCount(runningJobs, language) : undefined,
          },
        ]}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tabpanel">
        {state !== 'signed-in' && (
          <div class="panel">
            <StateNotice
              state={state}
              hasData={hasData}
              modeReason={snapshot?.modeReason ?? null}
              busy={refreshing}
              onOpenSkolon={openSkolon}
              onRetry={refresh}
              onRecheckMode={recheckMode}
            />
          </div>
        )}
        {tab === 'summary' && (hasFigures || pageMode || state === 'signed-in') && (
          <SummaryPanel
            groups={groups}
            mode={snapshot?.mode ?? 'unknown'}
            fetchedAt={snapshot?.fetchedAt ?? null}
            now={now}
            today={localToday()}
            language={language}
            refreshing={refreshing}
            licensePageUrl={licensePageUrl}
            onRefresh={refresh}
            onExport={exportCsv}
            onOpenTools={openSkolon}
          />
        )}
        {tab === 'quick' && pageMode && <NeedsApi tab="quick" reason={t('pageModeQuickUnavailable')} />}
        {tab === 'quick' && !pageMode && (
          <QuickWithdrawPanel
            client={client}
            language={language}
            threshold={threshold}
            jobs={jobs}
            onOpenSkolon={openSkolon}
          />
        )}
        {tab === 'reclaim' && pageMode && <NeedsApi tab="reclaim" reason={t('pageModeReclaimUnavailable')} />}
        {tab === 'reclaim' && !pageMode && (
          <ReclaimPanel
            client={client}
            language={language}
            threshold={threshold}
            jobs={jobs}
            finishedJobs={finishedJobs}
            onOpenSkolon={openSkolon}
          />
        )}
        {tab === 'jobs' && (
          <JobsPanel
            jobs={shownJobs}
            language={language}
            onCancel={job((id) => client.cancelJob(id))}
            onPause={job((id) => client.pauseJob(id))}
            onResume={job((id) => client.resumeJob(id))}
            onUndo={job((id) => client.undoJob(id))}
            onOpenSkolon={openSkolon}
            askUndo={askUndo}
            now={now}
            toolName={(id) => snapshot?.tools.find((tool) => tool.id === id)?.name ?? id}
            onExportJournal={async () => {
              const { csv, fileName } = await client.journalCsv();
              downloadText(fileName, csv);
            }}
          >
            <SchedulesPanel
              client={client}
              language={language}
              threshold={threshold}
              now={now}
              schools={snapshot?.schools ?? []}
              toolName={(id) => snapshot?.tools.find((tool) => tool.id === id)?.name ?? id}
              jobIds={new Set(jobs.map((j) => j.id))}
              onOpenSkolon={openSkolon}
            />
          </JobsPanel>
        )}
      </div>
    </main>
  );
}

/** In place of a view that needs the license API (page mode): why, and what to do instead. */
function NeedsApi({ tab, reason }: { tab: TabKey; reason: string }) {
  return (
    <div class="panel" data-panel={tab} data-needs-api>
      <p>{reason}</p>
    </div>
  );
}
