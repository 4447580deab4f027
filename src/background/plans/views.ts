// Saved views (a search and its chips under a name) in IndexedDB `views`: list, save (new or
// rename/update), delete, and replace-all for the settings import. Two views may not share a name
// within one scope (the same tool, or both for every tool); names are compared folded (case and
// accents ignored), so "Åk 9" and "ak 9" are the same name. The caller validated the shape
// (plans-schema.ts); this module keeps the rules that need the other views.
import type { InferOutput } from 'valibot';
import { fold } from '../../shared/fold.ts';
import type { SavedView } from '../../shared/plans.ts';
import type { viewDraftSchema } from '../../shared/plans-schema.ts';
import type { Store } from '../../shared/store.ts';

/** At most this many saved views (the file's limit too: plans-schema.ts). */
export const MAX_VIEWS = 200;

type ViewDraft = InferOutput<typeof viewDraftSchema>;

/** Why a save or an import was refused, in words the UIs can show. */
export class ViewRuleError extends Error {
  constructor(
    readonly rule: 'too-many' | 'name-taken' | 'not-found' | 'duplicate-id',
    message: string,
  ) {
    super(message);
    this.name = 'ViewRuleError';
  }
}

const byNewest = (a: SavedView, b: SavedView) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name);

/** The scope a name must be unique in: one tool, or every tool. */
const scopeKey = (view: Pick<SavedView, 'toolId' | 'name'>) =>
  `${view.toolId ?? '*'}\u0000${fold(view.name)}`;

/** The first pair of views that share a name within a scope, or null. */
function nameClash(views: readonly Pick<SavedView, 'id' | 'toolId' | 'name'>[]): string | null {
  const seen = new Set<string>();
  for (const view of views) {
    const key = scopeKey(view);
    if (seen.has(key)) return view.name;
    seen.add(key);
  }
  return null;
}

export async function listViews(store: Store): Promise<SavedView[]> {
  return (await store.getAll('views')).sort(byNewest);
}

export async function saveView(store: Store, draft: ViewDraft, now = Date.now()): Promise<SavedView> {
  const name = draft.name.trim();
  const tx = store.transaction('views', 'readwrite');
  const all = await tx.store.getAll();
  const existing = draft.id === undefined ? undefined : all.find((v) => v.id === draft.id);
  if (draft.id !== undefined && !existing) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ViewRuleError('not-found', 'That view no longer exists (deleted elsewhere).');
  }
  if (!existing && all.length >= MAX_VIEWS) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ViewRuleError('too-many', `At most ${MAX_VIEWS} saved views: delete one first.`);
  }
  const view: SavedView = {
    id: existing?.id ?? crypto.randomUUID(),
    name,
    toolId: draft.toolId,
    toolName: draft.toolName,
    filters: {
      query: draft.filters.query,
      classes: [...new Set(draft.filters.classes)],
      roles: [...new Set(draft.filters.roles)],
      leftOnly: draft.filters.leftOnly,
    },
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const key = scopeKey(view);
  if (all.some((other) => other.id !== view.id && scopeKey(other) === key)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ViewRuleError(
      'name-taken',
      view.toolId === null
        ? `A view for every tool is already named "${name}".`
        : `A view for this tool is already named "${name}".`,
    );
  }
  await tx.store.put(view);
  await tx.done;
  return view;
}

export async function deleteView(store: Store, viewId: string): Promise<boolean> {
  const tx = store.transaction('views', 'readwrite');
  const found = (await tx.store.getKey(viewId)) !== undefined;
  if (found) await tx.store.delete(viewId);
  await tx.done;
  return found;
}

/** The settings import: the file's views replace every saved one, in one transaction. */
export async function replaceViews(store: Store, views: readonly SavedView[]): Promise<SavedView[]> {
  if (views.length > MAX_VIEWS) throw new ViewRuleError('too-many', `At most ${MAX_VIEWS} saved views.`);
  const clash = nameClash(views);
  if (clash !== null)
    throw new ViewRuleError('name-taken', `Two views of the same scope are named "${clash}".`);
  if (new Set(views.map((v) => v.id)).size !== views.length)
    throw new ViewRuleError('duplicate-id', 'Two views share an id.');
  const tx = store.transaction('views', 'readwrite');
  await tx.store.clear();
  for (const view of views) await tx.store.put({ ...view, name: view.name.trim() });
  await tx.done;
  return listViews(store);
}
