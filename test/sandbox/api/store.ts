// The sandbox's mutable data: the generated data set plus indexes, so that a page of 500
// assignments out of 20,000 users is served without scanning everything. Counts are computed
// from the live indexes, so the API and the test endpoints always agree.
import type {
  Assignee,
  Assignment,
  AssignmentWithTool,
  AssignOutcome,
  License,
  Pool,
  RevokeOutcome,
  Tool,
  ToolDetail,
} from '../../../src/shared/model.ts';
import type {
  AssigneeType,
  AssignmentRec,
  Dataset,
  GroupRec,
  LicenseRec,
  PoolRec,
  SchoolRec,
  ToolRec,
  UserRec,
} from '../data/generate.ts';
import { fold } from '../data/text.ts';
import { indexAfter } from './http.ts';

export interface RevokeItem {
  assignmentId: string;
  outcome: RevokeOutcome;
  message?: string;
}
export interface AssignItem {
  assignee: { type: AssigneeType; id: string };
  outcome: AssignOutcome;
  assignmentId?: string;
  message?: string;
}

interface SearchEntry {
  type: AssigneeType;
  id: string;
  hay: string;
}

const key = (schoolId: string, toolId: string) => `${schoolId}|${toolId}`;
const who = (type: AssigneeType, id: string) => `${type}:${id}`;

/** A global counter: every change (and every reset) gives a never-seen-before version, so an
 * ETag from before a reset cannot match afterwards. */
let versionCounter = 0;

export class Store {
  readonly today: string;
  readonly organization: { id: string; name: string };
  readonly schools: SchoolRec[];
  private readonly schoolsById = new Map<string, SchoolRec>();
  private readonly users = new Map<string, UserRec>();
  private readonly groups = new Map<string, GroupRec>();
  private readonly tools = new Map<string, ToolRec>();
  private readonly toolsBySchool = new Map<string, ToolRec[]>();
  private readonly licenses = new Map<string, LicenseRec>();
  private readonly licensesByTool = new Map<string, LicenseRec[]>();
  private readonly poolsByTool = new Map<string, PoolRec[]>();
  private readonly assignments = new Map<string, AssignmentRec>();
  private readonly activeByLicense = new Map<string, AssignmentRec[]>();
  private readonly activeByAssignee = new Map<string, AssignmentRec[]>();
  private readonly toolListCache = new Map<string, AssignmentRec[]>();
  private readonly searchIndex = new Map<string, SearchEntry[]>();
  private readonly versions = new Map<string, number>();
  private readonly holderCache = new Map<string, AssignmentRec[]>();
  private nextAssignmentSeq: number;

  constructor(ds: Dataset) {
    this.today = ds.today;
    this.organization = ds.organization;
    this.schools = ds.schools;
    const collator = new Intl.Collator('sv');
    for (const s of ds.schools) {
      this.schoolsById.set(s.id, s);
      this.versions.set(s.id, ++versionCounter);
    }
    for (const u of ds.users) this.users.set(u.id, u);
    for (const g of ds.groups) this.groups.set(g.id, g);
    for (const t of ds.tools) this.tools.set(t.id, t);
    for (const [schoolId, ids] of Object.entries(ds.schoolToolIds)) {
      const list = ids.map((id) => this.tools.get(id)).filter((t): t is ToolRec => t !== undefined);
      list.sort((a, b) => collator.compare(a.name, b.name));
      this.toolsBySchool.set(schoolId, list);
    }
    for (const l of ds.licenses) {
      this.licenses.set(l.id, l);
      const k = key(l.schoolId, l.toolId);
      const list = this.licensesByTool.get(k) ?? [];
      list.push(l);
      this.licensesByTool.set(k, list);
      this.activeByLicense.set(l.id, []);
    }
    for (const p of ds.pools) {
      const k = key(p.schoolId, p.toolId);
      const list = this.poolsByTool.get(k) ?? [];
      list.push(p);
      this.poolsByTool.set(k, list);
    }
    let maxSeq = 0;
    for (const a of ds.assignments) {
      this.assignments.set(a.id, a);
      maxSeq = Math.max(maxSeq, Number(a.id.slice(2)) || 0);
      if (a.revokedAt) continue;
      this.activeByLicense.get(a.licenseId)?.push(a);
      this.pushAssignee(a);
    }
    this.nextAssignmentSeq = maxSeq + 1;
    for (const s of ds.schools) this.searchIndex.set(s.id, []);
    for (const g of ds.groups) {
      this.searchIndex.get(g.schoolId)?.push({ type: 'GROUP', id: g.id, hay: fold(g.name) });
    }
    for (const u of ds.users) {
      const classes = u.groupIds.map((id) => this.groups.get(id)?.name ?? '').join(' ');
      this.searchIndex
        .get(u.schoolId)
        ?.push({ type: 'USER', id: u.id, hay: fold(`${u.name}\n${u.email}\n${classes}`) });
    }
  }

