// Our UI's look, inside the shadow root only: quiet, close to Skolon's admin pages (white cards,
// blue primary buttons), with a dark variant that follows the system. Sizes in px, because the
// host page's root font size is not ours to rely on. What only the parts loaded on demand show (the
// overlays, the result card, the forms) is their own: parts-style.tsx.
export const CONTENT_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.lk {
  --bg: #ffffff; --fg: #1f2a37; --muted: #5b6474; --line: #d9dee6; --accent: #1f56ba;
  --accent-fg: #ffffff; --chip: #eef2f8; --chip-on: #1f56ba; --chip-on-fg: #ffffff;
  --danger: #b42318; --danger-bg: #fdecea; --ok: #067647; --warn-bg: #fff6e5; --focus: #1f56ba;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--fg);
}
@media (prefers-color-scheme: dark) {
  .lk {
    --bg: #1c2330; --fg: #e6e9ef; --muted: #aab3c2; --line: #3a4455; --accent: #8fb4ff;
    --accent-fg: #0d1420; --chip: #2a3342; --chip-on: #8fb4ff; --chip-on-fg: #0d1420;
    --danger: #ffb4a9; --danger-bg: #3b1f1c; --ok: #7ee2b8; --warn-bg: #3a3020; --focus: #8fb4ff;
  }
}
.card {
  position: fixed; z-index: 2147483000; pointer-events: auto; background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 12px 32px rgba(16,24,40,.28);
  padding: 12px; display: flex; flex-direction: column; gap: 10px; max-height: 88vh; overflow: auto;
}
.notice { right: 16px; bottom: 16px; max-width: 320px; flex-direction: row; align-items: center; padding: 8px 10px; }
.head { display: flex; align-items: center; gap: 8px; }
.title { font-weight: 700; font-size: 14px; margin: 0; flex: 1; }
.muted { color: var(--muted); font-size: 13px; }
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
label.field { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
input[type="search"] {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: 6px; padding: 7px 9px; width: 100%;
}
button {
  font: inherit; font-size: 13px; cursor: pointer; border-radius: 6px; padding: 6px 10px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg);
}
button:disabled { cursor: not-allowed; opacity: .55; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
button.danger { background: var(--danger); border-color: var(--danger); color: var(--bg); font-weight: 600; }
button.link { border: 0; background: none; color: var(--accent); padding: 2px 4px; text-decoration: underline; }
button.icon { border: 0; background: none; color: var(--muted); font-size: 18px; line-height: 1; padding: 2px 6px; }
button[aria-pressed] { background: var(--chip); border-color: transparent; border-radius: 999px; padding: 3px 10px; }
button[aria-pressed="true"] { background: var(--chip-on); color: var(--chip-on-fg); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
legend { font-size: 12px; color: var(--muted); padding: 0; margin-bottom: 4px; text-transform: uppercase; letter-spacing: .03em; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; max-height: 96px; overflow: auto; }
.warn { background: var(--warn-bg); border-radius: 6px; padding: 8px; font-size: 13px; }
.error { background: var(--danger-bg); color: var(--danger); border-radius: 6px; padding: 8px; font-size: 13px; }
.subtitle { font-weight: 600; font-size: 13px; margin: 0; }
.views { display: flex; flex-direction: column; gap: 6px; border-top: 1px solid var(--line); padding-top: 8px; }
ul.views-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; max-height: 160px; overflow: auto; }
ul.views-list li { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; font-size: 13px; }
ul.views-list .actions { margin-left: auto; }
button.missing { border: 1px dashed var(--muted); }
.ok { color: var(--ok); font-size: 13px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
