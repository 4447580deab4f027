// What the Översikt tab lists: the license API's tools, or (in page mode, and for tools the API does
// not list) the counts Skolon's own pages showed, each with where it came from and when it was seen.
import { fold } from '../../shared/fold.ts';
import type { PageFigure } from '../../shared/store.ts';
import type { ToolCounts } from './urgency.ts';

type FigureSource = 'api' | 'page';
export type PageMode = 'api' | 'page' | 'unknown';

export interface SummaryTool extends ToolCounts {
  source: FigureSource;
  /** The tool's id in Skolon when known (API tools always; page figures from a tool's page). */
  toolId: string | null;
  /** When the page showed the figure (page figures only). */
  seenAt: number | null;
}

export interface SummaryGroup {
  /** The school as the page names it; null for the API's active school (the header names it). */
  school: string | null;
  tools: SummaryTool[];
}

/**
 * One figure per tool and school: a tool seen both on the tool list (keyed by name) and on its own
 * page (keyed by id) is one tool; the newest sighting wins, the tool page's on a tie.
 */
function latestFigures(figures: PageFigure[]): PageFigure[] {
  const byTool = new Map<string, PageFigure>();
  const idByName = new Map<string, string>();
  for (const f of figures) if (f.toolId) idByName.set(`${f.school}\u0000${fold(f.toolName)}`, f.toolId);
  for (const f of figures) {
    const id = f.toolId ?? idByName.get(`${f.school}\u0000${fold(f.toolName)}`) ?? null;
    const key = `${f.school}\u0000${id ? `id:${id}` : `name:${fold(f.toolName)}`}`;
    const kept = byTool.get(key);
    const newer =
      !kept ||
      f.seenAt > kept.seenAt ||
      (f.seenAt === kept.seenAt && f.source === 'tool-page' && kept.source !== 'tool-page');
    if (newer) byTool.set(key, { ...f, toolId: id });
  }
  return [...byTool.values()];
}

function figureTool(f: PageFigure): SummaryTool {
  return {
    id: f.toolId ?? f.toolKey,
    toolId: f.toolId,
    name: f.toolName,
    assigned: f.assigned,
    seats: f.total,
    nextExpiry: null,
    hasExpired: false,
    source: 'page',
    seenAt: f.seenAt,
  };
}

const sameSchool = (pageSchool: string, name: string) => {
  const a = fold(pageSchool);
  const b = fold(name);
  return a === '' || (b !== '' && (a === b || a.includes(b)));
};

export interface SummaryInput {
  mode: PageMode;
  tools: ToolCounts[];
  pageFigures: PageFigure[];
  /** The active school's name (API mode), to pick that school's page figures. */
  schoolName: string | null;
}

/**
 * Page mode: every figure from the pages, one group per school the pages named. Otherwise the API's
 * tools, plus the tools of the active school that were only ever seen on a page.
 */
export function summaryGroups({ mode, tools, pageFigures, schoolName }: SummaryInput): SummaryGroup[] {
  const figures = latestFigures(pageFigures);
  // Without the API's tools and without a school to match, the pages' figures stand alone.
  if (mode === 'page' || (tools.length === 0 && schoolName === null)) {
    const bySchool = new Map<string, SummaryTool[]>();
    for (const f of figures) bySchool.set(f.school, [...(bySchool.get(f.school) ?? []), figureTool(f)]);
    return [...bySchool]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([school, list]) => ({ school, tools: list }));
  }
  const apiTools: SummaryTool[] = tools.map((t) => ({
    ...t,
    source: 'api',
    toolId: t.id,
    seenAt: null,
  }));
  if (figures.length === 0) return apiTools.length === 0 ? [] : [{ school: null, tools: apiTools }];
  const ids = new Set(tools.map((t) => t.id));
  const names = new Set(tools.map((t) => fold(t.name)));
  const pageOnly = figures
    .filter((f) => schoolName === null || sameSchool(f.school, schoolName))
    .filter((f) => !(f.toolId && ids.has(f.toolId)) && !names.has(fold(f.toolName)))
    .map(figureTool);
  const all = [...apiTools, ...pageOnly];
  return all.length === 0 ? [] : [{ school: null, tools: all }];
}
