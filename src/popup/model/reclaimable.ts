// Seats that can be taken back without hurting anyone: the end-of-school-year cleanup.
// Pure: it reads a tool's licenses and current assignments and says which assignments, and why.
import type { Assignment, License } from '../../shared/model.ts';

export type ReclaimReason = 'inactive' | 'doubled' | 'expired';
export const RECLAIM_REASONS: readonly ReclaimReason[] = ['inactive', 'doubled', 'expired'];

export interface ToolHoldings {
  toolId: string;
  toolName: string;
  licenses: Pick<License, 'id' | 'kind' | 'validUntil'>[];
  assignments: Assignment[];
}

export interface ReclaimableSeat {
  toolId: string;
  toolName: string;
  assignment: Assignment;
  reasons: ReclaimReason[];
}

interface ToolReclaim {
  toolId: string;
  toolName: string;
  seats: ReclaimableSeat[];
  /** How many seats each reason covers (a seat may have several reasons). */
  byReason: Record<ReclaimReason, number>;
}

/**
 * - inactive: a user who has left the school (`active: false`) still holds a seat;
 * - doubled: a user holds a seat of their own while one of their classes holds a valid CLASS
 *   license of the same tool (the user's own seat is the spare one);
 * - expired: the license the assignment belongs to ended before `today`.
 */
function reclaimableOfTool(holdings: ToolHoldings, today: string): ToolReclaim {
  const licenses = new Map(holdings.licenses.map((l) => [l.id, l]));
  const expired = (licenseId: string) => {
    const license = licenses.get(licenseId);
    return license !== undefined && license.validUntil < today;
  };
  const classesWithClassLicense = new Set(
    holdings.assignments
      .filter((a) => a.assignee.type === 'GROUP' && licenses.get(a.licenseId)?.kind === 'CLASS')
      .filter((a) => !expired(a.licenseId))
      .map((a) => a.assignee.id),
  );
  const byReason: Record<ReclaimReason, number> = { inactive: 0, doubled: 0, expired: 0 };
  const seats: ReclaimableSeat[] = [];
  for (const assignment of holdings.assignments) {
    const { assignee } = assignment;
    const reasons: ReclaimReason[] = [];
    if (assignee.type === 'USER' && assignee.active === false) reasons.push('inactive');
    if (assignee.type === 'USER' && assignee.groups?.some((g) => classesWithClassLicense.has(g.id))) {
      reasons.push('doubled');
    }
    if (expired(assignment.licenseId)) reasons.push('expired');
    if (reasons.length === 0) continue;
    for (const r of reasons) byReason[r]++;
    seats.push({ toolId: holdings.toolId, toolName: holdings.toolName, assignment, reasons });
  }
  return { toolId: holdings.toolId, toolName: holdings.toolName, seats, byReason };
}

export interface ReclaimSummary {
  tools: ToolReclaim[];
  /** Distinct seats over all tools and reasons. */
  total: number;
  byReason: Record<ReclaimReason, number>;
}

export function reclaimableSeats(all: ToolHoldings[], today: string): ReclaimSummary {
  const tools = all.map((h) => reclaimableOfTool(h, today)).filter((t) => t.seats.length > 0);
  const byReason: Record<ReclaimReason, number> = { inactive: 0, doubled: 0, expired: 0 };
  let total = 0;
  for (const tool of tools) {
    total += tool.seats.length;
    for (const r of RECLAIM_REASONS) byReason[r] += tool.byReason[r];
  }
  return { tools, total, byReason };
}

/** The seats a chosen reason (or all reasons) selects, tool by tool, ready to become a withdrawal. */
export function selectSeats(
  summary: ReclaimSummary,
  reason: ReclaimReason | 'all',
  toolId?: string,
): ReclaimableSeat[] {
  return summary.tools
    .filter((t) => toolId === undefined || t.toolId === toolId)
    .flatMap((t) => t.seats.filter((s) => reason === 'all' || s.reasons.includes(reason)));
}
