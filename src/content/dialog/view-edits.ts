// Saving, renaming and deleting saved views through the background, and the rules a view's name
// must meet (said as sentences the form shows). Only the view forms (ui/ViewForms.tsx) use this,
// so it loads with them; the list and applying a view are plans.ts.
import { t } from '../../shared/i18n.ts';
import { isRestrictive, type SavedView } from '../../shared/plans.ts';
import type { Plans, ViewScope } from './plans.ts';

/** Names compare as a person reads them: case and surrounding space ignored. */
const sameName = (a: string, b: string) =>
  a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/** Why a name cannot be used in a scope (a localised sentence), or null. */
function nameProblem(
  plans: Plans,
  name: string,
  toolId: string | null,
  exceptId: string | null = null,
): string | null {
  if (name.trim() === '') return t('viewNameEmpty');
  if (name.trim().length > 80) return t('viewNameTooLong', 80);
  const clash = plans.views.some((v) => v.id !== exceptId && v.toolId === toolId && sameName(v.name, name));
  return clash ? t('viewNameTaken', name.trim()) : null;
}

/** Saves the panel's filters under a name; throws with a sentence the panel shows. */
export async function saveView(plans: Plans, name: string, scope: ViewScope): Promise<SavedView> {
  const filters = plans.current();
  if (!filters || !isRestrictive(filters)) throw new Error(t('viewEmptyFilters'));
  const toolId = scope === 'tool' ? plans.deps.toolId() : null;
  if (scope === 'tool' && toolId === null) throw new Error(t('viewNoTool'));
  const problem = nameProblem(plans, name, toolId);
  if (problem) throw new Error(problem);
  const view = await (await plans.deps.edits()).saveView({
    name: name.trim(),
    toolId,
    toolName: toolId === null ? null : plans.deps.toolName().slice(0, 300) || null,
    filters,
  });
  plans.showSaved(view, true);
  return view;
}

export async function renameView(plans: Plans, view: SavedView, name: string): Promise<SavedView> {
  const problem = nameProblem(plans, name, view.toolId, view.id);
  if (problem) throw new Error(problem);
  const { id, toolId, toolName, filters } = view;
  const saved = await (await plans.deps.edits()).saveView({
    id,
    name: name.trim(),
    toolId,
    toolName,
    filters,
  });
  plans.showSaved(saved, false);
  return saved;
}

export async function deleteView(plans: Plans, view: SavedView): Promise<void> {
  await (await plans.deps.edits()).deleteView(view.id);
  plans.showDeleted(view.id);
}