  private pushAssignee(a: AssignmentRec) {
    const k = who(a.assigneeType, a.assigneeId);
    const list = this.activeByAssignee.get(k);
    if (list) list.push(a);
    else this.activeByAssignee.set(k, [a]);
  }

  // --- lookups ----------------------------------------------------------------------------------
  school(id: string): SchoolRec | undefined {
    return this.schoolsById.get(id);
  }
  version(schoolId: string): number {
    return this.versions.get(schoolId) ?? 0;
  }
  private touch(schoolId: string) {
    this.versions.set(schoolId, ++versionCounter);
  }
  hasTool(schoolId: string, toolId: string): boolean {
    return this.toolsBySchool.get(schoolId)?.some((t) => t.id === toolId) ?? false;
  }
  toolRecs(schoolId: string): ToolRec[] {
    return this.toolsBySchool.get(schoolId) ?? [];
  }
  licensesOf(schoolId: string, toolId: string): LicenseRec[] {
    return this.licensesByTool.get(key(schoolId, toolId)) ?? [];
  }
  license(id: string): LicenseRec | undefined {
    return this.licenses.get(id);
  }
  user(id: string): UserRec | undefined {
    return this.users.get(id);
  }
  group(id: string): GroupRec | undefined {
    return this.groups.get(id);
  }
  assignment(id: string): AssignmentRec | undefined {
    return this.assignments.get(id);
  }
  assignedCount(licenseId: string): number {
    return this.activeByLicense.get(licenseId)?.length ?? 0;
  }

  // --- contract views -----------------------------------------------------------------------------
  toolView(schoolId: string, t: ToolRec): Tool {
    let seats = 0;
    let assigned = 0;
    let nextExpiry: string | null = null;
    for (const l of this.licensesOf(schoolId, t.id)) {
      if (l.kind !== 'SCHOOL') {
        seats += l.seats;
        assigned += this.assignedCount(l.id);
      }
      if (l.validUntil >= this.today && (nextExpiry === null || l.validUntil < nextExpiry))
        nextExpiry = l.validUntil;
    }
    const out: Tool = { id: t.id, name: t.name, toolType: t.toolType, seats, assigned, nextExpiry };
    if (t.supplier !== undefined) out.supplier = t.supplier;
    if (t.category !== undefined) out.category = t.category;
    if (t.grades !== undefined) out.grades = [...t.grades];
    return out;
  }

  licenseView(l: LicenseRec): License {
    return {
      id: l.id,
      kind: l.kind,
      seats: l.kind === 'SCHOOL' ? 0 : l.seats,
      assigned: l.kind === 'SCHOOL' ? 0 : this.assignedCount(l.id),
      validUntil: l.validUntil,
      availableTo: [...l.availableTo],
      poolId: l.poolId,
    };
  }

