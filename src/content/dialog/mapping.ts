// Which assignment each dialog row stands for, so that the background can withdraw it through the
// API. The page shows people (or classes), not assignment ids, so we map by what it shows:
//
// 1. Scope. The gear belongs to one license row (Våra licenser) or one pool (Licenspooler). From
//    that row we read its kind, end date and roles (or the pool's name) and keep the licenses of
//    the tool that agree; the dialog can only list assignments of those. If nothing agrees (the
//    page changed, or the gear was not seen) the scope is the whole tool, which is still correct
//    but lets fewer rows map uniquely.
// 2. Identity. A user row is matched by email when the page shows one (an email names one person);
//    else by name plus class. A class row is matched by the class's name among GROUP assignees.
//    Names alone are never enough: two "Erik Johansson" in 7A and 8B are two people.
// 3. Uniqueness. A row maps only if exactly one scoped assignment matches it, and no other row
//    maps to the same assignment. Everything else stays unmapped: we never guess an id.
//    Unmapped rows can still be withdrawn in page mode (the page's own checkbox and button).
import { fold } from '../../shared/fold.ts';
import type { Assignment, License, Pool } from '../../shared/model.ts';
import type { DialogRow } from '../page/dialog.ts';
import type { LicenseRow } from '../page/recognise.ts';
import { kindOf } from '../page/vocabulary.ts';

export interface ToolData {
  licenses: readonly License[];
  pools: readonly Pool[];
  assignments: readonly Assignment[];
}

export interface Opener {
  row: LicenseRow;
  tab: 'ourLicenses' | 'licensePools' | null;
}

/** The license ids the dialog opened from `opener` can list; null = the whole tool. */
export function scopeOf(opener: Opener | null, tool: ToolData): Set<string> | null {
  if (!opener) return null;
  const { row, tab } = opener;
  if (tab === 'licensePools') {
    const pool = tool.pools.find((p) => fold(p.name) === fold(row.kindText));
    return pool ? new Set(pool.licenseIds) : null;
  }
  const kind = kindOf(row.kindText);
  const roles = [...row.roles].sort().join();
  const agreeing = tool.licenses.filter(
    (l) =>
      !l.poolId &&
      (kind === null || l.kind === kind) &&
      (row.validUntil === null || l.validUntil === row.validUntil) &&
      (row.roles.length === 0 || [...l.availableTo].sort().join() === roles),
  );
  return agreeing.length > 0 ? new Set(agreeing.map((l) => l.id)) : null;
}

function sameClasses(
  row: DialogRow,
  assignment: Assignment,
  groupsOf: (a: Assignment) => Set<string>,
): boolean {
  if (row.classes.length === 0) return true;
  const held = groupsOf(assignment);
  return row.classes.every((c) => held.has(fold(c)));
}

/**
 * The tool's assignments folded once and indexed by what a row can show, so that mapping is
 * linear in rows + assignments (a 5,000-row dialog against 5,000 assignments is 5,000 look-ups,
 * not 25 million comparisons). One index per tool's data, for every scope: a look-up keeps the
 * scoped assignments of its list, in order, which is what indexing only the scoped ones gave. The
 * rules are the ones above, exactly:
 * - a class row: GROUP assignees whose folded name is the row's;
 * - a user row with an email: USER assignees with that folded email, plus USER assignees WITHOUT
 *   an email whose folded name is the row's and who hold the row's classes;
 * - a user row without an email: USER assignees (with or without an email) whose folded name is
 *   the row's and who hold the row's classes.
 */
class PoolIndex {
  readonly groupsByName = new Map<string, Assignment[]>();
  readonly usersByEmail = new Map<string, Assignment[]>();
  /** Every USER assignee by folded name, and the subset that has no email. */
  readonly usersByName = new Map<string, Assignment[]>();
  readonly emaillessByName = new Map<string, Assignment[]>();
  private readonly groups = new Map<Assignment, Set<string>>();

  constructor(pool: readonly Assignment[]) {
    for (const a of pool) {
      if (a.assignee.type === 'GROUP') push(this.groupsByName, fold(a.assignee.name), a);
      else if (a.assignee.type === 'USER') {
        const name = fold(a.assignee.name);
        push(this.usersByName, name, a);
        if (a.assignee.email) push(this.usersByEmail, fold(a.assignee.email), a);
        else push(this.emaillessByName, name, a);
      }
    }
  }

  /** An assignee's classes, folded once (only for the assignments a row asks about). */
  readonly groupsOf = (a: Assignment): Set<string> => {
    let held = this.groups.get(a);
    if (!held) {
      held = new Set((a.assignee.groups ?? []).map((g) => fold(g.name)));
      this.groups.set(a, held);
    }
    return held;
  };

  candidatesFor(row: DialogRow, kind: 'users' | 'classes', scope: Set<string> | null): Assignment[] {
    const name = fold(row.name);
    if (kind === 'classes') return inScope(this.groupsByName.get(name), scope);
    const email = fold(row.email);
    const byName = inScope((email === '' ? this.usersByName : this.emaillessByName).get(name), scope);
    const named = byName.length ? byName.filter((a) => sameClasses(row, a, this.groupsOf)) : byName;
    if (email === '') return named;
    const byEmail = inScope(this.usersByEmail.get(email), scope);
    return named.length === 0 ? byEmail : [...byEmail, ...named];
  }
}

/** No candidates: one empty list for every row that has none (most rows have no name-only match). */
const NONE: Assignment[] = [];

/** The assignments of `list` within the scope (the list itself when it is all in scope). */
function inScope(list: Assignment[] | undefined, scope: Set<string> | null): Assignment[] {
  if (!list) return NONE;
  return scope && !list.every((a) => scope.has(a.licenseId))
    ? list.filter((a) => scope.has(a.licenseId))
    : list;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each tool's data's index, by its assignments (a new answer from the background is new data). */
const indexes = new WeakMap<readonly Assignment[], PoolIndex>();

/**
 * The tool's data's index, made on first use. The page calls this as soon as the data came, ahead
 * of a dialog: 5 ms of a 2,000-row dialog's opening otherwise (bench/dialog.ts, augment_2k_ms).
 */
export function prepareMapping(tool: ToolData): PoolIndex {
  let index = indexes.get(tool.assignments);
  if (!index) {
    index = new PoolIndex(tool.assignments);
    indexes.set(tool.assignments, index);
  }
  return index;
}

/** For each row, the one assignment it stands for, or null when that is not certain. */
export function mapRows(
  rows: readonly DialogRow[],
  kind: 'users' | 'classes',
  tool: ToolData,
  scope: Set<string> | null,
): (Assignment | null)[] {
  const index = prepareMapping(tool);
  const mapped = rows.map((row) => {
    const found = index.candidatesFor(row, kind, scope);
    return found.length === 1 ? (found[0] ?? null) : null;
  });
  const uses = new Map<string, number>();
  for (const a of mapped) if (a) uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
  return mapped.map((a) => (a && uses.get(a.id) === 1 ? a : null));
}
