// Which tools need the administrator's attention first: full, nearly full, then expiring soon.
import { fold } from '../../shared/fold.ts';
import { daysUntil } from '../../shared/ui/format.ts';

export interface ToolCounts {
  id: string;
  name: string;
  seats: number;
  assigned: number;
  /** Earliest license end date that has not passed yet (the contract's Tool.nextExpiry). */
  nextExpiry?: string | null;
  /** True when at least one license of the tool has already expired (from the tool's detail). */
  hasExpired?: boolean;
}

export type Urgency = 'full' | 'nearlyFull' | 'expiring' | 'normal';

/** Days ahead within which a license counts as expiring (Skolon's "Utgående licenser"). */
const EXPIRING_WITHIN_DAYS = 30;
/** At or above this share of seats taken a tool is "nearly full". */
const NEARLY_FULL_RATIO = 0.9;

const RANK: Record<Urgency, number> = { full: 0, nearlyFull: 1, expiring: 2, normal: 3 };

export interface RankedTool<T extends ToolCounts = ToolCounts> {
  tool: T;
  urgency: Urgency;
  available: number;
  /** Days left until nextExpiry, when it falls within EXPIRING_WITHIN_DAYS. */
  expiresInDays: number | null;
}

export function rankTool<T extends ToolCounts>(tool: T, today: string): RankedTool<T> {
  const available = Math.max(0, tool.seats - tool.assigned);
  const days = tool.nextExpiry ? daysUntil(tool.nextExpiry, today) : null;
  const expiresInDays = days !== null && days >= 0 && days <= EXPIRING_WITHIN_DAYS ? days : null;
  let urgency: Urgency = 'normal';
  // A tool without seats (free, local, school license) can never be full.
  if (tool.seats > 0 && available === 0) urgency = 'full';
  else if (tool.seats > 0 && tool.assigned / tool.seats >= NEARLY_FULL_RATIO) urgency = 'nearlyFull';
  else if (expiresInDays !== null) urgency = 'expiring';
  return { tool, urgency, available, expiresInDays };
}

/** Most urgent first; within a rank the fuller tool first, then by name (stable for the eye). */
export function sortByUrgency<T extends ToolCounts>(tools: T[], today: string, collator: Intl.Collator) {
  return tools
    .map((tool) => rankTool(tool, today))
    .sort(
      (a, b) =>
        RANK[a.urgency] - RANK[b.urgency] ||
        (a.urgency === 'expiring' ? (a.expiresInDays ?? 0) - (b.expiresInDays ?? 0) : 0) ||
        fill(b.tool) - fill(a.tool) ||
        collator.compare(a.tool.name, b.tool.name),
    );
}

function fill(tool: ToolCounts): number {
  return tool.seats > 0 ? tool.assigned / tool.seats : 0;
}

export interface Totals {
  assigned: number;
  seats: number;
  available: number;
}

export function totalsOf(tools: ToolCounts[]): Totals {
  let assigned = 0;
  let seats = 0;
  let available = 0;
  for (const t of tools) {
    assigned += t.assigned;
    seats += t.seats;
    available += Math.max(0, t.seats - t.assigned);
  }
  return { assigned, seats, available };
}

/**
 * The overview's tool filter: a plain substring (tool names, nobody is selected by it), folded
 * like every other search (fold.ts): "asa" finds "Åsa", "boker" finds "Bøker". null when the
 * filter is empty: every tool, without folding each name on every render.
 */
export function toolFilter(filter: string): ((name: string) => boolean) | null {
  const needle = fold(filter);
  return needle === '' ? null : (name) => fold(name).includes(needle);
}
