// The look of the parts loaded on demand (parts.ts): the overlays (confirmations, keyboard help), the
// result card with its bar, the lists of names and the panel's forms. Each part renders it, so the
// panel's own styles (styles.ts) do not carry it; a <style> anywhere in our shadow root applies to
// all of it, and two parts shown at once repeat the same rules harmlessly.
// The bar fills by a transform, not a width: its transition then runs on the compositor. A width's
// ran on the page's main thread after each batch of page mode, frames of their own beside the
// page's list (a trace of 500 rows: 31 layouts and 80 paints, 16 and 56 with the transform).
const PARTS_CSS = `
.result { right: 16px; bottom: 16px; width: 340px; }
.bar { height: 8px; background: var(--chip); border-radius: 999px; overflow: hidden; }
.bar > div { height: 100%; background: var(--accent); transform-origin: 0 0; transition: transform .2s; }
ul.names { margin: 0; padding-left: 18px; max-height: 140px; overflow: auto; font-size: 13px; }
.overlay {
  position: fixed; inset: 0; z-index: 2147483001; pointer-events: auto; background: rgba(16,24,40,.45);
  display: flex; align-items: center; justify-content: center;
}
.overlay .card { position: static; width: min(420px, 92vw); }
table.keys { border-collapse: collapse; font-size: 13px; }
table.keys td, table.keys th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; background: var(--chip); }
label.choice { display: flex; gap: 6px; align-items: center; font-size: 13px; }
input[type="text"], input[type="datetime-local"] {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: 6px; padding: 6px 8px; width: 100%;
}
@media (prefers-reduced-motion: reduce) { .bar > div { transition: none; } }
.subform { display: flex; flex-direction: column; gap: 6px; border-top: 1px solid var(--line); padding-top: 8px; }
`;

export function PartsStyle() {
  return <style>{PARTS_CSS}</style>;
}