  poolView(p: PoolRec): Pool {
    let seats = 0;
    let assigned = 0;
    for (const id of p.licenseIds) {
      const l = this.licenses.get(id);
      if (!l) continue;
      seats += l.seats;
      assigned += this.assignedCount(id);
    }
    return {
      id: p.id,
      name: p.name,
      licenseIds: [...p.licenseIds],
      seats,
      assigned,
      autoAddNewLicenses: p.autoAddNewLicenses,
    };
  }

  toolDetail(schoolId: string, toolId: string): ToolDetail | undefined {
    const t = this.tools.get(toolId);
    if (!t || !this.hasTool(schoolId, toolId)) return undefined;
    return {
      tool: this.toolView(schoolId, t),
      licenses: this.licensesOf(schoolId, toolId).map((l) => this.licenseView(l)),
      pools: (this.poolsByTool.get(key(schoolId, toolId)) ?? []).map((p) => this.poolView(p)),
    };
  }

  assigneeView(type: AssigneeType, id: string): Assignee {
    if (type === 'USER') {
      const u = this.users.get(id);
      if (!u) return { type, id, name: id };
      return {
        type,
        id,
        name: u.name,
        role: u.role,
        email: u.email,
        groups: u.groupIds.map((g) => ({ id: g, name: this.groups.get(g)?.name ?? g })),
        active: u.active,
      };
    }
    const g = this.groups.get(id);
    if (!g) return { type, id, name: id };
    return { type, id, name: g.name, memberCount: g.memberIds.length };
  }

  assignmentView(a: AssignmentRec): Assignment {
    return {
      id: a.id,
      licenseId: a.licenseId,
      poolId: a.poolId,
      assignee: this.assigneeView(a.assigneeType, a.assigneeId),
      assignedAt: a.assignedAt,
    };
  }

  /** Current assignments of a tool in a stable order (license order, then as generated/added). */
  activeForTool(schoolId: string, toolId: string, licenseId?: string): AssignmentRec[] {
    if (licenseId !== undefined) {
      const l = this.licenses.get(licenseId);
      if (!l || l.schoolId !== schoolId || l.toolId !== toolId) return [];
      return this.activeByLicense.get(licenseId) ?? [];
    }
    const k = key(schoolId, toolId);
    let list = this.toolListCache.get(k);
    if (!list) {
      list = this.licensesOf(schoolId, toolId).flatMap((l) => this.activeByLicense.get(l.id) ?? []);
      this.toolListCache.set(k, list);
    }
    return list;
  }

  /**
   * For keyset paging of activeForTool(): the index of the first current assignment that sorts
   * after `afterId` (which may have been revoked since). The order is (license on the tool, then
   * sequence number); undefined when `afterId` is not an assignment of that list.
   */
  indexAfterAssignment(
    schoolId: string,
    toolId: string,
    licenseId: string | undefined,
    afterId: string,
  ): number | undefined {
    const after = this.assignments.get(afterId);
    if (!after || after.schoolId !== schoolId || after.toolId !== toolId) return undefined;
    if (licenseId !== undefined && after.licenseId !== licenseId) return undefined;
    const licenseIndex = new Map(this.licensesOf(schoolId, toolId).map((l, i) => [l.id, i]));
    const keyOf = (a: AssignmentRec): [number, number] => [
      licenseIndex.get(a.licenseId) ?? -1,
      Number(a.id.slice(2)) || 0,
    ];
    const [afterLicense, afterSeq] = keyOf(after);
    return indexAfter(this.activeForTool(schoolId, toolId, licenseId), 0, (a) => {
      const [l, seq] = keyOf(a);
      return l !== afterLicense ? l - afterLicense : seq - afterSeq;
    });
  }

  /** The sort key of the page's private API: folded holder name, then assignment id. */
  holderSortKey(a: AssignmentRec): string {
    const name =
      a.assigneeType === 'USER' ? this.users.get(a.assigneeId)?.name : this.groups.get(a.assigneeId)?.name;
    return `${fold(name ?? a.assigneeId)}\u0000${a.id}`;
  }

