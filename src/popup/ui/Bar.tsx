import type { Urgency } from '../model/urgency.ts';

/** How full a tool is. Decorative: the counts beside it are the accessible text. */
export function Bar({ assigned, seats, urgency }: { assigned: number; seats: number; urgency: Urgency }) {
  const share = seats > 0 ? Math.min(1, assigned / seats) : 0;
  return (
    <div class={`bar ${urgency}`} aria-hidden="true">
      <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </div>
  );
}
