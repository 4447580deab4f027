// Saved views on the license page, without the DOM: which views apply to this tool (its own and
// every tool's), applying one to the panel's search and chips, saving, renaming and deleting them
// through the background. The UI (ui/Views.tsx, ui/ViewForms.tsx) renders this; license-ui.tsx
// wires it to the keys. The schedule form's rules are schedule-draft.ts.
import { t } from '../../shared/i18n.ts';
import { isRestrictive, type SavedView, type ViewFilters } from '../../shared/plans.ts';
import type { Background } from '../bridge.ts';
import type { DialogController } from './controller.ts';
import type { Filters } from './search.ts';

/** The panel's filters (sets) as a view keeps them (lists, sorted for a stable comparison). */
function viewFiltersOf(filters: Filters): ViewFilters {
  return {
    query: filters.query.trim(),
    classes: [...filters.classes].sort(),
    roles: [...filters.roles].sort(),
    leftOnly: filters.leftOnly,
  };
}

/** A view's filters as the panel applies them. */
export function panelFiltersOf(filters: ViewFilters): Filters {
  return {
    query: filters.query,
    classes: new Set(filters.classes),
    roles: new Set(filters.roles),
    leftOnly: filters.leftOnly,
  };
}

function sameFilters(a: ViewFilters, b: ViewFilters): boolean {
  const list = (x: readonly string[]) => [...x].sort().join('\u0000');
  return (
    a.query.trim() === b.query.trim() &&
    list(a.classes) === list(b.classes) &&
    list(a.roles) === list(b.roles) &&
    a.leftOnly === b.leftOnly
  );
}

/** Names compare as a person reads them: case and surrounding space ignored. */
const sameName = (a: string, b: string) =>
  a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

export type ViewScope = 'tool' | 'all';

interface PlansDeps {
  bg: Pick<Background, 'listViews' | 'saveView' | 'deleteView' | 'onViews'>;
  /** The tool of this page (null: not known, page mode without an id). */
  toolId(): string | null;
  toolName(): string;
  controller(): DialogController | null;
  signal: AbortSignal;
}

export class Plans {
  /** Every saved view, newest first (the background's order). */
  views: SavedView[] = [];
  /** Set when the list could not be read (the panel says so; the rest works). */
  loadFailed = false;
  /** The view last applied here; "applied" only while the filters still equal it. */
  private appliedId: string | null = null;
  /** Bumped by Alt+S: the panel opens "save view" with its name field focused. */
  saveRequest = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: PlansDeps) {
    deps.bg.onViews((views) => this.setViews(views), deps.signal);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private setViews(views: SavedView[]): void {
    this.views = views;
    this.loadFailed = false;
    this.notify();
  }

  async load(): Promise<void> {
    try {
      this.setViews(await this.deps.bg.listViews());
    } catch (error) {
      console.debug('[Licenskoll] saved views unavailable', error);
      this.loadFailed = true;
      this.notify();
    }
  }

  /** The views that apply here: this tool's and every tool's, newest first. Alt+n is the n-th. */
  get applicable(): SavedView[] {
    const toolId = this.deps.toolId();
    return this.views.filter((view) => view.toolId === null || view.toolId === toolId);
  }

  /** Whether this page's tool is known (else views are saved for every tool). */
  toolKnown(): boolean {
    return this.deps.toolId() !== null;
  }

  /** The panel's current filters as a view's. */
  current(): ViewFilters | null {
    const controller = this.deps.controller();
    return controller ? viewFiltersOf(controller.filters) : null;
  }

  /** The view the panel shows now: the one applied last, while its filters are unchanged. */
  get applied(): SavedView | null {
    const view = this.views.find((v) => v.id === this.appliedId) ?? null;
    const current = this.current();
    return view && current && sameFilters(view.filters, current) ? view : null;
  }

  /** Applies a view to the panel's search and chips; classes this dialog lacks are kept. */
  apply(view: SavedView): boolean {
    const controller = this.deps.controller();
    if (!controller) return false;
    this.appliedId = view.id;
    controller.setFilters(panelFiltersOf(view.filters));
    this.notify();
    return true;
  }

  applyAt(index: number): boolean {
    const view = this.applicable[index];
    return view ? this.apply(view) : false;
  }

  requestSave(): void {
    this.saveRequest++;
    this.notify();
  }

  /** Why a name cannot be used in a scope (a localised sentence), or null. */
  nameProblem(name: string, toolId: string | null, exceptId: string | null = null): string | null {
    if (name.trim() === '') return t('viewNameEmpty');
    if (name.trim().length > 80) return t('viewNameTooLong', 80);
    const clash = this.views.some((v) => v.id !== exceptId && v.toolId === toolId && sameName(v.name, name));
    return clash ? t('viewNameTaken', name.trim()) : null;
  }

  /** Saves the panel's filters under a name; throws with a sentence the panel shows. */
  async save(name: string, scope: ViewScope): Promise<SavedView> {
    const filters = this.current();
    if (!filters || !isRestrictive(filters)) throw new Error(t('viewEmptyFilters'));
    const toolId = scope === 'tool' ? this.deps.toolId() : null;
    if (scope === 'tool' && toolId === null) throw new Error(t('viewNoTool'));
    const problem = this.nameProblem(name, toolId);
    if (problem) throw new Error(problem);
    const view = await this.deps.bg.saveView({
      name: name.trim(),
      toolId,
      toolName: toolId === null ? null : this.deps.toolName().slice(0, 300) || null,
      filters,
    });
    this.appliedId = view.id;
    this.upsert(view);
    return view;
  }

  async rename(view: SavedView, name: string): Promise<SavedView> {
    const problem = this.nameProblem(name, view.toolId, view.id);
    if (problem) throw new Error(problem);
    const { id, toolId, toolName, filters } = view;
    const saved = await this.deps.bg.saveView({ id, name: name.trim(), toolId, toolName, filters });
    this.upsert(saved);
    return saved;
  }

  async remove(view: SavedView): Promise<void> {
    await this.deps.bg.deleteView(view.id);
    this.setViews(this.views.filter((v) => v.id !== view.id));
  }

  /** Our own change, shown at once (the background's viewsChanged follows with the same list). */
  private upsert(view: SavedView): void {
    this.setViews([view, ...this.views.filter((v) => v.id !== view.id)]);
  }
}