  /** Current assignments of some licenses of a tool, sorted by holderSortKey (cached per data version). */
  holdersByName(schoolId: string, toolId: string, licenseIds: readonly string[]): AssignmentRec[] {
    const k = `${this.version(schoolId)}|${key(schoolId, toolId)}|${licenseIds.join(',')}`;
    const cached = this.holderCache.get(k);
    if (cached) return cached;
    const wanted = new Set(licenseIds);
    const list = this.licensesOf(schoolId, toolId)
      .filter((l) => wanted.has(l.id))
      .flatMap((l) => this.activeByLicense.get(l.id) ?? [])
      .map((a) => ({ a, k: this.holderSortKey(a) }))
      .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0))
      .map((x) => x.a);
    if (this.holderCache.size > 64) this.holderCache.clear();
    this.holderCache.set(k, list);
    return list;
  }

  assignmentsOf(schoolId: string, type: AssigneeType, id: string): AssignmentWithTool[] {
    return (this.activeByAssignee.get(who(type, id)) ?? [])
      .filter((a) => a.schoolId === schoolId)
      .map((a) => ({
        ...this.assignmentView(a),
        toolId: a.toolId,
        toolName: this.tools.get(a.toolId)?.name ?? a.toolId,
      }));
  }

  searchPeople(schoolId: string, q: string, limit: number): Assignee[] {
    const needle = fold(q.trim());
    const out: Assignee[] = [];
    if (!needle) return out;
    for (const e of this.searchIndex.get(schoolId) ?? []) {
      if (!e.hay.includes(needle)) continue;
      out.push(this.assigneeView(e.type, e.id));
      if (out.length >= limit) break;
    }
    return out;
  }

  // --- effects --------------------------------------------------------------------------------------
  /** Per-item idempotent revoke. `accessibleSchools`: an id of a school the admin cannot manage is FORBIDDEN;
   * an id of another tool or another (manageable) school is NOT_FOUND. */
  revoke(
    schoolId: string,
    toolId: string,
    ids: string[],
    dryRun: boolean,
    accessibleSchools: ReadonlySet<string>,
  ): RevokeItem[] {
    const now = new Date().toISOString();
    const done = new Set<string>();
    const results: RevokeItem[] = [];
    for (const id of ids) {
      const a = this.assignments.get(id);
      if (!a) {
        results.push({ assignmentId: id, outcome: 'NOT_FOUND', message: 'no such assignment' });
      } else if (a.schoolId !== schoolId && !accessibleSchools.has(a.schoolId)) {
        results.push({
          assignmentId: id,
          outcome: 'FORBIDDEN',
          message: 'the assignment belongs to another school',
        });
      } else if (a.schoolId !== schoolId || a.toolId !== toolId) {
        results.push({ assignmentId: id, outcome: 'NOT_FOUND', message: 'not an assignment of this tool' });
      } else if (a.revokedAt !== null || done.has(id)) {
        results.push({ assignmentId: id, outcome: 'ALREADY_REVOKED' });
      } else {
        done.add(id);
        results.push({ assignmentId: id, outcome: 'REVOKED' });
      }
    }
    if (!dryRun && done.size > 0) {
      const licenses = new Set<string>();
      const assignees = new Set<string>();
      for (const id of done) {
        const a = this.assignments.get(id) as AssignmentRec;
        a.revokedAt = now;
        licenses.add(a.licenseId);
        assignees.add(who(a.assigneeType, a.assigneeId));
      }
      for (const l of licenses) {
        this.activeByLicense.set(
          l,
          (this.activeByLicense.get(l) ?? []).filter((a) => a.revokedAt === null),
        );
      }
      for (const k of assignees) {
        const left = (this.activeByAssignee.get(k) ?? []).filter((a) => a.revokedAt === null);
        if (left.length) this.activeByAssignee.set(k, left);
        else this.activeByAssignee.delete(k);
      }
      this.toolListCache.delete(key(schoolId, toolId));
      this.touch(schoolId);
    }
    return results;
  }

  /**
   * Moves a person into other classes (test control): their memberships, the search text and every
   * school dataset's version change, as when Skolon's school administration moves a pupil. Returns
   * false when there is no such user or a class is not of their school.
   */
  setClasses(userId: string, groupIds: readonly string[]): boolean {
    const user = this.users.get(userId);
    if (!user) return false;
    const groups = groupIds.map((id) => this.groups.get(id));
    if (groups.some((g) => !g || g.schoolId !== user.schoolId)) return false;
    for (const id of user.groupIds) {
      const g = this.groups.get(id);
      if (g) g.memberIds = g.memberIds.filter((m) => m !== userId);
    }
    user.groupIds = [...groupIds];
    for (const g of groups) if (g && !g.memberIds.includes(userId)) g.memberIds.push(userId);
    const entry = this.searchIndex.get(user.schoolId)?.find((e) => e.type === 'USER' && e.id === userId);
    if (entry) {
      const classes = user.groupIds.map((id) => this.groups.get(id)?.name ?? '').join(' ');
      entry.hay = fold(`${user.name}\n${user.email}\n${classes}`);
    }
    this.toolListCache.clear();
    this.holderCache.clear();
    this.touch(user.schoolId);
    return true;
  }

  /** Assign per item, in request order. The license must belong to the tool (checked by the caller). */
  assign(license: LicenseRec, assignees: { type: AssigneeType; id: string }[]): AssignItem[] {
    const results: AssignItem[] = [];
    const now = new Date().toISOString();
    let changed = false;
    for (const ref of assignees) {
      const assignee = { type: ref.type, id: ref.id };
      const fail = (outcome: AssignOutcome, message: string) => results.push({ assignee, outcome, message });
      const member = ref.type === 'USER' ? this.users.get(ref.id) : this.groups.get(ref.id);
      if (!member || member.schoolId !== license.schoolId) {
        fail('FAILED', `no such ${ref.type === 'USER' ? 'user' : 'group'} in this school`);
        continue;
      }
      if (license.kind === 'SCHOOL') {
        fail('NOT_ELIGIBLE', 'a school license is not assigned to individual users or groups');
        continue;
      }
      if (license.kind === 'SINGLE' && ref.type === 'GROUP') {
        fail('NOT_ELIGIBLE', 'a single license is assigned to users');
        continue;
      }
      if (license.kind === 'CLASS' && ref.type === 'USER') {
        fail('NOT_ELIGIBLE', 'a class license is assigned to classes');
        continue;
      }
      if (ref.type === 'USER' && !license.availableTo.includes((member as UserRec).role)) {
        fail('NOT_ELIGIBLE', `the license is not available to role ${(member as UserRec).role}`);
        continue;
      }
      const existing = (this.activeByAssignee.get(who(ref.type, ref.id)) ?? []).find(
        (a) => a.licenseId === license.id,
      );
      if (existing) {
        results.push({ assignee, outcome: 'ALREADY_ASSIGNED', assignmentId: existing.id });
        continue;
      }
      if (this.assignedCount(license.id) >= license.seats) {
        fail('NO_SEATS', 'no free seats on this license');
        continue;
      }
      const a: AssignmentRec = {
        id: `a-${String(this.nextAssignmentSeq++).padStart(6, '0')}`,
        schoolId: license.schoolId,
        toolId: license.toolId,
        licenseId: license.id,
        poolId: license.poolId,
        assigneeType: ref.type,
        assigneeId: ref.id,
        assignedAt: now,
        revokedAt: null,
      };
      this.assignments.set(a.id, a);
      this.activeByLicense.get(license.id)?.push(a);
      this.pushAssignee(a);
      changed = true;
      results.push({ assignee, outcome: 'ASSIGNED', assignmentId: a.id });
    }
    if (changed) {
      this.toolListCache.delete(key(license.schoolId, license.toolId));
      this.touch(license.schoolId);
    }
    return results;
  }
}
