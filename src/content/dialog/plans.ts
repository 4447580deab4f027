// Saved views on the license page, without the DOM: which views apply to this tool (its own and
// every tool's) and applying one to the panel's search and chips. The UI (ui/Views.tsx) renders
// this; license-ui.tsx wires it to the keys. Saving, renaming and deleting (view-edits.ts) load
// with their forms, the schedule form's rules (schedule-draft.ts) with theirs.
import type { SavedView, ViewFilters } from '../../shared/plans.ts';
import type { JobsBackground, PageBackground } from '../bridge.ts';
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

export type ViewScope = 'tool' | 'all';

export interface PlansDeps {
  bg: Pick<PageBackground, 'listViews' | 'onViews'>;
  /** Saving and deleting a view: requests loaded on first use (bridge.ts JobsBackground). */
  edits(): Promise<Pick<JobsBackground, 'saveView' | 'deleteView'>>;
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

  /** The background and this page's tool (view-edits.ts saves through them). */
  constructor(readonly deps: PlansDeps) {
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

  /**
   * A view saved here (view-edits.ts), shown at once (the background's viewsChanged follows with
   * the same list); `applied` when the panel's filters are now that view.
   */
  showSaved(view: SavedView, applied: boolean): void {
    if (applied) this.appliedId = view.id;
    this.setViews([view, ...this.views.filter((v) => v.id !== view.id)]);
  }

  /** A view deleted here, gone from the list at once. */
  showDeleted(id: string): void {
    this.setViews(this.views.filter((v) => v.id !== id));
  }
}
